"""The results screen's verdict line, and when a match may be called a new best.

The verdict follows the numbers: the sync percentage (credit over *all* shared points,
see :mod:`drumsync.core.sync`) and the share of shared points both players hit. A band is
earned only when both reach its floor, so a few perfectly matched hits among many misses
(3.5 % sync) never read as "IN STEP". The bands are a table, best first.

"NEW BEST" needs something to be best at: never on an empty score or a 0-0 draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .report import MatchReport


class VerdictBand(Enum):
    IN_STEP = "IN STEP"
    MOSTLY_TOGETHER = "MOSTLY TOGETHER"
    FINDING_EACH_OTHER = "FINDING EACH OTHER"
    OFTEN_APART = "OFTEN APART"
    RARELY_TOGETHER = "RARELY TOGETHER"
    NEVER_TOGETHER = "NEVER TOGETHER"
    NO_SHARED_BEATS = "NO SHARED BEATS"


#: (band, lowest sync %, lowest share of shared points both hit), best first.
BANDS: tuple[tuple[VerdictBand, float, float], ...] = (
    (VerdictBand.IN_STEP, 85.0, 0.90),
    (VerdictBand.MOSTLY_TOGETHER, 65.0, 0.75),
    (VerdictBand.FINDING_EACH_OTHER, 40.0, 0.50),
    (VerdictBand.OFTEN_APART, 15.0, 0.25),
)


@dataclass(frozen=True, slots=True)
class Verdict:
    band: VerdictBand
    sync_percent: float | None
    both_hit_share: float | None

    @property
    def words(self) -> str:
        return self.band.value

    @property
    def shows_lead(self) -> bool:
        """Whether who led means anything: the pair hit enough points together."""
        return self.band in (
            VerdictBand.IN_STEP,
            VerdictBand.MOSTLY_TOGETHER,
            VerdictBand.FINDING_EACH_OTHER,
        )


def sync_verdict(sync_percent: float | None, pair_count: int, both_hit: int) -> Verdict:
    """The verdict for a sync percentage and ``both_hit`` of ``pair_count`` shared points."""
    if pair_count <= 0:
        return Verdict(VerdictBand.NO_SHARED_BEATS, None, None)
    share = min(1.0, max(0.0, both_hit / pair_count))
    if both_hit <= 0 or sync_percent is None:
        return Verdict(VerdictBand.NEVER_TOGETHER, sync_percent, share)
    for band, lowest_percent, lowest_share in BANDS:
        if sync_percent >= lowest_percent and share >= lowest_share:
            return Verdict(band, sync_percent, share)
    return Verdict(VerdictBand.RARELY_TOGETHER, sync_percent, share)


def report_verdict(report: MatchReport) -> Verdict:
    sync = report.sync
    return sync_verdict(sync.percent, sync.pair_count, sync.both_hit)


def may_be_new_best(report: MatchReport) -> bool:
    """False for an empty score (no points) and a 0-0 draw: there is nothing to beat."""
    return report.team.points > 0 and any(player.points > 0 for player in report.players)


__all__ = [
    "BANDS",
    "Verdict",
    "VerdictBand",
    "may_be_new_best",
    "report_verdict",
    "sync_verdict",
]
