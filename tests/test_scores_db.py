"""The scores database: round trip, best scores, migration, corruption, crashes, concurrency."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from drumsync.storage import migrations, paths
from drumsync.storage.scores_db import MatchRecord, PlayerResult, ScoresDB, ScoresError

HASH_A = "a" * 64
HASH_B = "b" * 64
T0 = datetime(2025, 3, 1, 20, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def record(
    team: float | None = 80.0,
    *,
    mode: str = "duet",
    chart_hash: str = HASH_A,
    stage_id: str | None = None,
    scores: tuple[int, int] = (1000, 900),
    team_score: int | None = 1900,
    names: tuple[str, str] = ("Ana", "Ben"),
    played_at: datetime | None = None,
) -> MatchRecord:
    return MatchRecord(
        mode=mode,
        chart_hash=chart_hash,
        stage_id=stage_id,
        players=(
            PlayerResult(names[0], scores[0], 91.5, "A", 40, {"counts": {"perfect": 30}}),
            PlayerResult(names[1], scores[1], 84.25, "B", 22, {"counts": {"perfect": 20}}),
        ),
        sync_percent=77.5,
        team_percent=team,
        team_score=team_score,
        generator_args={"seed": 7, "style": "rock", "bpm": 120.0},
        played_at=played_at,
        replay_path="/tmp/replays/x.json",
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "scores.sqlite3"


def open_db(path: Path) -> ScoresDB:
    return ScoresDB(path, clock=FakeClock())


# --- round trip and queries ----------------------------------------------------------------


def test_round_trip(db_path):
    rec = record(stage_id="stage-3")
    with open_db(db_path) as db:
        match_id = db.record_match(rec)
        assert db.warnings == []
    with ScoresDB(db_path) as db:
        (back,) = db.matches()
        assert back.id == match_id
        assert back.played_at == T0 + timedelta(minutes=1)  # from the injected clock
        assert back == rec.__class__(
            **{**_fields(rec), "id": match_id, "played_at": back.played_at}
        )
        assert back.key == "stage-3"
        assert db.get(match_id) == back
        assert db.get(match_id + 1) is None


def _fields(rec: MatchRecord) -> dict:
    return {name: getattr(rec, name) for name in MatchRecord.__slots__}


def test_played_at_is_kept_in_utc(db_path):
    local = datetime(2025, 6, 1, 12, 0, tzinfo=UTC).astimezone(timezone(timedelta(hours=9)))
    with open_db(db_path) as db:
        db.record_match(record(played_at=local))
        (back,) = db.matches()
    assert back.played_at == datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert back.played_at.utcoffset() == timedelta(0)


def test_matches_are_listed_newest_first_with_a_limit(db_path):
    with open_db(db_path) as db:
        ids = [db.record_match(record(team=float(i))) for i in range(5)]
        assert [m.id for m in db.matches()] == ids[::-1]
        assert [m.id for m in db.matches(limit=2)] == ids[:2:-1]
        assert db.matches(limit=0) == []
        assert db.count() == 5
        db.record_match(record(mode="versus"))
        assert [m.mode for m in db.matches(mode="versus")] == ["versus"]


def test_best_groups_by_mode_and_stage_or_chart(db_path):
    with open_db(db_path) as db:
        db.record_match(record(70.0))
        top = db.record_match(record(85.0))
        db.record_match(record(85.0))  # a tie later on does not take the place
        db.record_match(record(99.0, chart_hash=HASH_B))
        db.record_match(record(99.0, mode="versus"))
        db.record_match(record(99.0, stage_id="s1"))
        assert db.best("duet", HASH_A).id == top
        assert db.best("duet", HASH_B).team_percent == 99.0
        assert db.best("duet", "s1").team_percent == 99.0
        assert db.best("solo", HASH_A) is None
        bests = db.bests("duet")
        assert set(bests) == {HASH_A, HASH_B, "s1"}
        assert bests[HASH_A].id == top


def test_best_falls_back_to_team_score_then_total_score(db_path):
    with open_db(db_path) as db:
        db.record_match(record(None, team_score=None, scores=(10, 10), mode="solo"))
        b = db.record_match(record(None, team_score=None, scores=(30, 0), mode="solo"))
        assert db.best("solo", HASH_A).id == b
        c = db.record_match(record(None, team_score=5, scores=(1, 0), mode="solo"))
        assert db.best("solo", HASH_A).id == c  # a known team score beats none
        d = db.record_match(record(1.0, team_score=0, scores=(0, 0), mode="solo"))
        assert db.best("solo", HASH_A).id == d  # a team percent beats everything else


def test_is_new_best(db_path):
    with open_db(db_path) as db:
        first = record(80.0)
        assert db.is_new_best(first)
        first_id = db.record_match(first)
        assert db.is_new_best(first, exclude_id=first_id)
        assert not db.is_new_best(record(80.0))  # a tie is not a new best
        assert not db.is_new_best(record(79.9))
        assert db.is_new_best(record(80.1))
        assert db.is_new_best(record(10.0, chart_hash=HASH_B))


def test_from_report_json():
    report = {
        "players": [
            {"score": 1200, "accuracy": 93.125, "grade": "S", "max_combo": 50, "stray": 1},
            {"score": 800, "accuracy": 70.0, "grade": "C", "max_combo": 9, "stray": 4},
        ],
        "sync": {"percent": 88.5},
        "team": {"percent": 84.0, "score": 2100, "sync_bonus": 100},
    }
    rec = MatchRecord.from_report(
        report, mode="duet", chart_hash=HASH_A, names=("Ana", "Ben"), replay_path=Path("r.json")
    )
    assert rec.players[0] == PlayerResult("Ana", 1200, 93.125, "S", 50, report["players"][0])
    assert (rec.sync_percent, rec.team_percent, rec.team_score) == (88.5, 84.0, 2100)
    assert rec.replay_path == "r.json"


def test_from_a_real_match_report(db_path):
    from drumsync.core.chart_identity import chart_hash
    from drumsync.core.drummers import parse_spec
    from drumsync.core.generator.generate import generate_chart
    from drumsync.core.report import score_events
    from drumsync.core.simulate import simulate

    chart = generate_chart(seed=3, style="rock", bpm=120.0, difficulty=2, bars=4)
    replay = simulate(chart, parse_spec("metal"), parse_spec("clumsy"), seed=1)
    report = score_events(chart, replay.events)
    rec = MatchRecord.from_report(
        report,
        mode="duet",
        chart_hash=chart_hash(chart),
        names=("Ana", "Ben"),
        generator_args=chart.meta.generator_args(),
    )
    with open_db(db_path) as db:
        back = db.get(db.record_match(rec))
    assert back.players[0].score == report.players[0].points
    assert back.players[1].detail == report.to_json()["players"][1]
    assert back.team_percent == report.to_json()["team"]["percent"]
    assert back.generator_args == chart.meta.generator_args()


def test_invalid_records_are_refused():
    with pytest.raises(ValueError, match="mode"):
        record(mode="")
    with pytest.raises(ValueError, match="finite"):
        record(float("nan"))
    with pytest.raises(ValueError, match="time zone"):
        record(played_at=datetime(2025, 1, 1))
    with pytest.raises(ValueError, match="whole number"):
        PlayerResult("x", score=1.5)
    with pytest.raises(ValueError, match="one PlayerResult per player"):
        MatchRecord(mode="duet", chart_hash=HASH_A, players=())
    with pytest.raises(ValueError, match="JSON"):
        MatchRecord(
            mode="duet", chart_hash=HASH_A, players=record().players, generator_args={"x": {1j}}
        )


def test_default_path_is_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "portable"))
    with ScoresDB() as db:
        db.record_match(record())
    assert (tmp_path / "portable" / "scores.sqlite3").is_file()


def test_the_database_is_in_wal_mode(db_path):
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
    conn.close()


# --- migration -----------------------------------------------------------------------------

V1_SCHEMA = """
CREATE TABLE matches (
    id INTEGER PRIMARY KEY,
    played_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    chart_hash TEXT NOT NULL,
    p1_name TEXT NOT NULL,
    p2_name TEXT NOT NULL,
    p1_score INTEGER NOT NULL,
    p2_score INTEGER NOT NULL,
    sync_percent REAL
);
PRAGMA user_version = 1;
"""


V1_ROWS = (
    ("2024-11-02 18:30:00", HASH_A, "Ana", "Ben", 1500, 1400, 81.0),
    ("2024-11-02 18:35:10", HASH_A, "Ana", "Ben", 1700, 1600, None),
    ("2024-11-03 09:00:00", HASH_B, "Cy", "Di", 500, 450, 40.5),
)


def make_v1_database(path: Path, rows=V1_ROWS) -> None:
    """A database as the first version of the game wrote it, built by hand."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.executemany(
        "INSERT INTO matches (played_at, chart_hash, p1_name, p2_name, p1_score, p2_score, "
        "sync_percent) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.commit()
    conn.close()


