"""The settings screen's rows and how they map onto :class:`Settings`.

Each player has a card of four drum keys and two offsets; the game card holds the timing
windows, scroll speed, volumes, fullscreen and audio buffer; below them are the key test
and "Save and go back". Row keys name what they edit: ``key:p1:snare``, ``audio:p2``,
``music_volume``. The form shows volumes in whole percent; :func:`form_values` and
:func:`apply_value` translate between the form's values and the settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pygame

from ....core.voices import PLAYERS, Player, Voice
from ....core.windows import WINDOW_PRESETS
from ....storage.settings import (
    AUDIO_BUFFER_CHOICES,
    OFFSET_RANGE_MS,
    SCROLL_SPEED_RANGE,
    Settings,
)
from ...runtime import theme
from ...runtime.input.keyboard import LANE_ORDER
from ...widgets.form.rows import Action, Choice, Range, Row, Toggle

VOICE_NAMES = {
    Voice.KICK: "Kick",
    Voice.SNARE: "Snare",
    Voice.HIHAT: "Hi-hat",
    Voice.CRASH: "Crash",
}
WINDOW_LABELS = {"standard": "Standard", "strict": "Strict", "relaxed": "Relaxed"}
OFFSET_HINTS = {
    "audio": "How late this player's hits land (ms); judging takes it off. "
    "Left/Right adjust, Enter calibrates.",
    "video": "How late this player sees the screen (ms); their notes are drawn "
    "earlier by video minus audio offset. Enter calibrates with a flashing beat.",
}


def key_row(player: Player, voice: Voice) -> str:
    return f"key:{player.label}:{voice.label}"


def offset_row(player: Player, kind: str) -> str:
    return f"{kind}:{player.label}"


def slot_text(player: Player, voice: Voice) -> str:
    return f"{theme.PLAYER_NAMES[player].title()} {VOICE_NAMES[voice].lower()}"


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


def _offset_text(value: float) -> str:
    return f"{value:+.0f} ms" if value else "0 ms"


def settings_rows(
    icons: Mapping[Voice, pygame.Surface],
    key_text: Callable[[Player, Voice], Callable[[Any], str]],
) -> list[Row]:
    """Every row of the screen, card by card; a drum key row shows its voice's icon and its
    key as ``key_text(player, voice)`` formats it."""
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
                    fmt=key_text(player, voice),
                    icon=icons[voice],
                    accent=accent,
                )
            )
        for kind, hint in OFFSET_HINTS.items():
            rows.append(
                Row(
                    offset_row(player, kind),
                    f"{kind.title()} offset",
                    Range(low, high, 1, 10, typed=False, name=f"{kind} offset"),
                    group=group,
                    hint=hint,
                    fmt=_offset_text,
                    accent=accent,
                )
            )
    return rows + _game_rows() + _action_rows()


def _game_rows() -> list[Row]:
    presets = tuple(WINDOW_PRESETS)
    return [
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
        _volume_row("music_volume", "Music volume", "The backing track."),
        _volume_row("drums_volume", "Drums volume", "The drum sounds of your hits."),
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
    ]


def _volume_row(key: str, label: str, what: str) -> Row:
    """A volume in whole percent, drawn as a slider."""
    return Row(
        key,
        label,
        Range(0, 100, 5, 25, name=label.lower()),
        group="game",
        hint=f"{what} Left/Right: 5 %, Shift: 25 %.",
        fmt=lambda v: f"{v}%",
        slider=True,
    )


def _action_rows() -> list[Row]:
    return [
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


def row_hint(row: Row, value: Any) -> str:
    """What the screen says about ``row`` when it holds ``value``: the timing windows spell
    out their widths, every other row has its own hint."""
    if row.key == "windows":
        w = WINDOW_PRESETS[value]
        return (
            f"Perfect ±{w.perfect_ms:g} ms, great ±{w.great_ms:g} ms, good ±{w.good_ms:g} ms "
            "(wider is easier)."
        )
    return row.hint
