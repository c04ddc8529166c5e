"""Sync per section of the chart, for the coordination analysis (:mod:`.coordination`).

A section's sync percent is that of :mod:`.sync` over the shared points inside it: the
sync credits of the points both hit, summed, over all its points. A chart without named
sections is read in 4-bar phrases ("bars 1-4", "bars 5-8", ...); a long one has tens of
thousands, so the sections are kept as columns (:class:`SectionSeries`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .chart import Chart, Section
from .coordination_series import PhraseNames, SectionSeries
from .sync import sync_credits

#: Bars per phrase when a chart has no named sections.
PHRASE_BARS = 4


def chart_sections(chart: Chart) -> tuple[Section, ...]:
    """The chart's named sections, or 4-bar phrases "bars 1-4", ... when it has none."""
    names, start_bar, bars = _section_layout(chart)
    return tuple(
        Section(name, start, length)
        for name, start, length in zip(names, start_bar.tolist(), bars.tolist(), strict=True)
    )


def _section_layout(chart: Chart) -> tuple[Sequence[str], np.ndarray, np.ndarray]:
    """(names, first bars, bar counts) of :func:`chart_sections`, as columns."""
    if chart.sections:
        sections = chart.sections
        return (
            tuple(s.name for s in sections),
            np.array([s.start_bar for s in sections], dtype=np.int64),
            np.array([s.bars for s in sections], dtype=np.int64),
        )
    total = chart.meta.bars
    start_bar = np.arange(0, max(0, total), PHRASE_BARS, dtype=np.int64)
    return PhraseNames(total, PHRASE_BARS), start_bar, np.minimum(PHRASE_BARS, total - start_bar)


def section_sync(chart: Chart, point_time_s: np.ndarray, delta_ms: np.ndarray) -> SectionSeries:
    """Sync percent per section: ``delta_ms`` is nan where the point was not hit by both."""
    delta_ms = np.asarray(delta_ms, dtype=np.float64)
    hit = np.flatnonzero(~np.isnan(delta_ms))
    return hit_section_sync(chart, np.asarray(point_time_s, dtype=np.float64), hit, delta_ms[hit])


def hit_section_sync(
    chart: Chart,
    point_time_s: np.ndarray,
    hit: np.ndarray,
    hit_delta_ms: np.ndarray,
    credits: np.ndarray | None = None,
) -> SectionSeries:
    """:func:`section_sync` from the indices of the points both hit and their deltas (and
    their sync credits, when known already).

    Points are taken in bar order, so each section is one run of them (and of the points
    hit): its credits are summed with one ``reduceat`` over all sections.
    """
    bar_s = chart.seconds_per_beat * chart.meta.beats_per_bar
    bar_of_point = np.floor((point_time_s - chart.music_start_s) / bar_s + 1e-9)
    if credits is None:
        credits = sync_credits(np.abs(hit_delta_ms))
    if len(bar_of_point) > 1 and np.any(bar_of_point[1:] < bar_of_point[:-1]):
        by_bar = np.argsort(bar_of_point, kind="stable")
        bar_of_point = bar_of_point[by_bar]
        hit_sorted = np.flatnonzero(np.isin(by_bar, hit, assume_unique=True))
        credits = credits[np.searchsorted(hit, by_bar[hit_sorted])]
        hit = hit_sorted
    names, start_bar, bars = _section_layout(chart)
    edges = np.searchsorted(bar_of_point, np.concatenate([start_bar, start_bar + bars]))
    first, stop = edges[: len(start_bar)], edges[len(start_bar) :]
    stop = np.maximum(first, stop)
    points = stop - first
    # Sections as runs of the points hit; reduceat over [first, stop) pairs, a trailing
    # zero keeping ``stop == len`` a valid index.
    bounds = np.searchsorted(hit, np.column_stack([first, stop]).reshape(-1))
    sums = np.add.reduceat(np.append(credits, 0.0), bounds)[::2] if len(bounds) else np.zeros(0)
    sums = np.where(bounds[1::2] > bounds[::2], sums, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        percents = np.where(points > 0, 100.0 * sums / np.maximum(points, 1), np.nan)
    return SectionSeries(names, start_bar, bars, points, percents)


__all__ = ["PHRASE_BARS", "chart_sections", "hit_section_sync", "section_sync"]
