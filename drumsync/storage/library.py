"""The song library's index: one SQLite row per song file found in the song folders.

A row holds what the list shows (title, artist, tempo range, length, rating, format, course,
note count, the chart's hash) or, for a file that cannot be imported, the reason. Rows are
keyed by path and remember the file's size and modification time, so a rescan imports only
what changed. The index is derived data: a file that is not a readable index is moved aside
(``library.sqlite3.corrupt-<n>``) and the library is scanned anew.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ..core.errors import DrumSyncError
from . import paths

SCHEMA_VERSION = 1
CORRUPT_TAG = "corrupt"


class LibraryError(DrumSyncError):
    """The library index cannot be used (e.g. its folder cannot be written)."""


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One song file: what the list shows about it, or why it cannot be read."""

    path: str
    size: int
    mtime_ns: int
    source_format: str = ""
    title: str = ""
    artist: str = ""
    bpm_min: float = 0.0
    bpm_max: float = 0.0
    length_s: float = 0.0
    rating: float = 0.0
    notes: int = 0
    course: str = ""
    chart_hash: str = ""
    audio: str = ""
    error: str = ""

    @property
    def readable(self) -> bool:
        return not self.error

    @property
    def needs_chart(self) -> bool:
        """An audio file without a chart: free play can make one for it."""
        return self.source_format == "audio" and not self.error

    @property
    def tempo_text(self) -> str:
        if self.needs_chart:
            return "no chart yet"
        low, high = round(self.bpm_min), round(self.bpm_max)
        return f"{low} BPM" if low == high else f"{low}-{high} BPM"

    def matches(self, words: str) -> bool:
        """Whether every word of ``words`` is in the title, artist, format or file name."""
        text = f"{self.title} {self.artist} {self.source_format} {Path(self.path).name}".lower()
        return all(word in text for word in words.lower().split())

    def to_json(self) -> dict:
        return asdict(self)


COLUMNS = tuple(f.name for f in fields(LibraryEntry))
_CREATE = """CREATE TABLE IF NOT EXISTS songs (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, source_format TEXT, title TEXT,
    artist TEXT, bpm_min REAL, bpm_max REAL, length_s REAL, rating REAL, notes INTEGER,
    course TEXT, chart_hash TEXT, audio TEXT, error TEXT)"""


class LibraryIndex:
    """The index file; one per thread (SQLite connections stay in their thread)."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else paths.library_path()
        self.warnings: list[str] = []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except (OSError, sqlite3.Error) as exc:
            raise LibraryError(f"{self.path}: cannot open the song index: {exc}") from None

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            aside = paths.numbered_sibling(self.path, CORRUPT_TAG)
            os.replace(self.path, aside)
            self.warnings.append(f"the song index was unreadable ({exc}); kept as {aside.name}")
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=15.0)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"unknown index version {version}")
            db.execute(_CREATE)
            columns = [row[1] for row in db.execute("PRAGMA table_info(songs)")]
            if tuple(columns) != COLUMNS:
                raise sqlite3.DatabaseError("the index has other columns")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def entries(self) -> list[LibraryEntry]:
        """Every song, readable ones first, by title."""
        rows = self._db.execute(
            f"SELECT {', '.join(COLUMNS)} FROM songs "
            "ORDER BY error != '', lower(title), lower(path)"
        ).fetchall()
        return [LibraryEntry(*row) for row in rows]

    def stamps(self) -> dict[str, tuple[int, int]]:
        """path -> (size, mtime_ns) of every indexed file."""
        return {p: (s, m) for p, s, m in self._db.execute("SELECT path, size, mtime_ns FROM songs")}

    def put(self, entries: list[LibraryEntry]) -> None:
        marks = ", ".join("?" * len(COLUMNS))
        with self._db:
            self._db.executemany(
                f"INSERT OR REPLACE INTO songs ({', '.join(COLUMNS)}) VALUES ({marks})",
                [tuple(getattr(e, c) for c in COLUMNS) for e in entries],
            )

    def remove(self, paths_gone: list[str]) -> None:
        with self._db:
            self._db.executemany("DELETE FROM songs WHERE path = ?", [(p,) for p in paths_gone])

    def close(self) -> None:
        self._db.close()


__all__ = ["LibraryEntry", "LibraryError", "LibraryIndex"]
