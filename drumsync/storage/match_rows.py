"""A match record as a row of the ``matches`` table, and a row read back as a record.

Reading is strict: a row that fails the record's checks raises (ValueError and kin), for
the database to skip and report it while leaving it in the file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime

from ..core.voices import PLAYERS
from . import migrations, pair_history
from .match_records import MatchRecord, PlayerResult

INSERT_COLUMNS = migrations.MATCH_COLUMNS[1:]  # all but id
#: What reading a row may raise when the row is not a valid record.
UNREADABLE = (ValueError, TypeError, KeyError, RecursionError, OverflowError)


def _json_or_none(value: Mapping | None) -> str | None:
    return None if value is None else json.dumps(dict(value), sort_keys=True)


def row_of(record: MatchRecord, played_at: datetime) -> tuple:
    """The values of ``record``'s row, in the order of :data:`INSERT_COLUMNS`."""
    values = {
        "played_at": played_at.isoformat(timespec="microseconds"),
        "mode": record.mode,
        "chart_key": record.key,
        "stage_id": record.stage_id,
        "chart_hash": record.chart_hash,
        "generator_args": _json_or_none(record.generator_args),
        "sync_percent": record.sync_percent,
        "team_percent": record.team_percent,
        "team_score": record.team_score,
        "replay_path": record.replay_path,
    }
    for player, result in zip(PLAYERS, record.players, strict=True):
        p = player.label
        values[f"{p}_name"] = result.name
        values[f"{p}_score"] = result.score
        values[f"{p}_accuracy"] = result.accuracy_percent
        values[f"{p}_grade"] = result.grade
        values[f"{p}_max_combo"] = result.max_combo
        values[f"{p}_json"] = _json_or_none(result.detail)
    return tuple(values[column] for column in INSERT_COLUMNS)


def record_of(row: sqlite3.Row) -> MatchRecord:
    """The record a row holds; raises one of :data:`UNREADABLE` when it holds none."""
    players = tuple(
        PlayerResult(
            name=row[f"{p.label}_name"],
            score=row[f"{p.label}_score"],
            accuracy_percent=row[f"{p.label}_accuracy"],
            grade=row[f"{p.label}_grade"],
            max_combo=row[f"{p.label}_max_combo"],
            detail=_loads(row[f"{p.label}_json"]),
        )
        for p in PLAYERS
    )
    return MatchRecord(
        mode=row["mode"],
        chart_hash=row["chart_hash"],
        players=players,
        sync_percent=row["sync_percent"],
        team_percent=row["team_percent"],
        team_score=row["team_score"],
        stage_id=row["stage_id"],
        generator_args=_loads(row["generator_args"]),
        played_at=_played_at(row["played_at"]),
        replay_path=row["replay_path"],
        id=row["id"],
        coordination=pair_history.coordination_of_row(row),
    )


def _loads(text: str | None):
    if text is not None and not isinstance(text, str):
        raise ValueError(f"expected JSON text, got {type(text).__name__}")
    return None if text is None else json.loads(text)


def _played_at(text: object) -> datetime:
    if not isinstance(text, str):
        raise ValueError("played_at is not a date")
    when = datetime.fromisoformat(text)
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def unreadable_reason(exc: Exception) -> str:
    """Why a row could not be read, in one short line."""
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply"
    lines = str(exc).splitlines()
    return (lines[0][:100] if lines else "") or type(exc).__name__
