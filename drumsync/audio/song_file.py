"""A song's own audio file (OGG, MP3, WAV, FLAC, Opus, WavPack), decoded once to disk.

:func:`song_pcm` decodes the file a block at a time (:mod:`.song_decode`) into a temporary
file of 16-bit stereo samples at the rate asked for (:class:`~.pcm_file.PcmFile`), from which
the game, practice's time-stretch and ``export-audio`` read any span on demand: memory stays
a few blocks however long the song (files are accepted up to ``MAX_AUDIO_S`` and
``MAX_AUDIO_BYTES``). Decoded and stretched songs are kept per file (path, size,
modification time), rate and purpose, so a practice restart does not decode again; the cache
is bounded by the bytes its files take on disk (``CACHE_BYTES``, least recently used dropped
first), and its files are removed when the game ends. A MIDI file is not decoded: DrumSync's
band plays it (``midi_band``).
"""

from __future__ import annotations

import atexit
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from stat import S_ISREG

import numpy as np

from .pcm_file import PcmFile
from .song_decode import MAX_AUDIO_S, SongAudioError, audio_length_s, decode_to_pcm
from .timebase import RATE_HZ

MAX_AUDIO_BYTES = 512 * 1024 * 1024
#: Bytes of decoded and stretched songs kept on disk between uses (an hour of 44.1 kHz
#: 16-bit stereo is 635 MB; slowed to 50 % as 32-bit floats, 2.5 GB).
CACHE_BYTES = 4 * 1024**3
_cache: OrderedDict[tuple, PcmFile] = OrderedDict()
_lock = threading.RLock()


def _key(path: Path, rate_hz: int, extra: object = None) -> tuple:
    try:
        stat = path.stat()
    except OSError as exc:
        raise SongAudioError(f"{path}: cannot read audio: {exc.strerror or exc}") from None
    if not S_ISREG(stat.st_mode):  # a pipe or device would block or never end
        raise SongAudioError(f"{path}: cannot read audio: not a regular file")
    if stat.st_size > MAX_AUDIO_BYTES:
        raise SongAudioError(f"{path}: audio file larger than {MAX_AUDIO_BYTES >> 20} MiB")
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns, rate_hz, extra)


def cached_pcm(key: tuple, make: Callable[[], PcmFile]) -> PcmFile:
    """``make()`` once per key, kept while the cache's files take at most ``CACHE_BYTES``.

    A file dropped from the cache is removed once nothing reads it any more."""
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
        pcm = make()
        _cache[key] = pcm
        total = sum(entry.nbytes for entry in _cache.values())
        while total > CACHE_BYTES and len(_cache) > 1:
            _, dropped = _cache.popitem(last=False)
            total -= dropped.nbytes
        return pcm


def cache_bytes() -> int:
    """Bytes the cached songs take on disk."""
    with _lock:
        return sum(entry.nbytes for entry in _cache.values())


@atexit.register
def clear_cache() -> None:
    """Drop every cached song (their files are removed once no reader holds them)."""
    with _lock:
        while _cache:
            _cache.popitem()[1].close()


def song_pcm(path, rate_hz: int = RATE_HZ) -> PcmFile:
    """The audio file decoded to 16-bit stereo at ``rate_hz`` on disk (cached)."""
    target = Path(os.fspath(path))
    return cached_pcm(_key(target, rate_hz), lambda: decode_to_pcm(target, rate_hz, PcmFile))


def song_length_s(path) -> float:
    """The file's length in seconds from its header, without decoding it."""
    target = Path(os.fspath(path))
    _key(target, 0)
    return audio_length_s(target)


def decode_song_audio(path, rate_hz: int = RATE_HZ) -> np.ndarray:
    """The whole file as float32 ``(frames, 2)`` at ``rate_hz``: for short clips only (a
    minute is 21 MB); songs are read a block at a time from :func:`song_pcm`."""
    pcm = song_pcm(path, rate_hz)
    return pcm.read(0, pcm.frames)


__all__ = [
    "CACHE_BYTES",
    "MAX_AUDIO_BYTES",
    "MAX_AUDIO_S",
    "SongAudioError",
    "cache_bytes",
    "cached_pcm",
    "clear_cache",
    "decode_song_audio",
    "song_length_s",
    "song_pcm",
]
