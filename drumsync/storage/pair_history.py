"""A pair's matches together: sync and strategy per match, found by the players' names.

The ``coordination`` table (schema 3, :mod:`.migrations`) holds the report's
``sync.coordination`` per match. Every listing reads it in the same query as the matches
(:data:`SELECT_WITH_COORDINATION`), so a record carries its strategy without a query per
row. A pair is two names in either order; the strategy is told from the first name's side,
so "Ana leads" reads the same whether Ana played P1 or P2.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ..core.coordination import STRATEGIES
from .match_records import PlayerResult  # names are checked where a record checks them

INSERT_SQL = (
    "INSERT INTO coordination (match_id, strategy, sync_percent, drift_ms_per_bar, detail) "
    "VALUES (?, ?, ?, ?, ?)"
)
#: The matches with their coordination row (when they have one) under ``coord_*`` names.
SELECT_WITH_COORDINATION = (
    "SELECT m.*, c.strategy AS coord_strategy, c.drift_ms_per_bar AS coord_drift, "
    "c.detail AS coord_detail FROM matches m LEFT JOIN coordination c ON c.match_id = m.id"
)
#: Each pair of names once (in the order of its latest match: SQLite takes the bare
#: columns from the row that gave ``max``), the latest to play first.
PAIRS_SQL = (
    "SELECT p1_name, p2_name, count(*) AS matches, max(played_at) AS last_played "
    "FROM matches GROUP BY min(p1_name, p2_name), max(p1_name, p2_name) "
    "ORDER BY last_played DESC"
)
#: The strategy seen from the other side (players swapped).
SWAPPED = {"p1_leads": "p2_leads", "p2_leads": "p1_leads"}
#: Coordination keys kept in the detail column (the sliding windows are left out: they are
#: long, and the replay gives them back).
DETAIL_KEYS = ("xcorr", "alpha", "alpha_ci95", "alpha_chart", "sections")


@dataclass(frozen=True, slots=True)
class PairMatch:
    """One match of the pair, seen from the first name's side (``first_leads``...);
    ``record`` is the whole match as stored."""

    match_id: int
    played_at: datetime
    mode: str
    sync_percent: float | None
    strategy: str | None  # mutual, first_leads, second_leads, both_lead, independent, unknown
    drift_ms_per_bar: float | None
    record: object = None


@dataclass(frozen=True, slots=True)
class Pair:
    """Two names that played together, in the order of their latest match."""

    names: tuple[str, str]
    matches: int


def coordination_row(match_id: int, record) -> tuple | None:
    """The row to store beside a match, None when the record carries no coordination."""
    c = record.coordination
    if not c or not isinstance(c.get("strategy"), str):
        return None
    detail = {key: c[key] for key in DETAIL_KEYS if key in c}
    drift = c.get("drift_ms_per_bar")
    return (
        match_id,
        c["strategy"],
        record.sync_percent,
        drift if isinstance(drift, int | float) else None,
        json.dumps(detail, sort_keys=True),
    )


def coordination_of_row(row: Mapping) -> dict | None:
    """The coordination joined to a match row, None when it has none; a value no version of
    the game writes raises ValueError (the row is then skipped and reported)."""
    if "coord_strategy" not in row.keys() or row["coord_strategy"] is None:  # noqa: SIM118
        return None
    strategy = row["coord_strategy"]
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {str(strategy)[:40]!r}")
    drift = row["coord_drift"]
    if drift is not None and (isinstance(drift, bool) or not isinstance(drift, int | float)):
        raise ValueError("drift is not a number")
    text = row["coord_detail"]
    if text is not None and not isinstance(text, str):
        raise ValueError("coordination detail is not JSON text")
    detail = {} if text is None else json.loads(text)
    if not isinstance(detail, dict):
        raise ValueError("coordination detail is not a JSON object")
    return {"strategy": strategy, "drift_ms_per_bar": drift, **detail}


def side_strategy(strategy: str | None, first_is_p1: bool) -> str | None:
    """A stored strategy (P1/P2 terms) told from the first name's side."""
    if strategy is None:
        return None
    if not first_is_p1:
        strategy = SWAPPED.get(strategy, strategy)
    return {"p1_leads": "first_leads", "p2_leads": "second_leads"}.get(strategy, strategy)


def pair_query(name_a: str, name_b: str) -> tuple[str, list]:
    """The SQL (and its arguments) of the pair's matches, newest first."""
    sql = (
        f"{SELECT_WITH_COORDINATION} "
        "WHERE (m.p1_name = ? AND m.p2_name = ?) OR (m.p1_name = ? AND m.p2_name = ?) "
        "ORDER BY m.played_at DESC, m.id DESC"
    )
    return sql, [name_a, name_b, name_b, name_a]


def pair_match(record, name_a: str) -> PairMatch:
    """A record (read with its coordination) as one match of the pair ``name_a`` is in."""
    coordination = record.coordination or {}
    return PairMatch(
        match_id=record.id,
        played_at=record.played_at,
        mode=record.mode,
        sync_percent=record.sync_percent,
        strategy=side_strategy(record.strategy, record.players[0].name == name_a),
        drift_ms_per_bar=coordination.get("drift_ms_per_bar"),
        record=record,
    )


def pairs(rows) -> list[Pair]:
    """The pairs' rows as :class:`Pair`; names that are not plain text are left out (their
    matches are skipped and reported when listed)."""
    found = []
    for row in rows:
        try:
            names = (PlayerResult(row["p1_name"]).name, PlayerResult(row["p2_name"]).name)
        except ValueError:
            continue
        found.append(Pair(names, int(row["matches"])))
    return found


__all__ = [
    "INSERT_SQL",
    "PAIRS_SQL",
    "SELECT_WITH_COORDINATION",
    "Pair",
    "PairMatch",
    "coordination_of_row",
    "coordination_row",
    "pair_match",
    "pair_query",
    "pairs",
    "side_strategy",
]
