"""Timing windows as data, and the one function that turns an offset into a tier.

Windows are inclusive half-widths in milliseconds. Judging walks the table from the best
tier to the worst, like osu!'s ``HitWindows.ResultFor``: drawing never decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np


class Tier(IntEnum):
    """Judgement tiers, best first. ``MISS`` also covers a note nobody hit."""

    PERFECT = 0
    GREAT = 1
    GOOD = 2
    MISS = 3

    @property
    def label(self) -> str:
        return self.name.lower()


def edges_passed(values: np.ndarray, edges, dtype=np.intp) -> np.ndarray:
    """How many of the ascending ``edges`` each value lies above, a nan above them all: what
    ``searchsorted(edges, values, side="left")`` gives, one comparison per edge."""
    passed = (values > edges[0]).astype(dtype)
    for edge in edges[1:]:
        passed += values > edge
    passed[np.isnan(values)] = len(edges)
    return passed


#: Accuracy weight of each tier (perfect 1.0, great 0.75, good 0.5, miss 0).
TIER_WEIGHTS = np.array([1.0, 0.75, 0.5, 0.0])


@dataclass(frozen=True, slots=True)
class Windows:
    """Half-widths (± ms, inclusive) of each tier; ``miss_ms`` bounds what a hit can consume."""

    name: str
    perfect_ms: float
    great_ms: float
    good_ms: float
    miss_ms: float

    @property
    def miss_s(self) -> float:
        return self.miss_ms / 1000.0

    @property
    def tier_edges_ms(self) -> np.ndarray:
        return np.array([self.perfect_ms, self.great_ms, self.good_ms])

    def tier_for(self, offset_ms: float) -> Tier:
        """Tier of one hit; anything beyond ``good_ms`` is a miss."""
        error = abs(offset_ms)
        for tier, edge in zip(Tier, self.tier_edges_ms, strict=False):
            if error <= edge:
                return tier
        return Tier.MISS

    def tiers_for(self, offset_ms: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`tier_for` (int8 tier values)."""
        error = np.abs(np.asarray(offset_ms, dtype=np.float64))
        if error.ndim == 0:
            return np.int8(self.tier_for(float(error)))
        # The number of edges the error passes is tier_for's walk (nan: no edge holds it).
        return edges_passed(error, (self.perfect_ms, self.great_ms, self.good_ms), np.int8)


WINDOW_PRESETS: dict[str, Windows] = {
    "standard": Windows("standard", 25.0, 50.0, 100.0, 135.0),
    "strict": Windows("strict", 22.5, 45.0, 90.0, 135.0),
    "relaxed": Windows("relaxed", 42.0, 75.0, 108.0, 125.0),
}
DEFAULT_WINDOWS = "standard"


def windows_preset(name: str) -> Windows:
    """Look a preset up by name; ValueError naming the known presets otherwise."""
    try:
        return WINDOW_PRESETS[name]
    except KeyError:
        known = ", ".join(WINDOW_PRESETS)
        raise ValueError(f"unknown windows preset {name!r} (known: {known})") from None
