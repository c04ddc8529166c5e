"""Free play's song list: the library's songs (title, artist, tempo, length, rating, format),
filtered by typing, with the scan's progress bar; unreadable files are listed with their
reason. Keys: type to filter, Backspace, Up/Down/Page keys to choose, Enter to play, Esc
clears the filter (then goes back)."""

from __future__ import annotations

from typing import Any

import pygame

from ....storage.library import LibraryEntry
from ...runtime import theme
from ...runtime.text import TextCache
from ...widgets.chart_preview import rating_colour
from ...widgets.header import clock_text
from ...widgets.text_fit import fit_text, fitted

ROW_H = 30
MAX_FILTER_CHARS = 40


class SongList:
    def __init__(self) -> None:
        self.entries: list[LibraryEntry] = []
        self.filter = ""
        self.selected = 0
        self.top = 0
        self._shown: tuple[str, list[LibraryEntry]] | None = None  # (filter, entries shown)

    # -- content ----------------------------------------------------------------------------
    def set_entries(self, entries: list[LibraryEntry]) -> None:
        chosen = self.current
        self.entries = list(entries)
        self._shown = None
        self._keep_selection(chosen)

    @property
    def shown(self) -> list[LibraryEntry]:
        """The entries the filter lets through (worked out once per filter and list)."""
        if self._shown is None or self._shown[0] != self.filter:
            shown = (
                [e for e in self.entries if e.matches(self.filter)] if self.filter else self.entries
            )
            self._shown = (self.filter, shown)
        return self._shown[1]

    @property
    def current(self) -> LibraryEntry | None:
        shown = self.shown
        return shown[self.selected] if 0 <= self.selected < len(shown) else None

    def _keep_selection(self, chosen: LibraryEntry | None) -> None:
        shown = self.shown
        paths = [e.path for e in shown]
        self.selected = paths.index(chosen.path) if chosen and chosen.path in paths else 0
        self.selected = min(self.selected, max(0, len(shown) - 1))

    # -- input ------------------------------------------------------------------------------
    def handle(self, event: Any) -> str | None:
        """``"start"``, ``"back"``, ``"moved"``, ``"filtered"`` or None for a key press."""
        if event.type != pygame.KEYDOWN:
            return None
        key = event.key
        steps = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -8, pygame.K_PAGEDOWN: 8}
        if key in steps:
            count = len(self.shown)
            if count:
                self.selected = min(count - 1, max(0, self.selected + steps[key]))
            return "moved"
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return "start"
        if key == pygame.K_ESCAPE:
            if self.filter:
                self.filter = ""
                self._keep_selection(None)
                return "filtered"
            return "back"
        if key == pygame.K_BACKSPACE:
            if self.filter:
                self.filter = self.filter[:-1]
                self._keep_selection(None)
                return "filtered"
            return None
        char = getattr(event, "unicode", "")
        if char and char.isprintable() and len(self.filter) < MAX_FILTER_CHARS:
            self.filter += char
            self._keep_selection(None)
            return "filtered"
        return None

    # -- drawing ----------------------------------------------------------------------------
    def count_text(self) -> str:
        """How many songs the filter shows of all (an unreadable file, listed in red, is not
        a song)."""
        songs = sum(1 for entry in self.entries if entry.readable)
        shown = sum(1 for entry in self.shown if entry.readable)
        return f"{shown} of {songs} songs"

    def empty_lines(self, problem: str, folder: str) -> list[str]:
        """What the list says when it shows no song: the library's problem, the filter's
        miss, or where to put songs."""
        if problem:
            return [problem]
        if self.filter:
            return ["no songs match the filter"]
        return ["no songs yet: put .tja .osu .mid .chart files in", folder]

    def draw(
        self, canvas: pygame.Surface, text: TextCache, rect: pygame.Rect, progress, empty: list[str]
    ) -> None:
        done, total, scanning = progress
        y = rect.y
        label = f"FILTER: {self.filter}_" if self.filter else "TYPE TO FILTER"
        text.blit(canvas, label, theme.FONT_TINY, theme.OI_YELLOW if self.filter else
                  theme.TEXT_FAINT, (rect.x, y))  # fmt: skip
        count = self.count_text()
        text.blit(canvas, count, theme.FONT_TINY, theme.TEXT_FAINT, (rect.right, y), "topright")
        y += 24
        if scanning:
            bar = pygame.Rect(rect.x, y, rect.width, 8)
            pygame.draw.rect(canvas, theme.LANE_DARK, bar, border_radius=4)
            fill = bar.copy()
            fill.width = max(4, round(bar.width * (done / total if total else 0.0)))
            pygame.draw.rect(canvas, theme.OI_SKY, fill, border_radius=4)
            text.blit(canvas, f"scanning {done}/{total}", theme.FONT_TINY, theme.TEXT_DIM,
                      (rect.x, y + 10))  # fmt: skip
            y += 34
        shown = self.shown
        if not shown:
            for line in empty:
                fit_text(canvas, text, line, theme.FONT_SMALL, theme.TEXT_DIM, (rect.x, y + 8),
                         rect.width)  # fmt: skip
                y += ROW_H
            return
        rows = max(1, (rect.bottom - y) // ROW_H)
        self.top = min(max(self.top, self.selected - rows + 1), self.selected)
        for i, entry in enumerate(shown[self.top : self.top + rows]):
            row = pygame.Rect(rect.x, y + i * ROW_H, rect.width, ROW_H - 2)
            self._draw_row(canvas, text, entry, row, self.top + i == self.selected)

    def _draw_row(self, canvas, text, entry: LibraryEntry, row: pygame.Rect, chosen: bool) -> None:
        if chosen:
            pygame.draw.rect(canvas, theme.mix(theme.PANEL, theme.OI_SKY, 0.25), row,
                             border_radius=5)  # fmt: skip
        middle = row.centery
        if not entry.readable:
            name, _ = fitted(text, entry.path.rsplit("/", 1)[-1], theme.FONT_TINY, row.width // 3)
            fit_text(canvas, text, f"{name}: {entry.error}", theme.FONT_TINY, theme.OI_VERMILLION,
                     (row.x + 8, middle), row.width - 16, "midleft")  # fmt: skip
            return
        colour = rating_colour(entry.rating) if not entry.needs_chart else theme.TEXT_FAINT
        rating = "  new" if entry.needs_chart else f"{entry.rating:4.1f}"
        text.blit(canvas, rating, theme.FONT_SMALL, colour, (row.x + 8, middle),
                  "midleft")  # fmt: skip
        length = [clock_text(entry.length_s)] if entry.length_s > 0 else []  # not yet known
        facts = "  ·  ".join([entry.tempo_text, *length, entry.source_format])
        drawn = text.blit(canvas, facts, theme.FONT_TINY, theme.TEXT_DIM, (row.right - 8, middle),
                          "midright")  # fmt: skip
        title = entry.title + (f"  ·  {entry.artist}" if entry.artist else "")
        room = drawn.x - 12 - (row.x + 64)
        fit_text(canvas, text, title, theme.FONT_SMALL, theme.TEXT, (row.x + 64, middle), room,
                 "midleft")  # fmt: skip


__all__ = ["SongList"]
