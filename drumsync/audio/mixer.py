"""The audio engine: pygame's mixer with a small buffer, the backing track, and player hits.

This is the only module of DrumSync's audio that imports pygame.

* ``open(buffer_frames=512, rate_hz=44100)`` opens the mixer (16-bit stereo) with a small
  buffer: 512 frames is 11.6 ms at 44.1 kHz, 256 frames 5.8 ms. A hit reaches the output
  stream at the start of the next mixer buffer, i.e. within one buffer (on average half) of
  ``play_hit``; the device then adds its own latency, which the user's output offset
  calibrates (``SongClock.output_offset_s``).
* Player hits play at once on ``hit_channels`` (16) reserved channels taken round-robin, so
  a fast roll never cuts off its own previous notes.
* The backing track is played once with ``pygame.mixer.music``, streamed from a WAV file
  written block by block (:mod:`drumsync.audio.streamed_song`; short sounds may still come as an
  in-memory buffer). That is the one pygame stream with a position:
  ``music.get_pos()`` = milliseconds of frames mixed since ``play()`` (counted by a post-mix
  callback in every mixer buffer, stopped while paused) plus milliseconds since the latest
  buffer was mixed. ``position_s`` turns it into the *play head*: the frames mixed minus the
  buffer being played (``- buffer_frames / rate_hz``), plus 0.5 ms for the truncation of the
  frame count to whole milliseconds. A ``Channel`` has no position at all, which is why
  the backing is music rather than a ``Sound``; its sample 0 is the first frame of the first
  buffer mixed after ``play()``, so the track stays sample-aligned to the song clock.
  For ``SETTLE_S`` after starting or resuming, ``get_pos`` still extrapolates from a buffer
  mixed before, so ``position_s`` returns None (the clock runs on ``perf_counter`` then);
  likewise once the track has ended (``get_pos`` then jumps).
* No device (``pygame.error`` on open, e.g. no sound card or an unknown ``SDL_AUDIODRIVER``):
  the engine stays silent, ``available`` is False, ``reason`` says why in one line, every
  method is a harmless no-op and ``position_s`` is None, so the song clock runs on the wall
  clock.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from ..core.voices import Voice
from .kit import SOUNDS, VELOCITY_LAYERS, Kit, get_kit, layer_index, sound_for, velocity_gain
from .quiet_backend import quiet_stderr
from .render import pan_gains
from .timebase import RATE_HZ
from .wav import to_int16, wav_bytes

if TYPE_CHECKING:
    import numpy as np

    from .streamed_song import SongFile

BUFFER_CHOICES = (256, 512, 1024, 2048)
HIT_CHANNELS = 16
SETTLE_S = 0.05
_ROUNDING_S = 0.0005  # get_pos truncates the mixed frames to whole milliseconds


@dataclass(frozen=True, slots=True)
class AudioStatus:
    """What the game shows: is there sound, and if not, why."""

    available: bool
    reason: str
    rate_hz: int
    buffer_frames: int

    @property
    def buffer_ms(self) -> float:
        return 1000.0 * self.buffer_frames / self.rate_hz


class AudioEngine:
    """pygame mixer wrapper; silent (``available`` False) when no device opens."""

    def __init__(
        self,
        hit_channels: int = HIT_CHANNELS,
        perf_counter: Callable[[], float] = time.perf_counter,
    ) -> None:
        if hit_channels < 1:
            raise ValueError("hit_channels must be at least 1")
        self.hit_channels = hit_channels
        self._perf = perf_counter
        self.available = False
        self.reason = "audio not opened"
        self.rate_hz = RATE_HZ
        self.buffer_frames = 512
        self.music_volume = 0.8
        self.drum_volume = 1.0
        self._channels: list = []
        self._next_channel = 0
        self._sounds: dict[tuple[str, int], pygame.mixer.Sound] = {}
        self._song_loaded = False
        self._paused = False
        self._settle_until = 0.0

    # --- opening -----------------------------------------------------------------------
    def open(self, buffer_frames: int = 512, rate_hz: int = RATE_HZ) -> bool:
        """Open the mixer; on failure become a silent engine. Returns ``available``."""
        if buffer_frames not in BUFFER_CHOICES:
            raise ValueError(f"buffer_frames must be one of {BUFFER_CHOICES}, got {buffer_frames}")
        self.close()
        self.buffer_frames = buffer_frames
        self.rate_hz = rate_hz
        try:
            self.rate_hz = open_mixer(rate_hz, buffer_frames)
            pygame.mixer.set_num_channels(self.hit_channels)
            pygame.mixer.set_reserved(self.hit_channels)
            self._channels = [pygame.mixer.Channel(i) for i in range(self.hit_channels)]
            self._sounds = _make_sounds(get_kit(self.rate_hz))
        except pygame.error as exc:
            self.available = False
            self.reason = no_device_reason(exc)
            self._channels, self._sounds = [], {}
            return False
        self.available = True
        self.reason = f"{pygame.mixer.get_driver()} at {self.rate_hz} Hz, {buffer_frames} frames"
        return True

    def status(self) -> AudioStatus:
        return AudioStatus(self.available, self.reason, self.rate_hz, self.buffer_frames)

    @property
    def buffer_s(self) -> float:
        """Duration of one mixer buffer: the most a hit waits for the output stream."""
        return self.buffer_frames / self.rate_hz

    def close(self) -> None:
        """Stop everything and release the device."""
        if self.available:
            self.stop()
            pygame.mixer.quit()
        self.available = False
        self.reason = "audio closed"
        self._channels, self._sounds = [], {}

    # --- hits --------------------------------------------------------------------------
    def play_hit(self, voice: Voice, velocity: float = 0.8, pan: float = 0.0) -> int | None:
        """Sound a player's hit now; returns the channel used (None when silent)."""
        if not self.available:
            return None
        name = sound_for(Voice(voice), velocity)
        sound = self._sounds[(name, layer_index(velocity))]
        index = self._next_channel
        self._next_channel = (index + 1) % len(self._channels)
        channel = self._channels[index]
        gain = velocity_gain(velocity) * self.drum_volume
        left, right = pan_gains(pan)
        channel.play(sound)
        channel.set_volume(min(1.0, gain * left), min(1.0, gain * right))
        return index

    # --- the song ----------------------------------------------------------------------
    def start_song(self, buffer: SongFile | np.ndarray) -> None:
        """Play ``buffer`` once: a :class:`~drumsync.audio.streamed_song.SongFile` (streamed from
        disk, any length) or float samples (mono or ``(frames, 2)``, at ``rate_hz``)."""
        if not self.available:
            return
        self.stop()
        path = getattr(buffer, "path", None)
        if path is not None:
            pygame.mixer.music.load(os.fspath(path))
        else:
            pygame.mixer.music.load(io.BytesIO(wav_bytes(buffer, self.rate_hz)), "wav")
        pygame.mixer.music.set_volume(self.music_volume)
        pygame.mixer.music.play()
        self._song_loaded = True
        self._paused = False
        self._settle_until = self._perf() + SETTLE_S

    def pause(self) -> None:
        if not self.available or not self._song_loaded or self._paused:
            return
        pygame.mixer.music.pause()
        for channel in self._channels:
            channel.stop()
        self._paused = True

    def resume(self) -> None:
        if not self.available or not self._song_loaded or not self._paused:
            return
        pygame.mixer.music.unpause()
        self._paused = False
        self._settle_until = self._perf() + SETTLE_S

    def stop(self) -> None:
        """Stop the song and all hits."""
        if not self.available:
            return
        if self._song_loaded:
            pygame.mixer.music.stop()
            pygame.mixer.music.unload()
        for channel in self._channels:
            channel.stop()
        self._song_loaded = False
        self._paused = False

    @property
    def paused(self) -> bool:
        return self._paused

    def position_s(self) -> float | None:
        """Play head in the song buffer (seconds), or None when unknown (see module doc)."""
        if not self.available or not self._song_loaded or self._paused:
            return None
        if self._perf() < self._settle_until:
            return None
        if not pygame.mixer.music.get_busy():  # ended: get_pos is no longer meaningful
            return None
        ms = pygame.mixer.music.get_pos()
        if ms < 0:
            return None
        return ms / 1000.0 + _ROUNDING_S - self.buffer_s

    # --- volumes -----------------------------------------------------------------------
    def set_music_volume(self, volume: float) -> None:
        self.music_volume = min(1.0, max(0.0, float(volume)))
        if self.available:
            pygame.mixer.music.set_volume(self.music_volume)

    def set_drum_volume(self, volume: float) -> None:
        self.drum_volume = min(1.0, max(0.0, float(volume)))


