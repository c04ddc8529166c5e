"""Time-stretching song audio for practice below 100 %: slower, same pitch.

A phase vocoder with identity phase locking (Laroche & Dolson 1999): analysis frames every
``HOP_OUT * rate`` samples, synthesis frames every ``HOP_OUT`` samples; each spectral peak's
phase advances by its measured instantaneous frequency times the synthesis hop and the bins
around it keep their phase relation to it, so partials keep their frequency (the pitch) and
their coherence while the time between events grows by ``1 / rate``. Spectra are computed in
blocks (bounded memory); overlap-add with a Hann window is normalised by the summed squared
windows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

N_FFT = 2048
HOP_OUT = 512
BLOCK_FRAMES = 256
OVERLAP = N_FFT // HOP_OUT


def _frames_at(signal: np.ndarray, starts: np.ndarray) -> np.ndarray:
    index = starts[:, None] + np.arange(N_FFT)[None, :]
    return signal[index]


def _locked_phase(magnitude, phase, prev_in, prev_out, omega, bins, step: float) -> np.ndarray:
    """Synthesis phases of one frame with identity phase locking (Laroche & Dolson 1999):
    each spectral peak advances by its instantaneous frequency; the bins around a peak keep
    their phase offsets to it, so the partial stays coherent (no phasiness, no loss)."""
    inner = magnitude[1:-1]
    peaks = np.flatnonzero((inner > magnitude[:-2]) & (inner >= magnitude[2:])) + 1
    if len(peaks) == 0:
        peaks = bins
    if step > 0:
        delta = phase[peaks] - prev_in[peaks] - omega[peaks] * step
        delta = np.mod(delta + np.pi, 2.0 * np.pi) - np.pi
        advance = (omega[peaks] + delta / step) * HOP_OUT
    else:
        advance = omega[peaks] * HOP_OUT
    peak_out = prev_out[peaks] + advance
    owner = np.searchsorted((peaks[:-1] + peaks[1:]) / 2.0, bins, side="right")
    return np.mod(peak_out[owner] + phase - phase[peaks[owner]], 2.0 * np.pi)


class _Rolling:
    """Overlap-add of synthesis frames into hop-sized segments, a block of frames at a time:
    once frames ``.. first + count`` are in, segments ``first .. first + count`` are final
    (each gets the frames that end in it), so only ``OVERLAP`` segments carry over."""

    def __init__(self, channels: int, window: np.ndarray) -> None:
        self.sums = np.zeros((channels, BLOCK_FRAMES + OVERLAP, HOP_OUT), dtype=np.float64)
        self.norm = np.zeros((BLOCK_FRAMES + OVERLAP, HOP_OUT), dtype=np.float64)
        self.quarters = [window[j * HOP_OUT : (j + 1) * HOP_OUT] ** 2 for j in range(OVERLAP)]

    def add(self, channel: int, frames_out: np.ndarray) -> None:
        count = len(frames_out)
        for j in range(OVERLAP):  # overlap-add: quarter j of frame k -> segment k + j
            self.sums[channel, j : j + count] += frames_out[:, j * HOP_OUT : (j + 1) * HOP_OUT]

    def take(self, count: int, added: int | None = None) -> np.ndarray:
        """The first ``count`` segments as float32 samples ``(count * HOP_OUT, channels)``,
        once the windows of the ``added`` frames just overlap-added (default ``count``) are
        counted (``added=0``: the last segments, after the last frame)."""
        added = count if added is None else added
        for j in range(OVERLAP):
            self.norm[j : j + added] += self.quarters[j]
        done = self.sums[:, :count] / np.maximum(self.norm[:count], 1e-3)[None]
        out = done.reshape(len(self.sums), -1).T.astype(np.float32)
        for array in (self.sums, self.norm):
            array[..., :OVERLAP, :] = array[..., count : count + OVERLAP, :].copy()
            array[..., OVERLAP:, :] = 0.0
        return out


def stretch_blocks(
    read: Callable[[int, int], np.ndarray], frames: int, channels: int, rate: float
) -> Iterator[np.ndarray]:
    """``frames`` of audio, read on demand (``read(start, count)``: float32 ``(count,
    channels)``, silence outside the audio), slowed to ``rate``: blocks adding up to
    ``round(frames / rate)`` frames. Memory stays a block of frames whatever the length.

    The phases are locked on the channels' sum (mid); each channel keeps its own magnitude
    and its phase offset to the mid, so the stereo image holds and the frame-by-frame work is
    done once."""
    out_len = round(frames / rate)
    half = N_FFT // 2
    count_frames = int(np.ceil(out_len / HOP_OUT)) + 1
    last_start = frames + half  # the padded signal: half a frame of silence, audio, a frame
    window = np.hanning(N_FFT + 1)[:-1].astype(np.float32)
    omega = 2.0 * np.pi * np.arange(half + 1) / N_FFT
    bins = np.arange(half + 1)
    rolling = _Rolling(channels, window)
    prev_in = prev_out = None
    prev_start = 0
    skip, left = half, out_len  # samples of the padded output before the audio, and wanted
    for first in range(0, count_frames, BLOCK_FRAMES):
        k = np.arange(first, min(count_frames, first + BLOCK_FRAMES))
        block = np.minimum(np.round(k * HOP_OUT * rate).astype(np.int64), last_start)
        base = int(block[0])
        span = read(base - half, int(block[-1]) - base + N_FFT)
        local = block - base
        spectrum = np.fft.rfft(_frames_at(span.sum(axis=1), local) * window, axis=1)
        magnitude = np.abs(spectrum)
        phase = np.angle(spectrum)
        out_phase = np.empty_like(phase)
        for i in range(len(block)):
            if prev_in is None:
                out_phase[i] = phase[i]
            else:
                step = float(block[i] - prev_start)
                out_phase[i] = _locked_phase(
                    magnitude[i], phase[i], prev_in, prev_out, omega, bins, step
                )
            prev_in, prev_out, prev_start = phase[i], out_phase[i], int(block[i])
        rotate = np.exp(1j * (out_phase - phase))  # mid's synthesis rotation per bin
        for c in range(channels):
            channel = np.fft.rfft(_frames_at(span[:, c], local) * window, axis=1)
            rolling.add(c, np.fft.irfft(channel * rotate, n=N_FFT, axis=1) * window)
        ending = first + BLOCK_FRAMES >= count_frames
        samples = rolling.take(len(block))
        if ending:  # the segments after the last frame's start hold its tail
            samples = np.concatenate([samples, rolling.take(OVERLAP - 1, added=0)])
        cut = min(skip, len(samples))
        samples, skip = samples[cut:], skip - cut
        if left > 0 and len(samples):
            yield samples[:left]
            left -= min(left, len(samples))


def time_stretch(audio: np.ndarray, rate: float) -> np.ndarray:
    """Audio ``(frames, channels)`` or ``(frames,)`` slowed to ``rate`` (0.25..1), pitch kept:
    ``round(frames / rate)`` frames (the whole song at once: see :func:`stretch_blocks`)."""
    if not 0.25 <= rate <= 1.0:
        raise ValueError(f"stretch rate must be 0.25..1, got {rate!r}")
    audio = np.asarray(audio, dtype=np.float32)
    if rate == 1.0 or len(audio) == 0:
        return audio.copy()
    if audio.ndim == 1:
        return time_stretch(audio[:, None], rate)[:, 0]

    def read(start: int, count: int) -> np.ndarray:
        out = np.zeros((count, audio.shape[1]), dtype=np.float32)
        lo, hi = max(0, start), min(len(audio), start + count)
        if hi > lo:
            out[lo - start : hi - start] = audio[lo:hi]
        return out

    parts = list(stretch_blocks(read, len(audio), audio.shape[1], rate))
    return np.concatenate(parts) if parts else np.zeros((0, audio.shape[1]), np.float32)


__all__ = ["stretch_blocks", "time_stretch"]
