"""Decoding a song's audio file a block at a time, into a :class:`~.pcm_file.PcmFile`.

WAV, FLAC, OGG Vorbis, Opus and MP3 are read through libsndfile (the ``soundfile`` package)
a block at a time; the blocks are brought to stereo and to the game's rate
(:mod:`.resample`) and written to disk as they come, so memory stays a few blocks whatever
the song's length. WavPack, which libsndfile cannot read, is decoded through pygame-ce's mixer
(SDL_mixer, opened on SDL's dummy driver when the game has no mixer open): that decode is
whole, so a WavPack file is accepted only up to ``WHOLE_DECODE_MAX_S`` (its length is read
from its header before decoding).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ..core.errors import DrumSyncError
from .pcm_file import PcmFile
from .resample import Resampler

MAX_AUDIO_S = 60 * 60
#: Longest WavPack file (decoded whole by the mixer: 10.6 MB a minute at 44.1 kHz).
WHOLE_DECODE_MAX_S = 15 * 60
BLOCK_FRAMES = 1 << 16
DAMAGED_BLOCK_FRAMES = 1024
WAVPACK_VERSIONS = (0x402, 0x410)  # the stream versions WavPack 4 and 5 write
_WAVPACK_RATES = (
    6000, 8000, 9600, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200,
    96000, 192000,
)  # fmt: skip


class SongAudioError(DrumSyncError):
    """The song's audio file is missing or cannot be decoded (one line, names the file)."""


def stereo(block: np.ndarray) -> np.ndarray:
    """``(frames, channels)`` as stereo: mono on both sides; beyond two channels, the even
    channels averaged to the left and the odd ones to the right."""
    if block.shape[1] == 1:
        return np.repeat(block, 2, axis=1)
    if block.shape[1] == 2:
        return block
    return np.stack([block[:, 0::2].mean(axis=1), block[:, 1::2].mean(axis=1)], axis=1)


def _too_long(path: Path) -> SongAudioError:
    return SongAudioError(f"{path}: audio longer than {MAX_AUDIO_S // 60} minutes")


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:120] or "unknown format"


def wavpack_length_s(path: Path) -> float | None:
    """Seconds of a WavPack file from its first block's header; None when it is no WavPack
    file (SongAudioError for a damaged header). The length is infinite when the header does
    not say."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(32)
    except OSError:
        return None
    if len(head) < 32 or head[:4] != b"wvpk":
        return None
    (version,) = struct.unpack_from("<H", head, 8)
    if not WAVPACK_VERSIONS[0] <= version <= WAVPACK_VERSIONS[1]:
        raise SongAudioError(f"{path}: cannot decode audio (not a WavPack stream)")
    total_high = head[11]
    total_low, _, _, flags = struct.unpack_from("<IIII", head, 12)
    if total_low == 0xFFFFFFFF:
        return float("inf")
    samples = (total_high << 32) | total_low
    rate_index = (flags >> 23) & 0xF
    rate_hz = _WAVPACK_RATES[rate_index] if rate_index < len(_WAVPACK_RATES) else 6000
    return samples / rate_hz  # an unlisted rate counts as the lowest: the longest reading


def audio_length_s(path: Path) -> float:
    """The file's length from its header, without decoding (SongAudioError if unreadable)."""
    wavpack = wavpack_length_s(path)
    if wavpack is not None:
        return wavpack
    import soundfile

    try:
        info = soundfile.info(str(path))
    except (RuntimeError, OSError) as exc:
        raise SongAudioError(f"{path}: cannot decode audio ({_reason(exc)})") from None
    return info.frames / info.samplerate if info.samplerate else 0.0


class _Sink:
    """Blocks at ``from_hz`` to stereo at ``rate_hz`` in ``pcm``, refusing over-long audio."""

    def __init__(self, path: Path, pcm: PcmFile, from_hz: int) -> None:
        self._path = path
        self._pcm = pcm
        self._resampler = Resampler(from_hz, pcm.rate_hz)

    def _write(self, blocks: list[np.ndarray]) -> None:
        for block in blocks:
            self._pcm.write(block)
        if self._pcm.frames > MAX_AUDIO_S * self._pcm.rate_hz:
            raise _too_long(self._path)

    def add(self, block: np.ndarray) -> None:
        self._write(self._resampler.feed(stereo(block)))

    def finish(self) -> None:
        self._write(self._resampler.finish())


