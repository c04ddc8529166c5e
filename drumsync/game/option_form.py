"""A keyboard-first form: rows of label + value, and the menu frame around it.

Keys: Up/Down move (Tab / Shift+Tab jump to the next / previous group), Left/Right change the
value (Shift or Page Up/Down: a big step; Home/End: the ends of a range), Enter or Space
activates (next choice, flip a toggle, type a number, run an action), Esc goes back. Held
arrows repeat (the game turns SDL's key repeat off, a held drum key is one hit). The mouse
is optional: pointing selects a row, a click activates it, the wheel changes its value.

Row kinds are frozen values (:class:`Choice`, :class:`Range`, :class:`Toggle`,
:class:`Action`); the form holds the current values and returns a :class:`FormEvent` for
whatever happened, so a scene reacts to "changed"/"activated"/"back" without knowing keys.
Typed numbers are checked when Enter confirms them: a bad one is refused with a message
(``form.message``) and the value is left as it was.

Also here, the frame every menu screen shares with the results screen: :func:`draw_header`,
:func:`render_hints` (key caps along the bottom) and :class:`StatusLine` (a timed message).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pygame

from ..core.voices import Player
from . import key_hints, theme
from .text import TextCache
from .viewport import fit_viewport

REPEAT_DELAY_S = 0.38
REPEAT_INTERVAL_S = 0.055
#: At most this many repeats are caught up in one update (after a stall nothing races).
MAX_REPEATS_PER_UPDATE = 3
ENTRY_MAX_CHARS = 19
MESSAGE_S = 5.0

ACCENT = theme.PLAYER_COLOURS[Player.P1]
ROW_H = 42
LABEL_SIZE = theme.FONT_SMALL
VALUE_SIZE = theme.FONT_SMALL

UP_KEYS = (pygame.K_UP,)
DOWN_KEYS = (pygame.K_DOWN,)
LEFT_KEYS = (pygame.K_LEFT,)
RIGHT_KEYS = (pygame.K_RIGHT,)
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
REPEATING_KEYS = frozenset((*UP_KEYS, *DOWN_KEYS, *LEFT_KEYS, *RIGHT_KEYS))
REPEATING_KEYS |= {pygame.K_PAGEUP, pygame.K_PAGEDOWN}


# --- row kinds ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    """One of ``options``; ``labels`` are what the screen shows (default: ``str(option)``)."""

    options: tuple[Any, ...]
    labels: tuple[str, ...] = ()
    wrap: bool = True

    def __post_init__(self) -> None:
        if not self.options:
            raise ValueError("a choice needs at least one option")
        if self.labels and len(self.labels) != len(self.options):
            raise ValueError("a choice needs one label per option")

    def label(self, value: Any) -> str:
        if self.labels and value in self.options:
            return self.labels[self.options.index(value)]
        return str(value)

    def moved(self, value: Any, steps: int) -> Any:
        index = self.options.index(value) if value in self.options else 0
        target = index + steps
        if self.wrap:
            return self.options[target % len(self.options)]
        return self.options[max(0, min(len(self.options) - 1, target))]


@dataclass(frozen=True, slots=True)
class Range:
    """A number in ``low..high`` moved by ``step`` (``big_step`` with Shift or Page Up/Down).

    ``integer`` values are ints; others are rounded to the step's decimals, so 0.1 steps
    never drift to 0.30000000000000004. ``typed`` lets Enter open a text entry; without it
    Enter on the row is an "activated" event for the scene.
    """

    low: float
    high: float
    step: float = 1
    big_step: float | None = None
    integer: bool = True
    typed: bool = True
    name: str = "value"  # for messages: "BPM must be 40..300"

    def __post_init__(self) -> None:
        if not self.low <= self.high or self.step <= 0:
            raise ValueError("a range needs low <= high and a positive step")

    @property
    def decimals(self) -> int:
        if self.integer:
            return 0
        text = f"{self.step:.6f}".rstrip("0")
        return len(text.split(".")[1]) if "." in text else 0

    def normal(self, value: float) -> float | int:
        """Clamped into the range; an int for integer ranges, else rounded to the step."""
        value = min(self.high, max(self.low, value))
        return round(value) if self.integer else round(float(value), self.decimals)

    def moved(self, value: float, steps: int, big: bool = False) -> float | int:
        """``steps`` steps along the grid of multiples of the step (a value between two grid
        points moves to the next one in that direction: 125 +10 -> 130, 125 -10 -> 120)."""
        step = (self.big_step or self.step * 10) if big else self.step
        if self.integer and float(step).is_integer():
            whole, step = int(value), int(step)  # exact for seeds up to 2**63
            base = whole // step if steps > 0 else -(-whole // step)
            return self.normal((base + steps) * step)
        base = math.floor(value / step + 1e-9) if steps > 0 else math.ceil(value / step - 1e-9)
        return self.normal((base + steps) * step)

    def parse(self, typed: str) -> float | int:
        """The typed number, or ValueError with a message for the player."""
        span = f"{_number_text(self.low)}..{_number_text(self.high)}"
        text = typed.strip()
        try:
            value: float | int = int(text)  # exact, however long
        except ValueError:
            try:
                value = float(text)
            except ValueError:
                shown = text or "nothing"
                raise ValueError(f"{shown} is not a number: {self.name} is {span}") from None
        if not math.isfinite(value) or not self.low <= value <= self.high:
            raise ValueError(f"{self.name} must be {span}, not {text}")
        if self.integer and value != int(value):
            raise ValueError(f"{self.name} is a whole number ({span})")
        return self.normal(value)


@dataclass(frozen=True, slots=True)
class Toggle:
    on_text: str = "On"
    off_text: str = "Off"


@dataclass(frozen=True, slots=True)
class Action:
    """Enter runs it; ``button`` draws the row as a button (Start), ``keycap`` shows the
    value as a key cap (key bindings)."""

    button: bool = False
    keycap: bool = False


Kind = Choice | Range | Toggle | Action


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a form. ``fmt`` turns the value into text (default per kind); ``hint``
    says what the row does; ``slider`` draws a range as a bar; ``icon`` is drawn before the
    label; ``accent`` colours the selection frame."""

    key: str
    label: str
    kind: Kind
    group: str = ""
    hint: str = ""
    fmt: Callable[[Any], str] | None = None
    slider: bool = False
    icon: pygame.Surface | None = None
    accent: theme.Colour | None = None


