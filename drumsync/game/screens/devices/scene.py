"""Kits and controllers: who plays on which device, its pad map, velocity threshold,
double-trigger window, hi-hat pedal and latency; "Bind pads"; and, live beside them, every
strike that arrives (the input test of the devices).

Devices plugged in now come first, then those remembered from the settings. Every change
applies at once (the next hit already uses it) and is handed to ``on_change(settings)``:
the settings screen saves it when it is left. Nothing here needs a device to be present.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from ....devices import DeviceKind, DeviceProfile
from ....storage.settings import Settings
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.input.devices import DeviceStatus
from ...runtime.scenes import Scene
from ...widgets.form.option_form import OptionForm
from ...widgets.form.rows import FormEvent
from ...widgets.key_hints import render_hints
from ...widgets.menu_frame import blit_hints, draw_header
from ...widgets.panels import draw_card
from ...widgets.status_line import StatusLine
from ...widgets.strike_log import draw_strike_log
from ...widgets.text_fit import wrap_words
from ..pad_binding import PadBindingScene
from .rows import NO_DEVICE, changed_profile, device_rows, profile_values

FORM_CARD = pygame.Rect(40, 72, 620, 560)
LOG_CARD = pygame.Rect(680, 72, 560, 560)
ROW_H = 42
NOTHING_FOUND = (
    "No kit or controller found. Plug a drum kit in by USB (MIDI) or a gamepad or taiko "
    "drum: controllers appear by themselves, kits on Look for devices."
)


class DevicesScene(Scene):
    def __init__(
        self, ctx: GameContext, settings: Settings, on_change: Callable[[Settings], None]
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings
        self.on_change = on_change
        self.status = StatusLine()
        self._now_s = ctx.timer.now()
        self._strikes_before = ctx.devices.router.strikes
        self.device = NO_DEVICE
        #: the pad of this device struck last (its own threshold has a row)
        self.last_pad = ""
        self.form: OptionForm | None = None
        self._hints: pygame.Surface | None = None

    # -- the devices --------------------------------------------------------------------------
    def statuses(self) -> list[DeviceStatus]:
        return self.ctx.devices.statuses()

    def profile(self) -> DeviceProfile | None:
        return self.ctx.devices.router.profile(self.device) if self.device else None

    def rebuild(self, device: str | None = None) -> None:
        """The form for ``device`` (default: the one shown, else the first there is)."""
        statuses = self.statuses()
        names = [s.name for s in statuses]
        wanted = device if device is not None else self.device
        chosen = wanted if wanted in names else (names[0] if names else NO_DEVICE)
        if chosen != self.device:
            self.last_pad = ""
        self.device = chosen
        labels = [(s.name, s.name + ("" if s.present else "  (unplugged)")) for s in statuses]
        profile = self.profile()
        kind = profile.kind if profile is not None else DeviceKind.MIDI
        selected = self.form.selected_row.key if self.form is not None else "device"
        pad_label = profile.pad_label(self.last_pad) if profile and self.last_pad else ""
        self.form = OptionForm(
            device_rows(labels, kind, pad_label),
            profile_values(self.device, profile, self.last_pad),
        )
        keys = [row.key for row in self.form.rows]
        self.form.select(selected if selected in keys else "device")

    # -- input ----------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        if self.form is None:
            return
        result = self.form.handle(event, stamp_s)
        if result is not None:
            self._react(result)

    def _react(self, result: FormEvent) -> None:
        if result.kind == "back":
            self.pop_self()
        elif result.kind == "activated":
            self._activate(result.key)
        elif result.kind == "changed" and result.key == "device":
            self.rebuild(result.value)
        elif result.kind == "changed":
            self._change(result.key, result.value)
        elif result.kind == "refused" and self.form is not None:
            self.status.show(self.form.message, self._now_s, error=True)

    def _change(self, key: str, value: Any) -> None:
        profile = self.profile()
        if profile is None:
            self.status.show("No kit or controller to set up yet.", self._now_s, error=True)
            return
        try:
            profile = changed_profile(profile, key, value, self.last_pad)
        except ValueError as error:
            self.status.show(str(error), self._now_s, error=True)
            self.form.values.update(profile_values(self.device, profile, self.last_pad))
            return
        self.store(profile)
        if key == "preset":
            self.rebuild()

    def store(self, profile: DeviceProfile) -> None:
        """Use ``profile`` from the next hit on, and hand the settings holding it on."""
        self.ctx.devices.set_profile(profile)
        self.settings = self.settings.with_device(profile)
        self.on_change(self.settings)

    def _activate(self, key: str) -> None:
        if key == "back":
            self.pop_self()
        elif key == "rescan":
            self.ctx.devices.rescan_midi()
            self.rebuild()
            found = len([s for s in self.statuses() if s.present])
            self.status.show(
                f"{found} plugged in" if found else NOTHING_FOUND, self._now_s, prompt=not found
            )
        elif key == "bind":
            self.bind_pads()

    def bind_pads(self) -> None:
        profile = self.profile()
        if profile is None or self.stack is None:
            self.status.show("No kit or controller to bind.", self._now_s, error=True)
        elif profile.player is None:
            self.status.show("Choose who plays on it first (Plays for).", self._now_s, error=True)
        elif not any(s.present for s in self.statuses() if s.name == profile.name):
            message = f"Plug {profile.name} in to bind its pads (it is not plugged in now)."
            self.status.show(message, self._now_s, error=True)
        else:
            self.stack.push(PadBindingScene(self.ctx, profile, on_done=self._bound))

    def _bound(self, profile: DeviceProfile | None) -> None:
        if profile is not None:
            self.store(profile)
            self.status.show(f"{profile.name}: pads bound", self._now_s)

    # -- time and drawing -------------------------------------------------------------------------
    def enter(self) -> None:
        self._now_s = self.ctx.timer.now()
        self.rebuild()
        if self._hints is None:
            self._hints = render_hints(
                self.ctx.text,
                (
                    ("UP/DOWN", "choose"),
                    ("LEFT/RIGHT", "change"),
                    ("ENTER", "run"),
                    ("ESC", "back"),
                ),
                arrows=True,
            )

    def cover(self) -> None:
        if self.form is not None:
            self.form.release_keys()

    def update(self, now_s: float) -> None:
        self._now_s = now_s
        if self.form is not None:
            for result in self.form.update(now_s):
                self._react(result)
        mine = [
            r.hit.pad
            for r in self.ctx.devices.router.strikes_since(self._strikes_before)
            if r.hit.device == self.device
        ]
        if mine and mine[-1] != self.last_pad:
            self.last_pad = mine[-1]
            self.rebuild()
        present = {s.name for s in self.statuses() if s.present}
        if self.device and self.device not in present and present and not self._known(present):
            self.rebuild()

    def _known(self, present: set[str]) -> bool:
        if self.form is None:
            return False
        return present <= set(self.form.row("device").kind.options)

    def draw(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        canvas.fill(theme.BACKGROUND)
        note = self.ctx.devices.midi_note
        draw_header(
            canvas,
            text,
            "KITS AND CONTROLLERS",
            subtitle="Drum kits, gamepads, taiko drums",
            right_top="changes apply at once",
            right_bottom=note or "saved with the settings",
        )
        draw_card(canvas, FORM_CARD)
        if self.form is not None:
            shown = min(len(self.form.rows), 10)
            rows = pygame.Rect(FORM_CARD.x + 12, FORM_CARD.y + 12, FORM_CARD.width - 24, 10 * ROW_H)
            self.form.draw(canvas, text, rows, row_h=ROW_H)
            self._draw_message(canvas, rows.y + shown * ROW_H + 16)
        draw_card(canvas, LOG_CARD)
        text.blit(
            canvas, "STRIKES", theme.FONT_TINY, theme.TEXT_FAINT, (LOG_CARD.x + 18, LOG_CARD.y + 16)
        )
        log = pygame.Rect(LOG_CARD.x + 18, LOG_CARD.y + 48, LOG_CARD.width - 36, 490)
        strikes = self.ctx.devices.router.strikes_since(self._strikes_before)
        draw_strike_log(canvas, text, log, strikes)
        if self._hints is not None:
            blit_hints(canvas, self._hints)

    def _draw_message(self, canvas: pygame.Surface, y: int) -> None:
        text = self.ctx.text
        if self.status.visible(self._now_s):
            message, colour = self.status.text, self.status.colour
        else:
            message = self.form.selected_row.hint if self.form is not None else ""
            colour = theme.TEXT_DIM
        width = FORM_CARD.width - 48
        for line in wrap_words(message, width, lambda s: text.size(s, theme.FONT_SMALL)[0])[:3]:
            text.blit(canvas, line, theme.FONT_SMALL, colour, (FORM_CARD.x + 24, y))
            y += 26