def _blocks(source, error: type[Exception]):
    """The file's blocks; a damaged or cut-off file plays as far as it decodes (the block
    that failed is read again in small pieces, up to the damage)."""
    size, decoded = BLOCK_FRAMES, 0
    while True:
        try:
            block = source.read(size, dtype="float32", always_2d=True)
        except (RuntimeError, error):
            if size == DAMAGED_BLOCK_FRAMES:
                if decoded == 0:
                    raise
                return
            size = DAMAGED_BLOCK_FRAMES
            source.seek(decoded)
            continue
        if not len(block):
            return
        decoded += len(block)
        yield block


def _decode_soundfile(path: Path, pcm: PcmFile) -> None:
    import soundfile

    try:
        with soundfile.SoundFile(str(path)) as source:
            if source.frames > MAX_AUDIO_S * source.samplerate:
                raise _too_long(path)
            sink = _Sink(path, pcm, source.samplerate)
            for block in _blocks(source, soundfile.SoundFileError):
                sink.add(block)
            sink.finish()
    except (RuntimeError, soundfile.SoundFileError) as exc:
        raise SongAudioError(f"{path}: cannot decode audio ({_reason(exc)})") from None


@contextmanager
def _decoding_mixer(rate_hz: int):
    """An open mixer to decode with: the game's, or a private one (dummy driver if need be)."""
    import pygame

    if pygame.mixer.get_init():
        yield pygame.mixer.get_init()
        return
    saved = os.environ.get("SDL_AUDIODRIVER")
    try:
        os.environ["SDL_AUDIODRIVER"] = "dummy"  # decoding needs no device
        pygame.mixer.init(rate_hz, -16, 2)
        yield pygame.mixer.get_init()
    finally:
        pygame.mixer.quit()
        if saved is None:
            os.environ.pop("SDL_AUDIODRIVER", None)
        else:
            os.environ["SDL_AUDIODRIVER"] = saved


def _decode_mixer(path: Path, pcm: PcmFile, length_s: float) -> None:
    """WavPack through SDL_mixer: a whole decode, so refused beyond ``WHOLE_DECODE_MAX_S``."""
    import pygame

    if length_s == float("inf"):
        raise SongAudioError(f"{path}: WavPack file without its length in the header")
    if length_s > WHOLE_DECODE_MAX_S:
        raise SongAudioError(
            f"{path}: WavPack audio is played up to {WHOLE_DECODE_MAX_S // 60} minutes "
            "(convert a longer song to FLAC or OGG)"
        )
    try:
        with _decoding_mixer(pcm.rate_hz) as (mixer_hz, size, _):
            sound = pygame.mixer.Sound(str(path))
            samples = pygame.sndarray.samples(sound)  # the mixer's buffer, not a copy
            samples = samples.reshape(len(samples), -1)
            scale = np.float32(2 ** (abs(size) - 1) if size < 0 or abs(size) > 8 else 128)
            sink = _Sink(path, pcm, int(mixer_hz))
            for start in range(0, len(samples), BLOCK_FRAMES):
                sink.add(samples[start : start + BLOCK_FRAMES].astype(np.float32) / scale)
            del samples, sound
            sink.finish()
    except pygame.error as exc:
        raise SongAudioError(f"{path}: cannot decode audio ({_reason(exc)})") from None


def decode_to_pcm(path: Path, rate_hz: int, make_pcm: Callable[[int], PcmFile]) -> PcmFile:
    """The file decoded to stereo at ``rate_hz`` in a new :class:`PcmFile` (removed again on
    any error)."""
    with temp_file_errors(path):
        pcm = make_pcm(rate_hz)
        try:
            wavpack = wavpack_length_s(path)
            if wavpack is not None:
                _decode_mixer(path, pcm, wavpack)
            else:
                _decode_soundfile(path, pcm)
        except BaseException:
            pcm.close()
            raise
        return pcm.finish()


@contextmanager
def temp_file_errors(path: Path):
    """A temporary file that cannot be written (a full disk) as one SongAudioError line."""
    try:
        yield
    except OSError as exc:
        raise SongAudioError(
            f"{path}: no room to decode the audio ({exc.strerror or exc})"
        ) from None


__all__ = [
    "MAX_AUDIO_S",
    "WHOLE_DECODE_MAX_S",
    "SongAudioError",
    "audio_length_s",
    "decode_to_pcm",
    "stereo",
    "temp_file_errors",
]
