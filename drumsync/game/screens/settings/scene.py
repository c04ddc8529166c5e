"""Settings: each player's drum keys and offsets, and the game's windows, speed, volumes,
fullscreen and audio buffer, all from the keyboard.

Three cards (Player 1, Player 2, Game) and, below, both players' pads with their keys and
the actions (key test, save and go back). Up/Down walk through every row, Tab jumps to the
next card. On a key row, Enter waits for the key to bind: a key another drum already has is
refused with a message naming that drum, Esc cancels, Esc and F11 can never be drum keys.
On an offset row, Left/Right adjust it and Enter opens the calibration for that player.

Changes live in memory until the screen is left (Esc or "Save and go back"): then they are
written with ``save_settings`` (atomic: the old file stays whole until the new one is
complete) and ``on_close(settings)`` is called with them. If writing fails the screen stays,
says why, and a second Esc leaves without saving (the changes still apply to this run; the
file on disk is untouched). If the scene is still on top of its stack after ``on_close`` it
pops itself. Settings that take effect only at start-up (the audio buffer) say so.

The rows are declared in :mod:`.settings_rows`, drawn by :mod:`.settings_panels`; which key
may become a drum key is :mod:`.drum_key_rules`' to say.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from ....core.voices import Player, Voice
from ....storage.settings import Settings, load_settings, save_settings
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.input.keyboard import Bindings, key_label
from ...runtime.scenes import Scene
from ...runtime.sprites import render_note
from ...widgets.form.option_form import OptionForm
from ...widgets.form.rows import FormEvent
from ...widgets.key_hints import render_hints
from ...widgets.menu_frame import blit_hints, draw_header
from ...widgets.status_line import StatusLine
from ..calibration import open_calibration
from ..devices import DevicesScene
from .drum_key_rules import drum_key_name
from .key_test import KeyTestScene
from .panels import draw_actions_panel, draw_cards, draw_keys_panel
from .rows import apply_value, form_values, key_row, row_hint, settings_rows, slot_text


class SettingsScene(Scene):
    def __init__(
        self,
        ctx: GameContext,
        on_close: Callable[[Settings], None],
        settings: Settings | None = None,
        path: str | os.PathLike | None = None,
    ) -> None:
        """``settings``: what to edit (default: loaded from ``path``, the user's file by
        default); ``path``: where leaving saves them."""
        super().__init__()
        self.ctx = ctx
        self.on_close = on_close
        self.path = Path(path) if path is not None else None
        self.status = StatusLine()
        self._now_s = ctx.timer.now()
        self.load_warnings: list[str] = []
        if settings is None:
            loaded = load_settings(self.path)
            settings, self.load_warnings = loaded.settings, list(loaded.warnings)
        #: what the file holds (as far as this scene knows): leaving saves only a difference
        self.saved = settings
        showing = ctx.is_fullscreen()
        if showing is not None and showing != settings.fullscreen:
            settings = settings.replace(fullscreen=showing)  # F11 switched it: say so
        self.settings = settings
        self.capturing: tuple[Player, Voice] | None = None
        self._capture_since_s = 0.0
        self._save_failed = False
        self.closed = False
        self._icons = {
            v: render_note(theme.VOICE_SHAPES[v], 20, theme.VOICE_COLOURS[v]) for v in Voice
        }
        self.form = OptionForm(settings_rows(self._icons, self._key_text), form_values(settings))
        self._hints: pygame.Surface | None = None

    # -- rows ---------------------------------------------------------------------------------
    def _key_text(self, player: Player, voice: Voice) -> Callable[[Any], str]:
        def text(name: Any) -> str:
            if self.capturing == (player, voice):
                return "press a key"
            return key_label(str(name))

        return text

    def _row_hint(self) -> str:
        row = self.form.selected_row
        return row_hint(row, self.form.value(row.key))

    # -- binding keys -----------------------------------------------------------------------
    def start_capture(self, player: Player, voice: Voice) -> None:
        self.capturing = (player, voice)
        self._capture_since_s = self._now_s
        self.status.show(
            f"Press the key for {slot_text(player, voice).lower()}  ·  Esc cancels",
            self._now_s,
            for_s=1e9,
            prompt=True,
        )

    def bind(self, key_code: int) -> bool:
        """Bind the pressed key to the drum being captured; refuse it with a message if it
        cannot be a drum key or another drum has it. True when bound."""
        if self.capturing is None:
            return False
        player, voice = self.capturing
        try:
            name = drum_key_name(self.settings, player, voice, key_code)
            self.settings = self.settings.with_binding(player, voice, name)
        except ValueError as error:
            return self._refuse(str(error))
        self.capturing = None
        self.form.set_value(key_row(player, voice), name)
        self.status.show(f"{slot_text(player, voice)}: {key_label(name)}", self._now_s)
        return True

    def _refuse(self, message: str) -> bool:
        # stay in capture mode, so the next key can be tried at once
        self.status.show(message, self._now_s, error=True, for_s=1e9)
        return False

    def cancel_capture(self) -> None:
        self.capturing = None
        self.status.clear()

    # -- input ----------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        if self.capturing is not None:
            if event.type == pygame.KEYDOWN:
                if event.key == pygame.K_ESCAPE:
                    self.cancel_capture()
                else:
                    self.bind(event.key)
            elif event.type == pygame.WINDOWFOCUSLOST:
                self.cancel_capture()
            return
        result = self.form.handle(event, stamp_s)
        if result is not None:
            self._react(result)

    def _react(self, result: FormEvent) -> None:
        if result.kind == "changed":
            try:
                self.settings = apply_value(self.settings, result.key, result.value)
            except ValueError as error:
                self.status.show(str(error), self._now_s, error=True)
                self.form.values.update(form_values(self.settings))
            self._save_failed = False
        elif result.kind == "refused":
            self.status.show(self.form.message, self._now_s, error=True)
        elif result.kind == "activated":
            self._activate(result.key)
        elif result.kind == "back":
            self.close()
        elif result.kind == "moved" and not self._save_failed:
            self.status.clear()

    def _activate(self, key: str) -> None:
        if key.startswith("key:"):
            _, player_label, voice_label = key.split(":")
            self.start_capture(Player.parse(player_label), Voice.parse(voice_label))
        elif key.startswith(("audio:", "video:")):
            kind, _, player_label = key.partition(":")
            self.calibrate(Player.parse(player_label), kind)
        elif key == "key_test":
            self.open_key_test()
        elif key == "devices":
            self.open_devices()
        elif key == "done":
            self.close()

    def open_key_test(self) -> None:
        if self.stack is not None:
            self.stack.push(KeyTestScene(self.ctx, Bindings(self.settings.key_rows())))

    def open_devices(self) -> None:
        """Kits and controllers; their changes join the settings saved on leaving."""
        if self.stack is not None:
            self.stack.push(DevicesScene(self.ctx, self.settings, self._devices_changed))

    def _devices_changed(self, settings: Settings) -> None:
        self.settings = self.settings.replace(devices=settings.devices)

    def calibrate(self, player: Player, mode: str) -> None:
        """Open the calibration for one player; what it measures comes back as that player's
        offsets (the calibration saves them to the file itself)."""
        if self.stack is None:
            return
        open_calibration(
            self.stack,
            self.ctx,
            player,
            on_done=lambda result: self._calibrated(player, result),
            mode=mode,
            settings_path=self.path,
        )

    def _calibrated(self, player: Player, result: Any) -> None:
        if result is None:
            return
        loaded = load_settings(self.path).settings
        self.settings = _with_device_offsets(self.settings, loaded)  # a kit calibrated
        self.saved = _with_device_offsets(self.saved, loaded)
        on_disk = loaded.player(player)
        self.settings = self.settings.with_offsets(
            player,
            audio_offset_ms=on_disk.audio_offset_ms,
            video_offset_ms=on_disk.video_offset_ms,
        )
        self.saved = self.saved.with_offsets(
            player,
            audio_offset_ms=on_disk.audio_offset_ms,
            video_offset_ms=on_disk.video_offset_ms,
        )
        self.form.values.update(form_values(self.settings))
        self.status.show(f"{theme.PLAYER_NAMES[player].title()}: offsets calibrated", self._now_s)

    # -- leaving ----------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.settings != self.saved

    def close(self) -> None:
        """Save (if anything changed) and leave; on a failed save stay and say why, unless it
        already failed once (then leave, the file untouched)."""
        if self.dirty and not self._save_failed:
            try:
                save_settings(self.settings, self.path)
            except OSError as error:
                self._save_failed = True
                reason = error.strerror or str(error)
                self.status.show(
                    f"Could not save settings: {reason}. Esc again leaves without saving.",
                    self._now_s,
                    error=True,
                    for_s=1e9,
                )
                return
            self.saved = self.settings
        self.closed = True
        self.on_close(self.settings)
        self.pop_self()

    # -- time and drawing -------------------------------------------------------------------------
    def enter(self) -> None:
        self._now_s = self.ctx.timer.now()
        if self._hints is None:
            self._hints = render_hints(
                self.ctx.text,
                (
                    ("UP/DOWN", "choose"),
                    ("LEFT/RIGHT", "change"),
                    ("ENTER", "bind / calibrate"),
                    ("TAB", "next card"),
                    ("ESC", "save and back"),
                ),
                arrows=True,
            )
        if self.load_warnings:
            more = len(self.load_warnings) - 1
            first = self.load_warnings[0] + (f" (and {more} more)" if more > 0 else "")
            self.status.show(first, self._now_s, error=True, for_s=8.0)
            self.load_warnings = []

    def cover(self) -> None:
        self.form.release_keys()

    def update(self, now_s: float) -> None:
        self._now_s = now_s
        if self.capturing is None:
            for result in self.form.update(now_s):
                self._react(result)

    def draw(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        canvas.fill(theme.BACKGROUND)
        where = str(self.path) if self.path is not None else "settings.toml"
        draw_header(
            canvas,
            text,
            "SETTINGS",
            subtitle="Keys, timing and sound",
            right_top="saved when you leave",
            right_bottom=Path(where).name + ("  ·  changed" if self.dirty else ""),
        )
        draw_cards(canvas, text, self.form, self.settings)
        capture_age_s = self._now_s - self._capture_since_s
        selected = self.form.selected_row.key
        draw_keys_panel(canvas, self.ctx, self.settings, self.capturing, capture_age_s, selected)
        draw_actions_panel(canvas, text, self.form, self.status, self._now_s, self._row_hint())
        if self._hints is not None:
            blit_hints(canvas, self._hints)


def _with_device_offsets(settings: Settings, on_disk: Settings) -> Settings:
    """``settings`` with the devices' latency offsets as ``on_disk`` has them (a calibration
    on a kit saved its offset there); everything else as it is."""
    for profile in on_disk.devices:
        mine = settings.device(profile.name)
        kept = profile if mine is None else mine.with_changes(offset_ms=profile.offset_ms)
        settings = settings.with_device(kept)
    return settings
