"""osu!taiko, General MIDI, Rock Band notes.mid and Clone Hero .chart import: note times
from each format's own definition (and from mido, a peer reader, for real MIDI)."""

from __future__ import annotations

import mido
import numpy as np
import pytest
from song_files import SONGS, C, H, K, S, notes_of, pygame_data, write_notes_mid

from drumsync.core import dumps_chart, loads_chart
from drumsync.core.importers import ImportFileError, import_song


def test_osu_taiko_hit_sounds_and_timing_points():
    chart, report = import_song(SONGS / "taiko.osu")
    # times are ms from the audio start; whistle/clap = kat, finish = big
    assert notes_of(chart) == [(1.0, S), (1.5, H), (2.0, K), (2.5, C), (2.75, H), (3.25, S)]
    assert report.dropped == {"sliders (drum rolls)": 1, "spinners (denden)": 1}
    # the inherited point (negative beat length) is ignored; the 3/4 point starts a bar
    assert chart.tempo_map.bpm.tolist() == [120.0, 240.0]
    assert chart.bar_lines()[:4].tolist() == [0.0, 4.0, 7.0, 10.0]
    assert chart.part(0).beat.tolist() == [0.0, 1.0, 2.0, 3.0, 3.5, 5.0]
    assert loads_chart(dumps_chart(chart)) == chart


def test_osu_rejects_other_modes_and_negative_tempo(tmp_path):
    text = (SONGS / "taiko.osu").read_text()
    mania = tmp_path / "mania.osu"
    mania.write_text(text.replace("Mode: 1", "Mode: 3"))
    with pytest.raises(ImportFileError, match=r"mania.osu:6: Mode 3 \(osu!mania\) is not taiko"):
        import_song(mania)
    negative = tmp_path / "neg.osu"
    negative.write_text(text.replace("3000,250,3,1,0,100,1,0", "3000,-250,3,1,0,100,1,0"))
    with pytest.raises(ImportFileError, match=r"neg.osu:17: beat length -250"):
        import_song(negative)


def test_general_midi_sample_matches_mido_times():
    path = pygame_data("MIDI_sample.mid")
    chart, report = import_song(path)
    # mido's own playback (a peer reader) gives every message's time in seconds
    expected = []
    now = 0.0
    for message in mido.MidiFile(path):
        now += message.time
        if message.type == "note_on" and message.velocity > 0 and message.channel == 9:
            expected.append(now)
    assert len(expected) == 473 and chart.part(0).time_s.size > 0
    got = np.unique(chart.part(0).time_s)
    assert np.allclose(got, np.unique(np.round(expected, 9)), atol=1e-6)
    assert report.dropped == {} and "3 channels" in report.backing
    assert chart.audio_file == str(path)  # the band plays the other channels
    assert abs(chart.duration_s - 128.0) < 4.0 and chart.tempo_map.bpm.tolist() == [120.0]


def test_rock_band_notes_mid(tmp_path):
    path = write_notes_mid(tmp_path / "notes.mid")
    chart, report = import_song(path)
    # 120 bpm for 4 beats (0.5 s each), then 60 bpm (1 s each)
    assert notes_of(chart) == [(0.0, K), (0.0, H), (0.5, S), (1.0, S), (1.5, H), (2.0, C), (3.0, K)]
    assert report.course == "Expert"
    assert chart.bar_lines()[:3].tolist() == [0.0, 4.0, 7.0]
    hard = import_song(path, course="hard")[0]
    assert notes_of(hard) == [(0.0, S)]
    with pytest.raises(ImportFileError, match="no difficulty 'brutal'"):
        import_song(path, course="brutal")


def test_clone_hero_chart():
    chart, report = import_song(SONGS / "pro_drums.chart")
    # Offset 0.5: tick 0 sounds 0.5 s into the audio; 192 ticks a beat at 120 then 60 bpm
    assert notes_of(chart) == [
        (0.5, K), (0.5, H), (0.75, S), (1.0, S), (1.5, H), (2.0, S), (2.5, K), (2.5, C),
        (3.5, S),
    ]  # fmt: skip
    assert report.courses == ("Expert", "Hard") and chart.meta.title == "Chart Test"
    assert report.artist == "DrumSync"
    assert chart.bar_lines()[:3].tolist() == [0.0, 4.0, 7.0]


def test_bad_midi_and_chart_files(tmp_path):
    data = pygame_data("MIDI_sample.mid").read_bytes()
    cut = tmp_path / "cut.mid"
    cut.write_bytes(data[:200])
    with pytest.raises(ImportFileError, match=r"cut\.mid: not a readable MIDI file"):
        import_song(cut)
    chart = (SONGS / "pro_drums.chart").read_text()
    negative = tmp_path / "neg.chart"
    negative.write_text(chart.replace("768 = B 60000", "768 = B -60000"))
    with pytest.raises(
        ImportFileError, match=r"neg.chart:15: B -60000: the tempo must be positive"
    ):
        import_song(negative)
    huge = tmp_path / "huge.osu"
    huge.write_bytes(b"osu file format v14\n" + b"// pad\n" * 3_000_000)
    with pytest.raises(ImportFileError, match=r"huge\.osu: larger than 16 MiB"):
        import_song(huge)


def test_format_0_midi_gives_the_same_times(tmp_path):
    path = pygame_data("MIDI_sample.mid")
    source = mido.MidiFile(path)
    single = mido.MidiFile(type=0, ticks_per_beat=source.ticks_per_beat)
    single.tracks.append(mido.merge_tracks(source.tracks))
    single.save(tmp_path / "format0.mid")
    one = import_song(tmp_path / "format0.mid", with_audio=False)[0]
    assert one.part(0) == import_song(path, with_audio=False)[0].part(0)
