"""Stereo samples kept in a temporary file and read back a block at a time.

A song's decoded audio (and its practice-rate stretch) can be an hour long: far too much to
hold in memory. It is written once, block by block, as raw interleaved stereo samples
(``int16`` as the mixer gives them, or ``float32`` where values may pass full scale) into a
temporary file, and any frames are read back on demand, so memory stays a block whatever
the length. The file is named like every temporary file of ours
(``.song.pcm.<pid>-<random>.tmp`` in the system's temporary folder): :meth:`PcmFile.close`
deletes it, and one left by a killed game is removed at the next start.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import numpy as np

PCM_FILE_NAME = "song.pcm"
CHANNELS = 2
INT16_SCALE = 32768.0  # the mixer's 16-bit samples as -1..1 floats (2**15, as SDL gives them)


def to_pcm16(block: np.ndarray) -> np.ndarray:
    """Float samples (-1..1) as int16, rounded, clipped at full scale."""
    return np.clip(np.rint(block * np.float32(INT16_SCALE)), -32768, 32767).astype("<i2")


class PcmFile:
    """A temporary file of interleaved stereo ``dtype`` samples at ``rate_hz``.

    Write with :meth:`write` (blocks of ``(frames, 2)`` floats), then :meth:`finish`; read any
    span with :meth:`read`. :meth:`close` removes the file (also done at garbage collection).
    """

    def __init__(self, rate_hz: int, dtype: str = "int16", folder: Path | None = None) -> None:
        self.rate_hz = int(rate_hz)
        self.dtype = np.dtype("<i2" if dtype == "int16" else "<f4")
        self.frames = 0
        where = Path(tempfile.gettempdir()) if folder is None else Path(folder)
        fd, name = tempfile.mkstemp(
            dir=where, prefix=f".{PCM_FILE_NAME}.{os.getpid()}-", suffix=".tmp"
        )
        self.path = Path(name)
        self._file = os.fdopen(fd, "w+b")
        self._frame_bytes = CHANNELS * self.dtype.itemsize

    @property
    def nbytes(self) -> int:
        """Bytes on disk."""
        return self.frames * self._frame_bytes

    @property
    def duration_s(self) -> float:
        return self.frames / self.rate_hz

    def write(self, block: np.ndarray) -> None:
        """Append float samples ``(frames, 2)``."""
        if not len(block):
            return
        data = to_pcm16(block) if self.dtype.kind == "i" else block.astype("<f4", copy=False)
        self._file.seek(self.nbytes)
        self._file.write(np.ascontiguousarray(data).tobytes())
        self.frames += len(block)

    def finish(self) -> PcmFile:
        self._file.flush()
        return self

    def read(self, start: int, frames: int) -> np.ndarray:
        """Float32 ``(frames, 2)`` of frames ``start ..``; zeros outside the file."""
        out = np.zeros((max(0, frames), CHANNELS), dtype=np.float32)
        lo, hi = max(0, start), min(self.frames, start + frames)
        if hi > lo:
            self._file.seek(lo * self._frame_bytes)
            data = self._file.read((hi - lo) * self._frame_bytes)
            got = np.frombuffer(data, dtype=self.dtype).reshape(-1, CHANNELS)
            if self.dtype.kind == "i":
                out[lo - start : lo - start + len(got)] = got / np.float32(INT16_SCALE)
            else:
                out[lo - start : lo - start + len(got)] = got
        return out

    def blocks(self, block_frames: int):
        """The whole file, ``block_frames`` at a time."""
        for start in range(0, self.frames, block_frames):
            yield self.read(start, min(block_frames, self.frames - start))

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)

    def __del__(self) -> None:
        self.close()


__all__ = ["PCM_FILE_NAME", "PcmFile", "to_pcm16"]
