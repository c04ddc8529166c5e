"""A section of a chart as a chart of its own, for practice loops (pure: numpy only).

Bars ``start_bar .. start_bar + bars`` of the original become bars ``0 .. bars`` of the new
chart, with the same tempo, lead-in and count-in, so the loop starts with a count-in every
time round. Sections are clipped to the loop and keep their names.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from ...core.chart import Chart, Part, Section


@dataclasses.dataclass(frozen=True, slots=True)
class LoopRange:
    """``bars`` bars from ``start_bar`` (0-based)."""

    start_bar: int
    bars: int

    def __post_init__(self) -> None:
        if self.start_bar < 0 or self.bars < 1:
            raise ValueError("a loop needs a start bar >= 0 and at least one bar")

    @property
    def label(self) -> str:
        last = self.start_bar + self.bars
        return f"bar {last}" if self.bars == 1 else f"bars {self.start_bar + 1}-{last}"


PHRASE_BARS = 4


def loop_ranges(chart: Chart) -> list[tuple[str, LoopRange]]:
    """The practice choices: the whole song, each section by name, then every 4-bar phrase
    that is not already a section."""
    whole = LoopRange(0, chart.meta.bars)
    choices = [("Whole song", whole)]
    taken = {whole}
    for section in chart.sections:
        loop = LoopRange(section.start_bar, section.bars)
        if loop not in taken:
            taken.add(loop)
            choices.append((f"{section.name.title()} ({loop.label})", loop))
    for start in range(0, chart.meta.bars, PHRASE_BARS):
        loop = LoopRange(start, min(PHRASE_BARS, chart.meta.bars - start))
        if loop not in taken:
            taken.add(loop)
            choices.append((loop.label.capitalize(), loop))
    return choices


def section_chart(chart: Chart, loop: LoopRange) -> Chart:
    """Bars ``loop`` of ``chart`` as a chart starting at beat 0."""
    meta = chart.meta
    if loop.start_bar + loop.bars > meta.bars:
        raise ValueError(f"{loop.label} is past the end of a {meta.bars}-bar chart")
    if loop == LoopRange(0, meta.bars):
        return chart
    per_bar = meta.beats_per_bar
    first, last = loop.start_bar * per_bar, (loop.start_bar + loop.bars) * per_bar
    parts = []
    for part in chart.parts:
        inside = (part.beat >= first) & (part.beat < last)
        beat = part.beat[inside] - first
        parts.append(
            Part(
                beat=beat,
                time_s=np.asarray(chart.beat_to_time(beat), dtype=np.float64),
                voice=part.voice[inside],
                velocity=part.velocity[inside],
            )
        )
    sections = []
    for section in chart.sections:
        start = max(section.start_bar, loop.start_bar)
        end = min(section.start_bar + section.bars, loop.start_bar + loop.bars)
        if end > start:
            sections.append(Section(section.name, start - loop.start_bar, end - start))
    title = f"{meta.title} · {loop.label}" if meta.title else loop.label
    return dataclasses.replace(
        chart,
        meta=dataclasses.replace(meta, bars=loop.bars, title=title),
        parts=(parts[0], parts[1]),
        sections=tuple(sections),
    )
