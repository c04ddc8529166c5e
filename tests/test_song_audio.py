"""A chart's own audio: decoded from every format pygame-ce ships, laid sample-exact on the
song clock, time-stretched for practice without changing pitch, MIDI played by the band."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from song_files import SONGS, pygame_data

from drumsync.audio.export import export_audio
from drumsync.audio.midi_band import band_events, instrument_for
from drumsync.audio.render import track_frames
from drumsync.audio.song import render_song
from drumsync.audio.song_file import SongAudioError, decode_song_audio
from drumsync.audio.stretch import time_stretch
from drumsync.audio.timebase import RATE_HZ
from drumsync.core.importers import import_song

FORMATS = ("wav", "ogg", "mp3", "flac", "opus", "wv")


@pytest.mark.parametrize("suffix", FORMATS)
def test_every_format_decodes_to_the_same_loop(suffix):
    reference = decode_song_audio(pygame_data("house_lo.wav"))
    audio = decode_song_audio(pygame_data(f"house_lo.{suffix}"))
    assert audio.dtype == np.float32 and audio.shape[1] == 2
    assert abs(len(audio) / RATE_HZ - 7.1) < 0.2  # the same 7.1 s loop
    # lossy codecs delay and colour it a little (mp3 adds encoder delay): compare loudness
    # envelopes in 10 ms blocks at the best lag within 0.2 s
    env, ref = envelope(audio), envelope(reference)
    best = max(np.corrcoef(env[lag : lag + 600], ref[:600])[0, 1] for lag in range(0, 21))
    assert best > 0.9


def envelope(audio):
    n = len(audio) // 441 * 441
    return np.sqrt((audio[:n, 0].reshape(-1, 441) ** 2).mean(axis=1))


def song_with_audio(tmp_path, offset="-0.5"):
    shutil.copy(pygame_data("house_lo.ogg"), tmp_path / "house_lo.ogg")
    tja = tmp_path / "house.tja"
    tja.write_text(
        f"TITLE:House\nBPM:120\nOFFSET:{offset}\nWAVE:house_lo.ogg\n#START\n1111,\n#END\n"
    )
    return import_song(tja)[0]


def test_song_audio_is_the_backing_sample_exact(tmp_path):
    chart = song_with_audio(tmp_path)
    assert chart.audio_file == str(tmp_path / "house_lo.ogg")
    audio = decode_song_audio(chart.audio_file)
    backing = render_song(chart, ("backing",), peak=10.0)
    n = min(len(audio), len(backing))
    assert np.array_equal(backing[:n], audio[:n])  # sample 0 of the file = song time 0
    assert chart.part(0).time_s[0] == 0.5  # OFFSET:-0.5: the first note 0.5 s into it


def test_export_audio_works_on_the_song(tmp_path):
    chart = song_with_audio(tmp_path)
    info = export_audio(chart, tmp_path / "out.wav", parts="backing,drums")
    assert info.frames >= round(chart.duration_s * RATE_HZ) and info.peak > 0.1


def test_missing_song_audio_is_one_line(tmp_path):
    chart = song_with_audio(tmp_path)
    (tmp_path / "house_lo.ogg").unlink()
    with pytest.raises(SongAudioError, match=r"house_lo\.ogg: cannot read audio"):
        render_song(chart)
    (tmp_path / "house_lo.ogg").write_bytes(b"not audio at all")
    with pytest.raises(SongAudioError, match=r"house_lo\.ogg: cannot decode audio"):
        render_song(chart)


def bursts(freq_hz=440.0, period_s=0.5, seconds=4.0):
    t = np.arange(int(seconds * RATE_HZ)) / RATE_HZ
    gate = ((t >= 0.25) & (np.mod(t - 0.25, period_s) < 0.05)).astype(np.float32)
    return (np.sin(2 * np.pi * freq_hz * t) * np.maximum(gate, 0.05)).astype(np.float32)


def onsets_s(signal):
    energy = np.convolve(signal.astype(np.float64) ** 2, np.ones(256) / 256, "same")
    level = np.sqrt(energy)
    rising = np.flatnonzero((level[1:] > 0.3) & (level[:-1] <= 0.3)) / RATE_HZ
    kept = [rising[0]]
    for at in rising[1:]:  # one onset per burst: the stretched burst's tail may ripple
        if at - kept[-1] > 0.25:
            kept.append(at)
    return np.array(kept)


@pytest.mark.parametrize("rate", [0.5, 0.75, 0.9])
def test_time_stretch_keeps_pitch_and_scales_tempo(rate):
    source = bursts()
    out = time_stretch(np.stack([source, source], axis=1), rate)
    assert len(out) == round(len(source) / rate)
    spectrum = np.abs(np.fft.rfft(out[:, 0] * np.hanning(len(out))))
    assert abs(np.argmax(spectrum) * RATE_HZ / len(out) - 440.0) < 2.0  # pitch kept
    gaps = np.diff(onsets_s(out[:, 0]))
    # tempo scaled by 1 / rate; single onsets move by up to about one analysis hop
    assert abs(np.mean(gaps) - 0.5 / rate) < 0.005 and np.allclose(gaps, 0.5 / rate, atol=0.025)


def test_practice_rate_stretches_the_song_audio(tmp_path):
    chart = song_with_audio(tmp_path)
    full = render_song(chart, ("backing",), rate=1.0, peak=10.0)
    slow = render_song(chart, ("backing",), rate=0.8, peak=10.0)
    assert len(full) == track_frames(chart, 1.0) and len(slow) == track_frames(chart, 0.8)
    stretched = time_stretch(decode_song_audio(chart.audio_file), 0.8)
    n = min(len(stretched), len(slow))
    assert np.array_equal(slow[:n], stretched[:n])  # the stretched file, from song time 0
    loud = np.sqrt(np.mean(full[: RATE_HZ * 2] ** 2))
    assert abs(np.sqrt(np.mean(slow[: int(RATE_HZ * 2.5)] ** 2)) / loud - 1) < 0.2


def test_midi_song_is_played_by_the_band():
    path = pygame_data("MIDI_sample.mid")
    chart = import_song(path)[0]
    events = band_events(str(path))
    assert len(events) > 100 and {e[2] for e in events} <= {
        "pluck", "pad", "guitar", "bass", "stab",
    }  # fmt: skip
    first_s = events[0][0]
    track = render_song(chart, ("backing",), peak=10.0)
    at = round(first_s * RATE_HZ)
    assert np.max(np.abs(track[at - 200 : at - 1])) < 1e-6 < np.max(np.abs(track[at : at + 500]))
    slow = render_song(chart, ("backing",), rate=0.75, peak=10.0)
    at_slow = round(first_s / 0.75 * RATE_HZ)
    assert np.max(np.abs(slow[at_slow - 200 : at_slow - 1])) < 1e-6
    assert instrument_for(33) == "bass" and instrument_for(0) == "pluck"
    assert instrument_for(125) is None


def test_a_song_without_audio_gets_a_band_on_its_tempo_map():
    from drumsync.audio.arrangement import arrange

    chart = import_song(SONGS / "branches.tja")[0]  # 3/4 bars and a tempo change, no WAVE
    assert chart.audio_file is None
    _, events = arrange(chart)
    lines = chart.bar_lines()
    bars = np.searchsorted(lines, [e.beat for e in events], side="right") - 1
    for event, bar in zip(events, bars.tolist(), strict=True):
        if bar < len(lines) - 1:  # every note inside its bar (the 3/4 bars too)
            assert event.beat + 1e-9 >= lines[bar] and event.beat < lines[bar + 1]
    in_three_four = [e for e in events if 4.0 <= e.beat < 7.0]
    assert in_three_four and max(e.beat for e in in_three_four) < 7.0
    band = render_song(chart, ("backing",), peak=10.0)
    at = round(float(chart.beat_to_time(14.0)) * RATE_HZ)  # a bar of the 75 bpm part
    assert np.max(np.abs(band[at : at + RATE_HZ])) > 0.01


@pytest.mark.parametrize("suffix", ["ogg", "mp3", "flac", "opus", "wv", "wav"])
def test_a_cut_off_file_plays_as_far_as_it_decodes(tmp_path, suffix):
    whole = decode_song_audio(pygame_data(f"house_lo.{suffix}"))
    cut = tmp_path / f"cut.{suffix}"
    cut.write_bytes(pygame_data(f"house_lo.{suffix}").read_bytes()[:20_000])
    audio = decode_song_audio(cut)
    assert RATE_HZ < len(audio) < len(whole) + RATE_HZ // 2


def test_not_a_regular_file_is_refused_without_blocking(tmp_path):
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(tmp_path / "pipe.ogg")
    with pytest.raises(SongAudioError, match="not a regular file"):
        decode_song_audio(tmp_path / "pipe.ogg")
    with pytest.raises(SongAudioError, match="not a regular file"):
        decode_song_audio(tmp_path)


def test_a_damaged_wavpack_header_is_one_line(tmp_path):
    (tmp_path / "bad.wv").write_bytes(b"wvpk\x10\x00\x00\x00" + b"garbage" * 8)
    with pytest.raises(SongAudioError, match=r"bad\.wv: cannot decode audio"):
        decode_song_audio(tmp_path / "bad.wv")
