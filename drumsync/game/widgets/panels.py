"""The rounded card every screen puts its panels on: a filled body, an edge and, with an
accent, a coloured bar along the top (and a small title, when given)."""

from __future__ import annotations

import pygame

from ..runtime import theme
from ..runtime.text import TextCache

RADIUS = 12
ACCENT_BAR_H = 6
TITLE_OFFSET = (20, 18)


def draw_card(
    surface: pygame.Surface,
    rect: pygame.Rect,
    accent: theme.Colour | None = None,
    edge: theme.Colour | None = None,
    edge_width: int = 1,
    title: str = "",
    text: TextCache | None = None,
) -> None:
    """A rounded panel. ``edge`` defaults to the accent (a menu's player card) or the plain
    panel edge; ``title`` (drawn with ``text``) sits small and dim in the top left corner."""
    pygame.draw.rect(surface, theme.PANEL, rect, border_radius=RADIUS)
    if edge is None:
        edge = theme.PANEL_EDGE if accent is None else accent
    pygame.draw.rect(surface, edge, rect, edge_width, border_radius=RADIUS)
    if accent is not None:
        bar = pygame.Rect(rect.x, rect.y, rect.width, ACCENT_BAR_H)
        pygame.draw.rect(
            surface, accent, bar, border_top_left_radius=RADIUS, border_top_right_radius=RADIUS
        )
    if title and text is not None:
        x, y = rect.x + TITLE_OFFSET[0], rect.y + TITLE_OFFSET[1]
        text.blit(surface, title, theme.FONT_TINY, theme.TEXT_DIM, (x, y))
