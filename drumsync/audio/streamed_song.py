"""A song written block by block to a temporary WAV file, for the mixer to stream from disk.

Holding a whole song as one array (and again as a WAV in memory) grows with its length: a
2,000-bar chart at 40 bpm is over three hours, gigabytes of samples. Instead the song is
rendered a block at a time (:class:`~drumsync.audio.song.SongStream`) into a file that
``pygame.mixer.music`` streams, so memory stays a few blocks whatever the length. The file is
named like every temporary file of ours (``.song.wav.<pid>-<random>.tmp``): :meth:`close`
deletes it, and a file left by a killed game is removed at the next start
(:func:`~drumsync.core.atomic_file.remove_stale_temps`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import numpy as np

from .song import BLOCK_FRAMES, SongStream
from .timebase import RATE_HZ
from .wav import WavWriter

SONG_FILE_NAME = "song.wav"


class SongFile:
    """A rendered song on disk: ``path``, ``frames`` at ``rate_hz``; :meth:`close` removes it."""

    def __init__(self, path: Path, frames: int, rate_hz: int) -> None:
        self.path = path
        self.frames = frames
        self.rate_hz = rate_hz

    @property
    def duration_s(self) -> float:
        return self.frames / self.rate_hz

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)


def song_file_folder() -> Path:
    """Where song files go: the system's temporary folder."""
    return Path(tempfile.gettempdir())


def write_song_file(
    song: SongStream | np.ndarray, folder: Path | None = None, rate_hz: int = RATE_HZ
) -> SongFile:
    """Write ``song`` (a stream, or float samples ``(frames, 2)`` at ``rate_hz``) to a new
    temporary WAV; OSError (e.g. a full disk) leaves no file behind."""
    where = song_file_folder() if folder is None else Path(folder)
    if isinstance(song, SongStream):
        frames, rate_hz, blocks = song.frames, song.rate_hz, song.blocks()
    else:
        samples = np.asarray(song, dtype=np.float32)
        frames = len(samples)
        blocks = (samples[i : i + BLOCK_FRAMES] for i in range(0, frames, BLOCK_FRAMES))
    prefix = f".{SONG_FILE_NAME}.{os.getpid()}-"
    fd, name = tempfile.mkstemp(dir=where, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out, WavWriter(out, frames, rate_hz) as wav:
            for block in blocks:
                wav.write(block)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return SongFile(Path(name), frames, rate_hz)


__all__ = ["SONG_FILE_NAME", "SongFile", "song_file_folder", "write_song_file"]
