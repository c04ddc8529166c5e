"""Opening the scores database file: checked, migrated, or moved aside when unusable.

- A file that is not a readable DrumSync database (garbage, truncated, "file is not a
  database", a foreign schema) is moved aside as ``scores.sqlite3.corrupt-<n>`` together with
  its ``-wal``/``-shm``/``-journal`` files (kept, never deleted, never overwritten) and a new
  database is started; :attr:`OpenedFile.warning` says so, for the game to show.
- A database from an older version of the game is migrated (see :mod:`.migrations`); one from
  a newer version is left alone and :class:`ScoresError` is raised.
- The connection is in WAL mode with ``synchronous=FULL`` and a busy timeout, so several
  processes can write to the same file and a committed match is never lost.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DrumSyncError
from ..core.user_file import NotRegularFileError, read_file_head
from . import migrations, paths

CORRUPT_TAG = "corrupt"
SIDE_FILES = ("-wal", "-shm", "-journal")
SQLITE_MAGIC = b"SQLite format 3\x00"


class ScoresError(DrumSyncError):
    """The scores database cannot be used (locked for too long, newer schema, disk full...)."""


class Unusable(Exception):
    """The file must be moved aside; the message says why."""


class Busy(Exception):
    """Another process held a lock SQLite would not wait for; opening may be tried again."""


@dataclass(frozen=True, slots=True)
class OpenedFile:
    """A connection ready for use, and what happened to an unusable file found in its place."""

    connection: sqlite3.Connection
    moved_to: Path | None = None
    warning: str | None = None


def open_scores_file(path: Path, busy_timeout_s: float) -> OpenedFile:
    """Connect to the database at ``path``, moving an unusable file aside for a new one."""
    try:
        return OpenedFile(connect_patiently(path, busy_timeout_s))
    except Unusable as problem:
        reason = str(problem)
    moved_to = move_aside(path)
    warning = (
        f"the scores database {path} could not be used ({reason}); it was kept as "
        f"{moved_to} and a new one was started"
    )
    try:
        return OpenedFile(connect_patiently(path, busy_timeout_s), moved_to, warning)
    except Unusable as problem:
        raise ScoresError(f"cannot start a new scores database: {problem}") from None


def connect_patiently(path: Path, busy_timeout_s: float) -> sqlite3.Connection:
    """:func:`connect`, tried again while another process holds the file busy.

    SQLite's busy timeout does not cover every lock it takes while a connection is being
    set up: two processes opening a new file at once can both hold a shared lock and want
    an exclusive one (to switch to WAL), and SQLite then fails one of them at once rather
    than deadlock. Opening again, after a short random pause, succeeds."""
    deadline = time.monotonic() + busy_timeout_s
    while True:
        try:
            return connect(path, busy_timeout_s)
        except Busy as busy:
            if time.monotonic() >= deadline:
                raise ScoresError(f"cannot use {path}: {busy}") from None
            time.sleep(random.uniform(0.005, 0.05))


def connect(path: Path, busy_timeout_s: float) -> sqlite3.Connection:
    """A checked, migrated connection; :class:`Unusable` for a file that is not ours,
    :class:`Busy` when another process holds a lock, ScoresError for anything else."""
    # A file that is not SQLite at all is never handed to SQLite: closing a connection on
    # it would delete the -wal/-shm files beside it, which we keep.
    problem = _header_problem(path)
    if problem:
        raise Unusable(problem)
    try:
        conn = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None)
    except sqlite3.Error as exc:
        raise ScoresError(f"cannot open {path}: {exc}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        # Read-only checks first: a file that is not ours is moved aside unchanged.
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise Unusable(f"integrity check failed: {check}")
        migrations.check_schema(conn)
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        migrations.migrate(conn)
        migrations.check_schema(conn)
    except migrations.NewerSchemaError as exc:
        conn.close()
        raise ScoresError(f"cannot use {path}: {exc}") from None
    except (migrations.SchemaError, Unusable) as exc:
        conn.close()
        raise Unusable(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        if _is_corruption(exc):
            raise Unusable(str(exc)) from None
        if _is_busy(exc):
            raise Busy(str(exc)) from None
        raise ScoresError(f"cannot use {path}: {exc}") from None
    return conn


def move_aside(path: Path) -> Path:
    """Move the file at ``path`` and its side files to the next free ``.corrupt-<n>`` name."""

    def taken(candidate: Path) -> bool:
        return any(os.path.lexists(f"{candidate}{suffix}") for suffix in ("", *SIDE_FILES))

    for _attempt in range(100):
        target = paths.numbered_sibling(path, CORRUPT_TAG, taken)
        try:
            paths.move_without_overwriting(path, target)
        except FileExistsError:
            continue  # another process took this name meanwhile
        except FileNotFoundError:
            break  # another process already moved it
        except OSError as exc:
            raise ScoresError(
                f"the scores database {path} is unusable and could not be moved "
                f"aside: {exc.strerror or exc}"
            ) from None
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if os.path.lexists(side):
                paths.move_without_overwriting(side, Path(f"{target}{suffix}"))
        return target
    raise ScoresError(f"the scores database {path} is unusable and was not moved aside")


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
