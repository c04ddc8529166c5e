"""Band-limited resampling of a stream of stereo blocks (a song decoded at its own rate, brought
to the game's).

Each output frame ``i`` sits at input position ``i * from_hz / to_hz``; it is the sum of the
input frames around it weighted by a windowed sinc (Kaiser window, ``ZERO_CROSSINGS`` zero
crossings each side, cut off at ``ROLLOFF`` of the lower Nyquist frequency so downsampling does
not alias). The ratio is reduced to whole numbers, so the fractional positions repeat and their
weights are computed once (a polyphase table; each row sums to 1, so a constant stays
constant). Blocks are fed in as they are decoded and come out as soon as their inputs are in:
memory stays a block and a filter's width whatever the song's length, and the result does not
depend on how the input was cut into blocks. Outside the song the input is silence.
"""

from __future__ import annotations

from math import ceil, gcd

import numpy as np

ZERO_CROSSINGS = 12
ROLLOFF = 0.94
KAISER_BETA = 8.0
#: Output frames computed at once (bounds the gathered windows' memory).
CHUNK_FRAMES = 1 << 15


def resampled_frames(frames: int, from_hz: int, to_hz: int) -> int:
    return round(frames * to_hz / from_hz)


def _table(step: int, phases: int, half: int, cutoff: float) -> np.ndarray:
    """``(phases, 2 * half)`` weights: row ``p`` for a position ``p / phases`` past a frame."""
    offsets = np.arange(-half + 1, half + 1, dtype=np.float64)
    t = offsets[None, :] - (np.arange(phases, dtype=np.float64) / phases)[:, None]
    edge = np.clip(1.0 - (t / half) ** 2, 0.0, None)
    weights = cutoff * np.sinc(cutoff * t) * np.i0(KAISER_BETA * np.sqrt(edge)) / np.i0(KAISER_BETA)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights.astype(np.float32)


class Resampler:
    """Feed ``(frames, channels)`` float32 blocks at ``from_hz``; get blocks at ``to_hz``.

    :meth:`feed` returns the output that its input completes; :meth:`finish` the rest, for a
    total of ``round(frames_in * to_hz / from_hz)`` frames."""

    def __init__(self, from_hz: int, to_hz: int, channels: int = 2) -> None:
        common = gcd(int(from_hz), int(to_hz))
        self.step, self.phases = int(from_hz) // common, int(to_hz) // common
        self.identity = self.step == self.phases
        cutoff = ROLLOFF * min(1.0, to_hz / from_hz)
        self.half = ceil(ZERO_CROSSINGS / cutoff)
        self._table = None if self.identity else _table(self.step, self.phases, self.half, cutoff)
        self._buffer = np.zeros((self.half, channels), dtype=np.float32)  # silence before 0
        self._buffer_start = -self.half
        self._frames_in = 0
        self._next_out = 0

    def _position(self, out_frame):
        return (out_frame * self.step) // self.phases

    def _emit(self, end: int) -> list[np.ndarray]:
        out = []
        windows = np.lib.stride_tricks.sliding_window_view(self._buffer, 2 * self.half, axis=0)
        while self._next_out < end:
            stop = min(end, self._next_out + CHUNK_FRAMES)
            index = np.arange(self._next_out, stop, dtype=np.int64) * self.step
            rows = index // self.phases - self.half + 1 - self._buffer_start
            gathered = windows[rows]  # (frames, channels, taps)
            out.append(np.einsum("ict,it->ic", gathered, self._table[index % self.phases]))
            self._next_out = stop
        keep_from = int(self._position(self._next_out)) - self.half + 1
        self._buffer = self._buffer[keep_from - self._buffer_start :]
        self._buffer_start = keep_from
        return out

    def feed(self, block: np.ndarray) -> list[np.ndarray]:
        self._frames_in += len(block)
        if self.identity:
            return [block] if len(block) else []
        self._buffer = np.concatenate([self._buffer, block.astype(np.float32, copy=False)])
        available = self._buffer_start + len(self._buffer)  # input frames in (exclusive)
        # output i is complete once input position(i) + half is in: position(i) < available - half
        end = max(self._next_out, -(-(available - self.half) * self.phases // self.step))
        return self._emit(end)

    def finish(self) -> list[np.ndarray]:
        """The remaining output (the input after the last fed frame is silence)."""
        if self.identity:
            return []
        total = resampled_frames(self._frames_in, self.step, self.phases)
        pad = np.zeros((2 * self.half + 1, self._buffer.shape[1]), dtype=np.float32)
        self._buffer = np.concatenate([self._buffer, pad])
        return self._emit(max(self._next_out, total)) if total > self._next_out else []


def resample(audio: np.ndarray, from_hz: int, to_hz: int) -> np.ndarray:
    """``(frames, channels)`` float audio at ``to_hz`` (the whole array at once)."""
    if from_hz == to_hz or len(audio) == 0:
        return audio
    resampler = Resampler(from_hz, to_hz, audio.shape[1])
    parts = resampler.feed(np.asarray(audio, dtype=np.float32)) + resampler.finish()
    return np.concatenate(parts) if parts else np.zeros((0, audio.shape[1]), np.float32)


__all__ = ["Resampler", "resample", "resampled_frames"]
