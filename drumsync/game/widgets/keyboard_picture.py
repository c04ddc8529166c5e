"""The key test's picture of a keyboard (US ANSI layout: main block, navigation block and
number pad), in key units: each key's pygame key names, its cap text and its place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KeySpot:
    """One key of the picture: pygame key names it answers to, its cap text, and its place
    in key units (``x``, ``y`` from the top left; ``w``, ``h`` in units)."""

    names: tuple[str, ...]
    label: str
    x: float
    y: float
    w: float = 1.0
    h: float = 1.0


def _row(y: float, x: float, keys) -> list[KeySpot]:
    spots = []
    for item in keys:
        if isinstance(item, int | float):  # a gap
            x += item
            continue
        name, label, *size = item
        width = size[0] if size else 1.0
        names = name if isinstance(name, tuple) else (name,)
        spots.append(KeySpot(names, label, x, y, width))
        x += width
    return spots


def _letters(chars: str) -> list[tuple[str, str]]:
    return [(c, c.upper()) for c in chars]


MAIN_ROWS = (
    _row(
        0,
        0,
        [("escape", "ESC"), 1.0]
        + [(f"f{n}", f"F{n}") for n in range(1, 5)]
        + [0.5]
        + [(f"f{n}", f"F{n}") for n in range(5, 9)]
        + [0.5]
        + [(f"f{n}", f"F{n}") for n in range(9, 13)],
    )
    + _row(1.5, 0, [*_letters("`1234567890-="), ("backspace", "BKSP", 2.0)])
    + _row(2.5, 0, [("tab", "TAB", 1.5), *_letters("qwertyuiop[]"), ("\\", "\\", 1.5)])
    + _row(
        3.5,
        0,
        [("caps lock", "CAPS", 1.75), *_letters("asdfghjkl;'"), ("return", "ENTER", 2.25)],
    )
    + _row(
        4.5,
        0,
        [("left shift", "SHIFT", 2.25), *_letters("zxcvbnm,./"), ("right shift", "SHIFT", 2.75)],
    )
    + _row(
        5.5,
        0,
        [
            ("left ctrl", "CTRL", 1.25),
            ("left meta", "META", 1.25),
            ("left alt", "ALT", 1.25),
            ("space", "SPACE", 6.25),
            (("right alt", "alt gr"), "ALT GR", 1.25),
            ("right meta", "META", 1.25),
            ("menu", "MENU", 1.25),
            ("right ctrl", "CTRL", 1.25),
        ],
    )
)
NAV_X = 15.5
NAV_ROWS = (
    _row(0, NAV_X, [("print screen", "PRT"), ("scroll lock", "SCR"), ("break", "PAUSE")])
    + _row(1.5, NAV_X, [("insert", "INS"), ("home", "HOME"), ("page up", "PGUP")])
    + _row(2.5, NAV_X, [("delete", "DEL"), ("end", "END"), ("page down", "PGDN")])
    + _row(4.5, NAV_X + 1, [("up", "")])
    + _row(5.5, NAV_X, [("left", ""), ("down", ""), ("right", "")])
)
PAD_X = 19.0
PAD_ROWS = (
    _row(1.5, PAD_X, [("numlock", "NUM"), ("[/]", "/"), ("[*]", "*"), ("[-]", "-")])
    + _row(2.5, PAD_X, [("[7]", "7"), ("[8]", "8"), ("[9]", "9")])
    + _row(3.5, PAD_X, [("[4]", "4"), ("[5]", "5"), ("[6]", "6")])
    + _row(4.5, PAD_X, [("[1]", "1"), ("[2]", "2"), ("[3]", "3")])
    + _row(5.5, PAD_X, [("[0]", "0", 2.0), ("[.]", ".")])
    + [
        KeySpot(("[+]",), "+", PAD_X + 3, 2.5, 1.0, 2.0),
        KeySpot(("enter",), "ENT", PAD_X + 3, 4.5, 1.0, 2.0),
    ]
)
KEYBOARD: tuple[KeySpot, ...] = tuple(MAIN_ROWS + NAV_ROWS + PAD_ROWS)
KEYBOARD_UNITS = (PAD_X + 4.0, 6.5)
ARROWS = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0)}


def spot_for(name: str) -> KeySpot | None:
    """The key of the picture that a pygame key name belongs to."""
    for spot in KEYBOARD:
        if name in spot.names:
            return spot
    return None
