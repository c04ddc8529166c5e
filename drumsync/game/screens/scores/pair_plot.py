"""The pair view's plot: the pair's sync over their matches (oldest left), each match a
marker whose colour and shape both say its strategy, with the legend beside it.

Colours are the Okabe-Ito palette the lanes use and every strategy also has its own shape,
so the markers read without colour (as the lanes do).
"""

from __future__ import annotations

import pygame

from ....core.pair_words import strategy_phrase
from ...runtime import theme
from ...widgets.panels import draw_card
from ...widgets.text_fit import fit_text
from .pair_summary import PairView

#: Strategy (from the first name's side) -> (colour, marker shape); None: not recorded.
STRATEGY_MARKS: dict[str | None, tuple[theme.Colour, str]] = {
    "mutual": (theme.OI_GREEN, "circle"),
    "first_leads": (theme.OI_SKY, "triangle_up"),
    "second_leads": (theme.OI_ORANGE, "triangle_down"),
    "both_lead": (theme.OI_YELLOW, "square"),
    "independent": (theme.OI_PURPLE, "diamond"),
    "unknown": (theme.TEXT_DIM, "cross"),
    None: (theme.TEXT_FAINT, "ring"),
}
NOT_RECORDED = "not recorded"
MARK_R = 7
LEGEND_W = 250
LEGEND_ROW_H = 26


def draw_mark(surface: pygame.Surface, strategy: str | None, centre, r: int = MARK_R) -> None:
    colour, shape = STRATEGY_MARKS.get(strategy, STRATEGY_MARKS[None])
    x, y = centre
    if shape == "circle":
        pygame.draw.circle(surface, colour, centre, r)
    elif shape == "ring":
        pygame.draw.circle(surface, colour, centre, r, 2)
    elif shape == "square":
        pygame.draw.rect(surface, colour, (x - r + 1, y - r + 1, 2 * r - 2, 2 * r - 2))
    elif shape == "diamond":
        pygame.draw.polygon(surface, colour, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
    elif shape == "triangle_up":
        pygame.draw.polygon(surface, colour, [(x, y - r), (x + r, y + r - 1), (x - r, y + r - 1)])
    elif shape == "triangle_down":
        pygame.draw.polygon(surface, colour, [(x, y + r), (x + r, y - r + 1), (x - r, y - r + 1)])
    else:  # cross
        pygame.draw.line(surface, colour, (x - r, y - r), (x + r, y + r), 3)
        pygame.draw.line(surface, colour, (x - r, y + r), (x + r, y - r), 3)


def plot_points(plot: pygame.Rect, sync_percents) -> list[tuple[int, int] | None]:
    """Where each match lands (oldest left, evenly spaced; 0-100 % up), None without a sync."""
    count = len(sync_percents)
    step = plot.width / max(1, count - 1)
    points: list[tuple[int, int] | None] = []
    for i, value in enumerate(sync_percents):
        if value is None:
            points.append(None)
            continue
        x = plot.x + round(i * step) if count > 1 else plot.centerx
        y = plot.bottom - round(plot.height * min(100.0, max(0.0, value)) / 100)
        points.append((x, y))
    return points


def draw_pair_plot(surface: pygame.Surface, rect: pygame.Rect, text, view: PairView) -> None:
    shown = view.plotted
    title = "SYNC OVER THEIR MATCHES (OLDEST LEFT)"
    if len(view.rows) > len(shown):
        title = f"SYNC OVER THEIR LATEST {len(shown)} MATCHES (OLDEST LEFT)"
    draw_card(surface, rect, title=title, text=text)
    plot = pygame.Rect(rect.x + 70, rect.y + 56, rect.width - LEGEND_W - 110, rect.height - 80)
    for level in (0, 50, 100):
        y = plot.bottom - round(plot.height * level / 100)
        pygame.draw.line(surface, theme.PANEL_EDGE, (plot.x, y), (plot.right, y))
        at = (plot.x - 8, y)
        text.blit(surface, f"{level}%", theme.FONT_TINY - 4, theme.TEXT_FAINT, at, "midright")
    points = plot_points(plot, [row.sync_percent for row in shown])
    line = [p for p in points if p is not None]
    if len(line) > 1:
        pygame.draw.aalines(surface, theme.TEXT_FAINT, False, line)
    for row, point in zip(shown, points, strict=True):
        if point is not None:
            draw_mark(surface, row.strategy, point)
    draw_legend(surface, rect, text, view)


def draw_legend(surface: pygame.Surface, rect: pygame.Rect, text, view: PairView) -> None:
    """The strategies the plotted matches have, each with its marker."""
    present = {row.strategy for row in view.plotted}
    x, y = rect.right - LEGEND_W - 16, rect.y + 52
    for strategy in STRATEGY_MARKS:
        if strategy not in present:
            continue
        draw_mark(surface, strategy, (x + MARK_R, y + LEGEND_ROW_H // 2))
        words = NOT_RECORDED if strategy is None else strategy_phrase(strategy, view.names)
        at = (x + 2 * MARK_R + 10, y + LEGEND_ROW_H // 2)
        fit_text(
            surface, text, words, theme.FONT_TINY, theme.TEXT_DIM, at, LEGEND_W - 30, "midleft"
        )
        y += LEGEND_ROW_H


__all__ = ["STRATEGY_MARKS", "draw_mark", "draw_pair_plot", "plot_points"]
