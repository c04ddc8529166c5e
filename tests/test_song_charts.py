"""Charts for the player's own songs: ``drumsync generate --audio`` and its bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest

from drumsync.audio.wav import write_wav
from drumsync.bench.beat_songs import band_song, midi_sample_path
from drumsync.cli import main
from drumsync.core import load_chart
from drumsync.songmaker import SongChartError, make_song_chart


def house_loop(name: str = "house_lo.ogg"):
    path = midi_sample_path()
    if path is None:
        pytest.skip("this pygame-ce wheel ships no examples/data")
    return path.parent / name


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def exit_code(argv) -> int:
    """The command's exit code, whether it returned it or exited with it (usage errors)."""
    try:
        return main([str(a) for a in argv])
    except SystemExit as exit_:
        return int(exit_.code)


def one_line_error(capsys, *argv) -> str:
    code = exit_code(argv)
    _, err = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err.strip()


@pytest.fixture
def band_wav(tmp_path):
    song = band_song(2, "dance-pop", 97.0, 24)
    path = tmp_path / "my song.wav"
    write_wav(path, np.repeat(song.samples[:, None], 2, axis=1), song.rate_hz)
    return path, song


def test_generate_for_a_song_file_then_from_the_cache_byte_for_byte(tmp_path, capsys, band_wav):
    path, song = band_wav
    out_a, out_b = tmp_path / "a.json", tmp_path / "b.json"
    code, out, _ = run(capsys, "generate", "--audio", path, "--style", "rock", "--seed", 4,
                       "--difficulty", 6, "--parts", "split", "-o", out_a)  # fmt: skip
    assert code == 0 and out.startswith("analysed: 97.0 bpm")
    code, out, _ = run(capsys, "generate", "--audio", path, "--style", "rock", "--seed", 4,
                       "--difficulty", 6, "--parts", "split", "-o", out_b)  # fmt: skip
    assert code == 0 and out.startswith("cached analysis: 97.0 bpm")
    assert out_a.read_bytes() == out_b.read_bytes()
    chart = load_chart(out_a)
    assert chart.meta.title == "my song" and chart.meta.parts == "split"
    assert chart.audio_file == str(path)  # resolved against the chart's folder on load
    assert json.loads(out_a.read_text())["audio_file"] == "my song.wav"
    # the chart's beats are the song's
    beats = chart.beat_to_time(np.arange(0, chart.end_beat)) - chart.tempo_map.audio_offset_s
    near = np.min(np.abs(beats[:, None] - song.beat_times_s[None, :]), axis=1)
    assert np.median(near) < 0.01 and np.max(near) < 0.03


@pytest.mark.parametrize("suffix", ["ogg", "wav", "flac", "mp3", "opus", "wv"])
def test_the_house_loop_in_every_format_makes_a_four_bar_chart(tmp_path, capsys, suffix):
    """The 7.1 s loop: four bars at its 135.1 bpm (16 beats in 78,331 samples at 11,025 Hz)."""
    out = tmp_path / "house.json"
    code, text, _ = run(capsys, "generate", "--audio", house_loop(f"house_lo.{suffix}"), "-o", out)
    assert code == 0, text
    chart = load_chart(out)
    assert chart.meta.bars == 4
    assert chart.meta.bpm == pytest.approx(135.12, rel=0.02)


def test_the_repeated_house_loop_keeps_its_tempo(tmp_path, capsys):
    from drumsync.bench.beat_songs import read_wav_mono

    samples, rate = read_wav_mono(house_loop("house_lo.wav"))
    looped = tmp_path / "looped.wav"
    write_wav(looped, np.repeat(np.tile(samples, 4)[:, None], 2, axis=1), rate)
    out = tmp_path / "house.json"
    code, text, _ = run(capsys, "generate", "--audio", looped, "-o", out)
    assert code == 0, text
    chart = load_chart(out)
    assert chart.meta.bars >= 15
    assert chart.meta.bpm == pytest.approx(135.12, rel=0.02)


