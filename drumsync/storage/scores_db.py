"""Every finished match, in SQLite, never lost.

- Each ``record_match`` is one ``BEGIN IMMEDIATE`` transaction in WAL mode with
  ``synchronous=FULL``: a process killed at any moment loses no match whose ``record_match``
  returned, and a busy timeout lets several processes write to the same file.
- A file that is not a readable DrumSync database (garbage, truncated, "file is not a
  database", a foreign schema) is moved aside as ``scores.sqlite3.corrupt-<n>`` together with
  its ``-wal``/``-shm``/``-journal`` files (kept, never deleted, never overwritten) and a new
  database is started; :attr:`ScoresDB.warnings` says so, for the game to show.
- A database from an older version of the game is migrated (see :mod:`.migrations`); one from
  a newer version is left alone and :class:`ScoresError` is raised.

"Best" for a stage-or-chart key and a mode is the highest team percent, then team score, then
the players' summed score, the earliest such match winning ties.

Player names are remembered in the settings (``players.pN.name``); each match row keeps the
names it was played under.
"""

from __future__ import annotations

import json
import math
import os
import random
import sqlite3
import time
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..core.errors import DrumSyncError
from ..core.text import unsafe_text_reason
from ..core.user_file import NotRegularFileError, read_file_head
from ..core.voices import PLAYERS
from . import migrations, pair_history, paths

CORRUPT_TAG = "corrupt"
SIDE_FILES = ("-wal", "-shm", "-journal")
DEFAULT_BUSY_TIMEOUT_S = 15.0
MAX_TEXT_CHARS = 1000


class ScoresError(DrumSyncError):
    """The scores database cannot be used (locked for too long, newer schema, disk full...)."""


