"""The title's music: the quiet loop (``drumsync.audio.title_loop``) while the title and the
menus reached from it are shown, and silence whenever a match (or anything with a sound of its
own) is on the scene stack.

:class:`TitleMusic` is told, before every input poll, which scenes are on the stack
(:meth:`TitleMusic.follow`). The loop plays while some scene on the stack asks for it (the
title has ``title_music = True``) and none is quiet (``Scene.title_music = False``: the
match, its loading card, pause and results, the demo, calibration). So starting a match stops
the loop before the match opens its own sound, and coming back from it to the menus or the
title starts the loop again, from its start.

How it shares the mixer with the matches:

* The loop is a ``Sound`` played with ``loops=-1`` on channel 0: seamless (SDL_mixer wraps it
  inside one mix), and it leaves ``pygame.mixer.music``, which carries a match's song and its
  play position, alone.
* It opens the mixer itself (16-bit stereo, the buffer from the settings) when nobody has;
  a match's ``AudioEngine.open`` closes and reopens the mixer anyway, and closes it when the
  match ends. The loop therefore never closes the mixer while the game runs (only
  :meth:`TitleMusic.close`, when the front door closes), never touches ``mixer.music``, and
  makes a fresh ``Sound`` every time it starts (one made before a reopening is not used
  again).
* No sound wanted (``sound=False``: ``--no-sound``) or no audio device: silence, with
  :attr:`TitleMusic.reason` saying why; nothing raises. A failed open is tried again only
  the next time the loop is wanted (not on every poll).

Rendering the loop takes about 0.1 s the first time (see ``drumsync.audio.title_loop``), so
it runs on a background thread on first need; the loop starts at the first poll after it is
ready. :meth:`TitleMusic.loop_time_s` says where in the loop the music is, so the title's
drummers can hit with it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import pygame

from ....audio.mixer import no_device_reason, open_mixer
from ....audio.timebase import RATE_HZ
from ....audio.title_loop import TitleLoop, cached_title_loop
from ....audio.wav import to_int16

CHANNEL = 0
#: Short: a match's sound reopens the mixer about a frame after the loading card appears.
FADE_OUT_MS = 40
JOIN_S = 5.0


def scene_wants(scene: Any) -> bool | None:
    """True: the scene asks for the title music; False: it needs quiet; None: no say
    (``Scene.title_music``)."""
    return getattr(scene, "title_music", None)


def music_wanted(scenes: Iterable[Any]) -> bool:
    """The loop plays when a scene on the stack asks for it and none needs quiet."""
    asked = False
    for scene in scenes:
        says = scene_wants(scene)
        if says is False:
            return False
        asked = asked or says is True
    return asked


class TitleMusic:
    """The title loop on the pygame mixer; silent (never raising) without sound or a device."""

    def __init__(
        self,
        enabled: bool = True,
        buffer_frames: int = 512,
        rate_hz: int = RATE_HZ,
        render: Callable[[int], TitleLoop] = cached_title_loop,
        fade_out_ms: int = FADE_OUT_MS,
    ) -> None:
        self.enabled = enabled
        self.buffer_frames = buffer_frames
        self.rate_hz = rate_hz
        self.fade_out_ms = fade_out_ms
        self._render = render
        #: Why there is no music ("" while all is well or not yet tried).
        self.reason = "" if enabled else "sound is off"
        #: True once the mixer opened, False once it failed, None before trying.
        self.available: bool | None = None if enabled else False
        #: Milliseconds the render took on its thread (None until it is done).
        self.render_ms: float | None = None
        self.wanted = False
        self.playing = False
        #: How many times the loop was started (it starts again after every match).
        self.starts = 0
        self.volume = 1.0
        self.sound: Any = None
        self.started_at_s: float | None = None
        self._loop: TitleLoop | None = None
        self._pcm: bytes | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._tried = False
        self._opened_mixer = False

    # -- the loop's samples -------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """The loop is rendered."""
        with self._lock:
            return self._pcm is not None

    @property
    def loop(self) -> TitleLoop | None:
        with self._lock:
            return self._loop

    def prepare(self) -> None:
        """Render the loop on a background thread (once)."""
        if not self.enabled or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._render_job, name="title-loop", daemon=True)
        self._thread.start()

    def wait_ready(self, timeout_s: float = JOIN_S) -> bool:
        """Wait for the background render (tests, scripts); True when the loop is ready."""
        if self._thread is not None:
            self._thread.join(timeout_s)
        return self.ready

    def _render_job(self) -> None:
        t0 = time.perf_counter()
        try:
            loop = self._render(self.rate_hz)
            pcm = to_int16(loop.samples).tobytes()
        except Exception as error:  # the game goes on without its title music
            with self._lock:
                self.reason = f"title music not rendered: {error}"
            return
        with self._lock:
            self._loop, self._pcm = loop, pcm
            self.render_ms = 1000.0 * (time.perf_counter() - t0)

    # -- following the screens ----------------------------------------------------------------
    def follow(self, scenes: Iterable[Any], volume: float, now_s: float) -> None:
        """Start or stop the loop for the scenes now on the stack; ``volume`` is the music
        volume (0..1) from the settings. Called before every input poll: cheap."""
        self.set_volume(volume)
        wanted = self.enabled and music_wanted(scenes)
        if wanted and not self.wanted:
            self._tried = False  # a new chance to open the device
        self.wanted = wanted
        if wanted and not self.playing:
            self._start(now_s)
        elif not wanted and self.playing:
            self.stop()

    def set_volume(self, volume: float) -> None:
        volume = min(1.0, max(0.0, float(volume)))
        if volume == self.volume:
            return
        self.volume = volume
        if self.playing and self.sound is not None:
            with contextlib.suppress(pygame.error):
                self.sound.set_volume(volume)

    def loop_time_s(self, now_s: float) -> float | None:
        """Seconds into the loop that are being heard at ``now_s`` (the loop's start is beat 0
        of the title chart), or None when the loop is not playing."""
        loop = self.loop
        if not self.playing or self.started_at_s is None or loop is None:
            return None
        latency_s = self.buffer_frames / loop.rate_hz  # it starts with the next mixed buffer
        return (now_s - self.started_at_s - latency_s) % loop.length_s

    def _start(self, now_s: float) -> None:
        if self._thread is None:
            self.prepare()
        if not self.ready or self._tried:
            return
        self._tried = True
        rate_hz = self._open_mixer()
        if rate_hz is None:
            return
        pcm = self._pcm_at(rate_hz)
        try:
            sound = pygame.mixer.Sound(buffer=pcm)
            sound.set_volume(self.volume)
            channel = pygame.mixer.Channel(CHANNEL)
            channel.play(sound, loops=-1)
        except pygame.error as error:
            self.reason = f"title music not played: {error}"
            return
        self.sound = sound  # the one before (if any) is let go only now
        self.playing = True
        self.started_at_s = now_s
        self.starts += 1
        self.reason = ""

    def _pcm_at(self, rate_hz: int) -> bytes:
        """The loop's 16-bit samples at the device's rate (rendered again, here, in the rare
        case that the device chose another rate than the one asked for)."""
        with self._lock:
            loop, pcm = self._loop, self._pcm
        assert loop is not None and pcm is not None
        if loop.rate_hz != rate_hz:
            loop = self._render(rate_hz)
            pcm = to_int16(loop.samples).tobytes()
            with self._lock:
                self._loop, self._pcm = loop, pcm
        return pcm

    def _open_mixer(self) -> int | None:
        """The mixer's rate, opening it if nobody has; None (with a reason) without a device."""
        try:
            init = pygame.mixer.get_init()
            if init and init[1:] == (-16, 2):
                rate_hz = int(init[0])
            else:  # not open, or opened some other way (no match is running now)
                rate_hz = open_mixer(self.rate_hz, self.buffer_frames)
                self._opened_mixer = True
        except pygame.error as error:
            self.available = False
            self.reason = no_device_reason(error)
            return None
        self.available = True
        return rate_hz

    def stop(self, fade: bool = True) -> None:
        """Stop the loop (fading out briefly); the mixer stays open."""
        if self.sound is not None:
            try:
                if pygame.mixer.get_init():
                    if fade and self.fade_out_ms > 0:
                        self.sound.fadeout(self.fade_out_ms)
                    else:
                        self.sound.stop()
            except pygame.error:
                pass
        self.playing = False
        self.started_at_s = None

    def close(self) -> None:
        """Stop, wait for the render thread, and close the mixer if this opened it."""
        self.stop(fade=False)
        self.wanted = False
        if self._thread is not None:
            self._thread.join(JOIN_S)
        self.sound = None
        if self._opened_mixer and pygame.mixer.get_init():
            pygame.mixer.quit()
        self._opened_mixer = False


__all__ = ["TitleMusic", "music_wanted", "scene_wants"]
