"""Input events: the one currency of keyboard, replay file and simulated drummers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .voices import Player, Voice


@dataclass(frozen=True, slots=True)
class InputEvent:
    """A drum hit at ``time_s`` on the song clock, as stamped (before the player's offset).

    ``source`` names what played it (``"keyboard"``, a kit's or controller's device name, a
    simulated drummer); ``velocity`` is the strike's MIDI-style velocity 1..127 when the
    device measures one (kits), else None. Neither affects judging.
    """

    time_s: float
    player: Player
    voice: Voice
    source: str = "keyboard"
    velocity: int | None = None


@dataclass(frozen=True, eq=False)
class EventArrays:
    """Column form of a time-sorted event list, for the vectorised scorer."""

    time_s: np.ndarray
    player: np.ndarray
    voice: np.ndarray

    @classmethod
    def from_events(cls, events: Iterable[InputEvent]) -> EventArrays:
        events = list(events)
        return cls(
            time_s=np.array([e.time_s for e in events], dtype=np.float64),
            player=np.array([int(e.player) for e in events], dtype=np.int8),
            voice=np.array([int(e.voice) for e in events], dtype=np.int8),
        )

    def __len__(self) -> int:
        return len(self.time_s)

    def to_events(self, source: str = "replay") -> list[InputEvent]:
        return [
            InputEvent(float(t), Player(int(p)), Voice(int(v)), source)
            for t, p, v in zip(self.time_s, self.player, self.voice, strict=True)
        ]


def sort_events(events: Sequence[InputEvent]) -> list[InputEvent]:
    """Events in time order; ties keep their given order (a stable sort)."""
    return sorted(events, key=lambda e: e.time_s)
