"""Check (d): the exported WAV: format, no clipping, determinism, styles, practice rate."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import wave
from itertools import pairwise

import numpy as np
import pytest
from test_audio_charts import generated, groove_chart

from drumsync.audio.backing import render_backing
from drumsync.audio.export import AudioExportError, export_audio, parse_parts
from drumsync.audio.render import TAIL_S, track_frames
from drumsync.audio.wav import read_wav, wav_bytes, write_wav
from drumsync.core.errors import DrumSyncError

RATE = 44100
STYLES = ("dance-pop", "rock", "metal", "euclidean")


def test_wav_format_and_no_clipping(tmp_path):
    chart = groove_chart(bars=4)
    info = export_audio(chart, tmp_path / "song.wav")  # backing, click, drums
    assert info.parts == ("backing", "click", "drums")
    with wave.open(str(tmp_path / "song.wav"), "rb") as wav:
        assert wav.getframerate() == 44100
        assert wav.getsampwidth() == 2
        assert wav.getnchannels() == 2
        assert wav.getcomptype() == "NONE"
        frames = wav.getnframes()
        pcm = np.frombuffer(wav.readframes(frames), dtype="<i2")
    assert frames == info.frames == track_frames(chart)
    assert info.duration_s == pytest.approx(chart.duration_s + TAIL_S, abs=1e-3)
    peak = int(np.max(np.abs(pcm.astype(np.int32))))
    assert 0.5 * 32767 < peak < 32767, "loud, but never at full scale"
    assert np.mean(np.abs(pcm) >= 32767) == 0.0


def test_wav_round_trip():
    rng = np.random.default_rng(0)
    x = (rng.uniform(-1, 1, (1000, 2)) * 0.9).astype(np.float32)
    data = wav_bytes(x)
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    back, rate = read_wav(io.BytesIO(data))
    assert rate == RATE and back.shape == (1000, 2)
    assert np.max(np.abs(back - x)) <= 1.0 / 32767
    mono, _ = read_wav(io.BytesIO(wav_bytes(x[:, 0])))
    assert np.array_equal(mono[:, 0], mono[:, 1])


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_chart_gives_identical_bytes_in_any_process(tmp_path):
    chart = generated("euclidean", bars=4)
    export_audio(chart, tmp_path / "a.wav", parts=("backing", "click", "drums"))
    export_audio(chart, tmp_path / "b.wav", parts=("backing", "click", "drums"))
    assert _digest(tmp_path / "a.wav") == _digest(tmp_path / "b.wav")
    code = (
        "import sys\n"
        "from drumsync.core.generator import generate_chart\n"
        "from drumsync.audio.export import export_audio\n"
        "chart = generate_chart(seed=11, style='euclidean', bpm=140.0, difficulty=7, bars=4)\n"
        "export_audio(chart, sys.argv[1], parts=('backing', 'click', 'drums'))\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "c.wav")],
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert _digest(tmp_path / "c.wav") == _digest(tmp_path / "a.wav")
    other = generated("euclidean", bars=4, seed=12)
    export_audio(other, tmp_path / "d.wav", parts=("backing",))
    export_audio(chart, tmp_path / "e.wav", parts=("backing",))
    assert _digest(tmp_path / "d.wav") != _digest(tmp_path / "e.wav")


def band_profile(x: np.ndarray, rate: int = RATE) -> np.ndarray:
    """Share of energy in octave bands from 31 Hz to 16 kHz."""
    mono = x.mean(axis=1).astype(np.float64)
    power = np.abs(np.fft.rfft(mono)) ** 2
    freqs = np.fft.rfftfreq(len(mono), 1.0 / rate)
    edges = 31.25 * 2.0 ** np.arange(0, 11)
    bands = np.array([power[(freqs >= lo) & (freqs < hi)].sum() for lo, hi in pairwise(edges)])
    return bands / bands.sum()


def onset_rate_low(x: np.ndarray, rate: int = RATE) -> float:
    """Note starts per second in the bass register (energy rises below 250 Hz)."""
    from drumsync.audio.dsp import band_filter

    low = band_filter(x.mean(axis=1).astype(np.float64), rate, None, 250.0)
    hop = rate // 200  # 5 ms frames
    env = np.sqrt(np.add.reduceat(low**2, np.arange(0, len(low), hop)) / hop)
    rises = (env[1:] > 1.6 * env[:-1] + 1e-4).sum()
    return rises / (len(low) / rate)


def test_styles_sound_different():
    chart = groove_chart(bars=8)
    tracks = {}
    for style in STYLES:
        styled = chart.__class__(
            meta=chart.meta.__class__(**{**_meta_dict(chart.meta), "style": style}),
            parts=chart.parts,
            sections=chart.sections,
            count_in_beats=chart.count_in_beats,
            lead_in_s=chart.lead_in_s,
        )
        tracks[style] = render_backing(styled)
    profiles = {s: band_profile(t) for s, t in tracks.items()}
    rates = {s: onset_rate_low(t) for s, t in tracks.items()}
    print("bass onsets per second:", {s: round(r, 1) for s, r in rates.items()})
    for i, a in enumerate(STYLES):
        for b in STYLES[i + 1 :]:
            distance = float(np.abs(profiles[a] - profiles[b]).sum())
            print(f"{a} vs {b}: spectral distance {distance:.2f}")
            assert distance > 0.15, (a, b)
    # Metal's palm-muted 16ths give the busiest low end; dance-pop's bass is on the beat.
    assert rates["metal"] > rates["dance-pop"]


def _meta_dict(meta) -> dict:
    return {name: getattr(meta, name) for name in meta.__slots__}


def spectrum_low(x: np.ndarray, rate: int = RATE, top_hz: float = 250.0):
    """Welch power spectrum (0.37 s Hann frames, averaged): how long each frequency sounds,
    independent of how the notes' phases line up."""
    mono = x.mean(axis=1).astype(np.float64) if x.ndim == 2 else x.astype(np.float64)
    size, hop, padded = 16384, 8192, 65536
    frames = np.lib.stride_tricks.sliding_window_view(mono, size)[::hop]
    power = (np.abs(np.fft.rfft(frames * np.hanning(size), padded, axis=1)) ** 2).mean(axis=0)
    freqs = np.fft.rfftfreq(padded, 1.0 / rate)
    band = (freqs > 25.0) & (freqs < top_hz)
    return freqs[band], power[band]


