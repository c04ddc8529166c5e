"""The game's link to the sound: the song audio of a match, opened with the player's sound
settings (the mixer streaming the backing from a song file, or silence with a notice saying
why)."""

from __future__ import annotations

from ...audio.clock import SongClock
from ...audio.mixer import AudioEngine
from ...audio.song import SongStream
from ...audio.song_audio import SongAudio
from ...audio.song_track import warm_song_audio
from ...audio.streamed_song import write_song_file
from ...core.chart import Chart
from ...core.errors import DrumSyncError


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
    try:  # rendered block by block to a file the mixer streams: memory stays bounded
        song = write_song_file(SongStream(chart, rate=rate, rate_hz=engine.rate_hz))
    except DrumSyncError as exc:  # the song's own audio file is gone or unreadable
        notice = f"{str(exc).splitlines()[0]} - playing without the song's music"
        count_in = SongStream(chart, ("count-in",), rate=rate, rate_hz=engine.rate_hz)
        try:
            return SongAudio(clock, engine, write_song_file(count_in), notice)
        except OSError:
            return SongAudio(clock, engine, notice=notice)
    except OSError as error:
        reason = error.strerror or str(error)
        return SongAudio(clock, engine, notice=f"music not ready ({reason}) - playing without it")
    return SongAudio(clock, engine, song)


def prepare_song_audio(chart: Chart, rate: float = 1.0) -> None:
    """What :func:`open_song_audio` would wait longest for, done ahead on a worker thread: the
    chart's own audio decoded (and slowed for practice) into the cache. The mixer is not
    touched."""
    warm_song_audio(chart, rate)
