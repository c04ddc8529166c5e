"""The loading card shown between screens: what is coming, a labelled card (a game tip, or
a sentence from the news), and both players' keys.

The card is drawn once before the slow work (generating the chart, rendering its music)
runs, so the player reads something instead of staring at a frozen screen. Work that can take
long and touches no window or mixer (``prepare``: decoding a song's own audio, slowing it for
practice) runs on a worker thread first, while the card stays live (its dots move, Esc goes
back at once); the rest (``work``) then runs on the game's thread. With ``auto`` the card
goes on by itself as soon as the work is done (``min_s`` can hold it longer); Enter goes on
too, Esc goes back. If the work fails the card says why and waits for Esc. A Summit Tour
stage uses the same card for its intro (``auto=False``: it waits for Enter).
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Callable
from typing import Any

import pygame

from ....core.errors import DrumSyncError
from ...runtime import theme
from ...runtime.scenes import Scene
from ...widgets.key_hints import render_hints
from ...widgets.menu_backdrop import FOOTER_Y, render_menu_backdrop
from ...widgets.player_keys import draw_settings_keys
from ...widgets.text_fit import fit_paragraph, fit_text

#: The card stays only while work is really being done.
MIN_S = 0.0
GO_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
CARD = pygame.Rect(190, 104, theme.CANVAS_W - 380, 500)
TIP_RECT = pygame.Rect(CARD.x + 60, CARD.y + 214, CARD.width - 120, 150)
KEYS_RECT = pygame.Rect(CARD.x + 40, CARD.bottom - 128, CARD.width - 80, 60)


class TipCardScene(Scene):
    title_music = False  # it builds the match, which opens the mixer for its song

    def __init__(
        self,
        ctx,
        tip: str,
        heading: str,
        work: Callable[[], Any],
        then: Callable[[Any], None],
        on_cancel: Callable[[], None] | None = None,
        detail: str = "",
        min_s: float = MIN_S,
        label: str = "TIP",
        auto: bool = True,
        kicker: str = "GET READY",
        settings=None,
        prepare: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.tip = tip
        self.heading = heading
        self.detail = detail
        self.work = work
        self.then = then
        self.on_cancel = on_cancel
        self.min_s = min_s
        self.label = label
        self.auto = auto
        self.kicker = kicker
        self.settings = settings
        self.prepare = prepare
        self._preparing: threading.Thread | None = None
        self.result: Any = None
        self.done = False
        self.error = ""
        self.frames = 0
        self.shown_s = 0.0
        self.now_s = 0.0
        self._card: pygame.Surface | None = None
        self._hints_wait: pygame.Surface | None = None
        self._hints_go: pygame.Surface | None = None
        self._left = False

    def enter(self) -> None:
        self.shown_s = self.now_s = self.ctx.timer.now()
        if self._card is None:
            self._card = self._render_card()
            text = self.ctx.text
            self._hints_wait = render_hints(text, (("ESC", "back"),))
            self._hints_go = render_hints(text, (("ENTER", "go"), ("ESC", "back")))

    @property
    def ready(self) -> bool:
        return self.done and not self.error

    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type != pygame.KEYDOWN:
            return
        if event.key == pygame.K_ESCAPE:
            self.cancel()
        elif event.key in GO_KEYS and self.ready:
            self._go()

    def cancel(self) -> None:
        if self._left:
            return
        self._left = True
        self.go_back(self.on_cancel)

    @property
    def preparing(self) -> bool:
        """True while the worker thread's part of the work runs."""
        return self._preparing is not None and self._preparing.is_alive()

    def _start_preparing(self) -> None:
        self._preparing = threading.Thread(
            target=self._run_prepare, name="drumsync-prepare", daemon=True
        )
        self._preparing.start()

    def _run_prepare(self) -> None:
        # A failure here is met again by the work, on the game's thread, which reports it.
        with contextlib.suppress(DrumSyncError, ValueError, OSError):
            self.prepare()  # type: ignore[misc]

    def update(self, now_s: float) -> None:
        self.now_s = now_s
        if not self.done and self.frames >= 1 and not self._left:  # the card is on screen
            if self.prepare is not None and self._preparing is None:
                self._start_preparing()
            if self.preparing:
                return
            try:
                self.result = self.work()
            except (DrumSyncError, ValueError, OSError) as error:
                self.error = str(error) or type(error).__name__
            self.done = True
        if self.auto and self.ready and now_s - self.shown_s >= self.min_s:
            self._go()

    def _go(self) -> None:
        if self._left:
            return
        self._left = True
        self.then(self.result)

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, canvas: pygame.Surface) -> None:
        self.frames += 1
        canvas.blit(self._card, (0, 0))
        text = self.ctx.text
        cx = CARD.centerx
        if self.error:
            fit_text(
                canvas,
                text,
                self.error,
                theme.FONT_SMALL,
                theme.OI_VERMILLION,
                (cx, CARD.bottom - 36),
                CARD.width - 40,
                anchor="center",
            )
        elif self.ready and not self.auto:
            pulse = 0.5 + 0.5 * math.cos(2 * math.pi * (self.now_s - self.shown_s) / 1.6)
            text.blit(
                canvas,
                "PRESS ENTER TO START",
                theme.FONT_SMALL,
                theme.OI_YELLOW,
                (cx, CARD.bottom - 36),
                "center",
                alpha=round(140 + 115 * pulse),
            )
        else:
            self._draw_pulse(canvas, (cx, CARD.bottom - 36))
        hints = self._hints_go if self.ready else self._hints_wait
        canvas.blit(hints, (0, FOOTER_Y - hints.get_height() // 2))

    def _draw_pulse(self, canvas: pygame.Surface, centre: tuple[int, int]) -> None:
        """Four dots lighting up in turn, like a count-in."""
        t = self.now_s - self.shown_s
        x0 = centre[0] - 3 * 14
        for i in range(4):
            phase = (t * 2.0 - i * 0.25) % 1.0
            lit = max(0.0, math.cos(phase * math.pi * 2)) if phase < 0.25 or phase > 0.75 else 0.0
            colour = theme.mix(theme.PANEL_EDGE, theme.OI_YELLOW, lit)
            pygame.draw.aacircle(canvas, colour, (x0 + i * 28, centre[1]), 7)

    def _render_card(self) -> pygame.Surface:
        text = self.ctx.text
        surface = render_menu_backdrop(text, "LOADING" if self.auto else "GET READY")
        pygame.draw.rect(surface, theme.PANEL, CARD, border_radius=18)
        pygame.draw.rect(surface, theme.PANEL_EDGE, CARD, 2, border_radius=18)
        stripe = pygame.Rect(CARD.x, CARD.y, CARD.width, 6)
        half = stripe.width // 2
        pygame.draw.rect(
            surface, theme.PLAYER_COLOURS[theme.Player.P1], (stripe.x + 18, stripe.y, half - 18, 6)
        )
        pygame.draw.rect(
            surface,
            theme.PLAYER_COLOURS[theme.Player.P2],
            (stripe.x + half, stripe.y, half - 18, 6),
        )
        cx = CARD.centerx
        text.blit(
            surface, self.kicker, theme.FONT_SMALL, theme.TEXT_FAINT, (cx, CARD.y + 42), "center"
        )
        text.blit(surface, self.heading, theme.FONT_BIG, theme.TEXT, (cx, CARD.y + 96), "center")
        if self.detail:
            text.blit(
                surface, self.detail, theme.FONT_SMALL, theme.TEXT_DIM, (cx, CARD.y + 146), "center"
            )
        if self.tip:
            if self.label:
                y = CARD.y + 196
                text.blit(surface, self.label, theme.FONT_TINY, theme.OI_YELLOW, (cx, y), "center")
            # a tip is a side note; a stage's intro is what the card is about
            size = theme.FONT_SMALL if self.label else theme.FONT_BODY
            colour = theme.TEXT_DIM if self.label else theme.TEXT
            gap = 0 if self.label else 4
            fit_paragraph(surface, text, self.tip, size, colour, TIP_RECT, line_gap=gap)
        if self.settings is not None:
            draw_settings_keys(surface, text, self.settings, KEYS_RECT, theme.FONT_SMALL)
        return surface.convert() if pygame.display.get_surface() is not None else surface
