"""A vertical list menu: arrows move, Enter chooses, Esc goes back, Left/Right change a value.

Items are values (:class:`MenuItem`); the list keeps the selection and each item's chosen
value, and turns key presses (and, optionally, mouse moves and clicks) into
:class:`MenuAction` values for the scene to act on. A disabled item can still be selected (so
its description can say why it is locked) unless ``skip_disabled`` is set, but choosing it
gives a ``refused`` action. Drawing lays the rows out in a rectangle; the scene draws the
selected item's description wherever it likes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pygame

from ..runtime import theme
from ..runtime.text import TextCache
from ..runtime.viewport import fit_viewport

UP_KEYS = (pygame.K_UP, pygame.K_w)
DOWN_KEYS = (pygame.K_DOWN, pygame.K_s)
LEFT_KEYS = (pygame.K_LEFT, pygame.K_a)
RIGHT_KEYS = (pygame.K_RIGHT, pygame.K_d)
CHOOSE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
BACK_KEYS = (pygame.K_ESCAPE, pygame.K_BACKSPACE)

ROW_H = 56
ROW_GAP = 8
ARROW_W = 9


@dataclass(frozen=True, slots=True)
class MenuItem:
    """One row. ``choices`` makes it a value picker (Left/Right cycle, ``choice`` is the index
    shown first); ``detail`` is a short right-aligned note (a best score, a lock)."""

    key: str
    label: str
    description: str = ""
    enabled: bool = True
    choices: tuple[str, ...] = ()
    choice: int = 0
    detail: str = ""
    accent: theme.Colour | None = None


@dataclass(frozen=True, slots=True)
class MenuAction:
    """What a key press did: ``choose`` / ``refused`` (Enter on an item), ``back`` (Esc),
    ``change`` (a value picked: ``value``), ``move`` (the selection moved)."""

    kind: str
    key: str | None = None
    value: str | None = None


def canvas_pos(window_pos: tuple[float, float]) -> tuple[float, float]:
    """A mouse position in the window, on the 1280x720 logical canvas."""
    surface = pygame.display.get_surface()
    if surface is None:
        return window_pos
    return fit_viewport(surface.get_size()).to_logical(*window_pos)


class MenuList:
    def __init__(
        self,
        items: Sequence[MenuItem],
        selected: int = 0,
        wrap: bool = True,
        skip_disabled: bool = False,
        row_h: int = ROW_H,
        label_x: int = 28,
    ) -> None:
        if not items:
            raise ValueError("a menu needs at least one item")
        self.wrap = wrap
        self.skip_disabled = skip_disabled
        self.row_h = row_h
        #: where labels start in a row (room on the left for the scene's own marks)
        self.label_x = label_x
        self._items: tuple[MenuItem, ...] = ()
        self._choice: dict[str, int] = {}
        self.selected = 0
        self.set_items(items)
        self.selected = min(max(0, selected), len(self._items) - 1)
        if self.skip_disabled and not self._items[self.selected].enabled:
            self._step(1)
        self._rows: list[pygame.Rect] = []

    # -- items and values ---------------------------------------------------------------------
    @property
    def items(self) -> tuple[MenuItem, ...]:
        return self._items

    def set_items(self, items: Sequence[MenuItem]) -> None:
        """Replace the items; the selection stays on the same key when it is still there,
        and picked values are kept for keys that remain."""
        if not items:
            raise ValueError("a menu needs at least one item")
        keys = [item.key for item in items]
        if len(set(keys)) != len(keys):
            raise ValueError("menu item keys must be unique")
        current = self._items[self.selected].key if self._items else None
        self._items = tuple(items)
        choice = {}
        for item in self._items:
            if item.choices:
                index = self._choice.get(item.key, item.choice)
                choice[item.key] = min(max(0, index), len(item.choices) - 1)
        self._choice = choice
        self.selected = (
            keys.index(current) if current in keys else min(self.selected, len(keys) - 1)
        )

    @property
    def selected_item(self) -> MenuItem:
        return self._items[self.selected]

    def index_of(self, key: str) -> int:
        for i, item in enumerate(self._items):
            if item.key == key:
                return i
        raise KeyError(key)

    def select(self, key: str) -> None:
        self.selected = self.index_of(key)

    def value(self, key: str) -> str | None:
        """The value shown by a picker item (None for a plain item)."""
        item = self._items[self.index_of(key)]
        return item.choices[self._choice[key]] if item.choices else None

    def set_value(self, key: str, value: str) -> None:
        item = self._items[self.index_of(key)]
        self._choice[key] = item.choices.index(value)

    def with_item(self, key: str, **changes: Any) -> None:
        """Change one item's fields (label, detail, enabled...)."""
        index = self.index_of(key)
        items = list(self._items)
        items[index] = replace(items[index], **changes)
        self.set_items(items)

    # -- input --------------------------------------------------------------------------------
    def _step(self, direction: int) -> bool:
        count = len(self._items)
        index = self.selected
        for _ in range(count):
            nxt = index + direction
            if not self.wrap and not 0 <= nxt < count:
                return False
            index = nxt % count
            if not self.skip_disabled or self._items[index].enabled:
                moved = index != self.selected
                self.selected = index
                return moved
        return False

    def move(self, direction: int) -> MenuAction | None:
        if self._step(direction):
            return MenuAction("move", self.selected_item.key)
        return None

    def change(self, direction: int) -> MenuAction | None:
        item = self.selected_item
        if not item.choices or not item.enabled:
            return None
        index = (self._choice[item.key] + direction) % len(item.choices)
        self._choice[item.key] = index
        return MenuAction("change", item.key, item.choices[index])

    def choose(self) -> MenuAction:
        item = self.selected_item
        kind = "choose" if item.enabled else "refused"
        return MenuAction(kind, item.key, self.value(item.key) if item.choices else None)

    def handle(self, event: Any) -> MenuAction | None:
        kind = event.type
        if kind == pygame.KEYDOWN:
            key = event.key
            if key in UP_KEYS:
                return self.move(-1)
            if key in DOWN_KEYS:
                return self.move(1)
            if key in LEFT_KEYS:
                return self.change(-1)
            if key in RIGHT_KEYS:
                return self.change(1)
            if key in CHOOSE_KEYS:
                return self.choose()
            if key in BACK_KEYS:
                return MenuAction("back")
            return None
        if kind == pygame.MOUSEMOTION:
            index = self.row_at(canvas_pos(event.pos))
            movable = index is not None and index != self.selected
            if movable and (self._items[index].enabled or not self.skip_disabled):
                self.selected = index
                return MenuAction("move", self.selected_item.key)
            return None
        if kind == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1:
            index = self.row_at(canvas_pos(event.pos))
            if index is None:
                return None
            self.selected = index
            return self.choose()
        if kind == pygame.MOUSEWHEEL:
            return self.move(-1 if event.y > 0 else 1)
        return None

    def row_at(self, pos: tuple[float, float]) -> int | None:
        for i, rect in enumerate(self._rows):
            if rect.collidepoint(pos):
                return i
        return None

    # -- drawing ------------------------------------------------------------------------------
    def layout(self, rect: pygame.Rect) -> list[pygame.Rect]:
        """Row rectangles from the top of ``rect`` (also used for mouse hit tests)."""
        rows = [
            pygame.Rect(rect.x, rect.y + i * (self.row_h + ROW_GAP), rect.width, self.row_h)
            for i in range(len(self._items))
        ]
        self._rows = rows
        return rows

    def draw(
        self,
        canvas: pygame.Surface,
        text: TextCache,
        rect: pygame.Rect,
        accent: theme.Colour = theme.PLAYER_COLOURS[theme.Player.P1],
        focused: bool = True,
    ) -> None:
        for i, (item, row) in enumerate(zip(self._items, self.layout(rect), strict=True)):
            self._draw_row(canvas, text, item, row, i == self.selected, accent, focused)

    def _draw_row(
        self,
        canvas: pygame.Surface,
        text: TextCache,
        item: MenuItem,
        row: pygame.Rect,
        selected: bool,
        accent: theme.Colour,
        focused: bool,
    ) -> None:
        colour = item.accent or accent
        if selected:
            fill = theme.PANEL_EDGE if focused else theme.PANEL
            pygame.draw.rect(canvas, fill, row, border_radius=10)
            edge = colour if focused else theme.PANEL_EDGE
            pygame.draw.rect(canvas, edge, row, 2, border_radius=10)
            bar = pygame.Rect(row.x + 8, row.y + 12, 5, row.height - 24)
            pygame.draw.rect(canvas, edge, bar, border_radius=3)
        if not item.enabled:
            label_colour = theme.TEXT_FAINT
        elif selected and focused:
            label_colour = theme.TEXT
        else:
            label_colour = theme.TEXT_DIM
        size = theme.FONT_BODY if row.height >= 44 else theme.FONT_SMALL
        text.blit(
            canvas, item.label, size, label_colour, (row.x + self.label_x, row.centery), "midleft"
        )
        right = row.right - 20
        if item.choices:
            value = item.choices[self._choice[item.key]]
            value_colour = theme.TEXT if selected and focused else theme.TEXT_DIM
            drawn = text.blit(
                canvas, value, theme.FONT_SMALL, value_colour, (right - 22, row.centery), "midright"
            )
            if selected and item.enabled:
                arrow = colour if focused else theme.TEXT_FAINT
                _triangle(canvas, arrow, (drawn.x - 14, row.centery), -1)
                _triangle(canvas, arrow, (right - 6, row.centery), 1)
        elif item.detail:
            detail_colour = theme.TEXT_DIM if item.enabled else theme.TEXT_FAINT
            text.blit(
                canvas,
                item.detail,
                theme.FONT_SMALL,
                detail_colour,
                (right, row.centery),
                "midright",
            )


def _triangle(canvas: pygame.Surface, colour, centre: tuple[int, int], direction: int) -> None:
    """A small arrow head pointing left (-1) or right (+1)."""
    x, y = centre
    half = ARROW_W // 2 + 1
    tip = (x + direction * half, y)
    back = x - direction * half
    pygame.draw.polygon(canvas, colour, (tip, (back, y - half - 1), (back, y + half + 1)))
