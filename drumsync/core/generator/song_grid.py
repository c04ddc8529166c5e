"""A song's own beat grid for the generator: when its beats fall, where its sections start
and how loud each bar is (from an analysis of its audio, or exact from a MIDI tempo map).

``beat_times_s`` are seconds into the song's audio, beat 0 being the first bar's "1" and
the last entry ending the last bar, so ``bars = (len - 1) // beats_per_bar``. The chart made
on it carries a tempo map with one tempo per beat (``tempo_map``): beat ``k`` of the chart
sounds exactly at ``beat_times_s[k]`` of the audio, which starts at song time
``audio_offset_s``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..chart import Section
from ..errors import ChartError
from ..tempo_map import TempoMap, frozen_array

GRID_BEATS_PER_BAR = 4
MIN_GRID_BARS = 4
MAX_GRID_BARS = 2000
MIN_GRID_BPM, MAX_GRID_BPM = 30.0, 320.0
#: A section this short at either end of the song is its intro or outro.
END_SECTION_BARS = 8


@dataclass(frozen=True, eq=False)
class SongGrid:
    beat_times_s: np.ndarray
    section_bars: tuple[int, ...] | None = None  # section starts (bar 0 implied); None: invent
    bar_energy: np.ndarray = field(default=None)  # type: ignore[assignment]  # 0..1 per bar
    audio_file: str | None = None
    title: str | None = None  # the song's name (else the generator invents one)
    beats_per_bar: int = GRID_BEATS_PER_BAR

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "beat_times_s", frozen_array(self.beat_times_s, np.float64))
        bars = max(0, (len(self.beat_times_s) - 1) // self.beats_per_bar)
        put(self, "beat_times_s", self.beat_times_s[: bars * self.beats_per_bar + 1])
        energy = np.ones(bars) if self.bar_energy is None else self.bar_energy
        put(self, "bar_energy", frozen_array(np.resize(np.asarray(energy, float), bars), float))
        if self.section_bars is not None:
            starts = sorted({int(b) for b in self.section_bars if 0 < int(b) < bars})
            put(self, "section_bars", tuple(starts))
        problem = self.problem()
        if problem:
            raise ChartError(problem)

    @property
    def bars(self) -> int:
        return (len(self.beat_times_s) - 1) // self.beats_per_bar

    def problem(self) -> str | None:
        if not MIN_GRID_BARS <= self.bars <= MAX_GRID_BARS:
            return (
                f"the song has {self.bars} whole bars of steady beat; "
                f"charts need {MIN_GRID_BARS}..{MAX_GRID_BARS}"
            )
        gaps = np.diff(self.beat_times_s)
        if not np.all(np.isfinite(self.beat_times_s)) or np.any(gaps <= 0):
            return "beat times must be finite and increasing"
        bpm = 60.0 / gaps
        if bpm.min() < MIN_GRID_BPM or bpm.max() > MAX_GRID_BPM:
            return f"beat tempos must stay in {MIN_GRID_BPM:g}..{MAX_GRID_BPM:g} bpm"
        return None

    @property
    def beat_bpm(self) -> np.ndarray:
        """The tempo of every beat (60 / its length)."""
        return 60.0 / np.diff(self.beat_times_s)

    @property
    def main_bpm(self) -> float:
        """The median tempo, to 0.1 bpm (the figure a chart list shows)."""
        return round(float(np.median(self.beat_bpm)), 1)

    @property
    def fast_bpm(self) -> float:
        """The tempo of the fastest stretches (95th percentile, to 0.1): note spacing limits
        are set for it, so the chart stays playable where the song rushes."""
        return round(float(np.percentile(self.beat_bpm, 95)), 1)

    def tempo_map(self, lead_in_s: float) -> TempoMap:
        """One tempo per beat; the audio starts at song time ``lead_in_s - beat_times_s[0]``."""
        return TempoMap(
            tempo_beat=np.arange(len(self.beat_bpm), dtype=np.float64),
            bpm=self.beat_bpm,
            meter_beat=[0.0],
            meter_num=[self.beats_per_bar],
            meter_den=[4],
            audio_offset_s=float(lead_in_s - self.beat_times_s[0]),
        )

    def lead_in_s(self, silence_s: float, count_in_beats: int) -> float:
        """Song time of beat 0: room for silence and the count-in at the first tempo, or the
        audio before the first downbeat if that is longer (the audio never starts early)."""
        count_in_s = silence_s + count_in_beats * 60.0 / float(self.beat_bpm[0])
        return round(max(count_in_s, float(self.beat_times_s[0])), 6)


def grid_sections(grid: SongGrid) -> tuple[Section, ...] | None:
    """Named sections from the grid's section starts, or None to let the generator invent
    a form. Names follow the music's energy (the generator's density follows the names):
    the loudest sections are choruses, the quietest verses, those between bridges; a short
    quiet stretch at either end is the intro or outro."""
    if grid.section_bars is None:
        return None
    starts = (0, *grid.section_bars)
    ends = (*grid.section_bars, grid.bars)
    energy = np.array(
        [float(np.mean(grid.bar_energy[a:b])) for a, b in zip(starts, ends, strict=True)]
    )
    low, high = np.percentile(energy, [40, 60]) if len(energy) > 1 else (energy[0], energy[0])
    names = []
    for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
        if energy[i] >= high and len(energy) > 1:
            name = "chorus"
        elif energy[i] <= low:
            name = "verse"
        else:
            name = "bridge"
        end_piece = b - a <= END_SECTION_BARS and energy[i] < np.median(energy)
        if end_piece and i == 0 and len(starts) > 1:
            name = "intro"
        elif end_piece and i == len(starts) - 1 and len(starts) > 1:
            name = "outro"
        names.append(name)
    return tuple(Section(n, a, b - a) for n, a, b in zip(names, starts, ends, strict=True))
