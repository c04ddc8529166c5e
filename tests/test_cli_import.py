"""``drumsync import`` and the commands that take song files directly."""

from __future__ import annotations

import json
import os

from song_files import SONGS, pygame_data
from test_cli import check_one_line, run

from drumsync.cli import main
from drumsync.core import load_chart


def test_import_prints_what_was_taken_and_dropped(tmp_path, capsys):
    out_path = tmp_path / "branchy.json"
    code, out, _ = run(capsys, "import", str(SONGS / "branches.tja"), "-o", str(out_path))
    assert code == 0
    assert "course Hard" in out and "imported: 12 notes for p1" in out
    assert "dropped: 2 x notes in branches not taken" in out and f"wrote {out_path}" in out
    chart = load_chart(out_path)
    assert chart.tempo_map is not None and json.loads(out_path.read_text())["version"] == 2


def test_import_keeps_the_audio_beside_the_chart(tmp_path, capsys):
    midi = pygame_data("MIDI_sample.mid")
    copy = tmp_path / "song.mid"
    copy.write_bytes(midi.read_bytes())
    code, out, _ = run(
        capsys, "import", str(copy), "--parts", "split", "-o", str(tmp_path / "c.json")
    )
    assert code == 0 and "backing: 621 notes on 3 channels" in out
    data = json.loads((tmp_path / "c.json").read_text())
    assert data["audio_file"] == "song.mid" and data["meta"]["parts"] == "split"
    assert load_chart(tmp_path / "c.json").audio_file == str(copy)


def test_bad_song_file_is_one_line_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.tja"
    bad.write_text("BPM:-1\n#START\n1,\n#END\n")
    code = main(["import", str(bad)])
    check_one_line(code, capsys, "bad.tja:1: BPM: -1: the tempo must be positive")
    code = main(["rate", str(tmp_path / "missing.osu")])
    check_one_line(code, capsys, "missing.osu: cannot read")


def test_rate_simulate_and_score_take_song_files(tmp_path, capsys):
    song = str(SONGS / "pro_drums.chart")
    code, out, _ = run(capsys, "rate", song)
    assert code == 0 and "imported from clonehero" in out
    replay = tmp_path / "r.json"
    code, out, _ = run(capsys, "simulate", song, "--p1", "metronome", "-o", str(replay))
    assert code == 0 and "team" in out
    code, again, _ = run(capsys, "score", song, str(replay))
    assert code == 0 and again.splitlines()[-1] == out.splitlines()[-1]


def test_headless_play_on_a_song_file(capsys):
    code, out, _ = run(
        capsys, "play", "--chart", str(SONGS / "double.tja"), "--headless",
        "--p1-bot", "metronome", "--p2-bot", "metronome", "--json",
    )  # fmt: skip
    assert code == 0
    report = json.loads(out)
    assert [p["notes"] for p in report["players"]] == [4, 2]
    assert report["players"][0]["counts"]["perfect"] == 4


def test_special_files_are_refused_without_waiting(tmp_path, capsys):
    """A named pipe with no writer (or a device) named as a song is one line, never a hang."""
    pipe = tmp_path / "song.tja"
    os.mkfifo(pipe)
    for command in (["import", str(pipe)], ["rate", str(pipe)]):
        check_one_line(main(command), capsys, "song.tja: a named pipe, not a regular file")
    zero = tmp_path / "zero.osu"
    zero.symlink_to("/dev/zero")
    check_one_line(main(["import", str(zero)]), capsys, "zero.osu: a device, not a regular file")


def test_a_song_whose_first_bar_is_hours_into_the_audio_is_refused(tmp_path, capsys):
    """OFFSET:-99999999999999 put the first bar three million years into the audio: play
    --chart then never finished and export-audio failed on a numpy size error. Every command
    now refuses it as a chart file would (at most an hour), naming the file."""
    song = tmp_path / "late.tja"
    song.write_text("BPM:120\nOFFSET:-99999999999999\n#START\n1111,\n#END\n")
    for command in (["import", str(song), "--no-audio"], ["rate", str(song)]):
        check_one_line(main(command), capsys, "late.tja: the first bar starts 99999999999999 s")
    song.write_text("BPM:120\nOFFSET:-3599\n#START\n1111,\n#END\n")
    assert main(["import", str(song), "--no-audio"]) == 0
