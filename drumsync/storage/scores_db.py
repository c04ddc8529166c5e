"""Every finished match, in SQLite, never lost.

- Each ``record_match`` is one ``BEGIN IMMEDIATE`` transaction in WAL mode with
  ``synchronous=FULL``: a process killed at any moment loses no match whose ``record_match``
  returned, and a busy timeout lets several processes write to the same file.
- Opening checks the file, migrates an older one and moves an unusable one aside for a new
  one (:mod:`.scores_file`); :attr:`ScoresDB.warnings` says so, for the game to show.
- A row that cannot be read is skipped, reported in :attr:`ScoresDB.warnings` and left in the
  file; a match is a :class:`~.match_records.MatchRecord`, stored as a row by :mod:`.match_rows`.

"Best" for a stage-or-chart key and a mode is the highest team percent, then team score, then
the players' summed score, the earliest such match winning ties.

Player names are remembered in the settings (``players.pN.name``); each match row keeps the
names it was played under.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from . import pair_history, paths
from .match_records import MatchRecord, PlayerResult
from .match_rows import INSERT_COLUMNS, UNREADABLE, record_of, row_of, unreadable_reason
from .scores_file import ScoresError, open_scores_file

DEFAULT_BUSY_TIMEOUT_S = 15.0

_BEST_ORDER = (
    "m.team_percent DESC, m.team_score DESC, "
    "(COALESCE(m.p1_score, 0) + COALESCE(m.p2_score, 0)) DESC, m.played_at ASC, m.id ASC"
)


class ScoresDB:
    """The scores database (default: ``scores.sqlite3`` in the user data dir).

    ``clock`` gives the time of a match recorded without ``played_at`` (UTC-aware datetime).
    After opening, ``warnings`` holds a line for each problem the player should be told of.
    """

    def __init__(
        self,
        path: str | os.PathLike | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    ) -> None:
        self.path = Path(path) if path is not None else paths.scores_path()
        self.warnings: list[str] = []
        #: Ids of rows that could not be read (skipped, reported in ``warnings``, kept).
        self.skipped_ids: set[int] = set()
        self.moved_to: Path | None = None
        self._clock = clock or (lambda: datetime.now(UTC))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ScoresError(f"cannot create {self.path.parent}: {exc.strerror or exc}") from None
        opened = open_scores_file(self.path, busy_timeout_s)
        self._conn = opened.connection
        self.moved_to = opened.moved_to
        if opened.warning is not None:
            self.warnings.append(opened.warning)

    # writing

    @contextmanager
    def _transaction(self):
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise ScoresError(f"cannot write to {self.path}: {exc}") from None
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise ScoresError(f"cannot write to {self.path}: {exc}") from None
            raise

    def record_match(self, record: MatchRecord) -> int:
        """Store one match (one transaction); returns its id. Committed when this returns."""
        if not isinstance(record, MatchRecord):
            raise TypeError("record_match needs a MatchRecord")
        played_at = record.played_at or self._clock().astimezone(UTC)
        row = row_of(record, played_at)
        placeholders = ", ".join("?" for _ in INSERT_COLUMNS)
        with self._transaction() as conn:
            cursor = conn.execute(
                f"INSERT INTO matches ({', '.join(INSERT_COLUMNS)}) VALUES ({placeholders})", row
            )
            match_id = int(cursor.lastrowid)
            coordination_row = pair_history.coordination_row(match_id, record)
            if coordination_row is not None:
                conn.execute(pair_history.INSERT_SQL, coordination_row)
            return match_id

    # reading

    def matches(self, limit: int | None = None, mode: str | None = None) -> list[MatchRecord]:
        """Recorded matches, newest first."""
        if limit is not None and (isinstance(limit, bool) or limit < 0):
            raise ValueError("limit must be 0 or more")
        sql = pair_history.SELECT_WITH_COORDINATION
        args: list = []
        if mode is not None:
            sql += " WHERE m.mode = ?"
            args.append(mode)
        sql += " ORDER BY m.played_at DESC, m.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(int(limit))
        return self._records(self._query(sql, args))

    def pair_history(
        self, name_a: str, name_b: str, limit: int | None = None
    ) -> list[pair_history.PairMatch]:
        """The matches ``name_a`` and ``name_b`` played together (either side), newest first,
        with sync and strategy told from ``name_a``'s side. Unreadable rows are skipped and
        reported in :attr:`warnings`, as everywhere."""
        sql, args = pair_history.pair_query(name_a, name_b)
        max_rows = None if limit is None else max(0, int(limit))
        records = self._query(sql, args, max_rows=max_rows) if max_rows != 0 else []
        return [pair_history.pair_match(record, name_a) for record in records]

    def pairs(self) -> list[pair_history.Pair]:
        """Every pair of names that played together, the latest to play first."""
        return pair_history.pairs(self._query(pair_history.PAIRS_SQL, ()))

    def count(self) -> int:
        return int(self._query("SELECT count(*) FROM matches", ())[0][0])

    def get(self, match_id: int) -> MatchRecord | None:
        sql = f"{pair_history.SELECT_WITH_COORDINATION} WHERE m.id = ?"
        records = self._records(self._query(sql, (int(match_id),)))
        return records[0] if records else None

    def best(self, mode: str, key: str, exclude_id: int | None = None) -> MatchRecord | None:
        """The best match for a stage id or chart hash in a mode, or None."""
        rows = self._query(
            f"{pair_history.SELECT_WITH_COORDINATION} "
            "WHERE m.mode = ? AND m.chart_key = ? AND m.id IS NOT ? "
            f"ORDER BY {_BEST_ORDER}",
            (mode, key, exclude_id),
            max_rows=1,
        )
        return rows[0] if rows else None

    def bests(self, mode: str) -> dict[str, MatchRecord]:
        """The best match of every stage-or-chart key played in ``mode`` (for the tour list)."""
        best: dict[str, MatchRecord] = {}
        for record in self._query(
            f"{pair_history.SELECT_WITH_COORDINATION} WHERE m.mode = ? "
            f"ORDER BY m.chart_key, {_BEST_ORDER}",
            (mode,),
            max_rows=None,
        ):
            best.setdefault(record.key, record)
        return best

    def is_new_best(self, record: MatchRecord, exclude_id: int | None = None) -> bool:
        """True if ``record`` beats every other match of its key and mode (ties do not).

        Call it before ``record_match``, or after with ``exclude_id`` = the id it returned.
        """
        current = self.best(record.mode, record.key, exclude_id=exclude_id)
        return current is None or record.rank() > current.rank()

    def _query(self, sql: str, args, max_rows: int | bool | None = False):
        """Rows of ``sql`` (``max_rows`` False), or up to ``max_rows`` readable records
        (None: all), skipping rows that fail validation (see :meth:`_records`)."""
        try:
            cursor = self._conn.execute(sql, tuple(args))
            cursor.row_factory = sqlite3.Row
            if max_rows is False:
                return cursor.fetchall()
            records: list[MatchRecord] = []
            while max_rows is None or len(records) < max_rows:
                batch = cursor.fetchmany(256)
                if not batch:
                    break
                records.extend(self._records(batch))
            return records if max_rows is None else records[:max_rows]
        except sqlite3.Error as exc:
            raise ScoresError(f"cannot read {self.path}: {exc}") from None

    def _records(self, rows) -> list[MatchRecord]:
        """The rows as records; a row that fails validation is skipped, left in the file, and
        reported once in :attr:`warnings` and :attr:`skipped_ids`."""
        records = []
        for row in rows:
            try:
                records.append(record_of(row))
            except UNREADABLE as exc:
                row_id = row["id"]
                if row_id not in self.skipped_ids:
                    self.skipped_ids.add(row_id)
                    self.warnings.append(
                        f"match #{row_id} in {self.path.name} skipped ({unreadable_reason(exc)}); "
                        "it is kept in the file"
                    )
        return records

    # lifetime

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ScoresDB:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


__all__ = [
    "DEFAULT_BUSY_TIMEOUT_S",
    "MatchRecord",  # the records are this module's currency, and imported from here
    "PlayerResult",
    "ScoresDB",
    "ScoresError",
]
