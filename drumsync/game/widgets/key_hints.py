"""A strip of key caps and what they do ("ENTER start  ·  ESC back"), drawn once.

The one implementation every screen's hint strip uses.
"""

from __future__ import annotations

from collections.abc import Iterable

import pygame

from ..runtime import theme
from ..runtime.text import TextCache

STRIP_H = 26
GAP = 30
#: The wider spacing of the dialog screens' and the results' strips.
WIDE_GAP = 34
INNER = 8
#: Caps drawn as a pair of arrow heads when ``arrows`` is asked for (the font has no arrows).
ARROW_CAPS = {"UP/DOWN": ((0, -1), (0, 1)), "LEFT/RIGHT": ((-1, 0), (1, 0))}
ARROW_CAP_W = 44


def render_hints(
    text: TextCache,
    items: Iterable[tuple[str, str]],
    width: int = theme.CANVAS_W,
    gap: int = GAP,
    arrows: bool = False,
) -> pygame.Surface:
    """``items`` of (key cap, action), centred on a transparent strip ``width`` wide."""
    size = theme.FONT_TINY
    pieces = []
    for cap, label in items:
        drawn_as_arrows = arrows and cap in ARROW_CAPS
        cap_w = ARROW_CAP_W if drawn_as_arrows else text.size(cap, size)[0] + 16
        pieces.append((cap, label, cap_w, text.size(label, size)[0], drawn_as_arrows))
    total = sum(c + INNER + w for _, _, c, w, _ in pieces) + gap * max(0, len(pieces) - 1)
    strip = pygame.Surface((width, STRIP_H), pygame.SRCALPHA)
    x, cy = (width - total) // 2, STRIP_H // 2
    for cap, label, cap_w, label_w, drawn_as_arrows in pieces:
        key = pygame.Rect(x, 1, cap_w, STRIP_H - 2)
        pygame.draw.rect(strip, theme.PANEL_EDGE, key, border_radius=5)
        if drawn_as_arrows:
            for i, direction in enumerate(ARROW_CAPS[cap]):
                draw_arrow_head(strip, (key.x + 13 + i * 18, key.centery), direction, theme.TEXT)
        else:
            text.blit(strip, cap, size, theme.TEXT, key.center, "center")
        text.blit(strip, label, size, theme.TEXT_DIM, (key.right + INNER, cy), "midleft")
        x = key.right + INNER + label_w + gap
    return strip.convert_alpha() if pygame.display.get_surface() is not None else strip


def draw_arrow_head(surface, centre, direction: tuple[int, int], colour, r: int = 6) -> None:
    """A small filled triangle pointing along ``direction`` (dx, dy), centred on ``centre``."""
    x, y = centre
    dx, dy = direction
    tip = (x + dx * r, y + dy * r)
    back = (x - dx * r, y - dy * r)
    side = (-dy * r, dx * r)
    pygame.draw.polygon(
        surface,
        colour,
        [tip, (back[0] + side[0], back[1] + side[1]), (back[0] - side[0], back[1] - side[1])],
    )
