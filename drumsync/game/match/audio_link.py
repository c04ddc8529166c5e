"""ADAPTER POINT between the game and the sound: music, drum sounds and the song clock.

The play scene talks only to :class:`SongAudio`, which wraps the audio package's
``AudioEngine`` (pygame mixer: backing track, hit sounds, play position). Song time always
comes from the audio package's pure :class:`~drumsync.audio.clock.SongClock`: fed the mixer's
play position when there is an engine, or running on the game's timer alone when there is
none (no sound wanted, a headless match on its virtual clock, or no audio device).

Frame updates call :meth:`SongAudio.tick` (which reads the audio position); input stamps are
converted with :meth:`SongAudio.time_at`, which only reads the clock.
"""

from __future__ import annotations

from typing import Any

from ...audio.clock import SongClock
from ...audio.mixer import AudioEngine
from ...audio.song import render_song
from ...core.chart import Chart
from ...core.voices import Voice


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

    def start(self, perf_s: float) -> None:
        """Start the music; song time 0 is the first sample of the track."""
        if self.engine is not None and self.song_buffer is not None:
            self.engine.start_song(self.song_buffer)
        self.clock.start(perf_s)
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


def open_song_audio(
    chart: Chart,
    enabled: bool,
    rate: float = 1.0,
    buffer_frames: int = 512,
    music_volume: float = 0.8,
    drums_volume: float = 1.0,
) -> SongAudio:
    """The song audio for ``chart``: the mixer with the rendered backing when ``enabled`` and a
    device opens; otherwise silent, with a notice saying why when sound was wanted."""
    clock = SongClock(rate)
    if not enabled:
        return SongAudio(clock)
    engine = AudioEngine()
    if not engine.open(buffer_frames):
        return SongAudio(clock, notice=f"{engine.reason} - playing silently")
    engine.set_music_volume(music_volume)
    engine.set_drum_volume(drums_volume)
    return SongAudio(clock, engine, render_song(chart, rate=rate))
