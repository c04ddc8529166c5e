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


def _stretch(audio: np.ndarray, rate: float) -> np.ndarray:
    """``(frames, channels)`` audio at ``rate``. The phases are locked on the channels' sum
    (mid); each channel keeps its own magnitude and its phase offset to the mid, so the
    stereo image holds and the frame-by-frame work is done once."""
    channels = audio.shape[1]
    out_len = round(len(audio) / rate)
    half = N_FFT // 2
    padded = np.concatenate(
        [np.zeros((half, channels), np.float32), audio, np.zeros((N_FFT, channels), np.float32)]
    )
    mid = padded.sum(axis=1)
    frames = int(np.ceil(out_len / HOP_OUT)) + 1
    starts = np.minimum(np.round(np.arange(frames) * HOP_OUT * rate).astype(np.int64),
                        len(padded) - N_FFT)  # fmt: skip
    window = np.hanning(N_FFT + 1)[:-1].astype(np.float32)
    omega = 2.0 * np.pi * np.arange(half + 1) / N_FFT
    bins = np.arange(half + 1)
    segments = np.zeros((channels, frames + OVERLAP, HOP_OUT), dtype=np.float64)
    norm = np.zeros((frames + OVERLAP, HOP_OUT), dtype=np.float64)
    prev_in = prev_out = None
    prev_start = 0
    for first in range(0, frames, BLOCK_FRAMES):
        block = starts[first : first + BLOCK_FRAMES]
        spectrum = np.fft.rfft(_frames_at(mid, block) * window, axis=1)
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
        count = len(block)
        for c in range(channels):
            channel = np.fft.rfft(_frames_at(padded[:, c], block) * window, axis=1)
            frames_out = np.fft.irfft(channel * rotate, n=N_FFT, axis=1) * window
            for j in range(OVERLAP):  # overlap-add: quarter j of frame k -> segment k + j
                piece = slice(j * HOP_OUT, (j + 1) * HOP_OUT)
                segments[c, first + j : first + j + count] += frames_out[:, piece]
        for j in range(OVERLAP):
            piece = slice(j * HOP_OUT, (j + 1) * HOP_OUT)
            norm[first + j : first + j + count] += window[piece] ** 2
    out = (segments / np.maximum(norm, 1e-3)[None]).reshape(channels, -1)
    return np.ascontiguousarray(out[:, half : half + out_len].T, dtype=np.float32)


def time_stretch(audio: np.ndarray, rate: float) -> np.ndarray:
    """Audio ``(frames, channels)`` or ``(frames,)`` slowed to ``rate`` (0.25..1), pitch kept:
    ``round(frames / rate)`` frames."""
    if not 0.25 <= rate <= 1.0:
        raise ValueError(f"stretch rate must be 0.25..1, got {rate!r}")
    audio = np.asarray(audio, dtype=np.float32)
    if rate == 1.0 or len(audio) == 0:
        return audio.copy()
    if audio.ndim == 1:
        return _stretch(audio[:, None], rate)[:, 0]
    return _stretch(audio, rate)


__all__ = ["time_stretch"]
