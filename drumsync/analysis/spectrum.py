"""Short-time spectrum of a song, reduced to what beat and section analysis need.

The signal is mixed to mono and halved in rate (a [1, 2, 1] / 4 low-pass before each halving)
until it is at most 24 kHz. Frames of ``FRAME_S`` (a power of two in samples, Hann window) step
by ``HOP_S`` (about 4.4 ms, so beats and onsets are placed to a few ms). Each frame yields
log-spaced band energies (``BANDS``, 30 Hz..Nyquist) for onset detection; at every
``CHROMA_EVERY``-th frame a longer frame (``CHROMA_FRAME_S``) yields a 12-bin chroma (pitch
classes, 110 Hz..5 kHz) for section analysis. The work runs in chunks, so memory stays
bounded for long songs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_RATE_HZ = 24_000
FRAME_S = 0.023  # onset frames: sharp in time
CHROMA_FRAME_S = 0.186  # chroma frames: fine in pitch (5.4 Hz bins at 22 kHz)
HOP_S = 0.00435
BANDS = 48
LOW_HZ = 30.0
KICK_MAX_HZ = 160.0  # bands below: the kick drum (and bass)
SNARE_HZ = (1500.0, 5000.0)  # bands inside: the snare's rattle (its body shares the bass)
CYMBAL_MIN_HZ = 5000.0  # bands above: cymbals (a crash marks many a downbeat)
CHROMA_EVERY = 16
CHROMA_HZ = (110.0, 5000.0)
CHUNK_FRAMES = 2048


@dataclass(frozen=True, slots=True)
class Spectrum:
    """``bands`` (frames, BANDS) energies, ``chroma`` (frames // CHROMA_EVERY, 12)."""

    bands: np.ndarray
    band_hz: np.ndarray  # centre frequency of each band
    chroma: np.ndarray
    frame_rate_hz: float  # frames per second
    first_frame_s: float  # time of frame 0's window centre
    duration_s: float

    def frame_time_s(self, frame) -> np.ndarray:
        return self.first_frame_s + np.asarray(frame, dtype=np.float64) / self.frame_rate_hz

    @property
    def kick_bands(self) -> np.ndarray:
        return self.band_hz < KICK_MAX_HZ

    @property
    def snare_bands(self) -> np.ndarray:
        return (self.band_hz >= SNARE_HZ[0]) & (self.band_hz < SNARE_HZ[1])

    @property
    def cymbal_bands(self) -> np.ndarray:
        return self.band_hz >= CYMBAL_MIN_HZ


def to_mono(samples: np.ndarray) -> np.ndarray:
    """Float32 mono from (frames,) or (frames, channels) audio of any numeric type."""
    x = np.asarray(samples)
    if x.ndim == 2:
        x = x.astype(np.float32).mean(axis=1)
    return np.ascontiguousarray(x, dtype=np.float32).reshape(-1)


def reduce_rate(mono: np.ndarray, rate_hz: int) -> tuple[np.ndarray, int]:
    """Halve the rate (a [1, 2, 1] / 4 low-pass at the kept samples) until it is at most
    ``MAX_RATE_HZ``."""
    x, rate = mono, int(rate_hz)
    while rate > MAX_RATE_HZ and len(x) >= 4:
        padded = np.concatenate([x[:1], x, x[-1:]])
        kept = padded[1:-1:2] * np.float32(0.5)
        kept += (padded[0:-2:2] + padded[2::2][: len(kept)]) * np.float32(0.25)
        x = kept
        rate //= 2
    return x, rate


def _band_matrix(n_fft: int, rate_hz: int) -> tuple[np.ndarray, np.ndarray]:
    """(bins, BANDS) triangular-free rectangular log bands and their centres in Hz."""
    freqs = np.fft.rfftfreq(n_fft, 1.0 / rate_hz)
    edges = np.geomspace(LOW_HZ, rate_hz / 2.0, BANDS + 1)
    matrix = np.zeros((len(freqs), BANDS), dtype=np.float32)
    for b in range(BANDS):
        inside = (freqs >= edges[b]) & (freqs < edges[b + 1])
        if not inside.any():  # narrow low bands: take the nearest bin
            inside = np.abs(freqs - np.sqrt(edges[b] * edges[b + 1])) == np.min(
                np.abs(freqs - np.sqrt(edges[b] * edges[b + 1]))
            )
        matrix[inside, b] = 1.0
    return matrix, np.sqrt(edges[:-1] * edges[1:])


def _chroma_matrix(n_fft: int, rate_hz: int) -> np.ndarray:
    freqs = np.fft.rfftfreq(n_fft, 1.0 / rate_hz)
    matrix = np.zeros((len(freqs), 12), dtype=np.float32)
    inside = (freqs >= CHROMA_HZ[0]) & (freqs <= CHROMA_HZ[1])
    pitch = np.rint(12.0 * np.log2(freqs[inside] / 440.0)).astype(np.int64) % 12
    matrix[np.flatnonzero(inside), pitch] = 1.0
    return matrix


def _frames(x: np.ndarray, n_fft: int, hop: int, first: int, count: int) -> np.ndarray:
    """Frames ``first .. first + count`` (frame i centred on sample ``i * hop``, silence
    outside ``x``) as a read-only view of a copy of just their span."""
    lo = first * hop - n_fft // 2
    hi = lo + (count - 1) * hop + n_fft
    span = np.zeros(hi - lo, np.float32)
    a, b = max(lo, 0), min(hi, len(x))
    if b > a:
        span[a - lo : b - lo] = x[a:b]
    return np.lib.stride_tricks.sliding_window_view(span, n_fft)[::hop][:count]


def _power(frames: np.ndarray, window: np.ndarray) -> np.ndarray:
    spec = np.fft.rfft(frames * window, axis=1)
    return (spec.real**2 + spec.imag**2).astype(np.float32)


def spectrum(samples: np.ndarray, rate_hz: int) -> Spectrum:
    """The band energies and chroma of ``samples`` (mono or (frames, channels))."""
    x, rate = reduce_rate(to_mono(samples), rate_hz)
    n_fft = 1 << round(np.log2(FRAME_S * rate))
    n_chroma = 1 << round(np.log2(CHROMA_FRAME_S * rate))
    hop = max(1, round(HOP_S * rate))
    count = max(1, -(-len(x) // hop))
    bands_m, band_hz = _band_matrix(n_fft, rate)
    window = np.hanning(n_fft).astype(np.float32)
    bands = np.empty((count, BANDS), dtype=np.float32)
    for start in range(0, count, CHUNK_FRAMES):
        stop = min(count, start + CHUNK_FRAMES)
        bands[start:stop] = _power(_frames(x, n_fft, hop, start, stop - start), window) @ bands_m
    chroma_count = -(-count // CHROMA_EVERY)
    chroma_m = _chroma_matrix(n_chroma, rate)
    chroma_window = np.hanning(n_chroma).astype(np.float32)
    chroma = np.empty((chroma_count, 12), dtype=np.float32)
    step = max(1, CHUNK_FRAMES // 8)
    for start in range(0, chroma_count, step):
        stop = min(chroma_count, start + step)
        frames = _frames(x, n_chroma, hop * CHROMA_EVERY, start, stop - start)
        chroma[start:stop] = _power(frames, chroma_window) @ chroma_m
    return Spectrum(
        bands=bands,
        band_hz=band_hz,
        chroma=chroma,
        frame_rate_hz=rate / hop,
        first_frame_s=0.0,
        duration_s=len(x) / rate,
    )
