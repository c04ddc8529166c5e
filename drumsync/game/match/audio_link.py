"""The game's link to the sound: the song audio of a match, opened with the player's sound
settings (the mixer with the rendered backing, or silence with a notice saying why)."""

from __future__ import annotations

from ...audio.clock import SongClock
from ...audio.mixer import AudioEngine
from ...audio.song import render_song
from ...audio.song_audio import SongAudio
from ...core.chart import Chart


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
