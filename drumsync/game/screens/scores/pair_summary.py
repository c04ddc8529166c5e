"""What the Scores screen's pair view lists (no drawing here): the pairs of names that
played together, and one pair's matches with their sync and strategy.

The pairs start with the current players' names (from the settings) when those two have
matches; otherwise the latest pair to play comes first, and the current players' names are
still offered (with an honest empty state). Strategies are told from the first name's side
(:func:`drumsync.storage.scores_db.ScoresDB.pair_history`) and said in the results' words
(:mod:`drumsync.core.pair_words`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ....core.pair_words import headline, history_line
from ....storage.record_titles import record_title
from ....storage.scores_db import ScoresDB, ScoresError

#: The latest this many matches of the pair are plotted.
PLOT_MATCHES = 40


@dataclass(frozen=True, slots=True)
class PairRow:
    played: str  # "2026-12-06 21:40" (UTC)
    title: str
    mode: str
    sync_percent: float | None
    strategy: str | None  # mutual, first_leads, second_leads, both_lead, independent, unknown
    words: str  # the strategy as the results say it ("Ben followed Ada"), "" when unknown


@dataclass(frozen=True, slots=True)
class PairView:
    names: tuple[str, str]
    rows: tuple[PairRow, ...] = ()  # newest first
    line: str = ""  # "Ada & Ben: 12 matches, sync 71% to 88%, most often ..."
    problem: str = ""  # why nothing could be read, if so

    @property
    def plotted(self) -> tuple[PairRow, ...]:
        """The rows the plot shows, oldest first."""
        return tuple(reversed(self.rows[:PLOT_MATCHES]))


def read_pair(db: ScoresDB, names: tuple[str, str]) -> PairView:
    try:
        history = db.pair_history(*names)
    except ScoresError as error:
        return PairView(names, problem=str(error))
    rows = tuple(
        PairRow(
            played=match.played_at.strftime("%Y-%m-%d %H:%M"),
            title=record_title(match.record),
            mode=match.mode,
            sync_percent=match.sync_percent,
            strategy=match.strategy,
            words=headline(match.strategy, names) if match.strategy else "",
        )
        for match in history
    )
    oldest_first = rows[::-1]
    line = history_line(
        names, [r.sync_percent for r in oldest_first], [r.strategy for r in oldest_first]
    )
    return PairView(names, rows, line)


@dataclass
class PairBrowser:
    """The pairs Left/Right steps through, each read once when first shown."""

    db: ScoresDB | None
    choices: tuple[tuple[str, str], ...] = ()
    index: int = 0
    problem: str = ""
    _views: dict[int, PairView] = field(default_factory=dict)

    @classmethod
    def open(cls, db: ScoresDB | None, current: tuple[str, str] | None) -> PairBrowser:
        if db is None:
            return cls(None, problem="scores are not saved this time (see the title's notice)")
        try:
            pairs = [pair.names for pair in db.pairs()]
        except ScoresError as error:
            return cls(db, problem=str(error))
        others = [n for n in pairs if current is None or sorted(n) != sorted(current)]
        if current is None:
            return cls(db, tuple(others))
        if len(others) < len(pairs) or not others:
            return cls(db, (current, *others))  # the current players first
        return cls(db, (*others, current))  # they have no matches: offered last

    def current(self) -> PairView | None:
        if not self.choices:
            return None
        if self.index not in self._views:
            self._views[self.index] = read_pair(self.db, self.choices[self.index])
        return self._views[self.index]

    def step(self, delta: int) -> None:
        if self.choices:
            self.index = (self.index + delta) % len(self.choices)


__all__ = ["PLOT_MATCHES", "PairBrowser", "PairRow", "PairView", "read_pair"]
