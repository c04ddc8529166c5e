"""Which characters a player's name can hold: printable ones the game's font can draw, no
leading or doubled space, at most ``NAME_MAX_CHARS``; a refusal says why in one sentence."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ....storage.settings import NAME_MAX_CHARS

#: A private-use code point no game font draws: what a missing glyph looks like.
_MISSING_PROBE = "\ue000"


class GlyphCheck:
    """Which characters a font can draw (a missing one renders as the font's empty box)."""

    def __init__(self, font: pygame.font.Font) -> None:
        self._font = font
        self._missing = self._pixels(_MISSING_PROBE)
        self._known: dict[str, bool] = {}

    def _pixels(self, ch: str) -> bytes:
        surface = self._font.render(ch, True, (255, 255, 255), (0, 0, 0))
        return pygame.image.tobytes(surface, "RGB") + bytes(surface.get_size())

    def __call__(self, ch: str) -> bool:
        known = self._known.get(ch)
        if known is None:
            known = ch == " " or self._pixels(ch) != self._missing
            self._known[ch] = known
        return known


def refusal(name: str, ch: str, drawable: Callable[[str], bool]) -> str:
    """Why ``ch`` cannot be added to ``name`` ('' when it can)."""
    if len(name) >= NAME_MAX_CHARS:
        return f"A name has at most {NAME_MAX_CHARS} characters."
    if not ch.isprintable():
        return "Only printable characters can go in a name."
    if ch == " " and (not name or name.endswith(" ")):
        return "A name cannot start with a space or hold two in a row."
    if not drawable(ch):
        return f"The game's font has no letter for U+{ord(ch):04X}: choose another character."
    return ""