def test_a_first_schema_database_is_migrated_with_its_data(db_path):
    make_v1_database(db_path)
    with open_db(db_path) as db:
        assert db.warnings == []
        assert db.moved_to is None
        old = db.matches()
        assert [(m.id, m.players[0].name, m.players[0].score, m.players[1].score) for m in old] == [
            (3, "Cy", 500, 450),
            (2, "Ana", 1700, 1600),
            (1, "Ana", 1500, 1400),
        ]
        assert old[0].played_at == datetime(2024, 11, 3, 9, 0, tzinfo=UTC)
        assert old[0].mode == "duet" and old[0].key == HASH_B and old[0].sync_percent == 40.5
        assert old[1].players[0].accuracy_percent is None  # the first schema did not keep it
        assert db.best("duet", HASH_A).id == 2  # higher summed score
        new_id = db.record_match(record(50.0))
        assert db.best("duet", HASH_A).id == new_id  # a team percent beats none
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert list(db_path.parent.glob("*.corrupt-*")) == []


def test_migrations_are_numbered_from_1_without_gaps():
    assert [m.version for m in migrations.MIGRATIONS] == list(
        range(1, migrations.CURRENT_VERSION + 1)
    )


def test_migrating_twice_changes_nothing(db_path):
    open_db(db_path).close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    assert migrations.migrate(conn) == []
    conn.close()


