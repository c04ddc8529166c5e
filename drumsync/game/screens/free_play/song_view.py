"""Free play's "Songs" side: the library list (scanned in the background), and the chart of
the chosen song, imported when the choice settles and kept for the summary and preview.

A song without a chart (an audio file) gets one made on request: ``make(args)`` analyses it
in the background (:mod:`...match.song_chart_job`) with the generator side's style, level,
parts and seed; the progress shows in the preview panel, and the made chart is then the
song's chart (kept in the data folder, found again next time). When its beat is off, the
player corrects it: Left/Right move the first downbeat, F7 taps the tempo."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np
import pygame

from ....core.chart import Chart
from ....core.errors import DrumSyncError
from ....core.importers import load_any_chart
from ....songmaker.corrections import Correction
from ...match.song_chart_job import SongChartJob, made_chart_path
from ...match.song_library import SongLibrary
from ...runtime import theme
from ...runtime.text import TextCache
from .song_list import SongList

TAPS = 5  # taps (four beat lengths) for a tempo
TAP_GAP_S = 2.0  # a longer pause starts the taps again
REFRESH_S = 0.5  # while a scan runs, the list re-reads the index this often
CACHE_CHARTS = 8


class SongView:
    def __init__(self, library: SongLibrary) -> None:
        self.library = library
        self.list = SongList()
        self._cache: OrderedDict[str, Chart] = OrderedDict()
        self._read_s = -1e9
        self._complete = False  # the list was read after the last scan ended
        self.job: SongChartJob | None = None
        self._taps: list[float] = []

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

    def chart_file(self, args: dict) -> str | None:
        """The file that plays the chosen song: itself, or the chart made for it (if made)."""
        entry = self.list.current
        if entry is None or not entry.readable:
            return None
        if not entry.needs_chart:
            return entry.path
        made = made_chart_path(entry.path, args)
        return str(made) if made.is_file() else None

    def make(self, args: dict, change=None) -> bool:
        """Start making a chart for the chosen song (after applying ``change`` to its stored
        correction); False if one is being made already."""
        entry = self.list.current
        if entry is None or not entry.needs_chart or self.making:
            return False
        self.job = SongChartJob(entry.path, args, change=change).start()
        return True

    def correct(self, event: Any, stamp_s: float, args: dict) -> str | None:
        """Left/Right move the first downbeat by a beat, F7 taps the tempo (five taps); both
        make the chart again. A status message when the key was one of them, else None."""
        entry = self.list.current
        if event.type != pygame.KEYDOWN or entry is None or not entry.needs_chart:
            return None
        if self.chart_file(args) is None or self.making:
            return None
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            beats = 1 if event.key == pygame.K_RIGHT else -1
            self.make(args, change=lambda c: c.shifted(beats))
            return f"Moving the first downbeat one beat {'later' if beats > 0 else 'earlier'}…"
        if event.key != pygame.K_F7:
            return None
        if self._taps and stamp_s - self._taps[-1] > TAP_GAP_S:
            self._taps = []
        self._taps.append(stamp_s)
        if len(self._taps) < TAPS:
            return f"Tap the beat with F7: {TAPS - len(self._taps)} more"
        bpm = 60.0 / float(np.median(np.diff(self._taps)))
        self._taps = []
        try:
            Correction().tapped(bpm)
        except ValueError as exc:
            return str(exc)
        self.make(args, change=lambda c: c.tapped(bpm))
        return f"Finding the beat again near your {bpm:.0f} BPM…"

    @property
    def making(self) -> bool:
        return self.job is not None and not self.job.finished

    def finished_job(self) -> SongChartJob | None:
        """The job that has just finished (once), else None."""
        if self.job is None or not self.job.finished:
            return None
        job, self.job = self.job, None
        self._cache.pop(str(job.target), None)  # made again: read it anew
        return job

    def job_report(self) -> tuple[str, bool] | None:
        """(status message, is it a problem) once a job has finished, else None."""
        job = self.finished_job()
        if job is None:
            return None
        if job.error:
            return f"No chart: {job.error}", True
        if job.notice:
            return f"Chart made; {job.notice} (Left/Right, F7)", True
        return "Chart made: Enter plays it", False

    def hint(self, chart_shown: bool) -> str | None:
        """The footer hint for a song without a chart of its own, else None."""
        entry = self.list.current
        if entry is None or not entry.needs_chart:
            return None
        if not chart_shown:
            return "Enter: make a chart for this song (style, level, seed: generator side)."
        return "Beat off? Left/Right: move the first downbeat.  F7 x5: tap the tempo."

    def chart(self, args: dict) -> tuple[Chart | None, str]:
        """The chosen song's chart, or None and the reason."""
        entry = self.list.current
        if entry is None:
            return None, "no song chosen"
        if not entry.readable:
            return None, entry.error
        path = self.chart_file(args)
        if path is None:
            return None, "no chart yet: Enter makes one in the generator's style and level"
        chart = self._cache.get(path)
        if chart is None:
            try:
                chart = load_any_chart(path)
            except DrumSyncError as exc:
                return None, str(exc)
            self._cache[path] = chart
            if len(self._cache) > CACHE_CHARTS:
                self._cache.popitem(last=False)
        return chart, ""

    def draw_job(self, canvas: pygame.Surface, text: TextCache, rect: pygame.Rect) -> None:
        """The making of a chart: what it is doing and a progress bar."""
        job = self.job
        if job is None:
            return
        name = job.song.rsplit("/", 1)[-1][:40]
        text.blit(canvas, f"Making a chart for {name}: {job.label}…", theme.FONT_SMALL,
                  theme.TEXT, (rect.centerx, rect.centery - 18), "center")  # fmt: skip
        bar = pygame.Rect(0, 0, rect.width * 2 // 3, 10)
        bar.center = (rect.centerx, rect.centery + 12)
        pygame.draw.rect(canvas, theme.LANE_DARK, bar, border_radius=5)
        fill = bar.copy()
        fill.width = max(6, round(bar.width * job.fraction))
        pygame.draw.rect(canvas, theme.OI_SKY, fill, border_radius=5)

    def draw(self, canvas: pygame.Surface, text: TextCache, rect: pygame.Rect) -> None:
        done, total = self.library.progress
        self.list.draw(canvas, text, rect, (done, total, self.library.scanning),
                       self.empty_lines())  # fmt: skip

    def empty_lines(self) -> list[str]:
        """What the list says with no song to show (where songs go, when there are none)."""
        return self.list.empty_lines(self.library.problem, str(self.library.folders[0]))


__all__ = ["SongView"]
