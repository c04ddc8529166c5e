"""Two drummers playing together in song time: the headless twin of the live game loop.

Each drummer is an :class:`~.adaptive.AdaptiveDrummer` (it listens) or a
:class:`ScriptedDrummer` (its hits are fixed in advance by :func:`.scripted_play.bot_events`).
:func:`play_pair` steps both in time order: a hit is heard by the partner before any
decision due at the same or a later time, exactly as the live loop feeds a person's key
presses to the bot before asking it for its hits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .adaptive import AdaptiveDrummer
from .chart import Chart
from .drummers import DrummerModel
from .events import InputEvent
from .scripted_play import bot_events
from .voices import Player


class ScriptedDrummer:
    """A drummer whose hits are known in advance; it hears nothing."""

    def __init__(self, events: Sequence[InputEvent]) -> None:
        self._events = sorted(events, key=lambda e: (e.time_s, int(e.voice)))
        self._next = 0

    def hear(self, time_s: float) -> None:
        return None

    def next_decision_s(self) -> float:
        return math.inf

    def decide(self) -> None:
        raise RuntimeError("a scripted drummer has nothing to decide")

    def next_hit_s(self) -> float:
        return self._events[self._next].time_s if self._next < len(self._events) else math.inf

    def take_hit(self) -> InputEvent:
        event = self._events[self._next]
        self._next += 1
        return event

    def advance(self, now_s: float) -> list[InputEvent]:
        """Every hit due by ``now_s`` not yet taken (live play)."""
        out = []
        while self.next_hit_s() <= now_s:
            out.append(self.take_hit())
        return out


def drummer_for(chart: Chart, player: Player, model: DrummerModel, seed: int = 0):
    """An adaptive drummer for an adaptive model, else the scripted one."""
    if model.adaptive:
        return AdaptiveDrummer(chart, player, model, seed)
    return ScriptedDrummer(bot_events(chart, player, model, seed))


def play_pair(chart: Chart, p1: DrummerModel, p2: DrummerModel, seed: int = 0) -> list[InputEvent]:
    """Both drummers' hits in time order (ties: P1 first), each hearing the other's."""
    drummers = (drummer_for(chart, Player.P1, p1, seed), drummer_for(chart, Player.P2, p2, seed))
    out: list[InputEvent] = []
    while True:
        hits = [d.next_hit_s() for d in drummers]
        decisions = [d.next_decision_s() for d in drummers]
        first_hit, first_decision = min(hits), min(decisions)
        if math.isinf(first_hit) and math.isinf(first_decision):
            return out
        if first_hit <= first_decision:
            p = hits.index(first_hit)
            event = drummers[p].take_hit()
            drummers[1 - p].hear(event.time_s)
            out.append(event)
        else:
            drummers[decisions.index(first_decision)].decide()


__all__ = ["ScriptedDrummer", "drummer_for", "play_pair"]
