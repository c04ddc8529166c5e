"""``drumsync scores`` and ``drumsync replay`` from the command line: output and exit codes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from drumsync.cli import main
from drumsync.storage.scores_db import MatchRecord, PlayerResult, ScoresDB

GENERATOR = {"seed": 5, "style": "rock", "bpm": 110.0, "difficulty": 3, "bars": 4}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str, command: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"drumsync {command}: error: ")
    return lines[0]


# --- drumsync scores -----------------------------------------------------------------------


def add_matches(count: int) -> list[int]:
    start = datetime(2025, 5, 4, 18, 0, tzinfo=UTC)
    ids = []
    with ScoresDB() as db:
        for i in range(count):
            ids.append(
                db.record_match(
                    MatchRecord(
                        mode="duet" if i % 2 == 0 else "versus",
                        chart_hash=f"{i:x}" * 64,
                        stage_id="summit-1" if i == 1 else None,
                        players=(
                            PlayerResult(f"Ana{i}", 1000 + i, 90.5, "A", 30),
                            PlayerResult("Ben", 900, 80.25, "B", 20),
                        ),
                        sync_percent=70.0 + i,
                        team_percent=75.0 + i,
                        team_score=1900 + i,
                        played_at=start + timedelta(minutes=i),
                    )
                )
            )
    return ids


def test_scores_on_an_empty_database_says_so(capsys, data_dir):
    code, out, err = run(capsys, "scores")
    assert code == 0 and err == ""
    assert "no matches recorded yet" in out
    assert not data_dir.exists()  # listing creates nothing
    code, out, _ = run(capsys, "scores", "--json")
    assert code == 0 and json.loads(out) == []


def test_scores_lists_matches_newest_first(capsys):
    ids = add_matches(3)
    code, out, err = run(capsys, "scores")
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    assert lines[0].split()[:2] == ["#", "played"]
    assert [line.split()[0] for line in lines[1:]] == [str(i) for i in ids[::-1]]
    assert "2025-05-04 18:02" in lines[1]
    assert "Ana2 1002 90.5% A" in lines[1]
    assert "summit-1" in lines[2]
    assert "77.0%" in lines[1]


def test_scores_limit_and_json(capsys):
    ids = add_matches(4)
    code, out, _ = run(capsys, "scores", "--limit", "2", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [m["id"] for m in listed] == ids[:1:-1]
    assert listed[0]["players"][0] == {
        "name": "Ana3",
        "score": 1003,
        "accuracy": 90.5,
        "grade": "A",
        "max_combo": 30,
        "devices": [],
    }
    assert listed[0]["played_at"] == "2025-05-04T18:03:00+00:00"
    assert listed[0]["mode"] == "versus"
    code, out, _ = run(capsys, "scores", "--limit", "1")
    assert len(out.strip().splitlines()) == 2


def test_scores_rejects_a_bad_limit(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["scores", "--limit", "0"])
    assert exit_info.value.code == 2
    assert "outside" in capsys.readouterr().err


def test_scores_with_a_corrupt_database_warns_and_keeps_the_file(capsys, data_dir):
    data_dir.mkdir()
    (data_dir / "scores.sqlite3").write_bytes(b"definitely not sqlite" * 20)
    code, out, err = run(capsys, "scores")
    assert code == 0
    assert "warning" in err and "scores.sqlite3.corrupt-1" in err
    assert len(err.strip().splitlines()) == 1
    assert "no matches recorded yet" in out
    assert (data_dir / "scores.sqlite3.corrupt-1").read_bytes() == b"definitely not sqlite" * 20


# --- drumsync replay -----------------------------------------------------------------------


@pytest.fixture
def played(tmp_path):
    """A generated chart, a simulated match on it saved as a replay, and its report."""
    from drumsync.core import generate_chart, save_replay, score
    from drumsync.core.drummers import parse_spec
    from drumsync.core.simulate import simulate

    chart = generate_chart(**GENERATOR)
    replay = simulate(chart, parse_spec("metal"), parse_spec("clumsy"), seed=9)
    path = tmp_path / "match.replay.json"
    save_replay(replay, path)
    return chart, replay, path, score(chart, replay)


def test_replay_rescores_a_saved_replay(capsys, played):
    _chart, _replay, path, report = played
    code, out, err = run(capsys, "replay", str(path), "--json")
    assert code == 0 and err == ""
    assert json.loads(out) == json.loads(json.dumps(report.to_json()))
    code, out, _ = run(capsys, "replay", str(path))
    assert code == 0
    assert out.strip() == report.format_text().strip()


def test_replay_equals_score_on_the_same_files(capsys, played, tmp_path):
    from drumsync.core import save_chart

    chart, _replay, path, _report = played
    chart_path = tmp_path / "chart.json"
    save_chart(chart, chart_path)
    _, scored, _ = run(capsys, "score", str(chart_path), str(path), "--json")
    code, replayed, _ = run(capsys, "replay", str(path), "--chart", str(chart_path), "--json")
    assert code == 0
    assert replayed == scored


def test_replay_with_another_windows_preset(capsys, played):
    from drumsync.core import score

    chart, replay, path, _ = played
    code, out, _ = run(capsys, "replay", str(path), "--windows", "relaxed", "--json")
    assert code == 0
    expected = score(chart, replay, windows="relaxed").to_json()
    assert json.loads(out) == json.loads(json.dumps(expected))
    assert json.loads(out)["windows"] == "relaxed"


def test_replay_of_a_missing_file(capsys, tmp_path):
    code, out, err = run(capsys, "replay", str(tmp_path / "nowhere.json"))
    assert code == 2 and out == ""
    assert "nowhere.json" in one_line_error(err, "replay")


@pytest.mark.parametrize(
    "content",
    [b"\x00\xff garbage", b'{"format": "drumsync-replay", "version": 1}', b"[1, 2", b""],
)
def test_replay_of_a_corrupt_file(capsys, tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "replay", str(path))
    assert code == 2 and out == ""
    one_line_error(err, "replay")


def _edit_header(path: Path, **changes) -> None:
    data = json.loads(path.read_text("utf-8"))
    data["header"].update(changes)
    path.write_text(json.dumps(data), "utf-8")


def test_replay_whose_chart_does_not_match_its_generator_arguments(capsys, played):
    _chart, _replay, path, _ = played
    _edit_header(path, generator_args={**GENERATOR, "parts": "unison", "seed": 6})
    code, _, err = run(capsys, "replay", str(path))
    assert code == 2
    assert "another chart" in one_line_error(err, "replay")


def test_replay_without_generator_arguments_needs_a_chart(capsys, played):
    _chart, _replay, path, _ = played
    _edit_header(path, generator_args=None)
    code, _, err = run(capsys, "replay", str(path))
    assert code == 2
    assert "--chart" in one_line_error(err, "replay")


def test_replay_with_unusable_generator_arguments(capsys, played):
    _chart, _replay, path, _ = played
    _edit_header(path, generator_args={"seed": 1, "colour": "blue"})
    code, _, err = run(capsys, "replay", str(path))
    assert code == 2
    one_line_error(err, "replay")


def test_replay_against_the_wrong_chart_file(capsys, played, tmp_path):
    from drumsync.core import generate_chart, save_chart

    _chart, _replay, path, _ = played
    other = tmp_path / "other.json"
    save_chart(generate_chart(**{**GENERATOR, "seed": 99}), other)
    code, _, err = run(capsys, "replay", str(path), "--chart", str(other))
    assert code == 2
    assert "another chart" in one_line_error(err, "replay")


def test_scores_show_chart_titles_not_hashes(tmp_path, monkeypatch, capsys):
    from drumsync.cli import main
    from drumsync.core.generator import chart_title
    from drumsync.storage.scores_db import MatchRecord, PlayerResult, ScoresDB

    monkeypatch.setenv("DRUMSYNC_DATA_DIR", str(tmp_path))
    from drumsync.storage import paths

    args = {"seed": 7, "style": "rock", "bpm": 104.0, "difficulty": 3, "bars": 8, "parts": "unison"}
    players = (PlayerResult("Ann"), PlayerResult("Bo"))
    with ScoresDB(paths.scores_path()) as db:
        db.record_match(MatchRecord("duet", "ab" * 32, players, generator_args=args))
        db.record_match(MatchRecord("duet", "cd" * 32, players, stage_id="tour:Nara"))
    assert main(["scores"]) == 0
    out = capsys.readouterr().out
    assert chart_title(args) in out and "(rock, 104 BPM)" in out
    assert "Summit Tour · Nara" in out
    assert "abababab" not in out
