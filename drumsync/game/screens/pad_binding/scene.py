""" "Hit the pad for ...": a device's pads bound drum by drum, for the player who plays on it.

The drums are asked for in the player's lane order. The first strike of this device after
the question binds its pad (whatever it played before: an unbound pad works too); strikes in
the next :data:`SETTLE_S` are ignored, so a double trigger does not answer the next question.
S or Tab skips a drum (it keeps its pads), Backspace goes back one, Esc cancels (nothing
changes); after the last drum ``on_done(profile)`` gets the bound profile, which the caller
stores under the device's name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from ....core.voices import Voice
from ....devices import DeviceProfile
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.input.keyboard import LANE_ORDER
from ...runtime.scenes import Scene
from ...widgets.key_hints import render_hints
from ...widgets.menu_frame import blit_hints, draw_header
from ...widgets.panels import draw_card
from ...widgets.text_fit import fit_text

SETTLE_S = 0.3
SKIP_KEYS = (pygame.K_s, pygame.K_TAB)
CARD = pygame.Rect(240, 150, 800, 420)


class PadBindingScene(Scene):
    def __init__(
        self,
        ctx: GameContext,
        profile: DeviceProfile,
        on_done: Callable[[DeviceProfile | None], None],
    ) -> None:
        if profile.player is None:
            raise ValueError("binding needs the player who plays on the device")
        super().__init__()
        self.ctx = ctx
        self.profile = profile
        self.on_done = on_done
        self.voices: tuple[Voice, ...] = LANE_ORDER[profile.player]
        self.step = 0
        self.bound: dict[Voice, str] = {}
        self._seen = ctx.devices.router.strikes
        self._quiet_until_s = 0.0
        self._now_s = ctx.timer.now()
        self._hints: pygame.Surface | None = None

    @property
    def voice(self) -> Voice | None:
        return self.voices[self.step] if self.step < len(self.voices) else None

    # -- answers ------------------------------------------------------------------------------
    def strike(self, pad: str, when_s: float) -> None:
        """A strike of this device's ``pad``: it answers the question asked now."""
        voice = self.voice
        if voice is None or when_s < self._quiet_until_s:
            return
        self.profile = self.profile.with_binding(pad, voice)
        self.bound[voice] = pad
        self._quiet_until_s = when_s + SETTLE_S
        self._next()

    def _next(self) -> None:
        self.step += 1
        if self.step >= len(self.voices):
            self.pop_self()
            self.on_done(self.profile)

    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type != pygame.KEYDOWN:
            return
        if event.key == pygame.K_ESCAPE:
            self.pop_self()
            self.on_done(None)
        elif event.key in SKIP_KEYS:
            self._next()
        elif event.key == pygame.K_BACKSPACE and self.step > 0:
            self.step -= 1

    def update(self, now_s: float) -> None:
        self._now_s = now_s
        router = self.ctx.devices.router
        for record in router.strikes_since(self._seen):
            if record.hit.device == self.profile.name:
                self.strike(record.hit.pad, record.hit.stamp_s)
        self._seen = router.strikes

    # -- drawing ------------------------------------------------------------------------------
    def enter(self) -> None:
        self._seen = self.ctx.devices.router.strikes
        if self._hints is None:
            self._hints = render_hints(
                self.ctx.text, (("S", "skip"), ("BACKSPACE", "back one"), ("ESC", "cancel"))
            )

    def draw(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        player = self.profile.player
        colour = theme.PLAYER_COLOURS[player]
        canvas.fill(theme.BACKGROUND)
        draw_header(
            canvas,
            text,
            "BIND PADS",
            subtitle=self.profile.name,
            right_top=theme.PLAYER_NAMES[player].title(),
            right_bottom=f"drum {min(self.step + 1, len(self.voices))} of {len(self.voices)}",
        )
        draw_card(canvas, CARD, colour)
        voice = self.voice
        cx = CARD.centerx
        if voice is not None:
            text.blit(
                canvas,
                "Hit the pad for",
                theme.FONT_LABEL,
                theme.TEXT_DIM,
                (cx, CARD.y + 70),
                "center",
            )
            text.blit(
                canvas,
                voice.label.upper(),
                theme.FONT_BIG + 24,
                theme.VOICE_COLOURS[voice],
                (cx, CARD.y + 150),
                "center",
            )
        y = CARD.y + 250
        for v in self.voices:
            pad = self.bound.get(v)
            shown = (
                self.profile.pad_label(pad)
                if pad
                else ", ".join(self.profile.pad_label(p) for p in self.profile.pads_of(v)[:3])
                or "no pad"
            )
            line = f"{v.label}: {shown}"
            ink = theme.TEXT if v is voice else theme.TEXT_DIM
            fit_text(canvas, text, line, theme.FONT_SMALL, ink, (CARD.x + 60, y), CARD.w - 120)
            y += 30
        if self._hints is not None:
            blit_hints(canvas, self._hints)