# --- records -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlayerResult:
    """One player's result in a match. Fields other than the name are None when unknown
    (matches migrated from the first schema kept only the score)."""

    name: str
    score: int | None = None
    accuracy_percent: float | None = None
    grade: str | None = None
    max_combo: int | None = None
    detail: Mapping | None = None

    def __post_init__(self) -> None:
        _text(self.name, "player name")
        _optional_int(self.score, "score")
        _optional_float(self.accuracy_percent, "accuracy")
        if self.grade is not None:
            _text(self.grade, "grade")
        _optional_int(self.max_combo, "max combo")

    @classmethod
    def from_report(
        cls, name: str, player_json: Mapping, devices: tuple[str, ...] = ()
    ) -> PlayerResult:
        """From one entry of ``MatchReport.to_json()["players"]``; ``devices`` (what the
        player played on: "keyboard", a kit's name) is kept with the detail."""
        detail = dict(player_json)
        if devices:
            detail["devices"] = [str(d) for d in devices]
        return cls(
            name=name,
            score=player_json.get("score"),
            accuracy_percent=player_json.get("accuracy"),
            grade=player_json.get("grade"),
            max_combo=player_json.get("max_combo"),
            detail=detail,
        )

    @property
    def devices(self) -> tuple[str, ...]:
        """The devices the player's hits came from (empty when not recorded)."""
        found = (self.detail or {}).get("devices")
        if not isinstance(found, list):
            return ()
        return tuple(d for d in found if isinstance(d, str))

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "score": self.score,
            "accuracy": self.accuracy_percent,
            "grade": self.grade,
            "max_combo": self.max_combo,
            "devices": list(self.devices),
        }


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """One finished match. ``played_at`` None means "now" (the database's clock) when recorded.

    ``key`` (what best scores group by) is the tour stage id when there is one, else the chart
    hash. ``id`` is set on records read back from the database.
    """

    mode: str
    chart_hash: str
    players: tuple[PlayerResult, PlayerResult]
    sync_percent: float | None = None
    team_percent: float | None = None
    team_score: int | None = None
    stage_id: str | None = None
    generator_args: Mapping | None = None
    played_at: datetime | None = None
    replay_path: str | None = None
    id: int | None = None
    coordination: Mapping | None = None  # the report's sync.coordination (JSON-ready)

    def __post_init__(self) -> None:
        _text(self.mode, "mode")
        _text(self.chart_hash, "chart hash")
        if self.stage_id is not None:
            _text(self.stage_id, "stage id")
        players = tuple(self.players)
        if len(players) != len(PLAYERS) or not all(isinstance(p, PlayerResult) for p in players):
            raise ValueError("a match record needs one PlayerResult per player")
        object.__setattr__(self, "players", players)
        _optional_float(self.sync_percent, "sync percent")
        _optional_float(self.team_percent, "team percent")
        _optional_int(self.team_score, "team score")
        if self.played_at is not None:
            if not isinstance(self.played_at, datetime) or self.played_at.tzinfo is None:
                raise ValueError("played_at must be a datetime with a time zone")
            object.__setattr__(self, "played_at", self.played_at.astimezone(UTC))
        if self.replay_path is not None:
            object.__setattr__(self, "replay_path", _text(os.fspath(self.replay_path), "path"))
        if self.generator_args is not None:
            try:
                json.dumps(dict(self.generator_args))
            except (TypeError, ValueError):
                raise ValueError("generator_args must be a JSON-ready mapping") from None

    @property
    def key(self) -> str:
        return self.stage_id if self.stage_id is not None else self.chart_hash

    @property
    def total_score(self) -> int:
        return sum(p.score or 0 for p in self.players)

    def rank(self) -> tuple[float, float, int]:
        """Sort key of "better" (higher is better), matching the database's ordering."""
        return (
            -math.inf if self.team_percent is None else self.team_percent,
            -math.inf if self.team_score is None else self.team_score,
            self.total_score,
        )

    @classmethod
    def from_report(
        cls,
        report,
        *,
        mode: str,
        chart_hash: str,
        names: tuple[str, str],
        generator_args: Mapping | None = None,
        stage_id: str | None = None,
        replay_path: str | os.PathLike | None = None,
        played_at: datetime | None = None,
        devices: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
    ) -> MatchRecord:
        """From a ``MatchReport`` (or its ``to_json()`` dict) and what the report cannot know."""
        data = report.to_json() if hasattr(report, "to_json") else report
        team = data.get("team") or {}
        return cls(
            mode=mode,
            chart_hash=chart_hash,
            players=tuple(
                PlayerResult.from_report(name, player, used)
                for name, player, used in zip(names, data["players"], devices, strict=True)
            ),
            sync_percent=(data.get("sync") or {}).get("percent"),
            team_percent=team.get("percent"),
            team_score=team.get("score"),
            stage_id=stage_id,
            generator_args=generator_args,
            played_at=played_at,
            replay_path=None if replay_path is None else os.fspath(replay_path),
            coordination=(data.get("sync") or {}).get("coordination"),
        )

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "played_at": None if self.played_at is None else self.played_at.isoformat(),
            "mode": self.mode,
            "key": self.key,
            "stage_id": self.stage_id,
            "chart_hash": self.chart_hash,
            "generator_args": None if self.generator_args is None else dict(self.generator_args),
            "players": [p.to_json() for p in self.players],
            "sync_percent": self.sync_percent,
            "team_percent": self.team_percent,
            "team_score": self.team_score,
            "replay_path": self.replay_path,
            "strategy": self.strategy,
        }

    @property
    def strategy(self) -> str | None:
        """How the pair played together (``mutual``, ``p1_leads``...), None when unknown."""
        return None if self.coordination is None else self.coordination.get("strategy")


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_TEXT_CHARS:
        raise ValueError(f"{what} must be non-empty text of at most {MAX_TEXT_CHARS} characters")
    problem = unsafe_text_reason(value)  # it is shown on screen and printed by `scores`
    if problem is not None:
        raise ValueError(f"{what} {problem}")
    return value


def _optional_int(value: object, what: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"{what} must be a whole number or None, got {value!r}")


