"""The chart model: immutable metadata plus one part (note arrays) per player.

Time runs on the *song clock*: ``time_s = lead_in_s + beat * 60 / bpm``; beat 0 is the
first bar of music, the count-in occupies the ``count_in_beats`` before it. A chart with a
``tempo_map`` (an imported song) uses it instead: ``time_s = lead_in_s + seconds_at(beat)``,
and its bars follow the map's time signatures. ``audio_file`` names the song's own audio.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .tempo_map import TempoMap, frozen_array
from .voices import PLAYERS, Player

#: The arguments of ``generate_chart`` that (with the generator version) fix a chart.
GENERATOR_ARG_NAMES = ("seed", "style", "bpm", "difficulty", "bars", "parts")


def generator_args_of(source: object) -> dict:
    """``generate_chart`` keyword arguments read from ``source``'s attributes of those names."""
    return {name: getattr(source, name) for name in GENERATOR_ARG_NAMES}


STYLES = ("dance-pop", "rock", "metal", "euclidean")
#: The ``meta.style`` of an imported chart names the format it came from.
SOURCE_FORMATS = ("tja", "osu", "midi", "rockband", "clonehero")
CHART_STYLES = STYLES + SOURCE_FORMATS
PART_MODES = ("unison", "split")
MIN_DIFFICULTY, MAX_DIFFICULTY = 1, 10


@dataclass(frozen=True, slots=True)
class ChartMeta:
    title: str
    style: str
    bpm: float
    beats_per_bar: int
    bars: int
    seed: int
    difficulty: int
    rating: float
    parts: str  # "unison" or "split"
    generator_version: int

    def generator_args(self) -> dict:
        """The arguments that regenerate this chart with ``generate_chart``."""
        return generator_args_of(self)


@dataclass(frozen=True, slots=True)
class Section:
    """A named stretch of the song, e.g. ``Section("verse", start_bar=4, bars=8)``."""

    name: str
    start_bar: int
    bars: int


@dataclass(frozen=True, eq=False)
class Part:
    """One player's notes, sorted by time. Arrays are read-only and of equal length.

    ``velocity`` is 0..1 (accents are louder and brighter in the kit).
    At the same time a part holds at most one note per voice.
    """

    beat: np.ndarray
    time_s: np.ndarray
    voice: np.ndarray
    velocity: np.ndarray = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        n = len(np.asarray(self.beat).reshape(-1))
        vel = self.velocity if self.velocity is not None else np.full(n, 0.8)
        object.__setattr__(self, "beat", frozen_array(self.beat, np.float64))
        object.__setattr__(self, "time_s", frozen_array(self.time_s, np.float64))
        object.__setattr__(self, "voice", frozen_array(self.voice, np.int8))
        object.__setattr__(self, "velocity", frozen_array(vel, np.float32))
        if not (len(self.time_s) == len(self.voice) == len(self.velocity) == n):
            raise ValueError("part arrays differ in length")

    def __len__(self) -> int:
        return len(self.beat)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Part):
            return NotImplemented
        return all(
            np.array_equal(getattr(self, name), getattr(other, name))
            for name in ("beat", "time_s", "voice", "velocity")
        )

    @classmethod
    def empty(cls) -> Part:
        return cls(beat=[], time_s=[], voice=[], velocity=[])


