"""Free play's "Songs" side: the library list (scanned in the background), and the chart of
the chosen song, imported when the choice settles and kept for the summary and preview."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pygame

from ....core.chart import Chart
from ....core.errors import DrumSyncError
from ....core.importers import load_any_chart
from ...match.song_library import SongLibrary
from ...runtime.text import TextCache
from .song_list import SongList

REFRESH_S = 0.5  # while a scan runs, the list re-reads the index this often
CACHE_CHARTS = 8


class SongView:
    def __init__(self, library: SongLibrary) -> None:
        self.library = library
        self.list = SongList()
        self._cache: OrderedDict[str, Chart] = OrderedDict()
        self._read_s = -1e9
        self._complete = False  # the list was read after the last scan ended

    def open(self, now_s: float) -> None:
        """Each look at the songs scans the folders again (only new or changed files are
        read, so an unchanged library takes milliseconds); the list shows the index at once."""
        self.library.start_scan()
        self._reload(now_s)

    def rescan(self, now_s: float) -> None:
        self.library.start_scan()
        self._reload(now_s)

    def _reload(self, now_s: float) -> None:
        scanning = self.library.scanning
        self.list.set_entries(self.library.entries())
        self._read_s = now_s
        self._complete = not scanning

    def update(self, now_s: float) -> bool:
        """Re-read the index while scanning and once when the scan ends; True if it did."""
        scanning = self.library.scanning
        if (scanning and now_s - self._read_s >= REFRESH_S) or not (scanning or self._complete):
            self._reload(now_s)
            return True
        return False

    def handle(self, event: Any) -> str | None:
        return self.list.handle(event)

    def chart(self) -> tuple[Chart | None, str]:
        """The chosen song's chart, or None and the reason."""
        entry = self.list.current
        if entry is None:
            return None, "no song chosen"
        if not entry.readable:
            return None, entry.error
        chart = self._cache.get(entry.path)
        if chart is None:
            try:
                chart = load_any_chart(entry.path)
            except DrumSyncError as exc:
                return None, str(exc)
            self._cache[entry.path] = chart
            if len(self._cache) > CACHE_CHARTS:
                self._cache.popitem(last=False)
        return chart, ""

    def draw(self, canvas: pygame.Surface, text: TextCache, rect: pygame.Rect) -> None:
        done, total = self.library.progress
        self.list.draw(canvas, text, rect, (done, total, self.library.scanning),
                       self.empty_lines())  # fmt: skip

    def empty_lines(self) -> list[str]:
        """What the list says with no song to show (where songs go, when there are none)."""
        return self.list.empty_lines(self.library.problem, str(self.library.folders[0]))


__all__ = ["SongView"]
