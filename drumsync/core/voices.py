"""The two enums every other module speaks: which drum, which player."""

from __future__ import annotations

from enum import IntEnum


class Voice(IntEnum):
    """A drum voice. Values are stable: they index arrays and appear in files as names."""

    KICK = 0
    SNARE = 1
    HIHAT = 2
    CRASH = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Voice:
        """Voice from its lowercase file name (``"kick"``); ValueError if unknown."""
        try:
            return cls[str(name).upper()]
        except KeyError:
            known = ", ".join(v.label for v in cls)
            raise ValueError(f"unknown voice {name!r} (known: {known})") from None


class Player(IntEnum):
    """One of the two drummers sharing the keyboard."""

    P1 = 0
    P2 = 1

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def other(self) -> Player:
        return Player(1 - self.value)

    @classmethod
    def parse(cls, name: str) -> Player:
        """Player from ``"p1"`` / ``"p2"``; ValueError if unknown."""
        try:
            return cls[str(name).upper()]
        except KeyError:
            raise ValueError(f"unknown player {name!r} (known: p1, p2)") from None


VOICE_COUNT = len(Voice)
PLAYERS = (Player.P1, Player.P2)
