"""What free play's summary card says about a chart: its title, computed rating, note
counts, length, density, sections and fills, and the best result played on it."""

from __future__ import annotations

from dataclasses import dataclass

from ....core.chart import Chart
from ....core.chart_identity import chart_hash
from ....core.generator import fill_bars
from ....core.rating import rate_chart
from ....core.voices import PLAYERS
from ....storage.scores_db import ScoresDB, ScoresError


@dataclass(frozen=True, slots=True)
class ChartFacts:
    """What the summary card says about a chart."""

    title: str
    rating: float
    notes: tuple[int, int]
    length_s: float
    notes_per_s: float
    sections: int
    fills: int


def chart_facts(chart: Chart) -> ChartFacts:
    length_s = max(0.0, chart.duration_s - chart.music_start_s)
    notes = tuple(len(chart.part(p)) for p in PLAYERS)
    busiest = max(notes) if notes else 0
    return ChartFacts(
        title=chart.meta.title or f"{chart.meta.style} #{chart.meta.seed}",
        rating=rate_chart(chart),
        notes=notes,  # type: ignore[arg-type]
        length_s=length_s,
        notes_per_s=busiest / length_s if length_s > 0 else 0.0,
        sections=len(chart.sections),
        fills=len(fill_bars(chart)),
    )


def rating_text(facts: ChartFacts | None) -> str:
    """The rating as the card shows it ("" without a chart)."""
    return "" if facts is None else f"{facts.rating:.2f}"


def best_text(scores: ScoresDB | None, mode: str, chart: Chart) -> str:
    """The best result on this chart in this mode, from the game's scores database (None when
    it could not be opened: the title said why)."""
    if scores is None:
        return "unavailable"
    try:
        record = scores.best(mode, chart_hash(chart))
    except (ScoresError, OSError) as error:
        return f"unavailable ({error})"
    if record is None:
        return "not played yet"
    if record.team_percent is not None:
        return f"{record.team_percent:.1f}%"
    return f"{record.total_score:,}"
