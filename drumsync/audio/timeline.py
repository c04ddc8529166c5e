"""Sounds placed on a timeline, rendered one block at a time.

A :class:`Timeline` is a list of placements (start frame, sound, left and right gain) kept as
arrays; the sounds themselves are made on demand by a ``make_sound(key)`` function and kept
in a cache bounded in bytes. :meth:`Timeline.add_into` adds every placement that overlaps a
block of frames, in placement order, with exactly the arithmetic of adding them into the
whole track, so a song rendered block by block is bit for bit the song rendered at once, and
memory no longer grows with the song's length.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence

import numpy as np

#: Bytes of synthesized sounds kept between blocks (the rest are made again when needed).
SOUND_CACHE_BYTES = 48 * 1024 * 1024


class SoundCache:
    """Sounds by key, least recently used dropped first once over ``limit_bytes``."""

    def __init__(
        self, make_sound: Callable[[Hashable], np.ndarray], limit_bytes: int = SOUND_CACHE_BYTES
    ):
        self._make = make_sound
        self._limit = limit_bytes
        self._sounds: OrderedDict[Hashable, np.ndarray] = OrderedDict()
        self._bytes = 0

    def get(self, key: Hashable) -> np.ndarray:
        sound = self._sounds.get(key)
        if sound is not None:
            self._sounds.move_to_end(key)
            return sound
        sound = self._make(key)
        self._sounds[key] = sound
        self._bytes += sound.nbytes
        while self._bytes > self._limit and len(self._sounds) > 1:
            _, dropped = self._sounds.popitem(last=False)
            self._bytes -= dropped.nbytes
        return sound


class Timeline:
    """Placements of mono sounds on a stereo track (see the module docstring)."""

    def __init__(
        self,
        starts: Sequence[int] | np.ndarray,
        lengths: Sequence[int] | np.ndarray,
        keys: Sequence[Hashable],
        gains: Sequence[tuple[float, float]],
        sounds: SoundCache,
    ) -> None:
        self.starts = np.asarray(starts, dtype=np.int64).reshape(-1)
        self.lengths = np.asarray(lengths, dtype=np.int64).reshape(-1)
        self.keys = list(keys)
        self.gains = list(gains)
        if not len(self.starts) == len(self.lengths) == len(self.keys) == len(self.gains):
            raise ValueError("starts, lengths, keys and gains must have the same length")
        self.sounds = sounds
        self._by_start = np.argsort(self.starts, kind="stable")
        self._sorted_starts = self.starts[self._by_start]
        self._longest = int(self.lengths.max()) if len(self.lengths) else 0

    def __len__(self) -> int:
        return len(self.starts)

    def add_into(self, block: np.ndarray, block_start: int) -> None:
        """Add every placement overlapping frames ``block_start .. +len(block)`` into
        ``block`` (float32 ``(frames, 2)``), in placement order."""
        block_end = block_start + len(block)
        lo = int(np.searchsorted(self._sorted_starts, block_start - self._longest, side="left"))
        hi = int(np.searchsorted(self._sorted_starts, block_end, side="left"))
        if hi <= lo:
            return
        candidates = np.sort(self._by_start[lo:hi])
        ends = self.starts[candidates] + self.lengths[candidates]
        for index in candidates[ends > block_start].tolist():
            start = int(self.starts[index])
            sound = self.sounds.get(self.keys[index])
            left, right = self.gains[index]
            place_sound(block, sound, start - block_start, left, right)


def place_sound(
    track: np.ndarray, sound: np.ndarray, start: int, left: float, right: float
) -> None:
    """Add mono ``sound`` into ``track`` from frame ``start`` (cut at both ends)."""
    lo = max(0, start)
    hi = min(len(track), start + len(sound))
    if hi <= lo:
        return
    piece = sound[lo - start : hi - start]
    track[lo:hi, 0] += piece * np.float32(left)
    track[lo:hi, 1] += piece * np.float32(right)


def render_whole(timeline: Timeline, frames: int) -> np.ndarray:
    """The timeline as one float32 ``(frames, 2)`` track."""
    track = np.zeros((frames, 2), dtype=np.float32)
    timeline.add_into(track, 0)
    return track


__all__ = ["SOUND_CACHE_BYTES", "SoundCache", "Timeline", "place_sound", "render_whole"]
