"""The Scores screen's pair view: whose matches (Left/Right picks another pair), one line
on them, their matches newest first with the strategy in the results' words, and the plot
of their sync marked by strategy (:mod:`.pair_plot`)."""

from __future__ import annotations

import pygame

from ...runtime import theme
from ...widgets.key_hints import draw_arrow_head
from ...widgets.panels import draw_card
from ...widgets.text_fit import fit_text
from .pair_plot import draw_pair_plot
from .pair_summary import PairBrowser, PairView

MARGIN = 40
WIDTH = theme.CANVAS_W - 2 * MARGIN
NAMES_RECT = pygame.Rect(MARGIN, theme.HEADER_H + 14, WIDTH, 92)
TABLE_RECT = pygame.Rect(MARGIN, NAMES_RECT.bottom + 10, WIDTH, 238)
PLOT_RECT = pygame.Rect(
    MARGIN, TABLE_RECT.bottom + 10, WIDTH, theme.CANVAS_H - 34 - (TABLE_RECT.bottom + 10)
)
HEADINGS_Y = 42
ROW_H = 23
TABLE_ROWS = (TABLE_RECT.height - HEADINGS_Y - 14) // ROW_H
#: (heading, width, field) of the pair's table, left to right.
COLUMNS = (
    ("PLAYED (UTC)", 160, "played"),
    ("STAGE / CHART", 400, "title"),
    ("MODE", 90, "mode"),
    ("SYNC", 90, "sync"),
    ("HOW THEY PLAYED", WIDTH - 32 - 740, "words"),
)
NO_STRATEGY = "not recorded"


def draw_pair_screen(surface: pygame.Surface, text, browser: PairBrowser) -> None:
    view = browser.current()
    if browser.problem or view is None:
        message = browser.problem or "no duets recorded yet: play a match together"
        centre = (theme.CANVAS_W // 2, theme.CANVAS_H // 2)
        fit_text(surface, text, message, theme.FONT_BODY, theme.TEXT_DIM, centre, WIDTH, "center")
        return
    _names(surface, text, view, several=len(browser.choices) > 1)
    if view.problem or not view.rows:
        message = view.problem or f"{view.line}: finish a match together and it shows here"
        centre = (theme.CANVAS_W // 2, (TABLE_RECT.y + PLOT_RECT.bottom) // 2)
        fit_text(surface, text, message, theme.FONT_BODY, theme.TEXT_DIM, centre, WIDTH, "center")
        return
    _table(surface, text, view)
    draw_pair_plot(surface, PLOT_RECT, text, view)


def _names(surface, text, view: PairView, several: bool) -> None:
    draw_card(surface, NAMES_RECT, title="PAIR", text=text)
    centre_y = NAMES_RECT.y + 34
    pair = f"{view.names[0]}  &  {view.names[1]}"
    at = (NAMES_RECT.centerx, centre_y)
    fit_text(surface, text, pair, theme.FONT_BODY, theme.TEXT, at, WIDTH - 320, "center")
    if several:
        for side, direction in ((NAMES_RECT.x + 140, (-1, 0)), (NAMES_RECT.right - 140, (1, 0))):
            draw_arrow_head(surface, (side, centre_y), direction, theme.TEXT_DIM, r=9)
    if view.rows or view.problem:
        at = (NAMES_RECT.centerx, NAMES_RECT.bottom - 22)
        line = view.problem or view.line
        fit_text(surface, text, line, theme.FONT_SMALL, theme.TEXT_DIM, at, WIDTH - 40, "center")


def _table(surface, text, view: PairView) -> None:
    title = "THEIR MATCHES, NEWEST FIRST"
    if len(view.rows) > TABLE_ROWS:
        title += f" (LATEST {TABLE_ROWS} OF {len(view.rows)})"
    draw_card(surface, TABLE_RECT, title=title, text=text)
    y = TABLE_RECT.y + HEADINGS_Y
    x = TABLE_RECT.x + 16
    for heading, width, _ in COLUMNS:
        fit_text(surface, text, heading, theme.FONT_TINY - 2, theme.TEXT_FAINT, (x, y), width - 12)
        x += width
    for row in view.rows[:TABLE_ROWS]:
        y += ROW_H
        x = TABLE_RECT.x + 16
        for _, width, field in COLUMNS:
            if field == "sync":
                value = "–" if row.sync_percent is None else f"{row.sync_percent:.1f}%"
            else:
                value = getattr(row, field) or NO_STRATEGY
            colour = theme.TEXT if field in ("title", "words") else theme.TEXT_DIM
            fit_text(surface, text, value, theme.FONT_TINY, colour, (x, y), width - 12)
            x += width


__all__ = ["draw_pair_screen"]
