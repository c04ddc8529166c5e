"""Songs with known beats, rendered by DrumSync's own band, for measuring beat analysis.

``band_song``: a generated chart's backing and drums (``render_song``, the code path of
``drumsync export-audio``) with its beat times. ``drifting_song``: the same audio time-warped
so the tempo swings ±``drift`` (one slow sine cycle over the song); each beat's segment is
stretched or squeezed as a whole, so the true beat times stay known.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..audio.song import render_song
from ..audio.timebase import RATE_HZ
from ..core.generator import generate_chart


@dataclass(frozen=True, eq=False)
class KnownSong:
    name: str
    samples: np.ndarray  # mono float32
    rate_hz: int
    beat_times_s: np.ndarray
    bpm: float
    first_downbeat_s: float


def band_song(
    seed: int, style: str, bpm: float, bars: int, difficulty: int = 5, parts=("backing", "drums")
) -> KnownSong:
    chart = generate_chart(seed, style, bpm, difficulty, bars)
    mix = render_song(chart, parts).mean(axis=1).astype(np.float32)
    beats = chart.beat_to_time(np.arange(int(chart.end_beat)))
    return KnownSong(f"{style} {bpm:g} bpm", mix, RATE_HZ, beats, float(bpm), float(beats[0]))


def drifting_song(song: KnownSong, drift: float = 0.08) -> KnownSong:
    """``song`` with its tempo multiplied by ``1 + drift * sin(2 pi k / beats)`` at beat k."""
    old = song.beat_times_s
    k = np.arange(len(old) - 1)
    factor = 1.0 + drift * np.sin(2 * np.pi * k / max(1, len(k)))
    new_gaps = np.diff(old) / factor
    new = np.concatenate([[old[0]], old[0] + np.cumsum(new_gaps)])
    end_old = len(song.samples) / song.rate_hz
    end_new = new[-1] + (end_old - old[-1])
    anchors_new = np.concatenate([[0.0], new, [end_new]])
    anchors_old = np.concatenate([[0.0], old, [end_old]])
    out_times = np.arange(int(end_new * song.rate_hz)) / song.rate_hz
    source = np.interp(out_times, anchors_new, anchors_old) * song.rate_hz
    samples = np.interp(source, np.arange(len(song.samples)), song.samples).astype(np.float32)
    name = f"{song.name} drifting ±{drift * 100:g} %"
    return KnownSong(name, samples, song.rate_hz, new, song.bpm, float(new[0]))


HOUSE_LOOP_BEATS = 16  # four bars of four: see ``house_loop_beat_times``


def house_loop_path():
    """pygame-ce's ``examples/data/house_lo.wav`` (None when the wheel lacks it)."""
    from pathlib import Path

    import pygame

    path = Path(pygame.__file__).parent / "examples" / "data" / "house_lo.wav"
    return path if path.is_file() else None


def read_wav_mono(path) -> tuple[np.ndarray, int]:
    """Mono float32 samples and rate of an 8- or 16-bit PCM WAV file (stdlib ``wave``)."""
    import wave

    with wave.open(str(path), "rb") as wav:
        width, channels, rate = wav.getsampwidth(), wav.getnchannels(), wav.getframerate()
        raw = wav.readframes(wav.getnframes())
    if width == 1:
        data = (np.frombuffer(raw, np.uint8).astype(np.float32) - 128.0) / 128.0
    else:
        data = np.frombuffer(raw, "<i2").astype(np.float32) / 32768.0
    return data.reshape(-1, channels).mean(axis=1), rate


def house_loop_true_bpm(frames: int, rate_hz: int) -> float:
    """The loop holds exactly ``HOUSE_LOOP_BEATS`` beats: its length sets the tempo."""
    return HOUSE_LOOP_BEATS * 60.0 * rate_hz / frames


def midi_sample_path():
    """pygame-ce's ``examples/data/MIDI_sample.mid`` (None when the wheel lacks it)."""
    from pathlib import Path

    import pygame

    path = Path(pygame.__file__).parent / "examples" / "data" / "MIDI_sample.mid"
    return path if path.is_file() else None


def midi_band_song(path) -> KnownSong:
    """A General MIDI song as DrumSync plays it (its drums on the kit, its other channels by
    the band: ``drumsync export-audio``'s backing and drums), beats from its tempo map."""
    from ..core.importers import import_song

    chart, _ = import_song(path)
    mix = render_song(chart, ("backing", "drums")).mean(axis=1).astype(np.float32)
    end = chart.duration_s
    beats = chart.beat_to_time(np.arange(0.0, chart.time_to_beat(end)))
    bpm = float(chart.tempo_map.bpm[0]) if chart.tempo_map is not None else chart.meta.bpm
    return KnownSong(path.name, mix, RATE_HZ, beats, bpm, float(beats[0]))
