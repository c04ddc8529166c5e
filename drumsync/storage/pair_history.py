"""A pair's matches together: sync and strategy per match, found by the players' names.

The ``coordination`` table (schema 3, :mod:`.migrations`) holds the report's
``sync.coordination`` per match. A pair is two names in either order; the strategy is told
from the first name's side, so "Ana leads" reads the same whether Ana played P1 or P2.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

INSERT_SQL = (
    "INSERT INTO coordination (match_id, strategy, sync_percent, drift_ms_per_bar, detail) "
    "VALUES (?, ?, ?, ?, ?)"
)
#: The strategy seen from the other side (players swapped).
SWAPPED = {"p1_leads": "p2_leads", "p2_leads": "p1_leads"}
#: Coordination keys kept in the detail column (the sliding windows are left out: they are
#: long, and the replay gives them back).
DETAIL_KEYS = ("xcorr", "alpha", "alpha_ci95", "alpha_chart", "sections")


@dataclass(frozen=True, slots=True)
class PairMatch:
    """One match of the pair, seen from the first name's side (``first_leads``...)."""

    match_id: int
    played_at: datetime
    mode: str
    sync_percent: float | None
    strategy: str | None  # mutual, first_leads, second_leads, both_lead, independent
    drift_ms_per_bar: float | None


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


def coordination_of(query: Callable, match_id: int) -> dict | None:
    rows = query("SELECT * FROM coordination WHERE match_id = ?", (int(match_id),))
    if not rows:
        return None
    row = rows[0]
    detail = json.loads(row["detail"]) if row["detail"] else {}
    return {"strategy": row["strategy"], "drift_ms_per_bar": row["drift_ms_per_bar"], **detail}


def _side(strategy: str | None, first_is_p1: bool) -> str | None:
    if strategy is None:
        return None
    if not first_is_p1:
        strategy = SWAPPED.get(strategy, strategy)
    return {"p1_leads": "first_leads", "p2_leads": "second_leads"}.get(strategy, strategy)


def pair_history(
    query: Callable, name_a: str, name_b: str, limit: int | None = None
) -> list[PairMatch]:
    sql = (
        "SELECT m.id, m.played_at, m.mode, m.p1_name, m.sync_percent, "
        "c.strategy, c.drift_ms_per_bar FROM matches m "
        "LEFT JOIN coordination c ON c.match_id = m.id "
        "WHERE (m.p1_name = ? AND m.p2_name = ?) OR (m.p1_name = ? AND m.p2_name = ?) "
        "ORDER BY m.played_at DESC, m.id DESC"
    )
    args: list = [name_a, name_b, name_b, name_a]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(max(0, int(limit)))
    return [
        PairMatch(
            match_id=row["id"],
            played_at=datetime.fromisoformat(row["played_at"]),
            mode=row["mode"],
            sync_percent=row["sync_percent"],
            strategy=_side(row["strategy"], row["p1_name"] == name_a),
            drift_ms_per_bar=row["drift_ms_per_bar"],
        )
        for row in query(sql, args)
    ]


__all__ = ["INSERT_SQL", "PairMatch", "coordination_of", "coordination_row", "pair_history"]
