"""A keyboard-first form: rows of label + value that the player walks and edits.

Keys: Up/Down move (Tab / Shift+Tab jump to the next / previous group), Left/Right change the
value (Shift or Page Up/Down: a big step; Home/End: the ends of a range), Enter or Space
activates (next choice, flip a toggle, type a number, run an action), Esc goes back. Held
arrows repeat (:mod:`.key_repeat`). The mouse is optional: pointing selects a row, a click
activates it, the wheel changes its value.

The rows are frozen values (:mod:`.form_rows`); the form holds the current values and
returns a :class:`FormEvent` for whatever happened, so a scene reacts to
"changed"/"activated"/"back" without knowing keys. Typed numbers are checked when Enter
confirms them: a bad one is refused with a message (``form.message``) and the value is left
as it was. Drawing shows the rows (of one group, or all) in a rectangle, scrolled to the
selection (:mod:`.form_layout`), each row drawn by :mod:`.form_drawing`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pygame

from ...runtime.input.key_repeat import KeyRepeat
from ...runtime.text import TextCache
from .drawing import draw_row, draw_scroll_mark
from .layout import RowLayout, logical_pos
from .rows import Action, Choice, FormEvent, Range, Row, Toggle, default_text

ENTRY_MAX_CHARS = 19
ROW_H = 42

UP_KEYS = (pygame.K_UP,)
DOWN_KEYS = (pygame.K_DOWN,)
LEFT_KEYS = (pygame.K_LEFT,)
RIGHT_KEYS = (pygame.K_RIGHT,)
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
REPEATING_KEYS = frozenset((*UP_KEYS, *DOWN_KEYS, *LEFT_KEYS, *RIGHT_KEYS))
REPEATING_KEYS |= {pygame.K_PAGEUP, pygame.K_PAGEDOWN}


class OptionForm:
    def __init__(self, rows: Sequence[Row], values: dict[str, Any]) -> None:
        if not rows:
            raise ValueError("a form needs rows")
        keys = [row.key for row in rows]
        if len(set(keys)) != len(keys):
            raise ValueError("row keys must be unique")
        self.rows: tuple[Row, ...] = tuple(rows)
        self.values: dict[str, Any] = {row.key: values.get(row.key) for row in rows}
        for row in rows:
            if isinstance(row.kind, Range) and self.values[row.key] is not None:
                self.values[row.key] = row.kind.normal(self.values[row.key])
        self.selected = 0
        #: the text typed so far while a number is being entered, else None
        self.entry: str | None = None
        self.message = ""
        self._held = KeyRepeat(REPEATING_KEYS)
        self._layout = RowLayout()

    # -- reading and writing values -------------------------------------------------------
    def index(self, key: str) -> int:
        for i, row in enumerate(self.rows):
            if row.key == key:
                return i
        raise KeyError(key)

    def row(self, key: str) -> Row:
        return self.rows[self.index(key)]

    @property
    def selected_row(self) -> Row:
        return self.rows[self.selected]

    def value(self, key: str) -> Any:
        return self.values[key]

    def set_value(self, key: str, value: Any) -> None:
        """Set a value from outside (no event)."""
        kind = self.row(key).kind
        self.values[key] = kind.normal(value) if isinstance(kind, Range) else value

    def text_of(self, row: Row) -> str:
        value = self.values[row.key]
        return row.fmt(value) if row.fmt is not None else default_text(row.kind, value)

    def select(self, key: str) -> None:
        self.selected = self.index(key)
        self.entry = None

    def groups(self) -> list[str]:
        seen: list[str] = []
        for row in self.rows:
            if row.group not in seen:
                seen.append(row.group)
        return seen

    # -- input ------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> FormEvent | None:
        """One pygame event; returns what it did (None: nothing for the form)."""
        if event.type == pygame.KEYUP:
            self._held.released(event.key)
            return None
        if event.type == pygame.KEYDOWN:
            if self.entry is not None:
                return self._entry_key(event)
            result = self.press(event.key, getattr(event, "mod", 0))
            self._held.pressed(event.key, getattr(event, "mod", 0), stamp_s)
            return result
        if event.type == pygame.WINDOWFOCUSLOST:
            self._held.clear()
            return None
        return self._mouse(event)

    def update(self, now_s: float) -> list[FormEvent]:
        """Repeats of a held arrow key due by ``now_s``."""
        out: list[FormEvent] = []
        for key, mod in self._held.due(now_s):
            result = self.press(key, mod)
            if result is not None:
                out.append(result)
        return out

    def press(self, key: int, mod: int = 0) -> FormEvent | None:
        """A key press (no text entry open)."""
        shift = bool(mod & pygame.KMOD_SHIFT)
        if key in UP_KEYS:
            return self.move(-1)
        if key in DOWN_KEYS:
            return self.move(1)
        if key == pygame.K_TAB:
            return self.jump_group(-1 if shift else 1)
        if key in LEFT_KEYS:
            return self.change(-1, big=shift)
        if key in RIGHT_KEYS:
            return self.change(1, big=shift)
        if key == pygame.K_PAGEDOWN:
            return self.change(-1, big=True)
        if key == pygame.K_PAGEUP:
            return self.change(1, big=True)
        if key in (pygame.K_HOME, pygame.K_END):
            return self._to_end(key == pygame.K_END)
        if key in ENTER_KEYS:
            return self.activate()
        if key == pygame.K_ESCAPE:
            self._held.clear()
            return FormEvent("back")
        return None

    def move(self, steps: int) -> FormEvent:
        self.selected = (self.selected + steps) % len(self.rows)
        self.message = ""
        return FormEvent("moved", self.selected_row.key)

    def jump_group(self, steps: int) -> FormEvent:
        groups = self.groups()
        current = groups.index(self.selected_row.group)
        target = groups[(current + steps) % len(groups)]
        self.selected = next(i for i, r in enumerate(self.rows) if r.group == target)
        self.message = ""
        return FormEvent("moved", self.selected_row.key)

    def change(self, steps: int, big: bool = False) -> FormEvent | None:
        row = self.selected_row
        old = self.values[row.key]
        kind = row.kind
        if isinstance(kind, Choice):
            new = kind.moved(old, steps)
        elif isinstance(kind, Range):
            new = kind.moved(old, steps, big)
        elif isinstance(kind, Toggle):
            new = not old
        else:
            return None
        if new == old:
            return None
        self.values[row.key] = new
        self.message = ""
        return FormEvent("changed", row.key, new)

    def _to_end(self, high: bool) -> FormEvent | None:
        row = self.selected_row
        if not isinstance(row.kind, Range):
            self.selected = len(self.rows) - 1 if high else 0
            return FormEvent("moved", self.selected_row.key)
        new = row.kind.normal(row.kind.high if high else row.kind.low)
        if new == self.values[row.key]:
            return None
        self.values[row.key] = new
        return FormEvent("changed", row.key, new)

    def activate(self) -> FormEvent | None:
        row = self.selected_row
        kind = row.kind
        if isinstance(kind, Action):
            return FormEvent("activated", row.key, self.values[row.key])
        if isinstance(kind, Range):
            if not kind.typed:  # the scene decides what Enter does here
                return FormEvent("activated", row.key, self.values[row.key])
            self.entry = ""
            self.message = ""
            self._held.clear()
            return FormEvent("editing", row.key)
        return self.change(1)

    def _entry_key(self, event: Any) -> FormEvent | None:
        row = self.selected_row
        key = event.key
        if key == pygame.K_ESCAPE:
            self.entry = None
            return FormEvent("edit_cancelled", row.key)
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            typed, self.entry = self.entry or "", None
            try:
                new = row.kind.parse(typed)
            except ValueError as error:
                self.message = str(error)
                return FormEvent("refused", row.key, typed)
            if new == self.values[row.key]:
                return FormEvent("edit_cancelled", row.key)
            self.values[row.key] = new
            return FormEvent("changed", row.key, new)
        if key == pygame.K_BACKSPACE:
            self.entry = (self.entry or "")[:-1]
            return None
        char = getattr(event, "unicode", "") or ""
        if len(char) == 1 and char in "0123456789.-+" and len(self.entry or "") < ENTRY_MAX_CHARS:
            self.entry = (self.entry or "") + char
        return None

    def _mouse(self, event: Any) -> FormEvent | None:
        if event.type == pygame.MOUSEMOTION:
            index = self._layout.row_at(logical_pos(event.pos))
            if index is not None and index != self.selected and self.entry is None:
                self.selected = index
                return FormEvent("moved", self.selected_row.key)
            return None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            index = self._layout.row_at(logical_pos(event.pos))
            if index is None or self.entry is not None:
                return None
            self.selected = index
            return self.activate()
        if event.type == pygame.MOUSEWHEEL and self.entry is None and event.y:
            index = self._layout.row_at(logical_pos(pygame.mouse.get_pos()))
            if index is None:
                return None
            self.selected = index
            return self.change(1 if event.y > 0 else -1)
        return None

    def row_rect(self, key: str) -> pygame.Rect | None:
        """Where the row was last drawn (None if it was not drawn)."""
        return self._layout.rect_of(self.index(key))

    def release_keys(self) -> None:
        """Forget a held arrow (the scene was covered: its key-up may go elsewhere)."""
        self._held.clear()

    # -- drawing ----------------------------------------------------------------------------
    def draw(
        self,
        canvas: pygame.Surface,
        text: TextCache,
        rect: pygame.Rect,
        group: str | None = None,
        row_h: int = ROW_H,
        active: bool = True,
    ) -> None:
        """The rows (of one ``group``, or all) inside ``rect``, scrolled to the selection."""
        indices = [i for i, r in enumerate(self.rows) if group is None or r.group == group]
        scroll = "" if group is None else group
        placement = self._layout.place(indices, self.selected, rect, row_h, scroll)
        for index, row_rect in placement.rows:
            row = self.rows[index]
            value, shown = self.values[row.key], self.text_of(row)
            selected = active and index == self.selected
            draw_row(canvas, text, row, row_rect, value, shown, selected, self.entry)
        if placement.more_above:
            draw_scroll_mark(canvas, (rect.centerx, rect.y - 6), up=True)
        if placement.more_below:
            draw_scroll_mark(canvas, (rect.centerx, placement.end_y - 2), up=False)
