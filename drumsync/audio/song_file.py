"""A song's own audio file (OGG, MP3, WAV, FLAC, Opus, WavPack) as float32 stereo samples.

Decoded once through pygame-ce's mixer (SDL_mixer converts to the mixer's rate and format as
it loads: the mixer is opened at ``RATE_HZ``, 16-bit stereo); where the mixer runs at
another rate the samples are resampled (linear interpolation) to the rate asked for. When no
mixer is open (export, tests, headless play) a private one opens for the decode on SDL's
dummy driver (no device needed) and closes again. Results are cached per file
(path, size, modification time) and rate, so a practice restart does not decode again.
A MIDI file is not decoded: DrumSync's band plays it (``midi_band``).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pygame

from ..core.errors import DrumSyncError
from .timebase import RATE_HZ

MAX_AUDIO_BYTES = 512 * 1024 * 1024
MAX_AUDIO_S = 60 * 60
CACHE_ENTRIES = 3
_cache: dict[tuple, np.ndarray] = {}


class SongAudioError(DrumSyncError):
    """The song's audio file is missing or cannot be decoded (one line, names the file)."""


def _key(path: Path, rate_hz: int, extra: object = None) -> tuple:
    try:
        stat = path.stat()
    except OSError as exc:
        raise SongAudioError(f"{path}: cannot read audio: {exc.strerror or exc}") from None
    if stat.st_size > MAX_AUDIO_BYTES:
        raise SongAudioError(f"{path}: audio file larger than {MAX_AUDIO_BYTES >> 20} MiB")
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns, rate_hz, extra)


def cached(key: tuple, make):
    """``make()`` once per key; the newest ``CACHE_ENTRIES`` results are kept."""
    if key in _cache:
        return _cache[key]
    value = make()
    value.flags.writeable = False
    _cache[key] = value
    while len(_cache) > CACHE_ENTRIES:
        _cache.pop(next(iter(_cache)))
    return value


@contextmanager
def _mixer(rate_hz: int):
    """An open mixer to decode with: the game's, or a private one (dummy driver if need be)."""
    if pygame.mixer.get_init():
        yield pygame.mixer.get_init()[0]
        return
    saved = os.environ.get("SDL_AUDIODRIVER")
    try:
        os.environ["SDL_AUDIODRIVER"] = "dummy"  # decoding needs no device
        pygame.mixer.init(rate_hz, -16, 2)
        yield pygame.mixer.get_init()[0]
    finally:
        pygame.mixer.quit()
        if saved is None:
            os.environ.pop("SDL_AUDIODRIVER", None)
        else:
            os.environ["SDL_AUDIODRIVER"] = saved


def resample(audio: np.ndarray, from_hz: int, to_hz: int) -> np.ndarray:
    """Linear-interpolation resampling of ``(frames, channels)`` audio."""
    if from_hz == to_hz or len(audio) == 0:
        return audio
    frames = round(len(audio) * to_hz / from_hz)
    at = np.arange(frames) * (from_hz / to_hz)
    base = np.arange(len(audio))
    return np.stack(
        [np.interp(at, base, audio[:, c]) for c in range(audio.shape[1])], axis=1
    ).astype(np.float32)


def _decode(path: Path, rate_hz: int) -> np.ndarray:
    try:
        with _mixer(rate_hz) as mixer_hz:
            sound = pygame.mixer.Sound(str(path))
            pcm = pygame.sndarray.array(sound)
            size = pygame.mixer.get_init()[1]
    except pygame.error as exc:
        reason = " ".join(str(exc).split())[:120] or "unknown format"
        raise SongAudioError(f"{path}: cannot decode audio ({reason})") from None
    pcm = pcm.reshape(len(pcm), -1)
    scale = float(2 ** (abs(size) - 1)) if size < 0 or abs(size) > 8 else 128.0
    audio = pcm.astype(np.float32) / np.float32(scale)
    if audio.shape[1] == 1:
        audio = np.repeat(audio, 2, axis=1)
    audio = resample(audio[:, :2], int(mixer_hz), rate_hz)
    if len(audio) > MAX_AUDIO_S * rate_hz:
        raise SongAudioError(f"{path}: audio longer than {MAX_AUDIO_S // 60} minutes")
    return np.ascontiguousarray(audio, dtype=np.float32)


def decode_song_audio(path, rate_hz: int = RATE_HZ) -> np.ndarray:
    """Float32 ``(frames, 2)`` samples of the audio file at ``rate_hz`` (cached, read-only)."""
    target = Path(os.fspath(path))
    return cached(_key(target, rate_hz), lambda: _decode(target, rate_hz))


__all__ = ["SongAudioError", "cached", "decode_song_audio", "resample"]
