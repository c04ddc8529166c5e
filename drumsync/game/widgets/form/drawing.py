"""How an option form's rows look: label, value and selection frame, drawn per row kind.

A selected row is framed in its accent; a range shows arrows either side of its value (and a
bar with ``slider``), a toggle a switch, a key binding a key cap, an action an arrow, a
button row a filled button. While a number is typed the value becomes an entry box with a
caret. The form decides which rows are shown where (and scrolls); this draws one row.
"""

from __future__ import annotations

from typing import Any

import pygame

from ....core.voices import Player
from ...runtime import theme
from ...runtime.text import TextCache
from ..text_fit import fitted
from .rows import Action, Range, Row, Toggle

ACCENT = theme.PLAYER_COLOURS[Player.P1]
LABEL_SIZE = theme.FONT_SMALL
VALUE_SIZE = theme.FONT_SMALL
#: The least room between a row's label and its value.
VALUE_GAP = 24


def draw_row(
    canvas: pygame.Surface,
    text: TextCache,
    row: Row,
    rect: pygame.Rect,
    value: Any,
    value_text: str,
    selected: bool,
    entry: str | None = None,
) -> None:
    """``row`` in ``rect`` showing ``value`` as ``value_text``; ``entry`` is the number being
    typed into it (only drawn on the selected row)."""
    accent = row.accent or ACCENT
    kind = row.kind
    if isinstance(kind, Action) and kind.button:
        fill = accent if selected else theme.mix(theme.PANEL, accent, 0.25)
        pygame.draw.rect(canvas, fill, rect, border_radius=10)
        colour = theme.BACKGROUND if selected else theme.TEXT
        text.blit(canvas, row.label.upper(), theme.FONT_BODY, colour, rect.center, "center")
        return
    if selected:
        pygame.draw.rect(canvas, theme.mix(theme.PANEL, theme.PANEL_EDGE, 0.7), rect, 0, 10)
        pygame.draw.rect(canvas, accent, rect, 2, border_radius=10)
    x = rect.x + 14
    if row.icon is not None:
        icon = row.icon
        canvas.blit(icon, (x, rect.centery - icon.get_height() // 2))
        x += icon.get_width() + 10
    colour = theme.TEXT if selected else theme.TEXT_DIM
    label = text.blit(canvas, row.label, LABEL_SIZE, colour, (x, rect.centery), "midleft")
    label_right = label.right
    right = rect.right - 14

    def value_fitted(value_right: int, also: int = 0) -> tuple[str, int]:
        """The value (shrunk, then elided) between the label and ``value_right``, leaving
        ``also`` pixels for what goes left of it."""
        room = value_right - label_right - VALUE_GAP - also
        return fitted(text, value_text, VALUE_SIZE, max(room, 24))

    if selected and entry is not None:
        draw_entry(canvas, text, rect, right, entry, value_text)
        return
    value_colour = theme.TEXT if selected else theme.mix(theme.TEXT_DIM, theme.TEXT, 0.5)
    if isinstance(kind, Toggle):
        _switch(canvas, pygame.Rect(right - 46, rect.centery - 12, 46, 24), bool(value), accent)
        shown, size = value_fitted(right - 58)
        text.blit(canvas, shown, size, value_colour, (right - 58, rect.centery), "midright")
    elif isinstance(kind, Action) and kind.keycap:
        _keycap(canvas, text, value_text, (right, rect.centery), selected, accent)
    elif isinstance(kind, Action):
        if value_text:
            shown, size = value_fitted(right - 22)
            text.blit(canvas, shown, size, value_colour, (right - 22, rect.centery), "midright")
        _arrow(canvas, (right - 6, rect.centery), 1, theme.TEXT if selected else theme.TEXT_FAINT)
    else:
        value_right = right - (20 if selected else 0)
        slider_w = 110 + (28 if selected else 14) if row.slider else 0
        shown, size = value_fitted(value_right, slider_w + (24 if selected else 0))
        value_rect = text.blit(
            canvas, shown, size, value_colour, (value_right, rect.centery), "midright"
        )
        if selected:
            _arrow(canvas, (right - 4, rect.centery), 1, accent)
            _arrow(canvas, (value_rect.x - 12, rect.centery), -1, accent)
        if row.slider and isinstance(kind, Range):
            span = kind.high - kind.low
            fraction = 0.0 if span <= 0 else (value - kind.low) / span
            bar_right = value_rect.x - (28 if selected else 14)
            bar = pygame.Rect(bar_right - 110, rect.centery - 3, 110, 6)
            _slider(canvas, bar, fraction, accent if selected else theme.TEXT_FAINT)


def draw_entry(
    canvas: pygame.Surface,
    text: TextCache,
    rect: pygame.Rect,
    right: int,
    typed: str,
    value_text: str,
) -> None:
    """The box a number is typed into, right-aligned at ``right`` in the row ``rect``; empty,
    it shows the current value faintly."""
    width = max(120, text.size(typed or "0", VALUE_SIZE)[0] + 30)
    box = pygame.Rect(right - width, rect.y + 5, width, rect.height - 10)
    pygame.draw.rect(canvas, theme.BACKGROUND, box, border_radius=6)
    pygame.draw.rect(canvas, theme.OI_YELLOW, box, 2, border_radius=6)
    shown = typed if typed else value_text
    colour = theme.TEXT if typed else theme.TEXT_FAINT
    drawn = text.blit(canvas, shown, VALUE_SIZE, colour, (box.right - 16, box.centery), "midright")
    caret_x = drawn.right + 3 if typed else box.right - 12
    pygame.draw.line(canvas, theme.OI_YELLOW, (caret_x, box.y + 7), (caret_x, box.bottom - 7), 2)


# --- small drawing pieces ------------------------------------------------------------------------


def _arrow(canvas: pygame.Surface, tip: tuple[float, float], direction: int, colour) -> None:
    x, y = tip
    pygame.draw.polygon(
        canvas, colour, [(x, y), (x - 7 * direction, y - 6), (x - 7 * direction, y + 6)]
    )


def draw_scroll_mark(canvas: pygame.Surface, centre: tuple[float, float], up: bool) -> None:
    """The faint chevron above (``up``) or below a list that has more rows that way."""
    x, y = centre
    d = -1 if up else 1
    pygame.draw.polygon(
        canvas, theme.TEXT_FAINT, [(x - 8, y - 3 * d), (x + 8, y - 3 * d), (x, y + 4 * d)]
    )


def _slider(canvas: pygame.Surface, bar: pygame.Rect, fraction: float, colour) -> None:
    fraction = min(1.0, max(0.0, fraction))
    pygame.draw.rect(canvas, theme.LANE_DARK, bar, border_radius=3)
    filled = bar.copy()
    filled.width = max(bar.height, round(bar.width * fraction))
    pygame.draw.rect(canvas, colour, filled, border_radius=3)
    pygame.draw.circle(canvas, theme.TEXT, (filled.right - bar.height // 2, bar.centery), 6)


def _switch(canvas: pygame.Surface, box: pygame.Rect, on: bool, colour) -> None:
    fill = theme.OI_GREEN if on else theme.LANE_DARK
    pygame.draw.rect(canvas, fill, box, border_radius=box.height // 2)
    pygame.draw.rect(canvas, theme.PANEL_EDGE, box, 1, border_radius=box.height // 2)
    knob_x = box.right - box.height // 2 if on else box.x + box.height // 2
    pygame.draw.circle(canvas, theme.TEXT, (knob_x, box.centery), box.height // 2 - 3)


def _keycap(
    canvas: pygame.Surface,
    text: TextCache,
    label: str,
    midright: tuple[int, int],
    selected: bool,
    accent,
) -> pygame.Rect:
    width = max(44, text.size(label, VALUE_SIZE)[0] + 24)
    cap = pygame.Rect(0, 0, width, 32)
    cap.midright = midright
    pygame.draw.rect(
        canvas,
        theme.darken(accent, 0.55) if selected else theme.LANE_DARK,
        cap.move(0, 3),
        border_radius=7,
    )
    pygame.draw.rect(
        canvas,
        theme.PANEL_EDGE if not selected else theme.darken(accent, 0.2),
        cap,
        border_radius=7,
    )
    text.blit(canvas, label, VALUE_SIZE, theme.TEXT, cap.center, "center")
    return cap
