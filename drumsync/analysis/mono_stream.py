"""The analysis signal of a song read a block at a time: mono, rate halved to at most
``MAX_RATE_HZ``, exactly as :func:`.spectrum.to_mono` and :func:`.spectrum.reduce_rate` make it
from the whole song, but without ever holding the song itself (an hour of 44.1 kHz stereo
float32 is 1.27 GB; its analysis signal, mono at 22.05 kHz, is a quarter of that).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .spectrum import MAX_RATE_HZ, to_mono


class _Halver:
    """:func:`.spectrum.reduce_rate`'s halving step ([1, 2, 1] / 4 at the kept even samples,
    the ends repeated) over a stream of blocks."""

    def __init__(self) -> None:
        self._pending = np.zeros(0, np.float32)
        self._before: np.ndarray | None = None  # the odd sample before the pending ones

    def feed(self, x: np.ndarray, final: bool = False) -> np.ndarray:
        buf = np.concatenate([self._pending, x]) if len(self._pending) else x
        pairs = -(-len(buf) // 2) if final else len(buf) // 2
        if pairs == 0:
            self._pending = buf
            return np.zeros(0, np.float32)
        even = buf[0 : 2 * pairs : 2]
        odd = buf[1 : 2 * pairs : 2]
        after = odd if len(odd) == pairs else np.append(odd, buf[-1])  # the end repeated
        first = buf[:1] if self._before is None else self._before  # the start repeated
        before = np.concatenate([first, odd[: pairs - 1]])
        kept = even * np.float32(0.5)
        kept += (before + after) * np.float32(0.25)
        self._before = buf[2 * pairs - 1 : 2 * pairs]
        self._pending = buf[2 * pairs :]
        return kept


def halvings(rate_hz: int, frames: int) -> int:
    """How many times :func:`.spectrum.reduce_rate` halves a signal of this rate and length."""
    count, rate = 0, int(rate_hz)
    while rate > MAX_RATE_HZ and frames >= 4:
        frames, rate, count = -(-frames // 2), rate // 2, count + 1
    return count


def analysis_signal(
    blocks: Iterable[np.ndarray], frames: int, rate_hz: int
) -> tuple[np.ndarray, int]:
    """``(mono float32, rate)`` of a song of ``frames`` frames given as blocks ``(n,
    channels)``: the same samples as ``reduce_rate(to_mono(whole), rate_hz)``."""
    steps = halvings(rate_hz, frames)
    length = frames
    for _ in range(steps):
        length = -(-length // 2)
    out = np.empty(length, dtype=np.float32)
    stages = [_Halver() for _ in range(steps)]
    filled = 0

    def push(x: np.ndarray, final: bool) -> None:
        nonlocal filled
        for stage in stages:
            x = stage.feed(x, final)
        out[filled : filled + len(x)] = x
        filled += len(x)

    for block in blocks:
        push(to_mono(block), final=False)
    push(np.zeros(0, np.float32), final=True)
    return out[:filled], rate_hz >> steps


__all__ = ["analysis_signal", "halvings"]
