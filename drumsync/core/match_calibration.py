""" "Calibrate from this match": each player's offset proposed from the match just played.

As osu! proposes an offset from the median hit error of the last play: the hits of a match
are taps against a known beat, so :func:`~drumsync.core.calibration.estimate_offset` (median
after outlier rejection, MAD spread) applies to their offsets as they are. Those offsets were
judged with the player's current offset already removed, so the proposal is the current one
plus the median. It is only offered when enough notes were hit and the spread is small: a
wide spread means the median says little about latency (and a lot about the playing).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .calibration import MIN_TAPS, estimate_offset
from .judgement import MatchJudgements
from .voices import PLAYERS, Player
from .windows import Tier

#: Fewest hit notes a proposal needs.
MIN_HITS = max(MIN_TAPS, 16)
#: Largest spread (MAD-based SD of the used offsets, ms) at which a proposal is offered.
MAX_SPREAD_MS = 25.0
#: Proposals closer than this to the current offset change nothing worth applying.
MIN_CHANGE_MS = 1.0


@dataclass(frozen=True, slots=True)
class OffsetProposal:
    """One player's proposal. ``usable`` says whether to offer it; ``reason`` why not."""

    player: Player
    current_ms: float
    median_ms: float
    spread_ms: float
    error_ms: float
    hits: int
    usable: bool
    reason: str = ""

    @property
    def proposed_ms(self) -> float:
        return self.current_ms + self.median_ms

    def describe(self) -> str:
        """``"+12.0 ms ± 2.1 (spread 14 ms, 180 hits)"`` or why there is nothing to propose."""
        if not self.usable:
            return self.reason
        return (
            f"{self.proposed_ms:+.1f} ms ± {self.error_ms:.1f} "
            f"(now {self.current_ms:+.1f}; spread {self.spread_ms:.0f} ms, {self.hits} hits)"
        )


def propose_offsets(judgements: MatchJudgements) -> tuple[OffsetProposal, OffsetProposal]:
    return tuple(propose_offset(judgements, p) for p in PLAYERS)  # type: ignore[return-value]


def propose_offset(judgements: MatchJudgements, player: Player) -> OffsetProposal:
    current = float(judgements.offsets_ms[int(player)])
    part = judgements.player(player)
    hit = (part.tier != int(Tier.MISS)) & ~np.isnan(part.offset_ms)
    offsets = part.offset_ms[hit]
    base = {"player": player, "current_ms": current, "hits": len(offsets)}
    if len(offsets) < MIN_HITS:
        reason = f"too few hits to calibrate from ({len(offsets)}, needs {MIN_HITS})"
        return OffsetProposal(**base, median_ms=math.nan, spread_ms=math.nan, error_ms=math.nan,
                              usable=False, reason=reason)  # fmt: skip
    result = estimate_offset(offsets)
    values = {
        "median_ms": result.offset_ms,
        "spread_ms": result.spread_ms,
        "error_ms": result.error_ms,
    }
    if result.spread_ms > MAX_SPREAD_MS:
        reason = (
            f"hits spread too widely ({result.spread_ms:.0f} ms, at most {MAX_SPREAD_MS:.0f}) "
            "to tell latency from timing"
        )
        return OffsetProposal(**base, **values, usable=False, reason=reason)
    if abs(result.offset_ms) < max(MIN_CHANGE_MS, result.error_ms):
        reason = f"already calibrated (median {result.offset_ms:+.1f} ms ± {result.error_ms:.1f})"
        return OffsetProposal(**base, **values, usable=False, reason=reason)
    return OffsetProposal(**base, **values, usable=True)
