"""The music of a chart that names its own audio: the decoded file (time-stretched at a
practice rate below 1, pitch kept) or, for a MIDI song, DrumSync's band playing it.

The audio's sample 0 sounds at song time ``tempo_map.audio_offset_s``; like every track it
is laid on the song-time grid (``timebase``), so the song clock that follows the mixer
follows the song. The decoded (and stretched) audio stays on disk (:mod:`.song_file`) and is
read a block at a time as the song is rendered.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..core.chart import Chart
from .midi_band import chart_plays_midi, midi_band_timeline
from .pcm_file import PcmFile
from .render import track_frames
from .song_decode import temp_file_errors, wavpack_length_s
from .song_file import _key, cached_pcm, song_pcm
from .stretch import stretch_blocks
from .timebase import RATE_HZ, sample_index
from .timeline import Timeline, render_whole


def _stretched(path: str, rate: float, rate_hz: int) -> PcmFile:
    source = song_pcm(path, rate_hz)
    with temp_file_errors(Path(path)):
        pcm = PcmFile(rate_hz, dtype="float32")  # a stretch may pass full scale: kept exact
        try:
            for block in stretch_blocks(source.read, source.frames, 2, rate):
                pcm.write(block)
        except BaseException:
            pcm.close()
            raise
        return pcm.finish()


def song_audio_at_rate(path: str, rate: float, rate_hz: int = RATE_HZ) -> PcmFile:
    """The decoded file on disk, slowed to ``rate`` (cached per file and rate)."""
    if rate == 1.0:
        return song_pcm(path, rate_hz)
    return cached_pcm(
        _key(Path(path), rate_hz, ("stretch", rate)), lambda: _stretched(path, rate, rate_hz)
    )


def warm_song_audio(chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ) -> None:
    """Decode (and slow to ``rate``) the chart's own audio file into the cache ahead of its
    match: the slow part of opening an imported song, safe to run on a worker thread as it
    touches no mixer. MIDI songs and WavPack files (which the mixer decodes) are left to the
    match, as are charts without a song file."""
    if chart.audio_file is None or chart_plays_midi(chart):
        return
    if wavpack_length_s(Path(chart.audio_file)) is not None:
        return
    song_audio_at_rate(chart.audio_file, rate, rate_hz)


class SongTrack:
    """Stereo audio on disk placed from frame ``start`` of the track; renders block by block
    like a :class:`~.timeline.Timeline` (the same samples as adding the whole file)."""

    def __init__(self, audio: PcmFile, start: int) -> None:
        self.audio = audio
        self.start = int(start)

    def __len__(self) -> int:
        return 2  # a placement per channel, as a timeline would hold it

    def add_into(self, block: np.ndarray, block_start: int) -> None:
        lo = max(block_start, self.start)
        hi = min(block_start + len(block), self.start + self.audio.frames)
        if hi > lo:
            block[lo - block_start : hi - block_start] += self.audio.read(lo - self.start, hi - lo)


def song_track_timeline(
    chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ
) -> SongTrack | Timeline:
    """The chart's own audio on the song-time grid, rendered block by block like every other
    part: read from the decoded file, or the MIDI band's placements."""
    assert chart.audio_file is not None
    offset_s = chart.tempo_map.audio_offset_s if chart.tempo_map is not None else 0.0
    start = int(sample_index(offset_s, rate, rate_hz))
    if chart_plays_midi(chart):
        return midi_band_timeline(chart.audio_file, rate, rate_hz, start)
    return SongTrack(song_audio_at_rate(chart.audio_file, rate, rate_hz), start)


def render_song_track(
    chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ, frames: int | None = None
) -> np.ndarray:
    """Stereo float32 track of the chart's own audio on the song-time grid."""
    frames = frames if frames is not None else track_frames(chart, rate, rate_hz)
    return render_whole(song_track_timeline(chart, rate, rate_hz), frames)


__all__ = ["SongTrack", "render_song_track", "song_audio_at_rate", "song_track_timeline"]
