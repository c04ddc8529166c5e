"""The scores database's schema history, oldest first, and the code that brings a file up to date.

The schema version lives in ``PRAGMA user_version`` (0 = empty file). Each migration runs in
one ``BEGIN IMMEDIATE`` transaction together with the version bump, so a crash mid-migration
leaves the previous version intact, and two processes opening the same file at once migrate
it once (the second sees the new version after taking the lock).

Never edit a released migration: add a new one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    """Statements that take the file from ``version - 1`` to ``version``, and the columns of
    the ``matches`` table they leave (checked before migrating further)."""

    version: int
    description: str
    statements: tuple[str, ...]
    matches_columns: tuple[str, ...]


_V1_MATCHES = """
CREATE TABLE matches (
    id INTEGER PRIMARY KEY,
    played_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    chart_hash TEXT NOT NULL,
    p1_name TEXT NOT NULL,
    p2_name TEXT NOT NULL,
    p1_score INTEGER NOT NULL,
    p2_score INTEGER NOT NULL,
    sync_percent REAL
)
"""

#: Column list of the current ``matches`` table, in order (checked when a file is opened).
MATCH_COLUMNS = (
    "id",
    "played_at",
    "mode",
    "chart_key",
    "stage_id",
    "chart_hash",
    "generator_args",
    "p1_name",
    "p1_score",
    "p1_accuracy",
    "p1_grade",
    "p1_max_combo",
    "p1_json",
    "p2_name",
    "p2_score",
    "p2_accuracy",
    "p2_grade",
    "p2_max_combo",
    "p2_json",
    "sync_percent",
    "team_percent",
    "team_score",
    "replay_path",
)

_V2_MATCHES = """
CREATE TABLE matches_v2 (
    id INTEGER PRIMARY KEY,
    played_at TEXT NOT NULL,            -- ISO 8601, UTC, microseconds: sorts as text
    mode TEXT NOT NULL,                 -- duet, versus, solo, tour, ...
    chart_key TEXT NOT NULL,            -- the stage id, else the chart hash: what "best" groups by
    stage_id TEXT,
    chart_hash TEXT NOT NULL,
    generator_args TEXT,                -- JSON object or NULL
    p1_name TEXT NOT NULL,
    p1_score INTEGER,
    p1_accuracy REAL,                   -- percent
    p1_grade TEXT,
    p1_max_combo INTEGER,
    p1_json TEXT,                       -- the player's full report (JSON) or NULL
    p2_name TEXT NOT NULL,
    p2_score INTEGER,
    p2_accuracy REAL,
    p2_grade TEXT,
    p2_max_combo INTEGER,
    p2_json TEXT,
    sync_percent REAL,
    team_percent REAL,
    team_score INTEGER,
    replay_path TEXT
)
"""

# v1 matches were all duets; their timestamps were SQLite's "YYYY-MM-DD HH:MM:SS" (UTC).
_V1_TO_V2_COPY = """
INSERT INTO matches_v2 (
    id, played_at, mode, chart_key, stage_id, chart_hash, generator_args,
    p1_name, p1_score, p2_name, p2_score, sync_percent
)
SELECT
    id,
    COALESCE(
        strftime('%Y-%m-%dT%H:%M:%S.000000+00:00', played_at),
        '1970-01-01T00:00:00.000000+00:00'
    ),
    'duet', chart_hash, NULL,
    chart_hash, NULL, p1_name, p1_score, p2_name, p2_score, sync_percent
FROM matches
"""

#: How the pair played together (the report's ``sync.coordination``), one row per match that
#: had it; matches recorded before version 3 have none.
_V3_COORDINATION = """
CREATE TABLE coordination (
    match_id INTEGER PRIMARY KEY REFERENCES matches(id) ON DELETE CASCADE,
    strategy TEXT NOT NULL,             -- mutual, p1_leads, p2_leads, both_lead, independent
    sync_percent REAL,                  -- the match's sync percent, beside its strategy
    drift_ms_per_bar REAL,              -- negative: the pair rushed
    detail TEXT                         -- the rest of sync.coordination (JSON) or NULL
)
"""

# A row no version of the game could read (an empty name, a date that is not a date, text in a
# number column, JSON that does not parse) stopped every listing. Names are repaired; every
# other bad row is moved, whole, to matches_quarantine with the reason (kept for inspection).
_V4_PROBLEM = """CASE
    WHEN typeof(played_at) != 'text' OR strftime('%s', played_at) IS NULL
        THEN 'played_at is not a date'
    WHEN typeof(mode) != 'text' OR mode = '' THEN 'mode is empty'
    WHEN typeof(chart_hash) != 'text' OR chart_hash = '' THEN 'chart_hash is empty'
    WHEN typeof(chart_key) != 'text' OR chart_key = '' THEN 'chart_key is empty'
    WHEN typeof(sync_percent) NOT IN ('real', 'integer', 'null')
        OR typeof(team_percent) NOT IN ('real', 'integer', 'null')
        OR typeof(p1_accuracy) NOT IN ('real', 'integer', 'null')
        OR typeof(p2_accuracy) NOT IN ('real', 'integer', 'null')
        THEN 'a percent is not a number'
    WHEN typeof(team_score) NOT IN ('integer', 'null')
        OR typeof(p1_score) NOT IN ('integer', 'null')
        OR typeof(p2_score) NOT IN ('integer', 'null')
        OR typeof(p1_max_combo) NOT IN ('integer', 'null')
        OR typeof(p2_max_combo) NOT IN ('integer', 'null')
        THEN 'a score is not a whole number'
    WHEN (generator_args IS NOT NULL AND NOT json_valid(generator_args))
        OR (p1_json IS NOT NULL AND NOT json_valid(p1_json))
        OR (p2_json IS NOT NULL AND NOT json_valid(p2_json))
        THEN 'a JSON column does not parse'
