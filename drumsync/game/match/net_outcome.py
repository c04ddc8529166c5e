"""A finished net match as the results screen takes it: the report both sides computed from
the merged replay (the batch scorer, what ``drumsync score`` prints), with the judgements
and pair deltas for its plots from the live judge run over the same replay (the live judge
equals the batch scorer; the report is the session's own, so both screens show one number).
"""

from __future__ import annotations

from ...core.chart import Chart
from ...net.session import NetResult
from .state import Match, MatchOutcome


def net_outcome(chart: Chart, result: NetResult, stage_label: str = "") -> MatchOutcome:
    replay = result.replay
    header = replay.header
    match = Match(
        chart, header.windows, header.offsets_ms, header.mode, tuple(header.players), stage_label
    )
    for event in replay.events:  # in time order: the live judge sees them as they were played
        match.advance(event.time_s)
        match.hit(event)
    _, judged = match.finish()
    return MatchOutcome(
        chart,
        result.report,
        replay,
        judged.judgements,
        judged.pair_deltas_ms,
        stage_label,
    )


__all__ = ["net_outcome"]
