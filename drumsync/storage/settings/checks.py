"""The check of each setting's value: each returns the normalised value or raises
``ValueError(reason)``, a reason short enough for a warning line."""

from __future__ import annotations

import math
from collections.abc import Callable

from ...core.windows import WINDOW_PRESETS

OFFSET_RANGE_MS = (-300.0, 300.0)
SCROLL_SPEED_RANGE = (0.5, 3.0)
VOLUME_RANGE = (0.0, 1.0)
AUDIO_BUFFER_CHOICES = (256, 512)
NAME_MAX_CHARS = 16
MAX_SONG_FOLDERS = 32


def number_range(low: float, high: float) -> Callable[[object], float]:
    def check(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number, got {type_name(value)}")
        try:
            number = float(value)  # OverflowError for an integer of hundreds of digits
        except OverflowError:
            number = math.inf
        if not math.isfinite(number) or not low <= number <= high:
            raise ValueError(f"{shown(value)} is outside {low:g}..{high:g}")
        return number

    return check


def one_of(options: tuple, kind: str) -> Callable[[object], object]:
    def check(value: object) -> object:
        if isinstance(value, bool) or value not in options:
            known = ", ".join(repr(o) for o in options)
            raise ValueError(f"unknown {kind} {shown(value)} (known: {known})")
        return value

    return check


def folders(value: object) -> tuple[str, ...]:
    """Extra song folders: a list of up to 32 non-empty paths."""
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected a list of folders, got {type_name(value)}")
    if len(value) > MAX_SONG_FOLDERS:
        raise ValueError(f"at most {MAX_SONG_FOLDERS} folders")
    found = []
    for item in value:
        if not isinstance(item, str) or not item.strip() or "\0" in item:
            raise ValueError(f"a folder is a path as text, got {item!r}"[:120])
        found.append(item.strip())
    return tuple(found)


def boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {type_name(value)}")
    return value


def player_name(value: object) -> str:
    """A player name with blanks trimmed: 1..16 printable characters; ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"a name is text, got {type_name(value)}")
    name = value.strip()
    if not 1 <= len(name) <= NAME_MAX_CHARS:
        raise ValueError(f"a name has 1..{NAME_MAX_CHARS} characters, got {len(name)}")
    if not name.isprintable():
        raise ValueError("a name may only hold printable characters")
    return name


offset_ms = number_range(*OFFSET_RANGE_MS)
scroll_speed = number_range(*SCROLL_SPEED_RANGE)
volume = number_range(*VOLUME_RANGE)
windows = one_of(tuple(WINDOW_PRESETS), "windows preset")
_audio_buffer_choice = one_of(AUDIO_BUFFER_CHOICES, "audio buffer size")


def audio_buffer(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number of frames, got {type_name(value)}")
    return int(_audio_buffer_choice(value))


def shown(value: object) -> str:
    """A short repr for warnings (an integer of thousands of digits cannot even be printed)."""
    if isinstance(value, int) and not -(10**30) < value < 10**30:
        return "a huge number"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def type_name(value: object) -> str:
    return {bool: "a boolean", str: "text", dict: "a table", list: "a list"}.get(
        type(value), type(value).__name__
    )