@dataclass(frozen=True, eq=False)
class Chart:
    meta: ChartMeta
    parts: tuple[Part, Part]
    sections: tuple[Section, ...] = ()
    count_in_beats: int = 4
    lead_in_s: float = 0.0
    tempo_map: TempoMap | None = None
    audio_file: str | None = None

    def part(self, player: Player) -> Part:
        return self.parts[int(player)]

    @property
    def seconds_per_beat(self) -> float:
        """Seconds per beat at the first tempo (the only one without a tempo map)."""
        return 60.0 / self.meta.bpm

    def beat_to_time(self, beat):
        """Song time of a beat (scalar or array)."""
        if self.tempo_map is None:
            return self.lead_in_s + np.asarray(beat, dtype=np.float64) * self.seconds_per_beat
        return self.lead_in_s + self.tempo_map.seconds_at(beat)

    def time_to_beat(self, time_s):
        """The beat at song time ``time_s`` (scalar or array)."""
        if self.tempo_map is None:
            return (np.asarray(time_s, dtype=np.float64) - self.lead_in_s) / self.seconds_per_beat
        return self.tempo_map.beat_at(np.asarray(time_s, dtype=np.float64) - self.lead_in_s)

    def bar_lines(self) -> np.ndarray:
        """Beats of every bar line: bar ``i`` starts at ``[i]``; the last entry ends the song."""
        if self.tempo_map is None:
            return np.arange(self.meta.bars + 1, dtype=np.float64) * self.meta.beats_per_bar
        return self._mapped_bar_lines

    @cached_property
    def _mapped_bar_lines(self) -> np.ndarray:
        lines = self.tempo_map.bar_lines(self.meta.bars)  # type: ignore[union-attr]
        lines.flags.writeable = False
        return lines

    def bar_start_beat(self, bar: int) -> float:
        if self.tempo_map is None:
            return float(bar * self.meta.beats_per_bar)
        lines = self.bar_lines()
        return float(lines[min(max(0, bar), len(lines) - 1)])

    def bar_of_beat(self, beat):
        """Index of the bar holding ``beat`` (scalar or array, floor; before 0 is negative)."""
        if self.tempo_map is None:
            return np.floor_divide(np.asarray(beat, dtype=np.float64), self.meta.beats_per_bar)
        lines = self.bar_lines()
        return np.searchsorted(lines[:-1], np.asarray(beat, dtype=np.float64) + 1e-9) - 1

    def bar_position(self, beat):
        """Bars from the first bar line to ``beat``, fractional (2.5 = half way through the
        third bar): beats over beats per bar, or along the tempo map's bar lines."""
        b = np.asarray(beat, dtype=np.float64)
        if self.tempo_map is None:
            return b / self.meta.beats_per_bar
        lines = self.bar_lines()
        i = np.clip(np.searchsorted(lines, b, side="right") - 1, 0, len(lines) - 2)
        return i + (b - lines[i]) / (lines[i + 1] - lines[i])

    @property
    def tempo_text(self) -> str:
        """The tempo as shown: ``"120 BPM"``, or a range such as ``"75-150 BPM"``."""
        return self.tempo_text_at(1.0)

    def tempo_text_at(self, rate: float) -> str:
        """The tempo as heard at practice ``rate`` (``"78 BPM"`` for 104 BPM at 75 %)."""
        bpms = self.tempo_map.bpm if self.tempo_map is not None else [self.meta.bpm]
        low, high = (round(float(b) * rate, 1) for b in (min(bpms), max(bpms)))
        return f"{low:g} BPM" if low == high else f"{low:g}-{high:g} BPM"

    def grid_lines(self) -> tuple[np.ndarray, np.ndarray]:
        """``(beats, is_bar)`` of the highway's lines: every beat from the count-in to the
        end, plus (with a tempo map) every bar line that falls between beats."""
        beats = np.arange(-self.count_in_beats, self.end_beat + 1, dtype=np.float64)
        if self.tempo_map is None:
            return beats, (np.arange(len(beats)) % self.meta.beats_per_bar) == 0
        bars = self.bar_lines()
        beats = np.union1d(beats, bars)
        return beats, np.isin(beats, bars)

    @property
    def music_start_s(self) -> float:
        """Song time of beat 0, the first bar after the count-in."""
        return self.lead_in_s

    @property
    def count_in_start_s(self) -> float:
        if self.tempo_map is None:
            return self.lead_in_s - self.count_in_beats * self.seconds_per_beat
        return float(self.beat_to_time(-self.count_in_beats))

    @property
    def end_beat(self) -> float:
        if self.tempo_map is None:
            return float(self.meta.bars * self.meta.beats_per_bar)
        return float(self.bar_lines()[-1])

    @property
    def duration_s(self) -> float:
        """Song time at the end of the last bar."""
        return float(self.beat_to_time(self.end_beat))

    @property
    def note_count(self) -> int:
        return sum(len(p) for p in self.parts)

    def section_at(self, beat: float) -> Section | None:
        bar = int(self.bar_of_beat(beat))
        for section in self.sections:
            if section.start_bar <= bar < section.start_bar + section.bars:
                return section
        return None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Chart):
            return NotImplemented
        return (
            self.meta == other.meta
            and self.sections == other.sections
            and self.count_in_beats == other.count_in_beats
            and self.lead_in_s == other.lead_in_s
            and self.tempo_map == other.tempo_map
            and self.audio_file == other.audio_file
            and all(a == b for a, b in zip(self.parts, other.parts, strict=True))
        )


__all__ = [
    "CHART_STYLES",
    "MAX_DIFFICULTY",
    "MIN_DIFFICULTY",
    "PART_MODES",
    "PLAYERS",
    "SOURCE_FORMATS",
    "STYLES",
    "Chart",
    "ChartMeta",
    "Part",
    "Section",
]