@dataclass(frozen=True, slots=True)
class FormEvent:
    """What a key did: ``kind`` is "changed", "activated", "moved", "back", "editing",
    "edit_cancelled" or "refused"; ``key`` the row's key; ``value`` its (new) value."""

    kind: str
    key: str = ""
    value: Any = None


def _number_text(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(int(value))


def default_text(kind: Kind, value: Any) -> str:
    if isinstance(kind, Choice):
        return kind.label(value)
    if isinstance(kind, Toggle):
        return kind.on_text if value else kind.off_text
    if isinstance(kind, Range):
        return str(value) if kind.integer else f"{value:.{kind.decimals}f}"
    return "" if value is None else str(value)


def logical_pos(window_pos: tuple[float, float]) -> tuple[float, float]:
    """A mouse position in the window -> the 1280x720 canvas (the display letterboxes)."""
    surface = pygame.display.get_surface()
    if surface is None:
        return window_pos
    return fit_viewport(surface.get_size()).to_logical(*window_pos)


# --- the form ----------------------------------------------------------------------------------


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
        self._repeat: tuple[int, int, float] | None = None  # key, mod, next repeat time
        self._row_rects: dict[int, pygame.Rect] = {}
        self._scroll: dict[str, int] = {}

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
            if self._repeat is not None and self._repeat[0] == event.key:
                self._repeat = None
            return None
        if event.type == pygame.KEYDOWN:
            if self.entry is not None:
                return self._entry_key(event)
            result = self.press(event.key, getattr(event, "mod", 0))
            if event.key in REPEATING_KEYS:
                self._repeat = (event.key, getattr(event, "mod", 0), stamp_s + REPEAT_DELAY_S)
            return result
        if event.type == pygame.WINDOWFOCUSLOST:
            self._repeat = None
            return None
        return self._mouse(event)

    def update(self, now_s: float) -> list[FormEvent]:
        """Repeats of a held arrow key due by ``now_s``."""
        out: list[FormEvent] = []
        repeats = 0
        while self._repeat is not None and now_s >= self._repeat[2]:
            key, mod, due_s = self._repeat
            if repeats >= MAX_REPEATS_PER_UPDATE:
                self._repeat = (key, mod, now_s + REPEAT_INTERVAL_S)
                break
            self._repeat = (key, mod, due_s + REPEAT_INTERVAL_S)
            result = self.press(key, mod)
            repeats += 1
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
            self._repeat = None
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
            self._repeat = None
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
            index = self._row_at(logical_pos(event.pos))
            if index is not None and index != self.selected and self.entry is None:
                self.selected = index
                return FormEvent("moved", self.selected_row.key)
            return None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            index = self._row_at(logical_pos(event.pos))
            if index is None or self.entry is not None:
                return None
            self.selected = index
            return self.activate()
        if event.type == pygame.MOUSEWHEEL and self.entry is None and event.y:
            index = self._row_at(logical_pos(pygame.mouse.get_pos()))
            if index is None:
                return None
            self.selected = index
            return self.change(1 if event.y > 0 else -1)
        return None

    def row_rect(self, key: str) -> pygame.Rect | None:
        """Where the row was last drawn (None if it was not drawn)."""
        return self._row_rects.get(self.index(key))

    def release_keys(self) -> None:
        """Forget a held arrow (the scene was covered: its key-up may go elsewhere)."""
        self._repeat = None

    def _row_at(self, pos: tuple[float, float]) -> int | None:
        for index, rect in self._row_rects.items():
            if rect.collidepoint(pos):
                return index
        return None

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
        fit = max(1, rect.height // row_h)
        scroll_key = "" if group is None else group
        first = self._scroll.get(scroll_key, 0)
        if self.selected in indices:
            pos = indices.index(self.selected)
            if pos < first:
                first = pos
            elif pos >= first + fit:
                first = pos - fit + 1
        first = max(0, min(first, max(0, len(indices) - fit)))
        self._scroll[scroll_key] = first
        for index in indices:
            self._row_rects.pop(index, None)
        y = rect.y
        for index in indices[first : first + fit]:
            row_rect = pygame.Rect(rect.x, y, rect.width, row_h - 4)
            self._row_rects[index] = row_rect
            self._draw_row(
                canvas, text, self.rows[index], row_rect, active and index == self.selected
            )
            y += row_h
        if first > 0:
            _chevron(canvas, (rect.centerx, rect.y - 6), up=True)
        if first + fit < len(indices):
            _chevron(canvas, (rect.centerx, rect.y + fit * row_h - 2), up=False)

    def _draw_row(
        self, canvas: pygame.Surface, text: TextCache, row: Row, rect: pygame.Rect, selected: bool
    ) -> None:
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
        text.blit(canvas, row.label, LABEL_SIZE, colour, (x, rect.centery), "midleft")
        right = rect.right - 14
        if selected and self.entry is not None:
            self._draw_entry(canvas, text, rect, right)
            return
        value_text = self.text_of(row)
        value_colour = theme.TEXT if selected else theme.mix(theme.TEXT_DIM, theme.TEXT, 0.5)
        if isinstance(kind, Toggle):
            _switch(
                canvas,
                pygame.Rect(right - 46, rect.centery - 12, 46, 24),
                bool(self.values[row.key]),
                accent,
            )
            text.blit(
                canvas, value_text, VALUE_SIZE, value_colour, (right - 58, rect.centery), "midright"
            )
        elif isinstance(kind, Action) and kind.keycap:
            _keycap(canvas, text, value_text, (right, rect.centery), selected, accent)
        elif isinstance(kind, Action):
            if value_text:
                text.blit(
                    canvas,
                    value_text,
                    VALUE_SIZE,
                    value_colour,
                    (right - 22, rect.centery),
                    "midright",
                )
            _arrow(
                canvas, (right - 6, rect.centery), 1, theme.TEXT if selected else theme.TEXT_FAINT
            )
        else:
            value_rect = text.blit(
                canvas,
                value_text,
                VALUE_SIZE,
                value_colour,
                (right - (20 if selected else 0), rect.centery),
                "midright",
            )
            if selected:
                _arrow(canvas, (right - 4, rect.centery), 1, accent)
                _arrow(canvas, (value_rect.x - 12, rect.centery), -1, accent)
            if row.slider and isinstance(kind, Range):
                span = kind.high - kind.low
                fraction = 0.0 if span <= 0 else (self.values[row.key] - kind.low) / span
                bar_right = value_rect.x - (28 if selected else 14)
                bar = pygame.Rect(bar_right - 110, rect.centery - 3, 110, 6)
                _slider(canvas, bar, fraction, accent if selected else theme.TEXT_FAINT)

    def _draw_entry(
        self, canvas: pygame.Surface, text: TextCache, rect: pygame.Rect, right: int
    ) -> None:
        typed = self.entry or ""
        width = max(120, text.size(typed or "0", VALUE_SIZE)[0] + 30)
        box = pygame.Rect(right - width, rect.y + 5, width, rect.height - 10)
        pygame.draw.rect(canvas, theme.BACKGROUND, box, border_radius=6)
        pygame.draw.rect(canvas, theme.OI_YELLOW, box, 2, border_radius=6)
        shown = typed if typed else self.text_of(self.selected_row)
        colour = theme.TEXT if typed else theme.TEXT_FAINT
        drawn = text.blit(
            canvas, shown, VALUE_SIZE, colour, (box.right - 16, box.centery), "midright"
        )
        caret_x = drawn.right + 3 if typed else box.right - 12
        pygame.draw.line(
            canvas, theme.OI_YELLOW, (caret_x, box.y + 7), (caret_x, box.bottom - 7), 2
        )


# --- small drawing pieces ------------------------------------------------------------------------


def _arrow(canvas: pygame.Surface, tip: tuple[float, float], direction: int, colour) -> None:
    x, y = tip
    pygame.draw.polygon(
        canvas, colour, [(x, y), (x - 7 * direction, y - 6), (x - 7 * direction, y + 6)]
    )


def _chevron(canvas: pygame.Surface, centre: tuple[float, float], up: bool) -> None:
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


def draw_keycap(
    canvas: pygame.Surface,
    text: TextCache,
    label: str,
    centre: tuple[int, int],
    colour: theme.Colour = theme.PANEL_EDGE,
    size: int = VALUE_SIZE,
) -> pygame.Rect:
    """A key cap with ``label`` centred on ``centre`` (shared with the key pictures)."""
    width = max(40, text.size(label, size)[0] + 20)
    cap = pygame.Rect(0, 0, width, size + 12)
    cap.center = centre
    pygame.draw.rect(canvas, theme.darken(colour, 0.45), cap.move(0, 3), border_radius=7)
    pygame.draw.rect(canvas, colour, cap, border_radius=7)
    text.blit(canvas, label, size, theme.TEXT, cap.center, "center")
    return cap


# --- the frame around a menu ----------------------------------------------------------------------


def draw_header(
    canvas: pygame.Surface,
    text: TextCache,
    title: str,
    subtitle: str = "",
    right_top: str = "",
    right_bottom: str = "",
) -> None:
    """The top band of every screen: DRUMSYNC and a subtitle, the title, two info lines."""
    pygame.draw.rect(canvas, theme.PANEL, (0, 0, theme.CANVAS_W, theme.HEADER_H))
    pygame.draw.line(
        canvas, theme.PANEL_EDGE, (0, theme.HEADER_H), (theme.CANVAS_W, theme.HEADER_H)
    )
    text.blit(canvas, "DRUMSYNC", theme.FONT_BODY, ACCENT, (40, 10))
    if subtitle:
        text.blit(canvas, subtitle, theme.FONT_SMALL, theme.TEXT, (40, 36))
    centre = (theme.CANVAS_W // 2, theme.HEADER_H // 2)
    text.blit(canvas, title, theme.FONT_LABEL, theme.TEXT, centre, "center")
    right = theme.CANVAS_W - 40
    if right_top:
        text.blit(canvas, right_top, theme.FONT_SMALL, theme.TEXT_DIM, (right, 10), "topright")
    if right_bottom:
        text.blit(canvas, right_bottom, theme.FONT_SMALL, theme.TEXT_FAINT, (right, 36), "topright")


#: Hint caps drawn as arrows (the game's font has no arrow glyphs).
def render_hints(text: TextCache, items: Iterable[tuple[str, str]]) -> pygame.Surface:
    """The menus' hint strip: "UP/DOWN" and "LEFT/RIGHT" caps are drawn as arrows."""
    return key_hints.render_hints(text, items, arrows=True)


def draw_card(
    canvas: pygame.Surface, rect: pygame.Rect, accent: theme.Colour | None = None
) -> None:
    """A rounded panel; with ``accent``, edged in that colour with a bar along the top (the
    results screen's player cards)."""
    pygame.draw.rect(canvas, theme.PANEL, rect, border_radius=12)
    edge = theme.PANEL_EDGE if accent is None else accent
    pygame.draw.rect(canvas, edge, rect, 1, border_radius=12)
    if accent is not None:
        pygame.draw.rect(
            canvas,
            accent,
            (rect.x, rect.y, rect.width, 6),
            border_top_left_radius=12,
            border_top_right_radius=12,
        )


HINTS_Y = theme.CANVAS_H - 16


def blit_hints(canvas: pygame.Surface, strip: pygame.Surface) -> None:
    canvas.blit(strip, (0, HINTS_Y - strip.get_height() // 2))


class StatusLine:
    """A message shown for a while: green for news, vermilion for a refusal or a failure,
    yellow for a prompt (the game waits for something)."""

    def __init__(self) -> None:
        self.text = ""
        self.error = False
        self.prompt = False
        self._until_s = -math.inf

    def show(
        self,
        message: str,
        now_s: float,
        error: bool = False,
        for_s: float = MESSAGE_S,
        prompt: bool = False,
    ) -> None:
        self.text = message
        self.error = error
        self.prompt = prompt and not error
        self._until_s = now_s + for_s

    @property
    def colour(self) -> theme.Colour:
        if self.error:
            return theme.OI_VERMILLION
        return theme.OI_YELLOW if self.prompt else theme.OI_GREEN

    def clear(self) -> None:
        self.text = ""
        self._until_s = -math.inf

    def visible(self, now_s: float) -> bool:
        return bool(self.text) and now_s < self._until_s

    def draw(
        self, canvas: pygame.Surface, text: TextCache, centre: tuple[int, int], max_w: int
    ) -> None:
        """A rounded box around the message, centred on ``centre``."""
        message = self.text
        while len(message) > 4 and text.size(message, theme.FONT_SMALL)[0] > max_w - 40:
            message = message[: len(message) - 5] + "…"
        colour = self.colour
        w, h = text.size(message, theme.FONT_SMALL)
        box = pygame.Rect(0, 0, w + 40, h + 18)
        box.center = centre
        pygame.draw.rect(canvas, theme.PANEL, box, border_radius=10)
        pygame.draw.rect(canvas, colour, box, 2, border_radius=10)
        text.blit(canvas, message, theme.FONT_SMALL, theme.TEXT, box.center, "center")
