"""The chart model: immutable metadata plus one part (note arrays) per player.

Time runs on the *song clock*: ``time_s = lead_in_s + beat * 60 / bpm``; beat 0 is the
first bar of music, the count-in occupies the ``count_in_beats`` before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .voices import PLAYERS, Player

#: The arguments of ``generate_chart`` that (with the generator version) fix a chart.
GENERATOR_ARG_NAMES = ("seed", "style", "bpm", "difficulty", "bars", "parts")


def generator_args_of(source: object) -> dict:
    """``generate_chart`` keyword arguments read from ``source``'s attributes of those names."""
    return {name: getattr(source, name) for name in GENERATOR_ARG_NAMES}


STYLES = ("dance-pop", "rock", "metal", "euclidean")
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


def _frozen(values, dtype) -> np.ndarray:
    arr = np.array(values, dtype=dtype, copy=True).reshape(-1)
    arr.flags.writeable = False
    return arr


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
        object.__setattr__(self, "beat", _frozen(self.beat, np.float64))
        object.__setattr__(self, "time_s", _frozen(self.time_s, np.float64))
        object.__setattr__(self, "voice", _frozen(self.voice, np.int8))
        object.__setattr__(self, "velocity", _frozen(vel, np.float32))
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

    def part(self, player: Player) -> Part:
        return self.parts[int(player)]

    @property
    def seconds_per_beat(self) -> float:
        return 60.0 / self.meta.bpm

    def beat_to_time(self, beat):
        """Song time of a beat (scalar or array)."""
        return self.lead_in_s + np.asarray(beat, dtype=np.float64) * self.seconds_per_beat

    @property
    def music_start_s(self) -> float:
        """Song time of beat 0, the first bar after the count-in."""
        return self.lead_in_s

    @property
    def count_in_start_s(self) -> float:
        return self.lead_in_s - self.count_in_beats * self.seconds_per_beat

    @property
    def end_beat(self) -> float:
        return float(self.meta.bars * self.meta.beats_per_bar)

    @property
    def duration_s(self) -> float:
        """Song time at the end of the last bar."""
        return float(self.beat_to_time(self.end_beat))

    @property
    def note_count(self) -> int:
        return sum(len(p) for p in self.parts)

    def section_at(self, beat: float) -> Section | None:
        bar = int(beat // self.meta.beats_per_bar)
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
            and all(a == b for a, b in zip(self.parts, other.parts, strict=True))
        )


__all__ = [
    "MAX_DIFFICULTY",
    "MIN_DIFFICULTY",
    "PART_MODES",
    "PLAYERS",
    "STYLES",
    "Chart",
    "ChartMeta",
    "Part",
    "Section",
]
