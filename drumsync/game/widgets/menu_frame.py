"""The frame every menu and dialog screen shares: the header band along the top and where
the hint strip of key caps goes along the bottom."""

from __future__ import annotations

import pygame

from ...core.voices import Player
from ..runtime import theme
from ..runtime.text import TextCache

TITLE_COLOUR = theme.PLAYER_COLOURS[Player.P1]
HINTS_Y = theme.CANVAS_H - 16


def draw_header(
    canvas: pygame.Surface,
    text: TextCache,
    title: str,
    subtitle: str = "",
    right_top: str = "",
    right_bottom: str = "",
    right_bottom_colour: theme.Colour = theme.TEXT_FAINT,
) -> None:
    """The top band of every screen: DRUMSYNC and a subtitle (or nothing, for a screen that
    draws its own line there), the title, two info lines on the right (the second in
    ``right_bottom_colour``: a calibrated player's name in their colour)."""
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
        text.blit(
            canvas, right_bottom, theme.FONT_SMALL, right_bottom_colour, (right, 36), "topright"
        )


def blit_hints(canvas: pygame.Surface, strip: pygame.Surface) -> None:
    """The hint strip (from :func:`render_hints`) centred on the screen's bottom line."""
    canvas.blit(strip, (0, HINTS_Y - strip.get_height() // 2))
