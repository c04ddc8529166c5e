"""One bad database row never blocks anything: skipped, reported, kept (issue 10)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from drumsync.storage import paths
from drumsync.storage.scores_db import ScoresDB
from tests.test_scores_db import HASH_A, FakeClock, make_v1_database, record

DAMAGE = {
    "empty name": "UPDATE matches SET p1_name = '' WHERE id = 1",
    "not a date": "UPDATE matches SET played_at = 'yesterday' WHERE id = 1",
    "broken json": "UPDATE matches SET p1_json = '{broken' WHERE id = 1",
    "text percent": "UPDATE matches SET sync_percent = 'abc' WHERE id = 1",
    "nested json": "UPDATE matches SET p2_json = '" + "[" * 100_000 + "' WHERE id = 1",
}


def _damaged(path, statement: str) -> None:
    with ScoresDB(path, clock=FakeClock()) as db:
        db.record_match(record(70.0))
        db.record_match(record(90.0))
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_bad_row_is_skipped_and_reported_never_fatal(data_dir, damage):
    path = data_dir / "scores.sqlite3"
    _damaged(path, DAMAGE[damage])
    with ScoresDB(path, clock=FakeClock()) as db:
        listed = db.matches()
        best = db.best("duet", HASH_A)
        bests = db.bests("duet")
        new = record(95.0)
        assert db.is_new_best(new)
        new_id = db.record_match(new)
        warnings = list(db.warnings)
    assert [r.id for r in listed] == [2]
    assert best.id == 2 and bests[HASH_A].id == 2
    assert len(warnings) == 1 and "match #1" in warnings[0] and "kept" in warnings[0]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM matches").fetchone()[0] == 3  # nothing deleted
    assert new_id == 3
    conn.close()


@pytest.mark.parametrize("damage", DAMAGE)
def test_drumsync_scores_lists_the_good_rows_and_warns(data_dir, damage):
    _damaged(paths.scores_path(), DAMAGE[damage])
    out = subprocess.run(
        [sys.executable, "-m", "drumsync", "scores"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert "match #1" in out.stderr and "skipped" in out.stderr
    assert len(out.stdout.strip().splitlines()) == 2  # header + the good row


def test_a_first_schema_database_with_bad_rows_is_repaired_or_quarantined(tmp_path):
    path = tmp_path / "scores.sqlite3"
    make_v1_database(
        path,
        [
            ("2024-11-02 18:30:00", HASH_A, "", "Ben", 1500, 1400, 81.0),
            ("2024-11-02 18:35:10", HASH_A, "Ana", "Ben", 1700, 1600, "abc"),
            ("2024-11-03 09:00:00", HASH_A, "Cy", "Di", 500, 450, 40.5),
        ],
    )
    with ScoresDB(path, clock=FakeClock()) as db:
        records = db.matches()
        assert db.warnings == []
    assert sorted(r.id for r in records) == [1, 3]
    assert {r.id: r.players[0].name for r in records}[1] == "Player 1"  # repaired
    conn = sqlite3.connect(path)
    kept = conn.execute("SELECT reason, id, sync_percent FROM matches_quarantine").fetchall()
    assert kept == [("a percent is not a number", 2, "abc")]
    conn.close()


def test_a_name_with_terminal_escapes_is_skipped_not_printed(data_dir):
    path = data_dir / "scores.sqlite3"
    _damaged(path, "UPDATE matches SET p2_name = 'x' || char(27) || '[31m' WHERE id = 1")
    with ScoresDB(path, clock=FakeClock()) as db:
        assert [r.id for r in db.matches()] == [2]
        assert "control character" in db.warnings[0]


def test_a_named_pipe_as_the_database_is_one_error_not_a_hang(tmp_path):
    import os

    from drumsync.storage.scores_db import ScoresError

    fifo = tmp_path / "scores.sqlite3"
    os.mkfifo(fifo)
    with pytest.raises(ScoresError, match="named pipe"):
        ScoresDB(fifo)
