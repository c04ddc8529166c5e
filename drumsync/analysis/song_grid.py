"""From an analysis to the generator's ``SongGrid``: whole bars from the first downbeat."""

from __future__ import annotations

import numpy as np

from ..core.generator.song_grid import SongGrid
from .analyze import BEATS_PER_BAR, SongAnalysis


def grid_beats(analysis: SongAnalysis) -> np.ndarray:
    """Beat times from the first downbeat through the end of the last whole bar (that end is
    the next beat, found or, after the last found beat, one beat period later as long as the
    audio lasts to within half a beat of it: a loop ends just before its next "1")."""
    beats = np.asarray(analysis.beat_times_s[analysis.first_downbeat :], dtype=np.float64)
    bars = (len(beats) - 1) // BEATS_PER_BAR
    if len(beats) >= 2 and (len(beats) - 1) % BEATS_PER_BAR == BEATS_PER_BAR - 1:
        next_beat = beats[-1] + (beats[-1] - beats[-2])
        if next_beat <= analysis.duration_s + 0.5 * (beats[-1] - beats[-2]):
            beats = np.append(beats, next_beat)
            bars += 1
    return beats[: bars * BEATS_PER_BAR + 1]


def song_grid(
    analysis: SongAnalysis, audio_file: str | None = None, title: str | None = None
) -> SongGrid:
    """The grid of an analysed song (raises ChartError when it has too few bars)."""
    beats = grid_beats(analysis)
    bars = max(0, (len(beats) - 1) // BEATS_PER_BAR)
    return SongGrid(
        beat_times_s=beats,
        section_bars=tuple(b.bar for b in analysis.boundaries if b.bar < bars),
        bar_energy=np.asarray(analysis.bar_energy[:bars]),
        audio_file=audio_file,
        title=title,
    )
