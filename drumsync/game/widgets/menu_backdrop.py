"""The menu screens' background, drawn once: the header band (the game's name, the screen's
title, a note on the right), a soft glow and the dark field."""

from __future__ import annotations

import pygame

from ...core.voices import Player
from ..runtime import theme
from ..runtime.text import TextCache

FOOTER_Y = theme.CANVAS_H - 22


def render_menu_backdrop(
    text: TextCache, title: str, subtitle: str = "", note: str = ""
) -> pygame.Surface:
    w, h = theme.CANVAS_W, theme.CANVAS_H
    surface = pygame.Surface((w, h))
    surface.fill(theme.BACKGROUND)
    glow = pygame.Surface((w, h), pygame.SRCALPHA)
    for i in range(18, 0, -1):  # a wide, soft glow rising from the floor
        rect = pygame.Rect(0, 0, 260 + i * 70, 120 + i * 34)
        rect.midbottom = (w // 2, h + 60)
        pygame.draw.ellipse(glow, (*theme.BACKGROUND_GLOW, 9), rect)
    surface.blit(glow, (0, 0))
    pygame.draw.rect(surface, theme.PANEL, (0, 0, w, theme.HEADER_H))
    pygame.draw.line(surface, theme.PANEL_EDGE, (0, theme.HEADER_H), (w, theme.HEADER_H))
    text.blit(surface, "DRUMSYNC", theme.FONT_BODY, theme.PLAYER_COLOURS[Player.P1], (40, 10))
    if subtitle:
        text.blit(surface, subtitle, theme.FONT_SMALL, theme.TEXT_DIM, (40, 36))
    text.blit(surface, title, theme.FONT_LABEL, theme.TEXT, (w // 2, theme.HEADER_H // 2), "center")
    if note:
        text.blit(
            surface,
            note,
            theme.FONT_SMALL,
            theme.TEXT_DIM,
            (w - 40, theme.HEADER_H // 2),
            "midright",
        )
    return surface.convert() if pygame.display.get_surface() is not None else surface
