"""16-bit stereo PCM WAV files with the standard library's ``wave`` module."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np

from .timebase import RATE_HZ

FULL_SCALE = 32767
#: A WAV's sizes are 32-bit: at most this many 16-bit stereo frames (about 6.7 h at 44.1 kHz).
MAX_WAV_FRAMES = (2**32 - 1 - 36) // 4


def to_int16(buffer: np.ndarray) -> np.ndarray:
    """Float samples (-1..1, mono or ``(frames, 2)``) to interleavable stereo int16.

    Values beyond full scale are clipped (``render_song`` keeps its peak below it).
    """
    samples = np.asarray(buffer, dtype=np.float32)
    if samples.ndim == 1:
        samples = np.repeat(samples[:, None], 2, axis=1)
    if samples.ndim != 2 or samples.shape[1] != 2:
        raise ValueError(f"expected mono or (frames, 2) samples, got shape {samples.shape}")
    scaled = np.rint(np.clip(samples, -1.0, 1.0) * FULL_SCALE)
    return scaled.astype("<i2")


def wav_bytes(buffer: np.ndarray, rate_hz: int = RATE_HZ) -> bytes:
    """A complete WAV file (header and data) in memory."""
    out = io.BytesIO()
    _write(out, buffer, rate_hz)
    return out.getvalue()


def _write(target, buffer: np.ndarray, rate_hz: int) -> None:
    pcm = to_int16(buffer)
    with wave.open(target, "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(int(rate_hz))
        wav.writeframes(pcm.tobytes())


def write_wav(path: str | Path, buffer: np.ndarray, rate_hz: int = RATE_HZ) -> None:
    """Write ``buffer`` as a 16-bit stereo WAV file (OSError if the path is unwritable)."""
    with open(path, "wb") as handle:
        _write(handle, buffer, rate_hz)


class WavWriter:
    """A 16-bit stereo WAV of ``frames`` frames written block by block into ``stream``.

    The header is written first with the final size, so the stream need not be seekable
    (``/dev/null``, a pipe); the blocks must add up to ``frames``.
    """

    def __init__(self, stream, frames: int, rate_hz: int = RATE_HZ) -> None:
        self._wav = wave.open(stream, "wb")  # noqa: SIM115 (closed by __exit__)
        self._wav.setnchannels(2)
        self._wav.setsampwidth(2)
        self._wav.setframerate(int(rate_hz))
        self._wav.setnframes(int(frames))

    def write(self, block: np.ndarray) -> None:
        self._wav.writeframesraw(to_int16(block).tobytes())

    def __enter__(self) -> WavWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        self._wav.close()


def read_wav(path) -> tuple[np.ndarray, int]:
    """``(samples, rate_hz)`` of a 16-bit PCM WAV (a path or a binary file object):
    float32 ``(frames, channels)`` in -1..1."""
    source = path if hasattr(path, "read") else str(path)
    with wave.open(source, "rb") as wav:
        if wav.getsampwidth() != 2:
            raise ValueError(f"{path}: expected 16-bit samples, got {8 * wav.getsampwidth()}-bit")
        channels = wav.getnchannels()
        rate_hz = wav.getframerate()
        data = wav.readframes(wav.getnframes())
    pcm = np.frombuffer(data, dtype="<i2").reshape(-1, channels)
    return pcm.astype(np.float32) / FULL_SCALE, rate_hz
