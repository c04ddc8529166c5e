"""Validation of ``generate_chart`` arguments: one ChartError naming the bad argument."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from ..chart import MAX_DIFFICULTY, MIN_DIFFICULTY, PART_MODES, STYLES
from ..errors import ChartError

MIN_BPM, MAX_BPM = 40.0, 300.0
MIN_BARS, MAX_BARS = 1, 2000
MAX_SEED = 2**63 - 1


@dataclass(frozen=True, slots=True)
class GeneratorArgs:
    seed: int
    style: str
    bpm: float
    difficulty: int
    bars: int
    parts: str

    @property
    def split(self) -> bool:
        return self.parts == "split"


def _shown(value: object) -> str:
    """A short repr for messages (a 5,000-digit integer cannot even be printed)."""
    if isinstance(value, numbers.Integral) and not -(10**30) < int(value) < 10**30:
        return "a huge number"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _whole(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ChartError(f"{name} must be a whole number in {low}..{high}, got {_shown(value)}")
    number = int(value)
    if not low <= number <= high:
        raise ChartError(f"{name} must be in {low}..{high}, got {_shown(number)}")
    return number


def _choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ChartError(f"{name} must be one of {', '.join(choices)}, got {_shown(value)}")
    return value


def validate_args(seed, style, bpm, difficulty, bars, parts) -> GeneratorArgs:
    seed = _whole("seed", seed, 0, MAX_SEED)
    style = _choice("style", style, STYLES)
    if isinstance(bpm, bool) or not isinstance(bpm, numbers.Real):
        raise ChartError(f"bpm must be a number in {MIN_BPM:g}..{MAX_BPM:g}, got {_shown(bpm)}")
    try:
        bpm_value = float(bpm)
    except OverflowError:  # an integer beyond the float range, e.g. 10**400
        bpm_value = math.inf
    if not (math.isfinite(bpm_value) and MIN_BPM <= bpm_value <= MAX_BPM):
        raise ChartError(f"bpm must be in {MIN_BPM:g}..{MAX_BPM:g}, got {_shown(bpm)}")
    bpm = bpm_value
    difficulty = _whole("difficulty", difficulty, MIN_DIFFICULTY, MAX_DIFFICULTY)
    bars = _whole("bars", bars, MIN_BARS, MAX_BARS)
    parts = _choice("parts", parts, PART_MODES)
    return GeneratorArgs(seed, style, bpm, difficulty, bars, parts)