def peak_hz(x: np.ndarray, count: int = 1) -> list[float]:
    """Frequencies of the ``count`` strongest low spectral peaks (strongest first)."""
    freqs, spectrum = spectrum_low(x)
    is_peak = (spectrum[1:-1] > spectrum[:-2]) & (spectrum[1:-1] >= spectrum[2:])
    idx = np.flatnonzero(is_peak) + 1
    idx = idx[np.argsort(-spectrum[idx])]
    chosen: list[float] = []
    for i in idx:  # distinct notes, not the two sides of one peak
        if all(abs(freqs[i] / f - 1) > 0.03 for f in chosen):
            chosen.append(float(freqs[i]))
        if len(chosen) == count:
            break
    return chosen


def bass_only(chart, rate: float) -> np.ndarray:
    from drumsync.audio.arrangement import arrange
    from drumsync.audio.backing import render_events

    _, events = arrange(chart)
    return render_events(chart, [e for e in events if e.instrument.startswith("bass")], rate)


@pytest.mark.parametrize("style", STYLES)
def test_half_rate_doubles_the_length_and_keeps_the_pitch(tmp_path, style):
    chart = generated(style, bars=8)
    full = export_audio(chart, tmp_path / "full.wav", parts=("backing",), rate=1.0)
    half = export_audio(chart, tmp_path / "half.wav", parts=("backing",), rate=0.5)
    tail = round(TAIL_S * RATE)
    assert abs((half.frames - tail) - 2 * (full.frames - tail)) <= 1
    # The bass line alone: its dominant note is the same at both rates.
    f1, f2 = peak_hz(bass_only(chart, 1.0))[0], peak_hz(bass_only(chart, 0.5))[0]
    print(f"{style}: dominant bass {f1:.2f} Hz at 1x, {f2:.2f} Hz at 0.5x")
    assert f2 == pytest.approx(f1, rel=0.01)
    # The whole backing: its strongest low peak at 0.5x is one of the strongest at 1x, and
    # nothing sits an octave down (which resampling would have given).
    x1, _ = read_wav(tmp_path / "full.wav")
    x2, _ = read_wav(tmp_path / "half.wav")
    top1 = peak_hz(x1, 3)
    top2 = peak_hz(x2, 1)[0]
    assert any(abs(top2 / f - 1) < 0.01 for f in top1), (top2, top1)


def test_bad_parts_and_rates_raise_one_clear_error(tmp_path):
    chart = groove_chart(bars=1)
    for bad in (("drums", "cowbell"), (), "drums,,tuba"):
        with pytest.raises(AudioExportError) as info:
            export_audio(chart, tmp_path / "x.wav", parts=bad)
        assert isinstance(info.value, ValueError) and isinstance(info.value, DrumSyncError)
        assert "\n" not in str(info.value)
    for rate in (0.0, 0.49, 1.5, float("nan"), "x"):
        with pytest.raises(AudioExportError, match="rate"):
            export_audio(chart, tmp_path / "x.wav", rate=rate)
    with pytest.raises(AudioExportError, match="cannot write"):
        export_audio(chart, tmp_path / "missing" / "x.wav", parts=("click",))
    assert parse_parts("backing, click drums") == ("backing", "click", "drums")
    assert not (tmp_path / "x.wav").exists()


def test_write_wav_reports_unwritable_paths(tmp_path):
    with pytest.raises(OSError):
        write_wav(tmp_path / "no" / "such" / "dir.wav", np.zeros((10, 2), np.float32))
