"""Values worked out from a chart alone, kept for as long as the chart lives.

A chart is immutable, so whatever depends on it alone (its content hash, its notes grouped
for judging, its shared points) need be worked out only once: :class:`PerChart` wraps the
function that makes such a value and keeps each chart's result beside a weak reference to
the chart, dropping it when the chart goes. The chart itself knows nothing of them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class PerChart(Generic[T]):
    """``make(chart)`` once per chart object (by identity), while the chart lives."""

    def __init__(self, make: Callable[[object], T]) -> None:
        self._make = make
        self._kept: dict[int, tuple[weakref.ref, T]] = {}

    def __call__(self, chart) -> T:
        key = id(chart)
        kept = self._kept.get(key)
        if kept is not None and kept[0]() is chart:
            return kept[1]
        value = self._make(chart)
        self._kept[key] = (weakref.ref(chart, lambda _, key=key: self._forget(key)), value)
        return value

    def _forget(self, key: int) -> None:
        kept = self._kept.get(key)
        if kept is not None and kept[0]() is None:  # not a new chart that took the same id
            del self._kept[key]

    def kept(self, chart) -> T | None:
        """The value made for ``chart`` so far, None when none was."""
        kept = self._kept.get(id(chart))
        return kept[1] if kept is not None and kept[0]() is chart else None


__all__ = ["PerChart"]
