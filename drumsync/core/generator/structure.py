"""Song form: named sections made of 4- or 8-bar phrases; a fill ends every phrase.

Phrases are computed from the sections alone (``phrase_lengths``), so any chart with
sections tells which bars are fills (``fill_bars``) without extra stored data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..chart import Chart, Section

SECTION_NAMES = ("intro", "verse", "chorus", "bridge", "outro")
#: Intensity offsets per section kind (added to the level): choruses push, intros rest.
SECTION_LEVEL_OFFSET = {"intro": -1.0, "verse": -0.3, "chorus": 0.5, "bridge": 0.2, "outro": -0.8}
_MIDDLE_CYCLE = ("verse", "chorus", "verse", "chorus", "bridge", "chorus")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A run of bars sharing one motif; its last bar is a fill."""

    index: int
    start_bar: int
    bars: int
    section: str

    @property
    def fill_bar(self) -> int:
        return self.start_bar + self.bars - 1


def phrase_lengths(section_bars: int) -> tuple[int, ...]:
    """8-bar phrases when the section divides by 8, else 4-bar phrases; a remainder of
    fewer than 4 bars (only at the end of odd-sized songs) forms one short phrase."""
    if section_bars <= 0:
        return ()
    if section_bars % 8 == 0:
        return (8,) * (section_bars // 8)
    lengths = (4,) * (section_bars // 4)
    return lengths + ((section_bars % 4,) if section_bars % 4 else ())


def plan_sections(bars: int, rng: np.random.Generator) -> tuple[Section, ...]:
    """Intro, verse/chorus/bridge cycle, outro, sized to exactly ``bars`` bars."""
    draws = rng.random(64)
    if bars < 16:
        return (Section("verse", 0, bars),)
    intro = 8 if bars >= 64 and draws[0] < 0.4 else 4
    outro = 4 if bars >= 24 else 0
    remainder = (bars - intro - outro) % 4  # odd bars join the last section's last phrase
    if outro:
        outro += remainder
    sections = [Section("intro", 0, intro)]
    start, remaining, slot = intro, bars - intro - outro, 1
    cycle = 0
    while remaining > 0:
        name = _MIDDLE_CYCLE[cycle % len(_MIDDLE_CYCLE)]
        length = 8 if name == "bridge" or draws[slot % len(draws)] < 0.5 else 16
        length = min(length, remaining)
        sections.append(Section(name, start, length))
        start, remaining, slot, cycle = start + length, remaining - length, slot + 1, cycle + 1
    if outro:
        sections.append(Section("outro", start, outro))
    return tuple(sections)


def phrases_of(sections) -> tuple[Phrase, ...]:
    """The phrases of a list of sections, in bar order."""
    out: list[Phrase] = []
    for section in sections:
        start = section.start_bar
        for length in phrase_lengths(section.bars):
            out.append(Phrase(len(out), start, length, section.name))
            start += length
    return tuple(out)


def phrases(chart: Chart) -> tuple[Phrase, ...]:
    """The phrases of a chart (from its sections)."""
    return phrases_of(chart.sections)


def fill_bars(chart: Chart) -> tuple[int, ...]:
    """Indices of the bars that hold a fill: the last bar of every phrase."""
    return tuple(p.fill_bar for p in phrases(chart))
