"""Simulated drummers at the keyboard: they press the bound keys through the same input path.

A bot's hits come from the core's drummer model (``bot_events``) as song times. Before each
input poll the bot posts a KEYDOWN for every hit whose song time has come; the loop then
stamps, maps and judges it exactly like a person's key press.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from ...core.chart import Chart
from ...core.drummers import DrummerModel, parse_spec
from ...core.events import InputEvent
from ...core.simulate import bot_events
from ...core.voices import Player
from ..runtime.input.keyboard import Bindings

#: Attribute a posted key event carries to name its source in the replay (``bot:<name>``).
SOURCE_ATTR = "drumsync_source"


@dataclass(frozen=True, slots=True)
class BotPress:
    song_time_s: float
    key: int
    source: str


class BotKeyboard:
    """Posts the key presses of one or two simulated drummers when their time comes."""

    def __init__(self, presses: Sequence[BotPress], post: Callable[[int, str], None]) -> None:
        self._presses = sorted(presses, key=lambda p: p.song_time_s)
        self._post = post
        self._next = 0

    @classmethod
    def for_players(
        cls,
        chart: Chart,
        models: dict[Player, DrummerModel | str],
        bindings: Bindings,
        key_code: Callable[[str], int],
        post: Callable[[int, str], None],
        seed: int = 0,
    ) -> BotKeyboard:
        presses: list[BotPress] = []
        for player, model in models.items():
            if isinstance(model, str):
                model = parse_spec(model)
            events: list[InputEvent] = bot_events(chart, player, model, seed)
            for event in events:
                key = key_code(bindings.key_for(event.player, event.voice))
                presses.append(BotPress(event.time_s, key, event.source))
        return cls(presses, post)

    def __len__(self) -> int:
        return len(self._presses)

    @property
    def remaining(self) -> int:
        return len(self._presses) - self._next

    def reset(self) -> None:
        self._next = 0

    def post_due(self, song_time_s: float) -> int:
        """Post every press due by ``song_time_s``; returns how many were posted."""
        start = self._next
        presses = self._presses
        while self._next < len(presses) and presses[self._next].song_time_s <= song_time_s:
            press = presses[self._next]
            self._post(press.key, press.source)
            self._next += 1
        return self._next - start


def pygame_poster(key: int, source: str) -> None:
    """Post a KEYDOWN (and its KEYUP) carrying the bot's source name."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, **{SOURCE_ATTR: source}))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, **{SOURCE_ATTR: source}))
