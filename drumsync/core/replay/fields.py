"""What a replay may hold: the limits, and the check of each header field and event.

Every check returns the clean value or raises :class:`ReplayError` with a one-line message
naming the field (``header.offsets_ms[1] is out of range (±500)``).
"""

from __future__ import annotations

import json
import math
import re

import numpy as np

from ..errors import ReplayError
from ..events import InputEvent
from ..voices import Player, Voice
from ..windows import WINDOW_PRESETS

FORMAT_VERSION = 1
MAX_EVENTS = 2_000_000
MAX_OFFSET_MS = 500.0
MAX_ABS_TIME_S = 1e7
MAX_NAME_CHARS = 32
MAX_SOURCE_CHARS = 64
MAX_GENERATOR_KEYS = 32
MAX_GENERATOR_STR_CHARS = 100

#: A chart hash as written in replays and network messages: SHA-256, lowercase hex.
CHART_HASH_RE = re.compile(r"[0-9a-f]{64}")
_MODE_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
# Types of the generator arguments we know (``ChartMeta.generator_args``).
_GENERATOR_TYPES: dict[str, tuple[type, ...]] = {
    "seed": (int,),
    "style": (str,),
    "bpm": (int, float),
    "difficulty": (int,),
    "bars": (int,),
    "parts": (str,),
}


def show(value: object) -> str:
    """A short, single-line description of a bad value for error messages."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def is_number(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def finite(value: object, what: str, limit: float) -> float:
    """``value`` as a float within ``±limit``; ReplayError naming ``what`` otherwise."""
    if not is_number(value):
        raise ReplayError(f"{what} must be a number, got {show(value)}")
    if isinstance(value, int) and abs(value) > limit:
        raise ReplayError(f"{what} is out of range (±{limit:g})")
    number = float(value)
    if not math.isfinite(number):
        raise ReplayError(f"{what} must be finite, got {number}")
    if abs(number) > limit:
        raise ReplayError(f"{what} is out of range (±{limit:g}), got {number:g}")
    return number


def text(value: object, what: str, max_chars: int) -> str:
    if not isinstance(value, str):
        raise ReplayError(f"{what} must be a string, got {show(value)}")
    if not 1 <= len(value) <= max_chars or not value.isprintable():
        raise ReplayError(f"{what} must be 1..{max_chars} printable characters, got {show(value)}")
    return value


def velocity(value: object, what: str) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 1 <= value <= 127:
        raise ReplayError(f"{what}: velocity must be a whole number 1..127, got {show(value)}")
    return value


# --- the header ------------------------------------------------------------------------


def version(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value != FORMAT_VERSION:
        raise ReplayError(
            f"unsupported replay version {show(value)} "
            f"(this DrumSync reads version {FORMAT_VERSION})"
        )
    return value


def chart_hash(value: object) -> str:
    if not isinstance(value, str) or not CHART_HASH_RE.fullmatch(value):
        raise ReplayError(f"header.chart_hash must be 64 lowercase hex digits, got {show(value)}")
    return value


def windows(value: object) -> str:
    if not isinstance(value, str) or value not in WINDOW_PRESETS:
        known = ", ".join(WINDOW_PRESETS)
        raise ReplayError(f"header.windows must be a windows preset ({known}), got {show(value)}")
    return value


def offsets_ms(value: object) -> tuple[float, float]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ReplayError("header.offsets_ms must be a list of two numbers")
    return tuple(
        finite(offset, f"header.offsets_ms[{i}]", MAX_OFFSET_MS) for i, offset in enumerate(value)
    )


def players(value: object) -> tuple[str, str]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ReplayError("header.players must be a list of two names")
    return tuple(text(name, f"header.players[{i}]", MAX_NAME_CHARS) for i, name in enumerate(value))


def mode(value: object) -> str:
    if not isinstance(value, str) or not _MODE_RE.fullmatch(value):
        raise ReplayError(
            f"header.mode must be a short lowercase word (e.g. duet), got {show(value)}"
        )
    return value


def generator_args(args: object) -> dict | None:
    if args is None:
        return None
    if not isinstance(args, dict):
        raise ReplayError(f"header.generator_args must be an object or null, got {show(args)}")
    if len(args) > MAX_GENERATOR_KEYS:
        raise ReplayError(f"header.generator_args has more than {MAX_GENERATOR_KEYS} keys")
    clean: dict = {}
    for key, value in args.items():
        what = f"header.generator_args.{key}"
        if not isinstance(key, str) or not 1 <= len(key) <= MAX_NAME_CHARS:
            raise ReplayError(f"header.generator_args has a bad key {show(key)}")
        known = _GENERATOR_TYPES.get(key)
        if value is None:
            clean[key] = None
        elif isinstance(value, str):
            if known is not None and str not in known:
                raise ReplayError(f"{what} must be a number, got {show(value)}")
            if len(value) > MAX_GENERATOR_STR_CHARS:
                raise ReplayError(f"{what} is longer than {MAX_GENERATOR_STR_CHARS} characters")
            clean[key] = value
        elif is_number(value):
            if known is not None and str in known:
                raise ReplayError(f"{what} must be a string, got {show(value)}")
            if isinstance(value, int | np.integer):
                if abs(int(value)) >= 2**63:
                    raise ReplayError(f"{what} is out of range")
                clean[key] = int(value)
            elif known == (int,):
                raise ReplayError(f"{what} must be an integer, got {show(value)}")
            else:
                clean[key] = finite(value, what, 1e15)
        else:
            raise ReplayError(f"{what} must be a string, number or null, got {show(value)}")
    return clean


# --- the events ------------------------------------------------------------------------


def event(index: int, value: object) -> InputEvent:
    """The event ``value`` checked in full, its time made a plain float."""
    what = f"events[{index}]"
    if not isinstance(value, InputEvent):
        raise ReplayError(f"{what} must be an InputEvent, got {show(value)}")
    time_s = finite(value.time_s, f"{what} time_s", MAX_ABS_TIME_S)
    if not isinstance(value.player, Player):
        raise ReplayError(f"{what}: player must be a Player, got {show(value.player)}")
    if not isinstance(value.voice, Voice):
        raise ReplayError(f"{what}: voice must be a Voice, got {show(value.voice)}")
    text(value.source, f"{what} source", MAX_SOURCE_CHARS)
    velocity(value.velocity, what)
    if type(value.time_s) is not float:
        return InputEvent(time_s, value.player, value.voice, value.source, value.velocity)
    return value