END"""

_V4_STATEMENTS = (
    "CREATE TABLE matches_quarantine AS SELECT '' AS reason, * FROM matches WHERE 0",
    "UPDATE matches SET p1_name = 'Player 1' "
    "WHERE typeof(p1_name) != 'text' OR trim(p1_name) = '' OR length(p1_name) > 1000",
    "UPDATE matches SET p2_name = 'Player 2' "
    "WHERE typeof(p2_name) != 'text' OR trim(p2_name) = '' OR length(p2_name) > 1000",
    f"INSERT INTO matches_quarantine SELECT {_V4_PROBLEM} AS reason, * FROM matches "
    f"WHERE {_V4_PROBLEM} IS NOT NULL",
    "DELETE FROM matches WHERE id IN (SELECT id FROM matches_quarantine)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "first schema: one row per match, scores and sync only",
        (_V1_MATCHES,),
        (
            "id",
            "played_at",
            "chart_hash",
            "p1_name",
            "p2_name",
            "p1_score",
            "p2_score",
            "sync_percent",
        ),
    ),
    Migration(
        2,
        "modes, stage ids, generator arguments, full player results, team score, replay path",
        (
            _V2_MATCHES,
            _V1_TO_V2_COPY,
            "DROP TABLE matches",
            "ALTER TABLE matches_v2 RENAME TO matches",
            "CREATE INDEX matches_best ON matches "
            "(mode, chart_key, team_percent DESC, team_score DESC)",
            "CREATE INDEX matches_played ON matches (played_at DESC, id DESC)",
        ),
        MATCH_COLUMNS,
    ),
    Migration(
        3,
        "how each pair played together: strategy, sync and drift per match",
        (_V3_COORDINATION,),
        MATCH_COLUMNS,
    ),
    Migration(
        4,
        "repair empty player names; move unreadable rows to matches_quarantine",
        _V4_STATEMENTS,
        MATCH_COLUMNS,
    ),
)

CURRENT_VERSION = MIGRATIONS[-1].version


class SchemaError(Exception):
    """The file is a SQLite database, but not one this version of DrumSync can use."""


class NewerSchemaError(SchemaError):
    """The file was written by a newer DrumSync: left alone, not migrated, not moved aside."""


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply every migration newer than the file's version; returns the versions applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    applied = []
    for migration in migrations:
        if user_version(conn) >= migration.version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            found = user_version(conn)  # another process may have migrated meanwhile
            if found < migration.version:
                if found == 0 and _has_objects(conn):
                    raise SchemaError("the file holds tables but no DrumSync schema version")
                for statement in migration.statements:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")
                applied.append(migration.version)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return applied


def check_schema(conn: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    """The file's schema version, after checking it is a DrumSync schema this code knows.

    Read-only: run it before changing anything in the file. NewerSchemaError for a file from
    a newer game, SchemaError for anything else that is not ours.
    """
    version = user_version(conn)
    current = migrations[-1].version
    if version > current:
        raise NewerSchemaError(
            f"it was written by a newer DrumSync (schema {version}, this one knows {current})"
        )
    if version == 0:
        if _has_objects(conn):
            raise SchemaError("the file holds tables but no DrumSync schema version")
        return version
    if version < 0 or _matches_columns(conn) != migrations[version - 1].matches_columns:
        raise SchemaError(f"its tables do not match DrumSync's schema {version}")
    return version


def _matches_columns(conn: sqlite3.Connection) -> tuple[str, ...]:
    return tuple(row[1] for row in conn.execute("PRAGMA table_info(matches)"))


def _has_objects(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