def test_a_midi_song_takes_its_exact_beats_from_its_tempo_map(tmp_path, capsys):
    out = tmp_path / "midi.json"
    code, text, _ = run(capsys, "generate", "--audio", house_loop("MIDI_sample.mid"), "-o", out)
    assert code == 0, text
    chart = load_chart(out)
    times = chart.beat_to_time(np.arange(0.0, chart.end_beat))
    np.testing.assert_allclose(np.diff(times), 0.5, atol=1e-9)  # 120 bpm throughout
    assert chart.audio_file.endswith("MIDI_sample.mid")


def test_low_confidence_is_told(tmp_path):
    rng = np.random.default_rng(8)
    rate = 22050
    samples = np.zeros(rate * 40, np.float32)
    t = 0.0
    while t < 39.0:  # a loose, wandering pulse
        i = int(t * rate)
        samples[i : i + 300] += rng.standard_normal(300).astype(np.float32)
        t += 0.5 * rng.uniform(0.6, 1.4)
    path = tmp_path / "loose.wav"
    write_wav(path, np.repeat(samples[:, None], 2, axis=1), rate)
    try:
        made = make_song_chart(path, "rock", 3, data_folder=tmp_path)
    except SongChartError as exc:
        assert "steady beat" in str(exc)
    else:
        assert made.notice and "uncertain" in made.notice


@pytest.mark.parametrize("case", ["missing", "not audio", "silence", "two seconds", "noise"])
def test_bad_songs_fail_in_one_line(tmp_path, capsys, case):
    path = tmp_path / f"{case}.wav"
    rate = 44100
    rng = np.random.default_rng(1)
    if case == "not audio":
        path = tmp_path / "notes.ogg"
        path.write_text("this is not an ogg file")
    elif case == "silence":
        write_wav(path, np.zeros((rate * 20, 2), np.float32), rate)
    elif case == "two seconds":
        write_wav(path, band_song(1, "rock", 120.0, 4).samples[: 2 * rate, None].repeat(2, 1), rate)
    elif case == "noise":
        write_wav(path, (rng.standard_normal((rate * 20, 2)) * 0.2).astype(np.float32), rate)
    code = exit_code(("generate", "--audio", path, "-o", tmp_path / "out.json"))
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and path.name in err, err
    else:  # a chart for noise is allowed only with a warning
        assert code == 0 and "warning" in err, err


def test_huge_files_and_bad_options(tmp_path, capsys):
    huge = tmp_path / "huge.wav"
    with open(huge, "wb") as stream:
        stream.truncate(600 * 1024 * 1024)  # sparse: no disk used
    assert "larger than" in one_line_error(capsys, "generate", "--audio", huge)
    song = tmp_path / "x.wav"
    write_wav(song, np.zeros((100, 2), np.float32), 44100)
    assert "--bpm" in one_line_error(capsys, "generate", "--audio", song, "--bpm", "250")


def test_a_folder_or_device_is_not_a_song(tmp_path, capsys):
    for path in (tmp_path, "/dev/null"):
        assert "not a regular file" in one_line_error(capsys, "generate", "--audio", path)
    assert "no such file" in one_line_error(capsys, "generate", "--audio", tmp_path / "gone.ogg")


def test_the_tempo_you_hear_guides_the_analysis(tmp_path, capsys, band_wav):
    path, _ = band_wav  # 97 bpm
    out = tmp_path / "half.json"
    code, text, _ = run(capsys, "generate", "--audio", path, "--bpm", "48.5", "-o", out)
    assert code == 0, text
    assert load_chart(out).meta.bpm == pytest.approx(48.5, rel=0.02)