def _optional_float(value: object, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number or None, got {value!r}")


# --- the database --------------------------------------------------------------------------

_INSERT_COLUMNS = migrations.MATCH_COLUMNS[1:]  # all but id
_BEST_ORDER = (
    "m.team_percent DESC, m.team_score DESC, "
    "(COALESCE(m.p1_score, 0) + COALESCE(m.p2_score, 0)) DESC, m.played_at ASC, m.id ASC"
)


class _Unusable(Exception):
    """The file must be moved aside; the message says why."""


class _Busy(Exception):
    """Another process held a lock SQLite would not wait for; opening may be tried again."""


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
        self._busy_timeout_s = busy_timeout_s
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ScoresError(f"cannot create {self.path.parent}: {exc.strerror or exc}") from None
        self._conn = self._open()

    # opening

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect_patiently()
        except _Unusable as problem:
            reason = str(problem)
        self.moved_to = self._move_aside()
        self.warnings.append(
            f"the scores database {self.path} could not be used ({reason}); it was kept as "
            f"{self.moved_to} and a new one was started"
        )
        try:
            return self._connect_patiently()
        except _Unusable as problem:
            raise ScoresError(f"cannot start a new scores database: {problem}") from None

    def _connect_patiently(self) -> sqlite3.Connection:
        """``_connect``, tried again while another process holds the file busy.

        SQLite's busy timeout does not cover every lock it takes while a connection is being
        set up: two processes opening a new file at once can both hold a shared lock and want
        an exclusive one (to switch to WAL), and SQLite then fails one of them at once rather
        than deadlock. Opening again, after a short random pause, succeeds."""
        deadline = time.monotonic() + self._busy_timeout_s
        while True:
            try:
                return self._connect()
            except _Busy as busy:
                if time.monotonic() >= deadline:
                    raise ScoresError(f"cannot use {self.path}: {busy}") from None
                time.sleep(random.uniform(0.005, 0.05))

    def _connect(self) -> sqlite3.Connection:
        # A file that is not SQLite at all is never handed to SQLite: closing a connection on
        # it would delete the -wal/-shm files beside it, which we keep.
        problem = _header_problem(self.path)
        if problem:
            raise _Unusable(problem)
        try:
            conn = sqlite3.connect(self.path, timeout=self._busy_timeout_s, isolation_level=None)
        except sqlite3.Error as exc:
            raise ScoresError(f"cannot open {self.path}: {exc}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_s * 1000)}")
            # Read-only checks first: a file that is not ours is moved aside unchanged.
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise _Unusable(f"integrity check failed: {check}")
            migrations.check_schema(conn)
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            migrations.migrate(conn)
            migrations.check_schema(conn)
        except migrations.NewerSchemaError as exc:
            conn.close()
            raise ScoresError(f"cannot use {self.path}: {exc}") from None
        except (migrations.SchemaError, _Unusable) as exc:
            conn.close()
            raise _Unusable(str(exc)) from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            if _is_corruption(exc):
                raise _Unusable(str(exc)) from None
            if _is_busy(exc):
                raise _Busy(str(exc)) from None
            raise ScoresError(f"cannot use {self.path}: {exc}") from None
        return conn

    def _move_aside(self) -> Path:
        def taken(candidate: Path) -> bool:
            return any(os.path.lexists(f"{candidate}{suffix}") for suffix in ("", *SIDE_FILES))

        for _attempt in range(100):
            target = paths.numbered_sibling(self.path, CORRUPT_TAG, taken)
            try:
                paths.move_without_overwriting(self.path, target)
            except FileExistsError:
                continue  # another process took this name meanwhile
            except FileNotFoundError:
                break  # another process already moved it
            except OSError as exc:
                raise ScoresError(
                    f"the scores database {self.path} is unusable and could not be moved "
                    f"aside: {exc.strerror or exc}"
                ) from None
            for suffix in SIDE_FILES:
                side = Path(f"{self.path}{suffix}")
                if os.path.lexists(side):
                    paths.move_without_overwriting(side, Path(f"{target}{suffix}"))
            return target
        raise ScoresError(f"the scores database {self.path} is unusable and was not moved aside")

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
        row = _row(record, played_at)
        placeholders = ", ".join("?" for _ in _INSERT_COLUMNS)
        with self._transaction() as conn:
            cursor = conn.execute(
                f"INSERT INTO matches ({', '.join(_INSERT_COLUMNS)}) VALUES ({placeholders})", row
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
                records.append(_record(row))
            except (ValueError, TypeError, KeyError, RecursionError, OverflowError) as exc:
                row_id = row["id"]
                if row_id not in self.skipped_ids:
                    self.skipped_ids.add(row_id)
                    self.warnings.append(
                        f"match #{row_id} in {self.path.name} skipped ({_reason(exc)}); "
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


SQLITE_MAGIC = b"SQLite format 3\x00"


def _header_problem(path: Path) -> str | None:
    """Why ``path`` is certainly not a SQLite database, or None (missing and empty are fine)."""
    try:
        head = read_file_head(path, len(SQLITE_MAGIC))
    except FileNotFoundError:
        return None
    except NotRegularFileError as exc:
        if "directory" in (exc.strerror or ""):
            return "it is a directory"
        raise ScoresError(f"cannot use {path}: {exc.strerror}") from None
    except OSError as exc:
        raise ScoresError(f"cannot read {path}: {exc.strerror or exc}") from None
    if head and head != SQLITE_MAGIC:
        return "file is not a database"
    return None


def _is_busy(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return "locked" in str(exc) or "busy" in str(exc)
    return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return "not a database" in str(exc) or "malformed" in str(exc)
    return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _json_or_none(value: Mapping | None) -> str | None:
    return None if value is None else json.dumps(dict(value), sort_keys=True)


def _row(record: MatchRecord, played_at: datetime) -> tuple:
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
    return tuple(values[column] for column in _INSERT_COLUMNS)


def _record(row: sqlite3.Row) -> MatchRecord:
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


def _reason(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply"
    lines = str(exc).splitlines()
    return (lines[0][:100] if lines else "") or type(exc).__name__
