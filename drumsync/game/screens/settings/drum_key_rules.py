"""Which pressed key may become a player's drum key, and the message when it may not.

A key is refused when the menus need it (Esc, Enter, F3/F4, F11, F12), when it has no name a
settings file can hold, when its name stands for another key too, or when another drum
already has it.
"""

from __future__ import annotations

import pygame

from ....core.voices import Player, Voice
from ....storage.key_names import RESERVED_KEYS, RESERVED_TEXT, normalize_key_name
from ....storage.settings import Settings
from ...runtime.input.keyboard import key_label
from .rows import slot_text


def drum_key_name(settings: Settings, player: Player, voice: Voice, key_code: int) -> str:
    """The name to bind the pressed ``key_code`` under as ``player``'s ``voice``; ValueError
    with a message for the player (naming the drum that has it) if it cannot be."""
    raw = pygame.key.name(key_code)
    shown = key_label(raw) if raw else f"key {key_code}"
    if raw in RESERVED_KEYS:
        raise ValueError(f"{shown} is reserved ({RESERVED_TEXT}): pick another key")
    try:
        name = normalize_key_name(raw)
    except ValueError:
        raise ValueError(f"{shown} cannot be a drum key: pick another key") from None
    if pygame.key.key_code(name) != key_code:
        raise ValueError(f"{shown} cannot be told apart from another key: pick another")
    other = settings.binding_of(name)
    if other is not None and other != (player, voice):
        raise ValueError(
            f"{key_label(name)} is already {slot_text(*other).lower()}: "
            "pick another key, or rebind that drum first"
        )
    return name