def open_mixer(rate_hz: int, buffer_frames: int) -> int:
    """(Re)open pygame's mixer as 16-bit stereo at ``rate_hz`` with ``buffer_frames``-frame
    buffers; returns the rate the device chose. Raises ``pygame.error`` without a device or
    when the device offers another format."""
    if pygame.mixer.get_init():  # e.g. opened by pygame.init() with other settings
        pygame.mixer.quit()
    pygame.mixer.pre_init(rate_hz, -16, 2, buffer_frames)
    with quiet_stderr():  # the back-end's chatter; a failure is said by the caller, in one line
        pygame.mixer.init()
    init = pygame.mixer.get_init()
    if not init:
        raise pygame.error("the mixer did not initialise")
    freq, fmt, channels = init
    if fmt != -16 or channels != 2:
        pygame.mixer.quit()
        raise pygame.error(f"unsupported output format ({fmt}, {channels} channels)")
    return int(freq)


def no_device_reason(error: pygame.error) -> str:
    """The one line shown when the mixer could not be opened."""
    return f"no audio device: {str(error).strip() or type(error).__name__}"


def _make_sounds(kit: Kit) -> dict[tuple[str, int], pygame.mixer.Sound]:
    sounds = {}
    for name in SOUNDS:
        for layer in range(VELOCITY_LAYERS):
            pcm = to_int16(kit.layers[name][layer])
            sounds[(name, layer)] = pygame.mixer.Sound(buffer=pcm.tobytes())
    return sounds
