"""``score()`` end to end against the plain per-hit reference judge (``plain_judge``).

Both get the same synthetic two-player match. The plain judge is given the events as
``InputEvent`` objects, as a straightforward per-hit loop would take them; ``score`` is
given the :class:`~drumsync.core.replay.Replay` built from the same events (the replay's
columns are built when it is loaded or made, not by ``score``) and does everything that
decides a score: checks the replay's chart, judges, folds scores and combos, computes sync
and the team score. It is timed on a freshly loaded copy of the chart, so that it also pays
for what it works out once per chart (the content hash, the notes grouped for judging, the
shared points), and on the chart in use; a last figure adds reading the report's
coordination (the pair analysis, worked out on first read), and one more runs it on the
numpy path alone (as where the compiled loops could not be built). The runs take turns,
``repeats`` each, and each figure is the median of its runs, so a busy moment on a shared
machine lands on every side alike. ``identical``
confirms ``score``'s report equals the one built from the live ``Judge`` and the numpy
path's, and
``counts_agree`` that its tier counts equal the plain judge's.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import replace

from ..core import kernel
from ..core.chart import Chart, Part
from ..core.judge import Judge
from ..core.match_score import score
from ..core.replay import replay_for
from ..core.report import build_report
from ..core.voices import Player
from ..core.windows import WINDOW_PRESETS
from .judging import OFFSETS_MS, as_input_events, synthetic_chart, synthetic_events
from .plain_judge import plain_tier_counts


def freshly_loaded(chart: Chart) -> Chart:
    """A copy of ``chart`` that has worked nothing out yet, as one just read from a file."""
    parts = tuple(
        Part(beat=p.beat.copy(), time_s=p.time_s.copy(), voice=p.voice.copy(), velocity=p.velocity)
        for p in chart.parts
    )
    return replace(chart, parts=parts)


def _numpy_score(chart: Chart, replay):
    """``score()`` on the numpy path, as where the compiled loops could not be built."""
    with kernel.turned_off():
        return score(chart, replay)


def _median_s(runs: dict, repeats: int) -> dict[str, tuple[float, object]]:
    """Median seconds and last result of each named run. The runs take turns, each round
    starting one further along, so that no run always follows the same other one (what ran
    just before leaves the caches and the C library's free memory its own way)."""
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    results: dict[str, object] = {}
    names = list(runs)
    for round_ in range(repeats):
        turn = round_ % len(names)
        for name in names[turn:] + names[:turn]:
            start = time.perf_counter()
            results[name] = runs[name]()
            seconds[name].append(time.perf_counter() - start)
    return {name: (statistics.median(seconds[name]), results[name]) for name in runs}


def score_vs_plain(notes_per_part: int, seed: int = 0, repeats: int = 5) -> dict:
    """Seconds of the plain judge and of ``score()`` on one match, and their ratios.

    ``score()`` is timed three ways: on a freshly loaded chart (``fresh_s``), on the chart
    already in use (``score_s``: its hash, grouped notes and shared points worked out, as
    after the match that recorded the replay), and on the chart in use with its report's
    coordination read as well (``analysed_s``: the pair analysis the results' "together"
    view shows, worked out when first read).
    """
    chart = synthetic_chart(notes_per_part, seed)
    events = as_input_events(synthetic_events(chart, seed))
    windows = WINDOW_PRESETS["standard"]
    replay = replay_for(chart, events, offsets_ms=OFFSETS_MS)
    fresh = iter([freshly_loaded(chart) for _ in range(repeats)])
    score(chart, replay)  # the chart is now in use
    timed = _median_s(
        {
            "plain": lambda: plain_tier_counts(chart, events, windows, OFFSETS_MS),
            "fresh": lambda: score(next(fresh), replay),
            "score": lambda: score(chart, replay),
            "analysed": lambda: score(chart, replay).coordination,
            "numpy": lambda: _numpy_score(chart, replay),
        },
        repeats,
    )
    (plain_s, counts), (score_s, report) = timed["plain"], timed["score"]
    fresh_s, analysed_s = timed["fresh"][0], timed["analysed"][0]
    numpy_s, numpy_report = timed["numpy"]
    judge = Judge(chart, windows, OFFSETS_MS)
    for event in events:
        judge.hit(event)
    judge.finish()
    live_report = build_report(chart, judge.result())
    summed = {
        name: sum(getattr(report.player(p).counts, name) for p in Player)
        for name in ("perfect", "great", "good", "miss")
    }
    summed["stray"] = sum(report.player(p).stray for p in Player)
    return {
        "notes_per_part": notes_per_part,
        "hits": len(events),
        "plain_s": plain_s,
        "score_s": score_s,
        "ratio": plain_s / score_s,
        "fresh_s": fresh_s,
        "fresh_ratio": plain_s / fresh_s,
        "analysed_s": analysed_s,
        "analysed_ratio": plain_s / analysed_s,
        "numpy_s": numpy_s,
        "numpy_ratio": plain_s / numpy_s,
        "scorer": kernel.status(),
        "identical": live_report == report == numpy_report,
        "counts_agree": summed == counts,
    }


__all__ = ["score_vs_plain"]
