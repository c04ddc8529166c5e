"""TJA import: times from the format's own definition, courses, Double, branches, encodings."""

from __future__ import annotations

import pytest
from song_files import SONGS, C, H, K, S, notes_of

from drumsync.core import dumps_chart, loads_chart
from drumsync.core.importers import ImportFileError, import_song


def test_measures_tempo_delay_branches_by_the_definition():
    chart, report = import_song(SONGS / "branches.tja")
    # OFFSET:-0.5 -> the first measure starts 0.5 s into the audio; 150 bpm = 0.4 s a beat.
    assert notes_of(chart) == [
        (0.5, S), (0.9, S), (1.3, S), (1.7, S),  # 1111, (4 slots of a beat)
        (2.1, S), (2.7, H),  # #MEASURE 3/4: 12, (two slots of 1.5 beats)
        # an empty 3/4 measure (1.2 s), then 75 bpm: a roll measure (dropped)
        (7.7, S), (9.55, H),  # 10 / #DELAY 0.25 / 20,
        (11.15, K), (11.95, K),  # the master branch 3300,
        (17.55, S), (20.75, C),  # after the balloon measure
    ]  # fmt: skip
    assert chart.lead_in_s == 0.5
    assert chart.bar_lines()[:6].tolist() == [0.0, 4.0, 7.0, 10.0, 14.0, 18.0]
    assert report.course == "Hard" and report.courses == ("Hard", "Easy")
    assert report.dropped["notes in branches not taken (master branch played)"] == 2
    assert report.dropped["drum rolls (5, 6)"] == 1 and report.dropped["balloons (7, 9)"] == 1


def test_chart_survives_the_json_round_trip():
    chart, _ = import_song(SONGS / "branches.tja")
    again = loads_chart(dumps_chart(chart))
    assert again == chart


def test_course_by_name_or_number_and_default_hardest():
    assert import_song(SONGS / "branches.tja", course="easy")[1].course == "Easy"
    assert import_song(SONGS / "branches.tja", course="0")[1].course == "Easy"
    with pytest.raises(ImportFileError, match="no course 'oni'"):
        import_song(SONGS / "branches.tja", course="oni")


def test_double_gives_each_player_a_side():
    chart, report = import_song(SONGS / "double.tja")
    assert report.course == "Oni (Double)" and chart.meta.parts == "split"
    assert notes_of(chart, 0) == [(1.0, S), (2.0, H), (3.0, K), (5.0, C)]
    assert notes_of(chart, 1) == [(1.0, H), (2.0, S)]
    single = import_song(SONGS / "double.tja", course="easy")[0]
    assert notes_of(single, 0) == notes_of(single, 1) == [(1.0, S)]


def test_split_parts_divide_the_voices():
    chart, _ = import_song(SONGS / "branches.tja", parts="split")
    assert {v for _, v in notes_of(chart, 0)} == {K, S}
    assert {v for _, v in notes_of(chart, 1)} == {H, C}


TEMPLATE = "TITLE:{title}\nBPM:{bpm}\nOFFSET:{offset}\nCOURSE:Oni\n\n#START\n{body}\n#END\n"


def write(tmp_path, data: bytes, name="song.tja"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_shift_jis_and_utf8_bom_files(tmp_path):
    text = TEMPLATE.format(title="太鼓の達人テスト", bpm=120, offset=0, body="1,")
    sjis = import_song(write(tmp_path, text.encode("cp932")))[0]
    bom = import_song(write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"), "b.tja"))[0]
    assert sjis.meta.title == bom.meta.title == "太鼓の達人テスト"


@pytest.mark.parametrize(
    ("header", "body", "fragment"),
    [
        ({"bpm": -120}, "1,", "song.tja:2: BPM: -120: the tempo must be positive"),
        ({}, "#MEASURE 0/4\n1,", "song.tja:7: #MEASURE 0/4: a measure must be longer than zero"),
        ({"offset": 1.0}, "1,", "song.tja:7: a note at -1.000 s, before the audio starts"),
        ({}, "#BPMCHANGE 0\n1,", "song.tja:7: #BPMCHANGE 0: the tempo must be positive"),
        ({}, "0,", "no playable notes"),
    ],
)
def test_contradictory_files_name_file_and_line(tmp_path, header, body, fragment):
    values = {"title": "bad", "bpm": 120, "offset": 0} | header
    path = write(tmp_path, TEMPLATE.format(body=body, **values).encode())
    with pytest.raises(ImportFileError) as info:
        import_song(path)
    assert fragment in str(info.value) and "\n" not in str(info.value)


def test_missing_audio_and_wrong_encoding(tmp_path):
    text = "WAVE:gone.ogg\n" + TEMPLATE.format(title="t", bpm=120, offset=0, body="1,")
    path = write(tmp_path, text.encode())
    with pytest.raises(ImportFileError, match=r"song.tja:1: the audio file 'gone.ogg' is missing"):
        import_song(path)
    assert import_song(path, with_audio=False)[0].audio_file is None
    bad = write(tmp_path, b"TITLE:\xff\x81\x20\n#START\n1,\n#END\n", "bad.tja")
    with pytest.raises(ImportFileError, match="not UTF-8 or Shift-JIS text"):
        import_song(bad)


def test_huge_files_are_refused_quickly(tmp_path):
    body = "1111111111111111,\n" * 26_000  # 416,000 notes
    many = write(tmp_path, TEMPLATE.format(title="t", bpm=120, offset=0, body=body).encode())
    with pytest.raises(ImportFileError, match=r"song.tja:25007: more than 400000 notes"):
        import_song(many)
    big = write(tmp_path, b"#START\n" + b"0" * (17 * 1024 * 1024), "big.tja")
    with pytest.raises(ImportFileError, match="larger than 16 MiB"):
        import_song(big)