def test_the_band_can_play_quietly_under_the_song(tmp_path, capsys, band_wav):
    from drumsync.analysis import analyze_audio
    from drumsync.analysis.evaluate import matched_pairs
    from drumsync.audio.song import render_song

    path, song = band_wav
    chart = make_song_chart(path, "rock", 4, data_folder=tmp_path).chart
    band = render_song(chart, ("band",)).mean(axis=1)
    backing = render_song(chart, ("backing",)).mean(axis=1)
    assert 0.0 < np.sqrt(np.mean(band**2)) < np.sqrt(np.mean(backing**2))
    # the band's own beats land on the song's beats or half-beats (it plays on its grid)
    found = analyze_audio(band, 44100).beat_times_s
    found = found[found > 5.0]
    song_s = song.beat_times_s + chart.tempo_map.audio_offset_s
    grid_s = np.sort(np.concatenate([song_s, (song_s[1:] + song_s[:-1]) / 2]))
    assert matched_pairs(grid_s, found) >= 0.85 * len(found)
    # a chart without its own audio has no separate band (its backing is the band)
    plain = render_song(load_chart_from_generator(), ("band",))
    assert not np.any(plain)


def load_chart_from_generator():
    from drumsync.core import generate_chart

    return generate_chart(1, "rock", 120.0, 3, 4)


def test_a_damaged_cache_or_correction_is_ignored(tmp_path, band_wav):
    from drumsync.songmaker import cache
    from drumsync.songmaker.corrections import correction_path

    path, _ = band_wav
    first = make_song_chart(path, "rock", 4, data_folder=tmp_path)
    digest = cache.content_hash(path)
    cache.cache_path(tmp_path, digest).write_text('{"version": 1, "beat_times_s": [3, 2]}')
    correction_path(tmp_path, digest).write_text("{not json")
    again = make_song_chart(path, "rock", 4, data_folder=tmp_path)
    assert not again.from_cache and again.chart == first.chart
    assert make_song_chart(path, "rock", 4, data_folder=tmp_path).from_cache  # rewritten


def test_a_song_longer_than_twenty_minutes_is_refused(tmp_path, monkeypatch):
    from drumsync.songmaker import make

    monkeypatch.setattr(make, "MAX_SONG_S", 10)
    path = tmp_path / "long.wav"
    write_wav(path, np.zeros((44100 * 11, 2), np.float32), 44100)
    with pytest.raises(SongChartError, match=r"long\.wav: longer than"):
        make_song_chart(path, "rock", 3)


def test_a_midi_song_without_drums_gets_drums_on_its_exact_tempo_map(tmp_path, capsys):
    """A piano part at 100 bpm, then 140 bpm from bar 9: the chart's beats are the file's
    (its set_tempo values, in microseconds per quarter note), and the band plays the piano as
    the chart's music."""
    import mido

    song = mido.MidiFile(ticks_per_beat=480)
    track = mido.MidiTrack()
    song.tracks.append(track)
    track.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(100), time=0))
    track.append(mido.Message("program_change", program=0, channel=0, time=0))
    for beat in range(64):
        if beat == 32:
            track.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(140), time=0))
        track.append(mido.Message("note_on", note=60 + beat % 5, velocity=90, channel=0, time=0))
        track.append(mido.Message("note_off", note=60 + beat % 5, velocity=0, channel=0, time=480))
    path = tmp_path / "piano.mid"
    song.save(path)
    out = tmp_path / "piano.json"
    code, text, _ = run(capsys, "generate", "--audio", path, "--style", "rock", "-o", out)
    assert code == 0, text
    chart = load_chart(out)
    assert chart.meta.bars == 16 and chart.note_count > 0
    times = chart.beat_to_time(np.arange(0.0, 65.0)) - chart.tempo_map.audio_offset_s
    fast_s = mido.bpm2tempo(140) / 1e6  # the file's own quarter note: 428,571 us
    expected = np.concatenate([np.arange(33) * 0.6, 32 * 0.6 + np.arange(1, 33) * fast_s])
    np.testing.assert_allclose(times, expected, atol=1e-6)
    from drumsync.audio.song import render_song

    music = render_song(chart, ("backing",))
    start = round(chart.tempo_map.audio_offset_s * 44100)
    assert np.abs(music[start : start + 44100]).max() > 0.01  # the band plays the piano
