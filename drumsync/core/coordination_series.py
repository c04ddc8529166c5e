"""Column-stored sequences of the coordination analysis's many small results.

A long match has tens of thousands of sliding windows and (4-bar phrases) sections; making
one Python object for each would cost more than computing them. These hold the numbers as
arrays and read as tuples of :class:`WindowCorrelations` / :class:`SectionSync`: ``len``,
indexing, iteration and equality work as on a tuple, and an item is made the first time it
is read (and then kept, so the same index always gives the same object). Undefined values
are nan in the arrays and None in the items.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .lags import LagCorrelations


@dataclass(frozen=True, slots=True)
class WindowCorrelations:
    start_s: float
    end_s: float
    lags: LagCorrelations


@dataclass(frozen=True, slots=True)
class SectionSync:
    name: str
    start_bar: int
    bars: int
    points: int
    percent: float | None


def _defined(value: float) -> float | None:
    return None if math.isnan(value) else value


class _ColumnSequence(Sequence):
    """A read-only sequence over equal-length columns; subclasses make the items."""

    _columns: tuple[str, ...] = ()

    def __init__(self, **columns: Any) -> None:
        lengths = {len(v) for v in columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: {sorted(lengths)}")
        for name, values in columns.items():
            if isinstance(values, np.ndarray):
                values = values.copy()
                values.flags.writeable = False
            setattr(self, name, values)
        self._length = lengths.pop() if lengths else 0
        self._items: list[Any] = [None] * self._length

    def _make(self, index: int) -> Any:
        raise NotImplementedError

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._length)))
        if not -self._length <= index < self._length:
            raise IndexError("index out of range")
        index %= self._length
        item = self._items[index]
        if item is None:
            item = self._items[index] = self._make(index)
        return item

    def __iter__(self):
        return (self[i] for i in range(self._length))

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return all(_same(getattr(self, name), getattr(other, name)) for name in self._columns)
        if isinstance(other, Sequence) and not isinstance(other, str):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True)
    return a == b


class WindowSeries(_ColumnSequence):
    """The sliding windows' lag correlations: ``start_s``, ``end_s`` and, per lag, ``minus1``,
    ``zero``, ``plus1`` (nan where undefined), with ``intervals`` per window."""

    _columns = ("start_s", "end_s", "minus1", "zero", "plus1", "intervals")

    def __init__(self, start_s, end_s, minus1, zero, plus1, intervals) -> None:
        super().__init__(
            start_s=np.asarray(start_s, dtype=np.float64),
            end_s=np.asarray(end_s, dtype=np.float64),
            minus1=np.asarray(minus1, dtype=np.float64),
            zero=np.asarray(zero, dtype=np.float64),
            plus1=np.asarray(plus1, dtype=np.float64),
            intervals=np.asarray(intervals, dtype=np.int64),
        )

    @classmethod
    def empty(cls) -> WindowSeries:
        return cls(*([()] * 6))

    def _make(self, i: int) -> WindowCorrelations:
        return WindowCorrelations(
            float(self.start_s[i]),
            float(self.end_s[i]),
            LagCorrelations(
                _defined(float(self.minus1[i])),
                _defined(float(self.zero[i])),
                _defined(float(self.plus1[i])),
                int(self.intervals[i]),
            ),
        )


class PhraseNames(Sequence):
    """ "bars 1-4", "bars 5-8", ... for a chart of ``bars`` bars in phrases of ``length``."""

    def __init__(self, bars: int, length: int) -> None:
        self.bars, self.length = bars, length

    def __len__(self) -> int:
        return -(-self.bars // self.length) if self.bars > 0 else 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError("index out of range")
        start = (index % len(self)) * self.length
        return f"bars {start + 1}-{min(self.bars, start + self.length)}"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PhraseNames):
            return (self.bars, self.length) == (other.bars, other.length)
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class SectionSeries(_ColumnSequence):
    """Sync per section: ``names``, ``start_bar``, ``bars``, ``points`` and ``percent``
    (nan where the section has no points)."""

    _columns = ("names", "start_bar", "bars", "points", "percent")

    def __init__(self, names: Sequence[str], start_bar, bars, points, percent) -> None:
        super().__init__(
            names=names,
            start_bar=np.asarray(start_bar, dtype=np.int64),
            bars=np.asarray(bars, dtype=np.int64),
            points=np.asarray(points, dtype=np.int64),
            percent=np.asarray(percent, dtype=np.float64),
        )

    def _make(self, i: int) -> SectionSync:
        return SectionSync(
            self.names[i],
            int(self.start_bar[i]),
            int(self.bars[i]),
            int(self.points[i]),
            _defined(float(self.percent[i])),
        )

    def extreme(self, lowest: bool) -> SectionSync | None:
        """The section with the lowest (or highest) percent, first of equals; None if none."""
        if not np.any(~np.isnan(self.percent)):
            return None
        pick = np.nanargmin if lowest else np.nanargmax
        return self[int(pick(self.percent))]


__all__ = ["PhraseNames", "SectionSeries", "SectionSync", "WindowCorrelations", "WindowSeries"]