def test_a_failing_migration_changes_nothing(db_path):
    make_v1_database(db_path)
    last = migrations.CURRENT_VERSION
    broken = (
        *migrations.MIGRATIONS,
        migrations.Migration(
            last + 1,
            "broken",
            ("CREATE TABLE extra (a)", "THIS IS NOT SQL"),
            migrations.MATCH_COLUMNS,
        ),
    )
    conn = sqlite3.connect(db_path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(conn, broken)
    assert migrations.user_version(conn) == last  # up to the last committed, the broken one not
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "extra" not in tables
    assert conn.execute("SELECT count(*) FROM matches").fetchone()[0] == 3
    conn.close()


def test_a_database_from_a_newer_game_is_left_alone(db_path):
    with open_db(db_path) as db:
        db.record_match(record())
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(ScoresError, match="newer DrumSync"):
        ScoresDB(db_path)
    assert db_path.read_bytes() == before
    assert list(db_path.parent.glob("*.corrupt-*")) == []


# --- corrupt files -------------------------------------------------------------------------


def _truncated(path: Path) -> bytes:
    with ScoresDB(path.with_name("full.sqlite3")) as db:
        for i in range(300):
            db.record_match(record(float(i % 100)))
    conn = sqlite3.connect(path.with_name("full.sqlite3"))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = path.with_name("full.sqlite3").read_bytes()
    return data[: len(data) // 2]


def _foreign(path: Path) -> bytes:
    other = path.with_name("other.sqlite3")
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE matches (who TEXT, when_ TEXT)")
    conn.commit()
    conn.close()
    return other.read_bytes()


CORRUPTIONS = {
    "garbage": lambda path: os.urandom(4096),
    "text": lambda path: b"these are my scores, honest\n" * 50,
    "header-then-garbage": lambda path: b"SQLite format 3\x00" + b"\xff" * 4000,
    "truncated": _truncated,
    "foreign-schema": _foreign,
}


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_a_corrupt_file_is_moved_aside_and_a_new_one_started(db_path, kind):
    db_path.parent.mkdir(parents=True)
    content = CORRUPTIONS[kind](db_path)
    db_path.write_bytes(content)
    with open_db(db_path) as db:
        assert len(db.warnings) == 1
        assert "could not be used" in db.warnings[0]
        assert db.moved_to == db_path.with_name("scores.sqlite3.corrupt-1")
        assert str(db.moved_to) in db.warnings[0]
        assert db.matches() == []
        db.record_match(record())
    assert db_path.with_name("scores.sqlite3.corrupt-1").read_bytes() == content
    with open_db(db_path) as db:
        assert db.warnings == [] and db.count() == 1


def test_corrupt_files_never_overwrite_earlier_ones_and_take_their_side_files(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"first garbage" * 100)
    open_db(db_path).close()
    db_path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.write_bytes(b"second garbage" * 100)
    Path(f"{db_path}-wal").write_bytes(b"wal garbage")
    Path(f"{db_path}-shm").write_bytes(b"shm garbage")
    with open_db(db_path) as db:
        assert db.moved_to == db_path.with_name("scores.sqlite3.corrupt-2")
    first = db_path.with_name("scores.sqlite3.corrupt-1")
    second = db_path.with_name("scores.sqlite3.corrupt-2")
    assert first.read_bytes() == b"first garbage" * 100
    assert second.read_bytes() == b"second garbage" * 100
    assert Path(f"{second}-wal").read_bytes() == b"wal garbage"
    assert Path(f"{second}-shm").read_bytes() == b"shm garbage"


def test_an_empty_file_is_simply_a_new_database(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    with open_db(db_path) as db:
        assert db.warnings == []
        db.record_match(record())


# --- crashes and concurrency ---------------------------------------------------------------

WRITER = r"""
import os, sys, time
from drumsync.storage.scores_db import MatchRecord, PlayerResult, ScoresDB

path, tag, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
while go != "-" and not os.path.exists(go):
    time.sleep(0.001)
db = ScoresDB(path)
detail = {"offsets_ms": [float(i) for i in range(2000)]}  # makes each write take a while
i = 0
while count < 0 or i < count:
    rec = MatchRecord(
        mode="duet",
        chart_hash="c" * 64,
        stage_id=f"{tag}-{i}",
        players=(PlayerResult(tag, i, 50.0, "B", 3, detail), PlayerResult("p2", i, 50.0, "B", 3)),
        team_percent=50.0,
    )
    print(db.record_match(rec), flush=True)
    i += 1
"""


def spawn_writer(path: Path, tag: str, count: int, go: str = "-") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), tag, str(count), go],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("kill_after", [1, 17, 60])
def test_a_writer_killed_mid_write_loses_no_committed_match(db_path, kill_after):
    open_db(db_path).close()
    committed: list[int] = []
    for round_ in range(3):
        proc = spawn_writer(db_path, f"r{round_}", -1)
        for _ in range(kill_after + round_):
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            committed.append(int(line))
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate()
        committed.extend(int(line) for line in rest.split())
        assert proc.returncode == -signal.SIGKILL
    assert integrity(db_path) == "ok"
    with ScoresDB(db_path) as db:
        assert db.warnings == []
        stored = {m.id for m in db.matches()}
    assert set(committed) <= stored
    assert len(committed) == len(set(committed))


def test_two_processes_writing_at_once_keep_every_row(db_path, tmp_path):
    go = tmp_path / "go"
    count = 40
    writers = [spawn_writer(db_path, tag, count, str(go)) for tag in ("left", "right")]
    go.touch()
    outputs = [proc.communicate() for proc in writers]
    for proc, (_out, err) in zip(writers, outputs, strict=True):
        assert proc.returncode == 0, err
    ids = [int(x) for out, _ in outputs for x in out.split()]
    assert len(ids) == 2 * count == len(set(ids))
    with ScoresDB(db_path) as db:
        rows = db.matches()
        assert {m.id for m in rows} == set(ids)
        assert {m.stage_id for m in rows} == {
            f"{tag}-{i}" for tag in ("left", "right") for i in range(count)
        }
    assert integrity(db_path) == "ok"


# --- opening while another process holds the file --------------------------------------------


def test_opening_is_tried_again_when_sqlite_refuses_to_wait(db_path, monkeypatch):
    """SQLite fails one of two connections at once (no busy wait) when both hold a shared lock
    and want an exclusive one, as two processes creating the file together do."""
    from drumsync.storage import scores_file

    real = scores_file.connect
    refusals = []

    def refuse_twice(path, busy_timeout_s):
        if len(refusals) < 2:
            refusals.append(1)
            raise scores_file.Busy("database is locked")
        return real(path, busy_timeout_s)

    monkeypatch.setattr(scores_file, "connect", refuse_twice)
    with open_db(db_path) as db:
        assert db.matches() == []
    assert len(refusals) == 2


def test_a_lock_held_past_the_busy_timeout_is_a_one_line_error(db_path):
    open_db(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ScoresError) as caught:
            ScoresDB(db_path, busy_timeout_s=0.3)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "\n" not in str(caught.value) and "locked" in str(caught.value)
    with open_db(db_path) as db:  # nothing was moved aside
        assert db.moved_to is None and db.warnings == []


OPENER = r"""
import os, sys, time
from drumsync.storage.scores_db import ScoresDB
path, go = sys.argv[1], sys.argv[2]
while not os.path.exists(go):
    time.sleep(0.0005)
ScoresDB(path).close()
"""


def test_processes_creating_the_file_at_once_all_open_it(tmp_path):
    for round_ in range(4):
        path, go = tmp_path / f"r{round_}" / "scores.sqlite3", tmp_path / f"go{round_}"
        openers = [
            subprocess.Popen(
                [sys.executable, "-c", OPENER, str(path), str(go)],
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        go.touch()
        for proc in openers:
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
        assert integrity(path) == "ok"


def test_the_devices_each_player_used_are_kept(db_path):
    report = {
        "players": [{"score": 10, "accuracy": 50.0}, {"score": 20, "accuracy": 60.0}],
        "sync": {"percent": 1.0},
        "team": {"percent": 2.0, "score": 30},
    }
    rec = MatchRecord.from_report(
        report,
        mode="duet",
        chart_hash=HASH_A,
        names=("Ana", "Ben"),
        devices=(("TD-17 MIDI 1", "keyboard"), ()),
    )
    with open_db(db_path) as db:
        back = db.get(db.record_match(rec))
    assert back.players[0].devices == ("TD-17 MIDI 1", "keyboard")
    assert back.players[1].devices == ()
    assert back.players[0].to_json()["devices"] == ["TD-17 MIDI 1", "keyboard"]
