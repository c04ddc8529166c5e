"""Pieces of the game's dialog screens (calibration, names): a row of buttons, a one-line
message, key caps, lines of text, a progress bar, and where the footer's message, buttons
and hints go on the 1280x720 canvas. The header band is :mod:`.menu_frame`'s, the cards
:mod:`.panels`', the hint strip :mod:`.key_hints`'.

Drawing never decides: every function takes the values to show.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from ..runtime import theme
from ..runtime.text import TextCache

#: The footer of a dialog screen: the centre line of its row of buttons and, along the
#: bottom, of its hint strip.
BUTTONS_Y = theme.CANVAS_H - 88
HINTS_Y = theme.CANVAS_H - 18


def draw_buttons(
    surface: pygame.Surface,
    text: TextCache,
    labels: Sequence[str],
    selected: int,
    centre: tuple[int, int],
    colour: theme.Colour,
    width: int = 230,
    height: int = 46,
    gap: int = 20,
) -> list[pygame.Rect]:
    """A centred row of buttons; the selected one filled and outlined in ``colour``."""
    total = len(labels) * width + (len(labels) - 1) * gap
    x = centre[0] - total // 2
    rects = []
    for i, label in enumerate(labels):
        rect = pygame.Rect(x, centre[1] - height // 2, width, height)
        if i == selected:
            pygame.draw.rect(surface, theme.PANEL_EDGE, rect, border_radius=10)
            pygame.draw.rect(surface, colour, rect, 2, border_radius=10)
            shade = theme.TEXT
        else:
            pygame.draw.rect(surface, theme.PANEL, rect, border_radius=10)
            pygame.draw.rect(surface, theme.PANEL_EDGE, rect, 1, border_radius=10)
            shade = theme.TEXT_DIM
        text.blit(surface, label, theme.FONT_BODY, shade, rect.center, "center")
        rects.append(rect)
        x += width + gap
    return rects


def draw_message(
    surface: pygame.Surface, text: TextCache, message: str, error: bool, centre: tuple[int, int]
) -> None:
    """A one-line notice: green when something worked, vermillion when it did not."""
    if not message:
        return
    colour = theme.OI_VERMILLION if error else theme.OI_GREEN
    draw_message_box(surface, text, message, colour, centre)


def draw_message_box(
    surface: pygame.Surface,
    text: TextCache,
    message: str,
    colour: theme.Colour,
    centre: tuple[int, int],
    padding: tuple[int, int] = (36, 14),
    radius: int = 8,
) -> pygame.Rect:
    """``message`` in a rounded box outlined in ``colour``, centred on ``centre``; the box is
    ``padding`` (x, y) px larger than the text. Returns the box."""
    w, h = text.size(message, theme.FONT_SMALL)
    box = pygame.Rect(0, 0, w + padding[0], h + padding[1])
    box.center = centre
    pygame.draw.rect(surface, theme.PANEL, box, border_radius=radius)
    pygame.draw.rect(surface, colour, box, 2, border_radius=radius)
    text.blit(surface, message, theme.FONT_SMALL, theme.TEXT, box.center, "center")
    return box


def draw_dialog_footer(
    canvas: pygame.Surface,
    text: TextCache,
    *,
    message: str,
    error: bool,
    message_y: int,
    buttons: Sequence[str],
    selected: int,
    colour: theme.Colour,
    hints: pygame.Surface,
) -> None:
    """The bottom of a dialog screen: the message (if any) centred at ``message_y``, the row
    of ``buttons`` at ``BUTTONS_Y`` and the hint strip at ``HINTS_Y``."""
    centre_x = theme.CANVAS_W // 2
    draw_message(canvas, text, message, error, (centre_x, message_y))
    if buttons:
        draw_buttons(canvas, text, buttons, selected, (centre_x, BUTTONS_Y), colour)
    canvas.blit(hints, (0, HINTS_Y - hints.get_height() // 2))


def draw_keycaps(
    surface: pygame.Surface,
    text: TextCache,
    labels: Sequence[str],
    topleft: tuple[int, int],
    colour: theme.Colour,
    height: int = 40,
    gap: int = 10,
) -> pygame.Rect:
    """Keyboard keys in a row, outlined in ``colour``; returns the row's rectangle."""
    x, y = topleft
    for label in labels:
        width = max(height, text.size(label, theme.FONT_SMALL)[0] + 24)
        cap = pygame.Rect(x, y, width, height)
        pygame.draw.rect(surface, theme.PANEL_EDGE, cap, border_radius=7)
        pygame.draw.rect(surface, colour, cap, 2, border_radius=7)
        text.blit(surface, label, theme.FONT_SMALL, theme.TEXT, cap.center, "center")
        x = cap.right + gap
    return pygame.Rect(topleft[0], y, x - gap - topleft[0], height)


def draw_lines(
    surface: pygame.Surface,
    text: TextCache,
    lines: Sequence[str],
    topleft: tuple[int, int],
    size: int = theme.FONT_SMALL,
    colour: theme.Colour = theme.TEXT_DIM,
    spacing: int = 8,
) -> int:
    """Lines of text under each other; returns the y under the last one."""
    x, y = topleft
    step = text.size("Ag", size)[1] + spacing
    for line in lines:
        if line:
            text.blit(surface, line, size, colour, (x, y))
        y += step
    return y


def draw_progress(
    surface: pygame.Surface, rect: pygame.Rect, fraction: float, colour: theme.Colour
) -> None:
    """A rounded bar filled ``fraction`` (0..1) of the way in ``colour``."""
    pygame.draw.rect(surface, theme.LANE_DARK, rect, border_radius=rect.height // 2)
    width = round(rect.width * min(1.0, max(0.0, fraction)))
    if width > 0:
        done = pygame.Rect(rect.x, rect.y, max(rect.height, width), rect.height)
        pygame.draw.rect(surface, colour, done, border_radius=rect.height // 2)
