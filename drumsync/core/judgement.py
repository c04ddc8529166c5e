"""Judging results as records: one :class:`Judgement` per hit or settled note, and column tables.

``Judgement`` is what the live :class:`~drumsync.core.judge.Judge` emits, one at a time.
``PlayerJudgements`` / ``MatchJudgements`` hold the outcome for every note of a match as
arrays; both the live judge (after ``finish()``) and the batch scorer produce them, and they
must be identical. Times are on the *judged* clock: song time minus the player's offset.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .chart import Chart
from .voices import Player, Voice
from .windows import Tier, Windows, windows_preset

#: ``PlayerJudgements.tier`` value of every note once judged; there is no "unjudged" value.
TIER_MISS = int(Tier.MISS)


@dataclass(frozen=True, slots=True)
class Judgement:
    """One judging decision.

    ``tier`` is None for a stray hit (a hit that matched no note). ``offset_ms`` is
    ``(hit - note) * 1000`` (negative = early); nan for an unhit miss and for strays.
    ``time_s`` is the judged song time: the hit's time after the player's offset, or
    ``note_time_s + miss_s`` for a note nobody hit. ``note_index`` indexes the player's part
    (-1 for a stray) and ``note_time_s`` is nan for a stray.
    """

    player: Player
    voice: Voice
    tier: Tier | None
    note_index: int
    offset_ms: float
    time_s: float
    note_time_s: float

    @property
    def is_stray(self) -> bool:
        return self.tier is None

    @property
    def is_hit(self) -> bool:
        """True when a hit consumed the note (any tier, including consumed-as-miss)."""
        return self.tier is not None and not math.isnan(self.offset_ms)


def _frozen_owner(base: object) -> bool:
    """A read-only array that owns its memory: a view of it can never be written through."""
    return isinstance(base, np.ndarray) and base.base is None and not base.flags.writeable


def _readonly(values, dtype) -> np.ndarray:
    if (
        isinstance(values, np.ndarray)
        and values.dtype == dtype
        and values.ndim == 1
        and not values.flags.writeable
        and (values.base is None or _frozen_owner(values.base))
    ):
        return values  # frozen already, as is what it views (a judge's own): no copy
    arr = np.array(values, dtype=dtype, copy=True).reshape(-1)
    arr.flags.writeable = False
    return arr


def _first_difference(name: str, a: np.ndarray, b: np.ndarray) -> str | None:
    if a.shape != b.shape:
        return f"{name}: shapes {a.shape} != {b.shape}"
    if np.array_equal(a, b, equal_nan=a.dtype.kind == "f"):
        return None
    same = (a == b) | (np.isnan(a) & np.isnan(b)) if a.dtype.kind == "f" else a == b
    i = int(np.flatnonzero(~same)[0])
    return f"{name}[{i}]: {a[i]!r} != {b[i]!r}"


@dataclass(frozen=True, eq=False)
class PlayerJudgements:
    """The outcome for every note of one player's part, plus that player's stray hits.

    Per note (same order as the part): ``tier`` (int8 :class:`Tier` value), ``offset_ms``
    (nan if nobody hit it), ``hit_time_s`` (judged hit time, nan if unhit) and
    ``judged_time_s`` (hit time, or ``note_time + miss_s`` for an unhit miss).
    ``stray_time_s`` holds the judged times of stray hits, ascending.
    Equality compares arrays exactly, with nan equal to nan.
    """

    tier: np.ndarray
    offset_ms: np.ndarray
    hit_time_s: np.ndarray
    judged_time_s: np.ndarray
    stray_time_s: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "tier", _readonly(self.tier, np.int8))
        for name in ("offset_ms", "hit_time_s", "judged_time_s", "stray_time_s"):
            object.__setattr__(self, name, _readonly(getattr(self, name), np.float64))
        n = len(self.tier)
        if not (len(self.offset_ms) == len(self.hit_time_s) == len(self.judged_time_s) == n):
            raise ValueError("per-note judgement arrays differ in length")

    def __len__(self) -> int:
        return len(self.tier)

    @property
    def stray_count(self) -> int:
        return len(self.stray_time_s)

    @property
    def hit_mask(self) -> np.ndarray:
        """Notes consumed by a hit (any tier, including consumed-as-miss)."""
        return ~np.isnan(self.hit_time_s)

    def tier_counts(self) -> tuple[int, int, int, int]:
        """Counts of perfect, great, good, miss."""
        return tuple(int(np.count_nonzero(self.tier == tier)) for tier in Tier)  # type: ignore[return-value]

    def difference(self, other: PlayerJudgements) -> str | None:
        """A description of the first difference, or None when equal (for test messages)."""
        for name in ("tier", "offset_ms", "hit_time_s", "judged_time_s", "stray_time_s"):
            found = _first_difference(name, getattr(self, name), getattr(other, name))
            if found:
                return found
        return None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PlayerJudgements):
            return NotImplemented
        return self.difference(other) is None


@dataclass(frozen=True, eq=False)
class MatchJudgements:
    """Both players' judgements, with the windows and per-player offsets they were judged by."""

    players: tuple[PlayerJudgements, PlayerJudgements]
    windows: Windows
    offsets_ms: tuple[float, float]

    def player(self, player: Player) -> PlayerJudgements:
        return self.players[int(player)]

    @property
    def windows_name(self) -> str:
        return self.windows.name

    def difference(self, other: MatchJudgements) -> str | None:
        """A description of the first difference, or None when equal (for test messages)."""
        if self.windows != other.windows:
            return f"windows: {self.windows} != {other.windows}"
        if tuple(self.offsets_ms) != tuple(other.offsets_ms):
            return f"offsets_ms: {self.offsets_ms} != {other.offsets_ms}"
        for player in Player:
            found = self.players[player].difference(other.players[player])
            if found:
                return f"{player.label} {found}"
        return None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MatchJudgements):
            return NotImplemented
        return self.difference(other) is None


def resolve_windows(windows: str | Windows) -> Windows:
    """A :class:`Windows` from itself or a preset name (ValueError for unknown names)."""
    return windows_preset(windows) if isinstance(windows, str) else windows


def resolve_offsets(offsets_ms) -> tuple[float, float]:
    """Per-player offsets as two finite floats (ValueError otherwise)."""
    values = tuple(float(o) for o in offsets_ms)
    if len(values) != 2 or not all(math.isfinite(o) for o in values):
        raise ValueError(f"offsets_ms must be two finite numbers, got {offsets_ms!r}")
    return values  # type: ignore[return-value]


def check_judgeable(chart: Chart) -> None:
    """Both judges rely on parts sorted by finite time; ValueError otherwise."""
    for player, part in zip(Player, chart.parts, strict=True):
        times = part.time_s
        if not np.all(np.isfinite(times)):
            raise ValueError(f"{player.label} part has a non-finite note time")
        if np.any(np.diff(times) < 0):
            raise ValueError(f"{player.label} part is not sorted by time")
        if len(part.voice) and (part.voice.min() < 0 or part.voice.max() >= len(Voice)):
            raise ValueError(f"{player.label} part has an unknown voice")


__all__ = [
    "TIER_MISS",
    "Judgement",
    "MatchJudgements",
    "PlayerJudgements",
    "check_judgeable",
    "resolve_offsets",
    "resolve_windows",
]
