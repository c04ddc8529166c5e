"""The play screen's static background, drawn once: dark field, glow, the centre panel."""

from __future__ import annotations

import pygame

from ...runtime import theme


def centre_panel_rect() -> pygame.Rect:
    return pygame.Rect(
        theme.CENTRE_X0,
        theme.HIGHWAY_TOP,
        theme.CENTRE_X1 - theme.CENTRE_X0,
        theme.HIGHWAY_BOTTOM - theme.HIGHWAY_TOP,
    )


def render_backdrop() -> pygame.Surface:
    w, h = theme.CANVAS_W, theme.CANVAS_H
    surface = pygame.Surface((w, h))
    surface.fill(theme.BACKGROUND)
    # a soft vertical glow behind the centre column
    glow = pygame.Surface((w, h), pygame.SRCALPHA)
    cx = w // 2
    for i in range(24, 0, -1):
        half = 30 + i * 16
        alpha = round(5 + (24 - i) * 0.9)
        pygame.draw.rect(glow, (*theme.BACKGROUND_GLOW, alpha), (cx - half, 0, 2 * half, h))
    surface.blit(glow, (0, 0))
    panel = centre_panel_rect()
    pygame.draw.rect(surface, theme.PANEL, panel, border_radius=12)
    pygame.draw.rect(surface, theme.PANEL_EDGE, panel, 1, border_radius=12)
    return surface.convert() if pygame.display.get_surface() is not None else surface
