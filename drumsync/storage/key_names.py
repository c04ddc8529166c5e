"""The key names a drum can be bound to, spelled as ``pygame.key.name`` spells them.

A static list, so settings can be validated without starting pygame (a test checks every name
against pygame itself). Left out on purpose: the menus' keys (:data:`RESERVED_KEYS`) and keys that
toggle state or that many systems intercept (Caps Lock, Num Lock, Print Screen, Power, ...).
"""

from __future__ import annotations

import string

#: Keys the menus and screens need, never drum keys: Esc (pause, back), Return and keypad
#: Enter (confirm, play again), F3/F4 (scroll speed in a song), F11 (fullscreen), F12
#: (save the results picture).
RESERVED_KEYS = frozenset({"escape", "return", "enter", "f3", "f4", "f11", "f12"})
RESERVED_TEXT = "Esc, Enter, F3/F4, F11 and F12 are the menus' keys"

_NAMED = (
    "space",
    "tab",
    "backspace",
    "insert",
    "delete",
    "home",
    "end",
    "page up",
    "page down",
    "up",
    "down",
    "left",
    "right",
    "left shift",
    "right shift",
    "left ctrl",
    "right ctrl",
    "left alt",
    "right alt",
    "left meta",
    "right meta",
    "alt gr",
    "equals",
)
_KEYPAD = tuple(f"[{c}]" for c in "0123456789.+-*/")
_FUNCTION = tuple(f"f{n}" for n in range(1, 16) if f"f{n}" not in RESERVED_KEYS)
# Printable ASCII keys pygame names by their character (letters lowercase).
_CHARACTERS = tuple(string.ascii_lowercase + string.digits + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`")

BINDABLE_KEYS: frozenset[str] = frozenset(_NAMED + _KEYPAD + _FUNCTION + _CHARACTERS)


def normalize_key_name(name: object) -> str:
    """The canonical spelling of a bindable key name; ValueError naming the problem.

    Case does not matter (``"F"``, ``"Left Shift"``); surrounding blanks are ignored, except
    that a lone space character means the space bar.
    """
    if not isinstance(name, str):
        raise ValueError(f"a key name is text, got {type(name).__name__}")
    text = "space" if name == " " else name.strip().lower()
    if text in RESERVED_KEYS:
        raise ValueError(f"key {text!r} is reserved by the game")
    if text not in BINDABLE_KEYS:
        raise ValueError(f"unknown key name {name!r}")
    return text
