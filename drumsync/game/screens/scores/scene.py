"""The Scores screen (from the modes menu), two views Tab switches between:

* all matches: best results per stage or chart and mode, the latest matches with both
  names, and the sync over time as a small plot; a column for the pair's strategy appears
  when the records hold one;
* a pair (:mod:`.pair_view`): Left/Right picks among the pairs of names that played
  together, starting with the current players; their matches, sync and strategy.

Esc goes back.
"""

from __future__ import annotations

from typing import Any

import pygame

from ...runtime import theme
from ...runtime.scenes import Scene
from ...widgets.key_hints import render_hints
from ...widgets.menu_frame import blit_hints, draw_header
from ...widgets.panels import draw_card
from ...widgets.text_fit import fit_text
from .pair_summary import PairBrowser
from .pair_view import draw_pair_screen
from .summary import ScoreRow, ScoresSummary, read_summary

MARGIN = 40
TABLE_W = theme.CANVAS_W - 2 * MARGIN
BEST_RECT = pygame.Rect(MARGIN, theme.HEADER_H + 14, TABLE_W, 214)
RECENT_RECT = pygame.Rect(MARGIN, BEST_RECT.bottom + 10, TABLE_W, 214)
TREND_RECT = pygame.Rect(MARGIN, RECENT_RECT.bottom + 10, TABLE_W, 148)
HEADINGS_Y = 42
ROW_H = 21


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


class ScoresScene(Scene):
    def __init__(
        self,
        ctx,
        session,
        summary: ScoresSummary | None = None,
        pairs: PairBrowser | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.session = session
        self.summary = summary
        self.pairs = pairs
        self.view = "all"  # or "pair"
        self._picture: pygame.Surface | None = None

    def enter(self) -> None:
        db = None if self.session is None else self.session.db
        if self.summary is None:
            self.summary = read_summary(db)
        if self.pairs is None:
            current = None
            if self.session is not None:
                players = self.session.settings.players
                current = (players[0].name, players[1].name)
            self.pairs = PairBrowser.open(db, current)
        self._picture = self._render()

    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type != pygame.KEYDOWN:
            return
        if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            self.pop_self()
        elif event.key == pygame.K_TAB:
            self.view = "pair" if self.view == "all" else "all"
            self._picture = None
        elif self.view == "pair" and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.pairs.step(-1 if event.key == pygame.K_LEFT else 1)
            self._picture = None

    def draw(self, canvas: pygame.Surface) -> None:
        if self.summary is None or self.pairs is None:
            self.enter()
        if self._picture is None:
            self._picture = self._render()
        canvas.blit(self._picture, (0, 0))

    # -- drawing ------------------------------------------------------------------------------
    def columns(self) -> list[tuple[str, int, str]]:
        """(heading, width, field) of the tables, left to right."""
        strategy = self.summary.has_strategy
        title_w = 330 if strategy else 500
        cols = [
            ("STAGE / CHART", title_w, "title"),
            ("MODE", 90, "mode"),
            ("PLAYERS", 250, "names"),
            ("SYNC", 90, "sync"),
            ("TEAM", 90, "team"),
        ]
        if strategy:
            cols.append(("STRATEGY", 220, "strategy"))
        cols.append(("PLAYED (UTC)", TABLE_W - 32 - sum(w for _, w, _ in cols), "played"))
        return cols

    def _render(self) -> pygame.Surface:
        text = self.ctx.text
        surface = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H))
        surface.fill(theme.BACKGROUND)
        summary = self.summary
        count = f"{summary.total} match{'es' if summary.total != 1 else ''} filed"
        if self.view == "pair":
            choices = len(self.pairs.choices)
            where = f"pair {self.pairs.index + 1} of {choices}" if choices > 1 else ""
            draw_header(surface, text, "SCORES · PAIR", "", right_top=count, right_bottom=where)
            draw_pair_screen(surface, text, self.pairs)
            hints = [("TAB", "all matches"), ("ESC", "back")]
            if choices > 1:
                hints.insert(0, ("LEFT/RIGHT", "other pair"))
            blit_hints(surface, render_hints(text, hints, arrows=True))
            return surface.convert() if pygame.display.get_surface() is not None else surface
        draw_header(surface, text, "SCORES", "", right_top=count)
        if summary.problem or not summary.recent:
            message = summary.problem or "No matches filed yet: finish a match and it shows here."
            fit_text(
                surface,
                text,
                message,
                theme.FONT_BODY,
                theme.TEXT_DIM,
                (theme.CANVAS_W // 2, theme.CANVAS_H // 2),
                TABLE_W,
                anchor="center",
            )
        else:
            self._table(surface, BEST_RECT, "BEST PER STAGE OR CHART AND MODE", summary.best)
            self._table(surface, RECENT_RECT, "LATEST MATCHES", summary.recent)
            self._trend(surface, TREND_RECT, summary.trend)
        blit_hints(surface, render_hints(text, (("TAB", "pair view"), ("ESC", "back"))))
        return surface.convert() if pygame.display.get_surface() is not None else surface

    def _table(self, surface, rect: pygame.Rect, title: str, rows: tuple[ScoreRow, ...]) -> None:
        text = self.ctx.text
        draw_card(surface, rect, title=title, text=text)
        y = rect.y + HEADINGS_Y
        x = rect.x + 16
        for heading, width, _ in self.columns():
            fit_text(
                surface, text, heading, theme.FONT_TINY - 2, theme.TEXT_FAINT, (x, y), width - 12
            )
            x += width
        for row in rows:
            y += ROW_H
            x = rect.x + 16
            for _, width, field in self.columns():
                value = self._cell(row, field)
                colour = theme.TEXT if field in ("title", "team") else theme.TEXT_DIM
                fit_text(surface, text, value, theme.FONT_TINY, colour, (x, y), width - 12)
                x += width

    @staticmethod
    def _cell(row: ScoreRow, field: str) -> str:
        if field == "sync":
            return _percent(row.sync_percent)
        if field == "team":
            return _percent(row.team_percent)
        value = getattr(row, field)
        return value if value else "–"

    def _trend(self, surface, rect: pygame.Rect, trend: tuple[float, ...]) -> None:
        text = self.ctx.text
        draw_card(surface, rect, title="SYNC OVER THE LATEST MATCHES (OLDEST LEFT)", text=text)
        plot = pygame.Rect(rect.x + 70, rect.y + 48, rect.width - 100, rect.height - 64)
        for level in (0, 50, 100):
            y = plot.bottom - round(plot.height * level / 100)
            pygame.draw.line(surface, theme.PANEL_EDGE, (plot.x, y), (plot.right, y))
            text.blit(
                surface,
                f"{level}%",
                theme.FONT_TINY - 4,
                theme.TEXT_FAINT,
                (plot.x - 8, y),
                "midright",
            )
        if not trend:
            return
        step = plot.width / max(1, len(trend) - 1)
        points = [
            (
                plot.x + round(i * step) if len(trend) > 1 else plot.centerx,
                plot.bottom - round(plot.height * min(100.0, max(0.0, value)) / 100),
            )
            for i, value in enumerate(trend)
        ]
        if len(points) > 1:
            pygame.draw.aalines(surface, theme.OI_SKY, False, points)
        for point in points:
            pygame.draw.circle(surface, theme.OI_SKY, point, 3)


__all__ = ["ScoresScene"]
