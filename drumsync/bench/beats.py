"""Beat analysis figures: accuracy (beat F-measure, ±70 ms) on songs with known beats, the
house_lo loop's tempo, and speed; beside librosa's ``beat_track`` when librosa is installed
(it is not a dependency: ``pip install librosa`` to compare).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from ..analysis import analyze_audio
from ..analysis.evaluate import f_measure
from .beat_songs import KnownSong, band_song, drifting_song

#: (seed, style, bpm): one song per style, tempos across the usual range.
CONSTANT_SONGS = (
    (1, "rock", 120.0),
    (2, "dance-pop", 97.0),
    (3, "metal", 172.0),
    (4, "euclidean", 140.0),
    (5, "rock", 84.0),
    (6, "dance-pop", 128.0),
    (7, "metal", 150.0),
    (8, "euclidean", 105.0),
)


def known_songs(bars: int, drift: float | None = None) -> list[KnownSong]:
    songs = [band_song(seed, style, bpm, bars) for seed, style, bpm in CONSTANT_SONGS]
    return [drifting_song(s, drift) for s in songs] if drift else songs


def drumsync_beats(song: KnownSong) -> tuple[np.ndarray, float]:
    a = analyze_audio(song.samples, song.rate_hz)
    return a.beat_times_s, a.bpm


def librosa_beats(song: KnownSong) -> tuple[np.ndarray, float]:
    """librosa 0.11's default beat tracker (22050 Hz, hop 512)."""
    import librosa

    y = librosa.resample(song.samples, orig_sr=song.rate_hz, target_sr=22050)
    tempo, frames = librosa.beat.beat_track(y=y, sr=22050)
    return librosa.frames_to_time(frames, sr=22050), float(np.atleast_1d(tempo)[0])


def librosa_available() -> bool:
    try:
        import librosa  # noqa: F401
    except ImportError:
        return False
    return True


def score(songs: list[KnownSong], tracker: Callable[[KnownSong], tuple[np.ndarray, float]]) -> dict:
    """Mean and worst F-measure of ``tracker`` over ``songs``, and its seconds per song."""
    values, seconds = [], 0.0
    for song in songs:
        start = time.perf_counter()
        beats, _ = tracker(song)
        seconds += time.perf_counter() - start
        values.append(f_measure(song.beat_times_s, beats))
    return {
        "mean_f": float(np.mean(values)),
        "min_f": float(np.min(values)),
        "s_per_song": seconds / len(songs),
        "songs": len(songs),
    }


def four_minute_seconds() -> tuple[float, float]:
    """Seconds to analyse a four-minute band song (best of two), and the song's length."""
    song = band_song(11, "rock", 120.0, 120)
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        analyze_audio(song.samples, song.rate_hz)
        best = min(best, time.perf_counter() - start)
    return best, len(song.samples) / song.rate_hz


def house_loop_figures() -> dict | None:
    from .beat_songs import house_loop_path, house_loop_true_bpm, read_wav_mono

    path = house_loop_path()
    if path is None:
        return None
    samples, rate = read_wav_mono(path)
    true_bpm = house_loop_true_bpm(len(samples), rate)
    found = analyze_audio(samples, rate).bpm
    return {"true_bpm": true_bpm, "found_bpm": found, "error": found / true_bpm - 1.0}


def midi_figures(with_librosa: bool) -> dict | None:
    """Beat F-measure on pygame-ce's MIDI_sample.mid as DrumSync's band plays it."""
    from .beat_songs import midi_band_song, midi_sample_path

    path = midi_sample_path()
    if path is None:
        return None
    song = midi_band_song(path)
    out = {"drumsync": f_measure(song.beat_times_s, drumsync_beats(song)[0])}
    if with_librosa:
        out["librosa"] = f_measure(song.beat_times_s, librosa_beats(song)[0])
    return out


def print_beat_figures(quick: bool) -> None:
    bars = 16 if quick else 64
    sets = {
        "constant tempo": known_songs(bars),
        "tempo drifting ±8 %": known_songs(bars, drift=0.08),
    }
    with_librosa = librosa_available()
    print(f"beats: beat F-measure (±70 ms), {len(CONSTANT_SONGS)} band songs of {bars} bars")
    for label, songs in sets.items():
        ours = score(songs, drumsync_beats)
        line = (
            f"  {label:<22} DrumSync mean {ours['mean_f']:.3f} worst {ours['min_f']:.3f}"
            f" ({ours['s_per_song']:.2f} s/song)"
        )
        if with_librosa:
            librosa_beats(songs[0])  # compile numba's code before timing
            theirs = score(songs, librosa_beats)
            line += (
                f" | librosa mean {theirs['mean_f']:.3f} worst {theirs['min_f']:.3f}"
                f" ({theirs['s_per_song']:.2f} s/song)"
            )
        print(line)
    midi = midi_figures(with_librosa)
    if midi:
        line = f"  MIDI_sample.mid (band)  DrumSync {midi['drumsync']:.3f}"
        if "librosa" in midi:
            line += f" | librosa {midi['librosa']:.3f}"
        print(line)
    house = house_loop_figures()
    if house:
        print(
            f"  house_lo loop          true {house['true_bpm']:.2f} bpm, found "
            f"{house['found_bpm']:.2f} bpm ({house['error'] * 100:+.2f} %)"
        )
    if not quick:
        seconds, length = four_minute_seconds()
        print(f"  speed                  {length:.0f} s song analysed in {seconds:.2f} s")
    if not with_librosa:
        print("  (librosa not installed: pip install librosa to compare)")
