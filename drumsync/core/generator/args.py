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


def _whole(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ChartError(f"{name} must be a whole number in {low}..{high}, got {value!r}")
    number = int(value)
    if not low <= number <= high:
        raise ChartError(f"{name} must be in {low}..{high}, got {number}")
    return number


def _choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ChartError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def validate_args(seed, style, bpm, difficulty, bars, parts) -> GeneratorArgs:
    seed = _whole("seed", seed, 0, MAX_SEED)
    style = _choice("style", style, STYLES)
    if isinstance(bpm, bool) or not isinstance(bpm, numbers.Real):
        raise ChartError(f"bpm must be a number in {MIN_BPM:g}..{MAX_BPM:g}, got {bpm!r}")
    bpm = float(bpm)
    if not (math.isfinite(bpm) and MIN_BPM <= bpm <= MAX_BPM):
        raise ChartError(f"bpm must be in {MIN_BPM:g}..{MAX_BPM:g}, got {bpm!r}")
    difficulty = _whole("difficulty", difficulty, MIN_DIFFICULTY, MAX_DIFFICULTY)
    bars = _whole("bars", bars, MIN_BARS, MAX_BARS)
    parts = _choice("parts", parts, PART_MODES)
    return GeneratorArgs(seed, style, bpm, difficulty, bars, parts)
