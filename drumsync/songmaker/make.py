"""``make_song_chart``: a generated chart on a song's own beats.

An audio file (WAV, OGG, MP3, FLAC, Opus, WavPack) is decoded through the game's song-audio
decoder and analysed (``drumsync.analysis``), or the analysis is read from the cache; a MIDI
file needs no analysis: its tempo map gives the exact beats, and DrumSync's band plays its
other channels. The chart names the song as its audio, so the song is the music.

Every failure is a ``SongChartError`` with one line naming the file. A song whose beat the
analysis is not sure of still gets a chart, with a ``notice`` telling the player so; the
player's corrections (a tapped tempo, a moved first downbeat: ``corrections``) apply to every
chart made for that song afterwards.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..analysis import SongAnalysis
from ..analysis.analyze import analyze_spectrum
from ..analysis.song_grid import song_grid
from ..analysis.spectrum import spectrum
from ..core.errors import ChartError, DrumSyncError
from ..core.generator import generate_chart
from ..core.generator.song_grid import GRID_BEATS_PER_BAR, SongGrid
from . import cache
from .corrections import load_correction, shift_downbeat

MIDI_SUFFIXES = (".mid", ".midi")
ANALYSIS_RATE_HZ = 44100
NO_BEAT_CONFIDENCE = 0.15  # below this, no chart (noise, silence, a drone)
MAX_SONG_BYTES = 512 * 1024 * 1024  # as the song-audio decoder
MAX_SONG_S = 20 * 60  # a chart is at most 2000 bars; analysis stays within ~15 s

Progress = Callable[[float, str], None]


class SongChartError(DrumSyncError):
    """The song cannot be read, or has no steady beat to chart (one line)."""


@dataclass(frozen=True, eq=False)
class MadeChart:
    chart: object  # core.chart.Chart
    analysis: SongAnalysis | None  # None for a MIDI song (exact beats)
    from_cache: bool
    notice: str | None  # what the player should know (low confidence), or None


def _quiet(_fraction: float, _label: str) -> None:
    return None


def _audio_name(song: Path, chart_dir: Path | None) -> str:
    """The song's path as the chart stores it: relative to the chart's folder when given."""
    absolute = song.resolve()
    if chart_dir is None:
        return str(absolute)
    try:
        return os.path.relpath(absolute, chart_dir.resolve())
    except ValueError:  # another drive (Windows)
        return str(absolute)


def song_digest(path: Path) -> str:
    try:
        return cache.content_hash(path)
    except OSError as exc:
        raise SongChartError(f"{path}: cannot read: {exc.strerror or exc}") from None


def analyse_song(
    path: Path,
    data_folder: Path | None,
    progress: Progress = _quiet,
    digest: str | None = None,
    hint_bpm: float | None = None,
):
    """(analysis, from_cache) of an audio file; ``hint_bpm``: a tempo the player tapped."""
    from ..analysis.mono_stream import analysis_signal
    from ..audio.song_file import SongAudioError, song_length_s, song_pcm

    digest = digest or song_digest(path)
    key = digest if hint_bpm is None else f"{digest}-bpm{hint_bpm:g}"
    if data_folder is not None:
        found = cache.load_cached(data_folder, key)
        if found is not None:
            progress(1.0, "analysis read from the cache")
            return found, True
    progress(0.05, "decoding")
    try:  # refused from the header, before decoding, when too long
        length_s = song_length_s(path)  # a header's length may be a little off: checked again
        if math.isfinite(length_s) and length_s > MAX_SONG_S + 1:
            raise SongChartError(f"{path}: longer than {MAX_SONG_S // 60} minutes")
        pcm = song_pcm(path, ANALYSIS_RATE_HZ)  # decoded to disk a block at a time
    except SongAudioError as exc:
        raise SongChartError(str(exc)) from None
    if pcm.frames > MAX_SONG_S * ANALYSIS_RATE_HZ:
        raise SongChartError(f"{path}: longer than {MAX_SONG_S // 60} minutes")
    # mono at half the rate, built a block at a time: a quarter of the decoded song, and
    # let go once its spectrum is taken
    samples, rate_hz = analysis_signal(pcm.blocks(1 << 16), pcm.frames, ANALYSIS_RATE_HZ)
    spec = spectrum(samples, rate_hz)
    del samples
    progress(0.3, "finding the beat")
    analysis = analyze_spectrum(spec, hint_bpm)
    if data_folder is not None:
        cache.store(data_folder, key, analysis)
    progress(1.0, "analysed")
    return analysis, False


def midi_grid(path: Path, audio_name: str) -> SongGrid:
    """Exact beats of a MIDI file from its tempo map, through the end of its last whole bar."""
    from ..core.importers.common import read_bytes
    from ..core.importers.midi_file import read_midi

    try:
        song = read_midi(read_bytes(path), str(path))
    except (OSError, DrumSyncError) as exc:
        raise SongChartError(str(exc)) from None
    end_beat = song.end_tick / song.clock.resolution
    bars = int(end_beat // GRID_BEATS_PER_BAR)
    beats = song.clock.tempo_map().seconds_at(np.arange(bars * GRID_BEATS_PER_BAR + 1.0))
    return SongGrid(beat_times_s=beats, audio_file=audio_name, title=path.stem)


def low_confidence_notice(analysis: SongAnalysis) -> str | None:
    if not analysis.low_confidence:
        return None
    return (
        f"the beat of this song is uncertain (confidence {analysis.confidence:.2f}): "
        "the chart may drift off the music"
    )


def make_song_chart(
    path: str | os.PathLike,
    style: str,
    difficulty: int,
    parts: str = "unison",
    seed: int = 1,
    *,
    bars: int | None = None,
    hint_bpm: float | None = None,
    data_folder: Path | None = None,
    chart_dir: Path | None = None,
    progress: Progress = _quiet,
) -> MadeChart:
    """Analyse (or read the cache) and generate; SongChartError for anything unusable.

    ``bars`` shortens the chart to the song's first bars; ``hint_bpm`` (the tempo the player
    hears) holds the analysis near it, octave included. ``data_folder`` holds the analysis
    cache (None: no cache); ``chart_dir`` is where the chart will be saved, so the chart can
    name the song relative to it.
    """
    song = Path(os.fspath(path))
    if not song.exists():
        raise SongChartError(f"{song}: no such file")
    if not song.is_file():
        raise SongChartError(f"{song}: not a regular file (a folder, device or pipe)")
    if song.stat().st_size > MAX_SONG_BYTES:
        raise SongChartError(f"{song}: larger than {MAX_SONG_BYTES >> 20} MiB")
    audio_name = _audio_name(song, chart_dir)
    analysis, from_cache, notice = None, False, None
    try:
        if song.suffix.lower() in MIDI_SUFFIXES:
            grid = midi_grid(song, audio_name)
        else:
            digest = song_digest(song)
            correction = load_correction(data_folder, digest)
            hint = hint_bpm if hint_bpm is not None else correction.bpm
            analysis, from_cache = analyse_song(song, data_folder, progress, digest, hint)
            analysis = shift_downbeat(analysis, correction.downbeat_shift)
            if analysis.confidence < NO_BEAT_CONFIDENCE and hint is None:
                raise SongChartError(f"{song}: no steady beat found (is it music with a beat?)")
            notice = low_confidence_notice(analysis)
            grid = song_grid(analysis, audio_name, song.stem)
        chart = generate_chart(seed, style, grid, difficulty, bars, parts)
    except ChartError as exc:
        raise SongChartError(f"{song}: {exc}") from None
    return MadeChart(chart, analysis, from_cache, notice)
