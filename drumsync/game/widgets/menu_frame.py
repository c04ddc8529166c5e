"""The frame every menu screen shares: the header band along the top, rounded cards for
the panels and the hint strip of key caps along the bottom."""

from __future__ import annotations

from collections.abc import Iterable

import pygame

from ...core.voices import Player
from ..runtime import theme
from ..runtime.text import TextCache
from . import key_hints

TITLE_COLOUR = theme.PLAYER_COLOURS[Player.P1]
HINTS_Y = theme.CANVAS_H - 16


def draw_header(
    canvas: pygame.Surface,
    text: TextCache,
    title: str,
    subtitle: str = "",
    right_top: str = "",
    right_bottom: str = "",
) -> None:
    """The top band of every screen: DRUMSYNC and a subtitle, the title, two info lines."""
    pygame.draw.rect(canvas, theme.PANEL, (0, 0, theme.CANVAS_W, theme.HEADER_H))
    pygame.draw.line(
        canvas, theme.PANEL_EDGE, (0, theme.HEADER_H), (theme.CANVAS_W, theme.HEADER_H)
    )
    text.blit(canvas, "DRUMSYNC", theme.FONT_BODY, TITLE_COLOUR, (40, 10))
    if subtitle:
        text.blit(canvas, subtitle, theme.FONT_SMALL, theme.TEXT, (40, 36))
    centre = (theme.CANVAS_W // 2, theme.HEADER_H // 2)
    text.blit(canvas, title, theme.FONT_LABEL, theme.TEXT, centre, "center")
    right = theme.CANVAS_W - 40
    if right_top:
        text.blit(canvas, right_top, theme.FONT_SMALL, theme.TEXT_DIM, (right, 10), "topright")
    if right_bottom:
        text.blit(canvas, right_bottom, theme.FONT_SMALL, theme.TEXT_FAINT, (right, 36), "topright")


def render_hints(text: TextCache, items: Iterable[tuple[str, str]]) -> pygame.Surface:
    """The menus' hint strip: "UP/DOWN" and "LEFT/RIGHT" caps are drawn as arrows."""
    return key_hints.render_hints(text, items, arrows=True)


def draw_card(
    canvas: pygame.Surface, rect: pygame.Rect, accent: theme.Colour | None = None
) -> None:
    """A rounded panel; with ``accent``, edged in that colour with a bar along the top (the
    results screen's player cards)."""
    pygame.draw.rect(canvas, theme.PANEL, rect, border_radius=12)
    edge = theme.PANEL_EDGE if accent is None else accent
    pygame.draw.rect(canvas, edge, rect, 1, border_radius=12)
    if accent is not None:
        pygame.draw.rect(
            canvas,
            accent,
            (rect.x, rect.y, rect.width, 6),
            border_top_left_radius=12,
            border_top_right_radius=12,
        )


def blit_hints(canvas: pygame.Surface, strip: pygame.Surface) -> None:
    """The hint strip (from :func:`render_hints`) centred on the screen's bottom line."""
    canvas.blit(strip, (0, HINTS_Y - strip.get_height() // 2))
