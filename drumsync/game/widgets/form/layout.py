"""Where an option form's rows go on screen: which rows fit in a rectangle (scrolled so the
selected row stays in view; each group keeps its own scroll) and which row is under the
mouse, from where the rows were last drawn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from ...runtime.viewport import fit_viewport


@dataclass(frozen=True, slots=True)
class Placement:
    """The rows to draw, top to bottom, as (row index, rect); whether rows are hidden above
    or below; and ``end_y``, the foot of the last place that fits."""

    rows: tuple[tuple[int, pygame.Rect], ...]
    more_above: bool
    more_below: bool
    end_y: int


class RowLayout:
    def __init__(self) -> None:
        self._rects: dict[int, pygame.Rect] = {}
        self._scroll: dict[str, int] = {}

    def place(
        self, indices: Sequence[int], selected: int, rect: pygame.Rect, row_h: int, scroll: str
    ) -> Placement:
        """Lay the rows ``indices`` out in ``rect``, ``row_h`` apart, scrolled (the scroll
        named ``scroll`` is kept for next time) so that ``selected`` shows if it is one of
        them; the rows that do not fit are forgotten until they are placed again."""
        fit = max(1, rect.height // row_h)
        first = self._scroll.get(scroll, 0)
        if selected in indices:
            pos = indices.index(selected)
            if pos < first:
                first = pos
            elif pos >= first + fit:
                first = pos - fit + 1
        first = max(0, min(first, max(0, len(indices) - fit)))
        self._scroll[scroll] = first
        for index in indices:
            self._rects.pop(index, None)
        placed: list[tuple[int, pygame.Rect]] = []
        y = rect.y
        for index in indices[first : first + fit]:
            row_rect = pygame.Rect(rect.x, y, rect.width, row_h - 4)
            self._rects[index] = row_rect
            placed.append((index, row_rect))
            y += row_h
        return Placement(tuple(placed), first > 0, first + fit < len(indices), rect.y + fit * row_h)

    def rect_of(self, index: int) -> pygame.Rect | None:
        """Where the row was last drawn (None if it was not drawn)."""
        return self._rects.get(index)

    def row_at(self, pos: tuple[float, float]) -> int | None:
        """The index of the row drawn at ``pos`` (canvas coordinates), if any."""
        for index, rect in self._rects.items():
            if rect.collidepoint(pos):
                return index
        return None


def logical_pos(window_pos: tuple[float, float]) -> tuple[float, float]:
    """A mouse position in the window -> the 1280x720 canvas (the display letterboxes)."""
    surface = pygame.display.get_surface()
    if surface is None:
        return window_pos
    return fit_viewport(surface.get_size()).to_logical(*window_pos)
