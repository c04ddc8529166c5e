"""What an option form is made of: its row kinds, its rows and the events it reports.

Row kinds are frozen values: :class:`Choice` (one of some options), :class:`Range` (a number
moved by steps, or typed), :class:`Toggle` (on/off) and :class:`Action` (Enter runs it). A
:class:`Row` puts a kind under a label, with its key, group, hint and look; a
:class:`FormEvent` says what a key press did to the form, so a scene reacts to
"changed"/"activated"/"back" without knowing keys.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

from ...runtime import theme


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
    """``value`` as a row of ``kind`` shows it when the row has no ``fmt`` of its own."""
    if isinstance(kind, Choice):
        return kind.label(value)
    if isinstance(kind, Toggle):
        return kind.on_text if value else kind.off_text
    if isinstance(kind, Range):
        return str(value) if kind.integer else f"{value:.{kind.decimals}f}"
    return "" if value is None else str(value)
