"""Both players' drum keys, in their colours: "Ada:  A crash · S snare · D hihat · F kick".

The loading and stage cards, the play screen's READY card and the how-to-play card show
it, so nobody starts a song without seeing which keys are theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from ...core.voices import PLAYERS, Player, Voice
from ..runtime import theme
from ..runtime.input.keyboard import LANE_ORDER, key_label
from ..runtime.text import TextCache
from .text_fit import fit_text

SEPARATOR = "  ·  "
KeyFor = Callable[[Player, Voice], str]


def keys_line(key_for: KeyFor, player: Player) -> str:
    """``"A crash · S snare · D hihat · F kick"`` in the player's lane order."""
    return SEPARATOR.join(
        f"{key_label(key_for(player, voice))} {voice.label}" for voice in LANE_ORDER[player]
    )


def draw_player_keys(
    canvas: pygame.Surface,
    text: TextCache,
    names: Sequence[str],
    key_for: KeyFor,
    rect: pygame.Rect,
    size: int = theme.FONT_TINY,
    players: Sequence[Player] = PLAYERS,
) -> None:
    """One line per player in ``rect`` (P1 above P2): the name, then the keys; a line too
    wide for ``rect`` is drawn smaller, then elided."""
    line_h = rect.height // max(1, len(players))
    for row, player in enumerate(players):
        line = f"{names[int(player)]}:  {keys_line(key_for, player)}"
        centre = (rect.centerx, rect.y + line_h * row + line_h // 2)
        colour = theme.PLAYER_COLOURS[player]
        fit_text(canvas, text, line, size, colour, centre, rect.width, anchor="center")


def draw_settings_keys(canvas, text: TextCache, settings, rect: pygame.Rect, size: int) -> None:
    """:func:`draw_player_keys` for the keys and names kept in ``settings``."""
    names = [settings.player(player).name for player in PLAYERS]
    draw_player_keys(canvas, text, names, settings.key_for, rect, size)


__all__ = ["draw_player_keys", "draw_settings_keys", "keys_line"]
