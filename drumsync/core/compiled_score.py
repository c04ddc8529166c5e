"""``score()``'s judging and players' scores in one compiled call, where the loops are built.

:func:`~drumsync.core.report.score_events` needs from the judge only each player's fold,
tier counts, strays and hit offsets, and each shared point's hit times: ``ds_score_match``
gives exactly those, identical to what :func:`~drumsync.core.batch.judge_batch` and
:func:`~drumsync.core.scoring.score_player` work out, without making the per-note columns
a Python object (the tests check the two agree).
"""

from __future__ import annotations

import numpy as np

from .batch import walk_compiled
from .chart import Chart
from .kernel import calls
from .note_groups import note_groups
from .scoring import FOLD_RULES, PlayerScore, player_score
from .sync import SharedPoints, chart_shared_points
from .voices import VOICE_COUNT
from .windows import Tier, Windows

_GOOD = int(Tier.GOOD)


def scored_players(
    library, chart: Chart, events, windows: Windows, offsets_ms: tuple[float, float]
) -> tuple[tuple[PlayerScore, PlayerScore], SharedPoints, tuple[np.ndarray, np.ndarray]]:
    """Both players' scores, the chart's shared points and each player's hit time at each
    of them (nan where not hit within good)."""
    groups = note_groups(chart)
    points = chart_shared_points(chart)

    judging = calls.Judging.of(groups, windows, offsets_ms, VOICE_COUNT)

    def walk(columns):
        code, players, hits = calls.score_match(
            library, columns, judging, FOLD_RULES, _GOOD, points
        )
        return code, (players, hits)

    players, hits = walk_compiled(events, walk)
    scores = tuple(
        player_score((p, c, m), counts, strays, len(part), offsets)
        for (p, c, m, counts, strays, offsets), part in zip(players, chart.parts, strict=True)
    )
    return scores, points, hits  # type: ignore[return-value]


__all__ = ["scored_players"]
