"""Strategy and sync stored per match (schema 3), and a pair's history found by names."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from pair_models import lpc_pair, play_asynchronies

from drumsync.storage import migrations
from drumsync.storage.scores_db import MatchRecord, ScoresDB

HASH = "c" * 64
T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def record_for(names, alpha, minutes):
    _, report = play_asynchronies(lpc_pair(300, alpha=alpha, chart_alpha=(0.05, 0.05), seed=3))
    return (
        MatchRecord.from_report(
            report,
            mode="duet",
            chart_hash=HASH,
            names=names,
            played_at=T0 + timedelta(minutes=minutes),
        ),
        report,
    )


def test_a_pairs_matches_come_back_by_name_from_either_side(tmp_path):
    path = tmp_path / "scores.sqlite3"
    with ScoresDB(path) as db:
        first, report = record_for(("Ana", "Ben"), (0.0, 0.3), 0)  # Ben follows Ana
        assert first.strategy == "p1_leads"
        db.record_match(first)
        swapped, _ = record_for(("Ben", "Ana"), (0.0, 0.3), 5)  # now Ana (P2) follows Ben
        db.record_match(swapped)
        other, _ = record_for(("Ana", "Cy"), (0.25, 0.25), 9)
        db.record_match(other)
        history = db.pair_history("Ana", "Ben")
        assert [h.strategy for h in history] == ["second_leads", "first_leads"]
        assert history[1].sync_percent == pytest.approx(report.sync.percent, abs=0.001)
        assert db.pair_history("Ben", "Ana")[1].strategy == "second_leads"
        stored = db.get(history[1].match_id)
        assert stored.strategy == "p1_leads"
        assert stored.coordination["xcorr"] == report.to_json()["sync"]["coordination"]["xcorr"]
        assert db.pair_history("Ana", "Nobody") == []


def test_a_schema_2_database_is_migrated_and_its_matches_kept(tmp_path):
    path = tmp_path / "scores.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(conn, migrations.MIGRATIONS[:2])
    conn.execute(
        "INSERT INTO matches (played_at, mode, chart_key, chart_hash, p1_name, p2_name, "
        "sync_percent) VALUES "
        "('2025-01-01T00:00:00.000000+00:00', 'duet', ?, ?, 'Ana', 'Ben', 71.5)",
        (HASH, HASH),
    )
    conn.close()
    with ScoresDB(path) as db:
        [old] = db.pair_history("Ana", "Ben")
        assert old.sync_percent == 71.5 and old.strategy is None  # played before strategies
        assert db.get(old.match_id).coordination is None
        new, _ = record_for(("Ana", "Ben"), (0.25, 0.25), 0)
        db.record_match(new)
        assert db.pair_history("Ana", "Ben")[0].strategy == "mutual"
    conn = sqlite3.connect(path)
    assert migrations.user_version(conn) == migrations.CURRENT_VERSION == 4
    conn.close()


def test_a_record_without_coordination_stores_no_row(tmp_path):
    with ScoresDB(tmp_path / "s.sqlite3") as db:
        record, _ = record_for(("Ana", "Ben"), (0.25, 0.25), 0)
        bare = MatchRecord(record.mode, record.chart_hash, record.players, record.sync_percent)
        match_id = db.record_match(bare)
        assert db.get(match_id).coordination is None
        assert db.pair_history("Ana", "Ben")[0].strategy is None
