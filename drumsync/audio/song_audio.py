"""The song transport: one chart's music and hit sounds, and the song clock that follows them.

:class:`SongAudio` drives an ``AudioEngine`` (duck-typed: :mod:`drumsync.audio.mixer`'s
pygame mixer, or None for silence) and a :class:`~drumsync.audio.clock.SongClock` together.
``start(perf_s)`` plays the track from its first sample (song time 0); ``tick(perf_s)``
feeds the clock the engine's play head (call it every frame or poll); ``time_at(perf_s)``
converts an input stamp to song time without changing anything; ``pause``/``resume`` stop
and restart both, so chart and music stay aligned. Without an engine the clock runs on the
caller's timer alone (no sound wanted, a headless match on a virtual clock, no device).
This module needs no pygame: the engine is passed in.

The game plays through it, and the disk-audio check (:mod:`drumsync.audio.diskcheck`)
measures it against what SDL's disk driver wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.voices import Voice
from .clock import SongClock


class SongAudio:
    """One chart's music and hit sounds (``engine`` may be None: silence) and its clock."""

    def __init__(
        self,
        clock: SongClock | None = None,
        engine: Any = None,
        song_buffer: Any = None,
        notice: str | None = None,
    ) -> None:
        self.clock = clock or SongClock()
        self.engine = engine
        self.song_buffer = song_buffer
        #: A short message for the screen when sound is unavailable (None when all is well).
        self.notice = notice
        self.hits_played = 0
        self._started = False

    @property
    def started(self) -> bool:
        return self._started

    def start(self, perf_s: float, now: Callable[[], float] | None = None) -> None:
        """Start the music; song time 0 is the first sample of the track.

        ``now`` (the caller's clock, if given) is read again once the engine has started
        the track, so the time spent loading it does not count as played. With a sounding
        engine the clock starts half a mixer buffer back (the first buffer is mixed within
        one buffer period) and the first play-head reading sets it, forward only; started
        early it would run ahead of the music until the audio caught up."""
        playing = self.engine is not None and self.song_buffer is not None
        if playing:
            self.engine.start_song(self.song_buffer)
            if now is not None:
                perf_s = now()
        sounding = playing and self.engine.available
        self.clock.start(perf_s, -self.engine.buffer_s / 2 if sounding else None)
        self._started = True

    def tick(self, perf_s: float) -> float:
        """Song time for a frame at ``perf_s``, following the audio position when there is one."""
        if not self._started:
            return self.clock.song_s
        position = self._audio_position()
        return self.clock.update(perf_s, position)

    def time_at(self, perf_s: float) -> float:
        """Song time of an input stamp at ``perf_s`` (reads the clock, changes nothing)."""
        return self.clock.time_at(perf_s) if self._started else self.clock.song_s

    def pause(self, perf_s: float) -> None:
        if self.engine is not None:
            self.engine.pause()
        self.clock.pause(perf_s)

    def resume(self, perf_s: float) -> None:
        if self.engine is not None:
            self.engine.resume()
        self.clock.resume(perf_s)

    def stop(self) -> None:
        """Stop the music; :meth:`start` begins the song again (restart)."""
        if self.engine is not None and self._started:
            self.engine.stop()
        self.clock = SongClock(self.clock.rate, self.clock.output_offset_s)
        self._started = False

    def play_hit(self, voice: Voice, velocity: float) -> None:
        self.hits_played += 1
        if self.engine is not None:
            self.engine.play_hit(voice, velocity)

    def close(self) -> None:
        self.stop()
        if self.engine is not None:
            self.engine.close()

    def _audio_position(self) -> float | None:
        if self.engine is None:
            return None
        return self.engine.position_s()
