"""A strip of key caps and what they do ("ENTER start  ·  ESC back"), drawn once."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from . import theme
from .text import TextCache

STRIP_H = 26
GAP = 30
INNER = 8


def render_hints(
    text: TextCache, items: Sequence[tuple[str, str]], width: int = theme.CANVAS_W
) -> pygame.Surface:
    """``items`` of (key cap, action), centred on a transparent strip ``width`` wide."""
    size = theme.FONT_TINY
    pieces = []
    for cap, label in items:
        cap_w = text.size(cap, size)[0] + 16
        label_w = text.size(label, size)[0]
        pieces.append((cap, label, cap_w, label_w))
    total = sum(c + INNER + w for _, _, c, w in pieces) + GAP * max(0, len(pieces) - 1)
    strip = pygame.Surface((width, STRIP_H), pygame.SRCALPHA)
    x, cy = (width - total) // 2, STRIP_H // 2
    for cap, label, cap_w, label_w in pieces:
        key = pygame.Rect(x, 1, cap_w, STRIP_H - 2)
        pygame.draw.rect(strip, theme.PANEL_EDGE, key, border_radius=5)
        text.blit(strip, cap, size, theme.TEXT, key.center, "center")
        text.blit(strip, label, size, theme.TEXT_DIM, (key.right + INNER, cy), "midleft")
        x = key.right + INNER + label_w + GAP
    return strip.convert_alpha() if pygame.display.get_surface() is not None else strip
