"""The command line at the storage edges: filing, pipes, devices, links (issue 10)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from drumsync.cli import main
from drumsync.storage import paths
from drumsync.storage.scores_db import ScoresDB
from tests.test_cli import check_one_line, run


@pytest.fixture
def chart_file(tmp_path, capsys):
    path = tmp_path / "chart.json"
    argv = ("generate", "--seed", "5", "--style", "rock", "--bars", "4", "-o", str(path))
    code, _, _ = run(capsys, *argv)
    assert code == 0
    return path


def _headless(chart_file, *extra) -> list[str]:
    bots = ["--p1-bot", "steady", "--p2-bot", "steady"]
    return ["play", str(chart_file), "--headless", *bots, *extra]


def _play(capsys, chart_file, *extra):
    return run(capsys, *_headless(chart_file, "--json", *extra))


def test_headless_play_files_its_result_and_replay(capsys, chart_file, data_dir):
    code, out, err = _play(capsys, chart_file)
    assert code == 0, err
    with ScoresDB() as db:
        records = db.matches()
    assert len(records) == 1
    filed = records[0]
    assert filed.team_percent == json.loads(out)["team"]["percent"]
    replays = list(paths.replays_dir().glob("*.json"))
    assert [str(p) for p in replays] == [filed.replay_path]


def test_no_save_files_nothing(capsys, chart_file, data_dir):
    code, _, err = _play(capsys, chart_file, "--no-save")
    assert code == 0, err
    assert not paths.scores_path().exists()
    assert not paths.replays_dir().exists() or not list(paths.replays_dir().iterdir())


def test_replay_out_into_a_missing_folder_fails_before_the_match(capsys, chart_file, tmp_path):
    code = main(_headless(chart_file, "--replay-out", str(tmp_path / "missing" / "r.json")))
    line = check_one_line(code, capsys, "--replay-out")
    assert "does not exist" in line
    assert not paths.scores_path().exists()  # no match was played


def test_replay_of_a_device_is_one_line(capsys):
    check_one_line(main(["replay", "/dev/zero"]), capsys, "a device, not a regular file")


def test_scores_into_head_exits_quietly(data_dir, capsys, chart_file):
    for _ in range(3):
        assert _play(capsys, chart_file)[0] == 0
    done = subprocess.run(
        f"{sys.executable} -m drumsync scores | head -c 10; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DRUMSYNC_DATA_DIR": str(data_dir)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_generate_writes_into_a_device_without_replacing_it(capsys):
    code, _, err = run(capsys, "generate", "--bars", "2", "-o", "/dev/null")
    assert code == 0, err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_generate_writes_through_a_symlink(capsys, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, _, err = run(capsys, "generate", "--bars", "2", "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and real.read_text().startswith("{")


def test_a_read_only_output_is_refused_in_one_line(capsys, tmp_path):
    target = tmp_path / "kept.json"
    target.write_text("mine")
    os.chmod(target, 0o444)
    check_one_line(main(["generate", "--bars", "2", "-o", str(target)]), capsys, "read-only")
    assert target.read_text() == "mine"
