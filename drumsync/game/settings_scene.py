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
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from ..core.voices import PLAYERS, Player, Voice
from ..core.windows import WINDOW_PRESETS
from ..storage.key_names import RESERVED_KEYS, normalize_key_name
from ..storage.settings import (
    AUDIO_BUFFER_CHOICES,
    OFFSET_RANGE_MS,
    SCROLL_SPEED_RANGE,
    Settings,
    load_settings,
    save_settings,
)
from . import theme
from .context import GameContext
from .key_test_scene import KeyTestScene, draw_player_pads
from .keys import LANE_ORDER, Bindings, key_label
from .option_form import (
    Action,
    Choice,
    FormEvent,
    OptionForm,
    Range,
    Row,
    StatusLine,
    Toggle,
    blit_hints,
    draw_card,
    draw_header,
    render_hints,
)
from .results_panels import wrap_words
from .scenes import Scene
from .sprites import render_note

GROUP_TITLES = {"p1": "PLAYER 1", "p2": "PLAYER 2", "game": "GAME", "more": ""}
VOICE_NAMES = {
    Voice.KICK: "Kick",
    Voice.SNARE: "Snare",
    Voice.HIHAT: "Hi-hat",
    Voice.CRASH: "Crash",
}
WINDOW_LABELS = {"standard": "Standard", "strict": "Strict", "relaxed": "Relaxed"}

# Layout (1280x720 canvas).
CARD_TOP = 72
CARD_W = 388
CARD_GAP = 18
CARD_H = 314
ROW_H = 42
CARD_RECTS = {
    group: pygame.Rect(40 + i * (CARD_W + CARD_GAP), CARD_TOP, CARD_W, CARD_H)
    for i, group in enumerate(("p1", "p2", "game"))
}
LOW_TOP = CARD_TOP + CARD_H + 14
LOW_H = 690 - LOW_TOP
KEYS_PANEL = pygame.Rect(40, LOW_TOP, CARD_W * 2 + CARD_GAP, LOW_H)
ACTIONS_PANEL = pygame.Rect(CARD_RECTS["game"].x, LOW_TOP, CARD_W, LOW_H)
CAPTURE_BLINK_S = 0.5
KEYS_ADVICE = (
    "Keep each player on their own half of the keyboard; "
    "the key test shows which chords it reports."
)


def key_row(player: Player, voice: Voice) -> str:
    return f"key:{player.label}:{voice.label}"


def offset_row(player: Player, kind: str) -> str:
    return f"{kind}:{player.label}"


def form_values(settings: Settings) -> dict[str, Any]:
    """The form's values for ``settings`` (volumes in whole percent)."""
    values: dict[str, Any] = {
        "windows": settings.windows,
        "scroll_speed": settings.scroll_speed,
        "music_volume": round(settings.music_volume * 100),
        "drums_volume": round(settings.drums_volume * 100),
        "fullscreen": settings.fullscreen,
        "audio_buffer_frames": settings.audio_buffer_frames,
    }
    for player in PLAYERS:
        for voice in Voice:
            values[key_row(player, voice)] = settings.key_for(player, voice)
        values[offset_row(player, "audio")] = round(settings.player(player).audio_offset_ms)
        values[offset_row(player, "video")] = round(settings.player(player).video_offset_ms)
    return values


def apply_value(settings: Settings, key: str, value: Any) -> Settings:
    """``settings`` with the row ``key`` set to ``value`` (ValueError if invalid)."""
    simple = {
        "windows": lambda v: {"windows": v},
        "scroll_speed": lambda v: {"scroll_speed": float(v)},
        "music_volume": lambda v: {"music_volume": v / 100.0},
        "drums_volume": lambda v: {"drums_volume": v / 100.0},
        "fullscreen": lambda v: {"fullscreen": bool(v)},
        "audio_buffer_frames": lambda v: {"audio_buffer_frames": int(v)},
    }
    if key in simple:
        return settings.replace(**simple[key](value))
    kind, _, player_label = key.partition(":")
    if kind in ("audio", "video"):
        player = Player.parse(player_label)
        return settings.with_offsets(player, **{f"{kind}_offset_ms": float(value)})
    raise ValueError(f"unknown setting {key!r}")


def slot_text(player: Player, voice: Voice) -> str:
    return f"{theme.PLAYER_NAMES[player].title()} {VOICE_NAMES[voice].lower()}"


