"""The two drummers' stage: their looks (skin, hair), the spotlit floor they play on, and the
title loop's kit timeline they play (the title and the tour's ending show them)."""

from __future__ import annotations

import pygame

from ...audio.title_loop import title_chart
from ...core.voices import Player
from ..runtime import theme
from .drummer_motion import KitTimeline

SKINS = ((232, 192, 158), (226, 184, 150))
HAIR = ((30, 28, 36), (44, 36, 34))


def title_timeline() -> KitTimeline:
    chart = title_chart()
    return KitTimeline.from_part(
        chart.part(Player.P1), chart.music_start_s, chart.duration_s, chart.seconds_per_beat
    )


def render_stage(xs: tuple[int, int], floor_y: int) -> pygame.Surface:
    """The dark stage: a spotlight in each player's colour onto each drummer, and the floor."""
    w, h = theme.CANVAS_W, theme.CANVAS_H
    surface = pygame.Surface((w, h))
    surface.fill(theme.BACKGROUND)
    light = pygame.Surface((w, h), pygame.SRCALPHA)
    for x, colour in zip(xs, theme.PLAYER_COLOURS.values(), strict=True):
        for i in range(12, 0, -1):  # the cone from above
            spread = 40 + i * 15
            cone = (
                (x - 16 - i * 2, 0),
                (x + 16 + i * 2, 0),
                (x + spread, floor_y),
                (x - spread, floor_y),
            )
            pygame.draw.polygon(light, (*colour, 6), cone)
        for i in range(10, 0, -1):  # its pool on the floor
            pool = pygame.Rect(0, 0, 180 + i * 26, 26 + i * 5)
            pool.center = (x, floor_y + 4)
            pygame.draw.ellipse(light, (*colour, 12), pool)
    surface.blit(light, (0, 0))
    pygame.draw.rect(surface, theme.darken(theme.PANEL, 0.35), (0, floor_y, w, h - floor_y))
    pygame.draw.line(surface, theme.PANEL_EDGE, (0, floor_y), (w, floor_y), 2)
    return surface
