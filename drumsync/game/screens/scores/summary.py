"""What the Scores screen lists, read from the scores database (no drawing here).

Best results: the best match of every stage or chart in each match mode, best first.
Recent matches: the newest first. Trend: the sync percentage of the latest matches that
have one, oldest first. A pair's per-match strategy is listed, in the results' words, when
the records carry one (matches recorded before the game measured it have none).
"""

from __future__ import annotations

from dataclasses import dataclass

from ....core.pair_words import strategy_phrase
from ....core.scoring import MATCH_MODES
from ....storage.record_titles import record_title
from ....storage.scores_db import MatchRecord, ScoresDB, ScoresError

BEST_ROWS = 7
RECENT_ROWS = 7
TREND_MATCHES = 40


@dataclass(frozen=True, slots=True)
class ScoreRow:
    title: str  # the stage or chart, in words
    mode: str
    names: str  # "Ann & Bo"
    sync_percent: float | None
    team_percent: float | None
    played: str  # "2026-12-06 21:40" (UTC), "" when unknown
    strategy: str | None  # how the pair played ("mutual adaptation", "Ada led"), if recorded


@dataclass(frozen=True, slots=True)
class ScoresSummary:
    best: tuple[ScoreRow, ...] = ()
    recent: tuple[ScoreRow, ...] = ()
    trend: tuple[float, ...] = ()  # sync %, oldest first
    total: int = 0
    problem: str = ""  # why nothing could be read, if so

    @property
    def has_strategy(self) -> bool:
        return any(row.strategy for row in (*self.best, *self.recent))


def score_row(record: MatchRecord) -> ScoreRow:
    played = record.played_at.strftime("%Y-%m-%d %H:%M") if record.played_at else ""
    names = (record.players[0].name, record.players[1].name)
    strategy = strategy_phrase(record.strategy, names) if record.strategy else None
    return ScoreRow(
        title=record_title(record),
        mode=record.mode,
        names=" & ".join(player.name for player in record.players),
        sync_percent=record.sync_percent,
        team_percent=record.team_percent,
        played=played,
        strategy=strategy,
    )


def read_summary(db: ScoresDB | None) -> ScoresSummary:
    if db is None:
        return ScoresSummary(problem="scores are not saved this time (see the title's notice)")
    try:
        best = [record for mode in MATCH_MODES for record in db.bests(mode).values()]
        recent = db.matches(limit=max(RECENT_ROWS, TREND_MATCHES))
        total = db.count()
    except ScoresError as error:
        return ScoresSummary(problem=str(error))
    best.sort(key=lambda r: r.rank(), reverse=True)
    trend = [r.sync_percent for r in reversed(recent) if r.sync_percent is not None]
    return ScoresSummary(
        best=tuple(score_row(r) for r in best[:BEST_ROWS]),
        recent=tuple(score_row(r) for r in recent[:RECENT_ROWS]),
        trend=tuple(trend[-TREND_MATCHES:]),
        total=total,
    )


__all__ = ["ScoreRow", "ScoresSummary", "read_summary", "score_row"]