def _offset_text(value: float) -> str:
    return f"{value:+.0f} ms" if value else "0 ms"


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
        self.settings = settings
        #: what the file holds (as far as this scene knows): leaving saves only a difference
        self.saved = settings
        self.capturing: tuple[Player, Voice] | None = None
        self._capture_since_s = 0.0
        self._save_failed = False
        self.closed = False
        self._icons = {
            v: render_note(theme.VOICE_SHAPES[v], 20, theme.VOICE_COLOURS[v]) for v in Voice
        }
        self.form = OptionForm(self._rows(), form_values(settings))
        self._hints: pygame.Surface | None = None

    # -- rows ---------------------------------------------------------------------------------
    def _rows(self) -> list[Row]:
        rows: list[Row] = []
        low, high = OFFSET_RANGE_MS
        for player in PLAYERS:
            group, accent = player.label, theme.PLAYER_COLOURS[player]
            for voice in LANE_ORDER[player]:
                rows.append(
                    Row(
                        key_row(player, voice),
                        VOICE_NAMES[voice],
                        Action(keycap=True),
                        group=group,
                        hint=f"Enter, then press the key for {slot_text(player, voice).lower()}. "
                        "Esc cancels.",
                        fmt=self._key_text(player, voice),
                        icon=self._icons[voice],
                        accent=accent,
                    )
                )
            rows.append(
                Row(
                    offset_row(player, "audio"),
                    "Audio offset",
                    Range(low, high, 1, 10, typed=False, name="audio offset"),
                    group=group,
                    hint="How late this player's hits land (ms); judging takes it off. "
                    "Left/Right adjust, Enter calibrates.",
                    fmt=_offset_text,
                    accent=accent,
                )
            )
            rows.append(
                Row(
                    offset_row(player, "video"),
                    "Video offset",
                    Range(low, high, 1, 10, typed=False, name="video offset"),
                    group=group,
                    hint="How late this player sees the screen (ms); their notes are drawn "
                    "earlier by video minus audio offset. Enter calibrates with a flashing beat.",
                    fmt=_offset_text,
                    accent=accent,
                )
            )
        presets = tuple(WINDOW_PRESETS)
        rows += [
            Row(
                "windows",
                "Timing windows",
                Choice(presets, tuple(WINDOW_LABELS.get(p, p.title()) for p in presets)),
                group="game",
            ),
            Row(
                "scroll_speed",
                "Scroll speed",
                Range(*SCROLL_SPEED_RANGE, 0.1, 0.5, integer=False, name="scroll speed"),
                group="game",
                hint="How fast the notes travel. F3/F4 change it during a song too.",
                fmt=lambda v: f"{v:.1f}×",
            ),
            Row(
                "music_volume",
                "Music volume",
                Range(0, 100, 5, 25, name="music volume"),
                group="game",
                hint="The backing track. Left/Right: 5 %, Shift: 25 %.",
                fmt=lambda v: f"{v}%",
                slider=True,
            ),
            Row(
                "drums_volume",
                "Drums volume",
                Range(0, 100, 5, 25, name="drums volume"),
                group="game",
                hint="The drum sounds of your hits. Left/Right: 5 %, Shift: 25 %.",
                fmt=lambda v: f"{v}%",
                slider=True,
            ),
            Row(
                "fullscreen",
                "Fullscreen",
                Toggle(),
                group="game",
                hint="Start in fullscreen. F11 switches at any time.",
            ),
            Row(
                "audio_buffer_frames",
                "Audio buffer",
                Choice(AUDIO_BUFFER_CHOICES, tuple(str(n) for n in AUDIO_BUFFER_CHOICES)),
                group="game",
                hint="Smaller is quicker (256: 5.8 ms, 512: 11.6 ms); raise it if the sound "
                "crackles. Applies the next time the game starts.",
                fmt=lambda v: f"{v} frames",
            ),
            Row(
                "key_test",
                "Key test",
                Action(),
                group="more",
                hint="See every key held at once, to find chords this keyboard cannot report.",
            ),
            Row(
                "done",
                "Save and go back",
                Action(button=True),
                group="more",
                hint="Saves the settings and goes back (Esc does the same).",
            ),
        ]
        return rows

    def _key_text(self, player: Player, voice: Voice) -> Callable[[Any], str]:
        def text(name: Any) -> str:
            if self.capturing == (player, voice):
                return "press a key"
            return key_label(str(name))

        return text

    def _row_hint(self) -> str:
        row = self.form.selected_row
        if row.key == "windows":
            w = WINDOW_PRESETS[self.form.value("windows")]
            return (
                f"Perfect ±{w.perfect_ms:g} ms, great ±{w.great_ms:g} ms, good ±{w.good_ms:g} ms "
                "(wider is easier)."
            )
        return row.hint

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
        raw = pygame.key.name(key_code)
        shown = key_label(raw) if raw else f"key {key_code}"
        if raw in RESERVED_KEYS:
            return self._refuse(
                f"{shown} is reserved (Esc pauses, F11 is fullscreen): pick another key"
            )
        try:
            name = normalize_key_name(raw)
        except ValueError:
            return self._refuse(f"{shown} cannot be a drum key: pick another key")
        if pygame.key.key_code(name) != key_code:
            return self._refuse(f"{shown} cannot be told apart from another key: pick another")
        other = self.settings.binding_of(name)
        if other is not None and other != (player, voice):
            return self._refuse(
                f"{key_label(name)} is already {slot_text(*other).lower()}: "
                "pick another key, or rebind that drum first"
            )
        try:
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
        elif key == "done":
            self.close()

    def open_key_test(self) -> None:
        if self.stack is not None:
            self.stack.push(KeyTestScene(self.ctx, Bindings(self.settings.key_rows())))

    def calibrate(self, player: Player, mode: str) -> None:
        """Open the calibration for one player; what it measures comes back as that player's
        offsets (the calibration saves them to the file itself)."""
        if self.stack is None:
            return
        try:
            from .calibration_scene import CalibrationScene

            scene = CalibrationScene(
                self.ctx,
                player,
                on_done=lambda result: self._calibrated(player, result),
                mode=mode,
                settings_path=self.path,
            )
        except Exception as error:  # any failure is shown, never a crash
            self.status.show(f"Calibration is not available: {error}", self._now_s, error=True)
            return
        self.stack.push(scene)

    def _calibrated(self, player: Player, result: Any) -> None:
        if result is None:
            return
        on_disk = load_settings(self.path).settings.player(player)
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
        for group, rect in CARD_RECTS.items():
            accent = None
            title = GROUP_TITLES[group]
            if group in ("p1", "p2"):
                player = Player.parse(group)
                accent = theme.PLAYER_COLOURS[player]
                name = self.settings.player(player).name
                if name.upper() != title:
                    title = f"{title}  ·  {name}"
            draw_card(canvas, rect, accent)
            colour = accent or theme.TEXT_DIM
            text.blit(canvas, title, theme.FONT_TINY, colour, (rect.x + 18, rect.y + 18))
            body = pygame.Rect(rect.x + 8, rect.y + 44, rect.width - 16, rect.height - 50)
            self.form.draw(canvas, text, body, group=group, row_h=ROW_H, active=True)
        self._draw_keys_panel(canvas)
        self._draw_actions_panel(canvas)
        if self._hints is not None:
            blit_hints(canvas, self._hints)

    def _draw_keys_panel(self, canvas: pygame.Surface) -> None:
        text, panel = self.ctx.text, KEYS_PANEL
        draw_card(canvas, panel, None)
        text.blit(
            canvas, "YOUR KEYS", theme.FONT_TINY, theme.TEXT_FAINT, (panel.x + 18, panel.y + 16)
        )
        blink = int((self._now_s - self._capture_since_s) / CAPTURE_BLINK_S) % 2 == 0
        half = panel.width // 2
        for i, player in enumerate(PLAYERS):
            keys = {voice: self.settings.key_for(player, voice) for voice in Voice}
            if self.capturing is not None and self.capturing[0] is player:
                keys[self.capturing[1]] = "?"
            centre = (panel.x + half * i + half // 2, panel.y + 122)

            def lit(voice: Voice, player: Player = player) -> bool:
                row = self.form.selected_row.key
                capturing = self.capturing == (player, voice)
                return (capturing and blink) or (
                    self.capturing is None and row == key_row(player, voice)
                )

            draw_player_pads(canvas, self.ctx, player, keys, centre, lit)
            colour = theme.PLAYER_COLOURS[player]
            text.blit(
                canvas,
                theme.PLAYER_NAMES[player],
                theme.FONT_TINY,
                colour,
                (centre[0], panel.y + 50),
                "center",
            )
        pygame.draw.line(
            canvas,
            theme.PANEL_EDGE,
            (panel.centerx, panel.y + 40),
            (panel.centerx, panel.bottom - 62),
        )
        text.blit(
            canvas,
            KEYS_ADVICE,
            theme.FONT_TINY,
            theme.TEXT_FAINT,
            (panel.centerx, panel.bottom - 30),
            "center",
        )

    def _draw_actions_panel(self, canvas: pygame.Surface) -> None:
        text, panel = self.ctx.text, ACTIONS_PANEL
        draw_card(canvas, panel, None)
        rows = pygame.Rect(panel.x + 8, panel.y + 14, panel.width - 16, 2 * 50)
        self.form.draw(canvas, text, rows, group="more", row_h=50)
        y = rows.bottom + 12
        if self.status.visible(self._now_s):
            colour = self.status.colour
            lines = wrap_words(
                self.status.text, panel.width - 40, lambda s: text.size(s, theme.FONT_SMALL)[0]
            )
            box = pygame.Rect(panel.x + 10, y - 4, panel.width - 20, 16 + 26 * len(lines[:4]))
            pygame.draw.rect(canvas, theme.mix(theme.PANEL, colour, 0.12), box, border_radius=10)
            pygame.draw.rect(canvas, colour, box, 2, border_radius=10)
            for i, line in enumerate(lines[:4]):
                text.blit(
                    canvas,
                    line,
                    theme.FONT_SMALL,
                    theme.TEXT,
                    (panel.centerx, y + 6 + 26 * i),
                    "midtop",
                )
            return
        for line in wrap_words(
            self._row_hint(), panel.width - 40, lambda s: text.size(s, theme.FONT_TINY)[0]
        )[:4]:
            text.blit(
                canvas, line, theme.FONT_TINY, theme.TEXT_DIM, (panel.centerx, y + 4), "midtop"
            )
            y += 22
