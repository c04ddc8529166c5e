"""The command line: every command works, agrees with the others, and fails in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from drumsync.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fails_in_one_line(capsys, *argv, expect: str):
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    code = info.value.code
    return check_one_line(code, capsys, expect)


def check_one_line(code, capsys, expect):
    _, err = capsys.readouterr()
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert expect in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def chart_file(tmp_path, capsys):
    path = tmp_path / "chart.json"
    code, out, _ = run(
        capsys, "generate", "--seed", "5", "--style", "rock", "--bars", "8", "-o", str(path)
    )
    assert code == 0 and "wrote" in out
    return path


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in (
        "play",
        "generate",
        "rate",
        "simulate",
        "score",
        "replay",
        "scores",
        "export-audio",
        "captions",
    ):
        assert command in out


def test_generate_to_stdout_is_the_file_format(capsys, chart_file):
    code, out, _ = run(capsys, "generate", "--seed", "5", "--style", "rock", "--bars", "8")
    assert code == 0
    assert out == chart_file.read_text()
    assert json.loads(out)["format"] == "drumsync-chart"


def test_rate_prints_the_rating(capsys, chart_file):
    code, out, _ = run(capsys, "rate", str(chart_file), "--json")
    assert code == 0
    report = json.loads(out)
    assert 1 <= report["rating"] <= 10 and report["requested"] == 3


def test_score_of_a_simulated_replay_equals_what_simulate_printed(capsys, chart_file, tmp_path):
    replay = tmp_path / "replay.json"
    code, simulated, _ = run(
        capsys,
        "simulate",
        str(chart_file),
        "--p1",
        "clumsy",
        "--p2",
        "metal,mean_ms=12",
        "--bot-seed",
        "3",
        "-o",
        str(replay),
        "--json",
    )
    assert code == 0
    code, scored, _ = run(capsys, "score", str(chart_file), str(replay), "--json")
    assert code == 0
    assert json.loads(scored) == json.loads(simulated)
    report = json.loads(scored)
    assert [p["grade"] for p in report["players"]] and "percent" in report["sync"]
    # The text form too
    code, text, _ = run(capsys, "score", str(chart_file), str(replay))
    assert code == 0 and "sync" in text


def test_simulate_from_generator_options(capsys):
    code, out, _ = run(capsys, "simulate", "--bars", "4", "--p1", "metronome", "--p2", "metronome")
    assert code == 0
    assert "100" in out


def test_export_audio_writes_a_wav(capsys, chart_file, tmp_path):
    wav = tmp_path / "song.wav"
    code, out, _ = run(capsys, "export-audio", str(chart_file), "-o", str(wav), "--parts", "drums")
    assert code == 0 and wav.stat().st_size > 44_100 and "parts drums" in out
    assert wav.read_bytes()[:4] == b"RIFF"


def test_captions_come_from_the_article(capsys):
    code, out, _ = run(capsys, "captions", "--scene", "results", "--json")
    assert code == 0
    (caption,) = json.loads(out)["results"][:1]
    assert "same rhythm" in caption


@pytest.mark.parametrize(
    ("argv", "expect"),
    [
        (["generate", "--bpm", "fast"], "--bpm"),
        (["generate", "--bpm", "1000"], "--bpm"),
        (["generate", "--difficulty", "11"], "--difficulty"),
        (["generate", "--style", "polka"], "--style"),
        (["generate", "--seed", "-3"], "--seed"),
        (["simulate", "--p1", "nobody"], "nobody"),
        (["simulate", "--p1", "metal,sd_ms=-4"], "sd_ms"),
        (["score"], "required"),
        (["export-audio", "x.json"], "-o"),
        (["no-such-command"], "invalid choice"),
        (["play", "--headless", "--p1-bot", "steady"], "--p2-bot"),
    ],
)
def test_bad_arguments_fail_in_one_line(capsys, argv, expect):
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    check_one_line(code, capsys, expect)


def test_bad_files_fail_in_one_line(capsys, tmp_path, chart_file):
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\x00\xffnot json")
    check_one_line(main(["rate", str(tmp_path / "missing.json")]), capsys, "missing.json")
    check_one_line(main(["rate", str(junk)]), capsys, "junk.json")
    check_one_line(main(["score", str(chart_file), str(junk)]), capsys, "junk.json")
    check_one_line(main(["rate", str(tmp_path)]), capsys, "")
    code = main(["generate", "-o", str(tmp_path / "no" / "such" / "dir" / "c.json")])
    check_one_line(code, capsys, "c.json")
    code = main(["export-audio", str(chart_file), "-o", "x.wav", "--parts", "drums,kazoo"])
    check_one_line(code, capsys, "kazoo")


def test_a_replay_of_another_chart_is_refused(capsys, tmp_path, chart_file):
    other = tmp_path / "other.json"
    main(["generate", "--seed", "6", "-o", str(other)])
    replay = tmp_path / "r.json"
    main(["simulate", str(other), "-o", str(replay)])
    capsys.readouterr()
    check_one_line(main(["score", str(chart_file), str(replay)]), capsys, "another chart")


def test_python_dash_m_runs_the_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "drumsync", "captions", "--scene", "title"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("[title]")


def test_headless_play_prints_what_score_prints_for_its_replay(capsys, chart_file, tmp_path):
    replay = tmp_path / "played.json"
    code, played, err = run(
        capsys,
        "play",
        str(chart_file),
        "--headless",
        "--p1-bot",
        "steady",
        "--p2-bot",
        "clumsy",
        "--replay-out",
        str(replay),
        "--json",
    )
    assert code == 0, err
    code, scored, _ = run(capsys, "score", str(chart_file), str(replay), "--json")
    assert json.loads(played) == json.loads(scored)


def test_play_without_a_display_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "SDL_VIDEODRIVER")}
    env["WAYLAND_DISPLAY"] = "no-such-wayland-display"
    done = subprocess.run(
        [sys.executable, "-m", "drumsync", "play", "--bars", "2", "--no-sound"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "drumsync play: error: no display" in done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(("argv", "sound"), [([], True), (["--no-sound"], False)])
def test_no_command_opens_the_game_with_or_without_sound(monkeypatch, argv, sound):
    import drumsync.game.front as front

    seen = {}
    monkeypatch.setattr(front, "run_front", lambda **kw: seen.update(kw) or 0)
    assert main(argv) == 0
    assert seen == {"sound": sound}
