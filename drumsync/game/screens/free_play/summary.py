"""Free play's summary card: the chart's title and rating (as a number and a row of pips),
its facts, the best result on it and its song shape; along the bottom, the status message
or the selected row's hint. Faded while the values on the left wait for their chart."""

from __future__ import annotations

import pygame

from ....core.chart import SOURCE_FORMATS, Chart
from ...runtime import theme
from ...runtime.text import TextCache
from ...widgets.chart_preview import PREVIEW_BARS, draw_song_shape, rating_colour
from ...widgets.panels import draw_card
from ...widgets.status_line import StatusLine
from ...widgets.text_fit import clock_text, fit_paragraph, fitted
from .chart_facts import ChartFacts, rating_text

SUMMARY_PANEL = pygame.Rect(556, 72, 684, 302)
PIPS = 10


def draw_summary(
    canvas: pygame.Surface,
    text: TextCache,
    facts: ChartFacts | None,
    chart: Chart | None,
    stale: bool,
    error: str,
    best_in: str | None,
    best: str,
) -> None:
    """The card for ``chart`` (``facts`` about it; None: ``error``, or still generating);
    ``stale`` fades it, ``best_in`` names the mode of the ``best`` result (None: not shown)."""
    panel = SUMMARY_PANEL
    colour = rating_colour(facts.rating) if facts is not None else theme.TEXT_FAINT
    draw_card(canvas, panel, colour)
    x, y = panel.x + 24, panel.y + 22
    if facts is None:
        message = error or "generating…"
        text.blit(canvas, "NO CHART", theme.FONT_TINY, theme.TEXT_FAINT, (x, y))
        room = pygame.Rect(x, y + 26, panel.right - 24 - x, panel.bottom - 16 - (y + 26))
        fit_paragraph(canvas, text, message, theme.FONT_SMALL, theme.TEXT_DIM, room)
        return
    alpha = 110 if stale else 255
    facts_x = FACT_COLUMNS_X[0] + panel.x  # the title stays left of the facts' columns
    title, title_size = fitted(text, facts.title.upper(), theme.FONT_TINY, facts_x - 16 - x)
    text.blit(canvas, title, title_size, theme.TEXT_DIM, (x, y), alpha=alpha)
    level = chart.meta.difficulty if chart is not None else 0
    imported = chart is not None and chart.meta.style in SOURCE_FORMATS
    label = "RATING  ·  IMPORTED SONG" if imported else f"RATING  ·  ASKED FOR LEVEL {level}"
    text.blit(canvas, label, theme.FONT_TINY, theme.TEXT_FAINT, (x, y + 28), alpha=alpha)
    text.blit(canvas, rating_text(facts), 96, colour, (x - 4, y + 44), alpha=alpha)
    _draw_pips(canvas, (x, y + 140), facts.rating, colour, alpha)
    _draw_facts(canvas, text, facts, alpha)
    low_y = y + 174
    if best_in is not None:
        label = f"BEST IN {best_in.upper()}"
        text.blit(canvas, label, theme.FONT_TINY, theme.TEXT_FAINT, (x, low_y), alpha=alpha)
        shown, size = fitted(text, best, theme.FONT_BODY, 300)
        text.blit(canvas, shown, size, theme.TEXT, (x, low_y + 20), alpha=alpha)
    if chart is not None:
        shape = pygame.Rect(SUMMARY_PANEL.x + 330, low_y + 22, 330, 34)
        label = "SONG SHAPE  ·  NOTES PER BAR"
        text.blit(canvas, label, theme.FONT_TINY, theme.TEXT_FAINT, (shape.x, low_y))
        draw_song_shape(canvas, shape, chart, PREVIEW_BARS)


def draw_summary_footer(
    canvas: pygame.Surface, text: TextCache, status: StatusLine, now_s: float, hint: str
) -> None:
    """Along the card's bottom: the status message while it shows, else ``hint``."""
    panel = SUMMARY_PANEL
    hint_y = panel.bottom - 26
    pygame.draw.line(
        canvas, theme.PANEL_EDGE, (panel.x + 16, hint_y - 18), (panel.right - 16, hint_y - 18)
    )
    if status.visible(now_s):
        status.draw(canvas, text, (panel.centerx, hint_y - 2), panel.width - 20)
    else:
        text.blit(canvas, hint, theme.FONT_TINY, theme.TEXT_DIM, (panel.centerx, hint_y), "center")


def _draw_pips(canvas, pos, rating: float, colour, alpha: int) -> None:
    x, y = pos
    for i in range(PIPS):
        fill = min(1.0, max(0.0, rating - i))
        pip = pygame.Rect(x + i * 25, y, 21, 10)
        pygame.draw.rect(canvas, theme.LANE_DARK, pip, border_radius=3)
        if fill > 0:
            part = pip.copy()
            part.width = max(4, round(pip.width * fill))
            shade = colour if alpha == 255 else theme.mix(theme.PANEL, colour, 0.4)
            pygame.draw.rect(canvas, shade, part, border_radius=3)


#: Where the two columns of facts start, from the card's left edge.
FACT_COLUMNS_X = (330, 520)


def _draw_facts(canvas: pygame.Surface, text: TextCache, facts: ChartFacts, alpha: int) -> None:
    p1, p2 = facts.notes
    items = [
        ("NOTES  P1 / P2", f"{p1} / {p2}"),
        ("LENGTH", clock_text(facts.length_s)),
        ("NOTES PER SECOND", f"{facts.notes_per_s:.1f}"),
        ("SECTIONS  ·  FILLS", f"{facts.sections}  ·  {facts.fills}"),
    ]
    col_x = tuple(SUMMARY_PANEL.x + dx for dx in FACT_COLUMNS_X)
    y0 = SUMMARY_PANEL.y + 22
    for i, (label, value) in enumerate(items):
        x, y = col_x[i % 2], y0 + (i // 2) * 56
        text.blit(canvas, label, theme.FONT_TINY, theme.TEXT_FAINT, (x, y), alpha=alpha)
        text.blit(canvas, value, theme.FONT_BODY, theme.TEXT, (x, y + 20), alpha=alpha)
