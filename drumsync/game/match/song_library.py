"""The song library as the game sees it: a background scan of the song folders (started the
first time free play opens, and again on request) and the index's entries once it is done.
No pygame here."""

from __future__ import annotations

import contextlib
from pathlib import Path

from ...storage import paths
from ...storage.library import LibraryEntry, LibraryError, LibraryIndex
from ...storage.library_scan import BackgroundScan, library_folders


class SongLibrary:
    def __init__(self, extra_folders=(), index_path: Path | None = None) -> None:
        self.folders = library_folders(extra_folders)
        self.index_path = index_path or paths.library_path()
        self.scan: BackgroundScan | None = None
        self.problem = ""
        self._entries: list[LibraryEntry] | None = None

    def start_scan(self) -> None:
        """Scan in the background (one scan at a time); ``entries`` reloads when it ends."""
        if self.scan is not None and not self.scan.finished:
            return
        with contextlib.suppress(OSError):  # the folder to drop songs in
            self.folders[0].mkdir(parents=True, exist_ok=True)
        self.scan = BackgroundScan(self.index_path, self.folders).start()
        self._entries = None

    @property
    def scanning(self) -> bool:
        return self.scan is not None and not self.scan.finished

    @property
    def progress(self) -> tuple[int, int]:
        return (self.scan.done, self.scan.total) if self.scan is not None else (0, 0)

    def entries(self) -> list[LibraryEntry]:
        """The indexed songs (what is known so far while a scan runs)."""
        if self._entries is not None and not self.scanning:
            return self._entries
        try:
            index = LibraryIndex(self.index_path)
        except LibraryError as exc:
            self.problem = str(exc)
            return []
        try:
            entries = index.entries()
        finally:
            index.close()
        if self.scan is not None and self.scan.error:
            self.problem = f"the song scan stopped: {self.scan.error}"
        if not self.scanning:
            self._entries = entries
        return entries

    def close(self) -> None:
        if self.scan is not None:
            self.scan.stop()


__all__ = ["SongLibrary"]
