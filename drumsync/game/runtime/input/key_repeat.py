"""Held keys repeating in menus: the game turns SDL's key repeat off (a held drum key is one
hit), so a menu repeats a held arrow itself, after a delay and then at a steady rate."""

from __future__ import annotations

from collections.abc import Collection, Iterator

REPEAT_DELAY_S = 0.38
REPEAT_INTERVAL_S = 0.055
#: At most this many repeats are caught up in one update (after a stall nothing races).
MAX_REPEATS_PER_UPDATE = 3


class KeyRepeat:
    """The one held key of ``keys`` (the last pressed) and when it next repeats."""

    def __init__(self, keys: Collection[int]) -> None:
        self.keys = frozenset(keys)
        self._held: tuple[int, int, float] | None = None  # key, mod, next repeat time

    def pressed(self, key: int, mod: int, stamp_s: float) -> None:
        """A key went down at ``stamp_s``: one of ``keys`` starts repeating after the delay."""
        if key in self.keys:
            self._held = (key, mod, stamp_s + REPEAT_DELAY_S)

    def released(self, key: int) -> None:
        if self._held is not None and self._held[0] == key:
            self._held = None

    def clear(self) -> None:
        """Forget the held key (its key-up may never come, or go elsewhere)."""
        self._held = None

    def due(self, now_s: float) -> Iterator[tuple[int, int]]:
        """(key, mod) once per repeat due by ``now_s``; stops early if :meth:`clear` is called
        between two repeats."""
        repeats = 0
        while self._held is not None and now_s >= self._held[2]:
            key, mod, due_s = self._held
            if repeats >= MAX_REPEATS_PER_UPDATE:
                self._held = (key, mod, now_s + REPEAT_INTERVAL_S)
                break
            self._held = (key, mod, due_s + REPEAT_INTERVAL_S)
            repeats += 1
            yield key, mod
