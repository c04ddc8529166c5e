"""``score``: a replay (or bare events) scored against its chart with the batch scorer."""

from __future__ import annotations

from collections.abc import Sequence

from .chart import Chart
from .events import InputEvent
from .replay import Replay, check_replay_chart
from .report import MatchReport, score_events
from .windows import Windows


def score(
    chart: Chart,
    replay: Replay | Sequence[InputEvent],
    windows: str | Windows | None = None,
    offsets_ms: tuple[float, float] | None = None,
) -> MatchReport:
    """Score a match headless. This is what the game's results screen showed.

    With a :class:`Replay`, its header supplies the windows preset and the players'
    offsets unless overridden, and the replay must belong to ``chart`` (ReplayError).
    With bare events the defaults are the ``standard`` windows and zero offsets.
    """
    if isinstance(replay, Replay):
        check_replay_chart(replay, chart)
        return score_events(
            chart,
            replay.arrays(),
            windows=windows or replay.header.windows,
            offsets_ms=replay.header.offsets_ms if offsets_ms is None else offsets_ms,
        )
    return score_events(
        chart,
        list(replay),
        windows=windows or "standard",
        offsets_ms=(0.0, 0.0) if offsets_ms is None else offsets_ms,
    )
