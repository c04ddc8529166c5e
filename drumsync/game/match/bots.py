"""Simulated drummers at the keyboard: they press the bound keys through the same input path.

Each bot is a core drummer (:func:`drumsync.core.pair_play.drummer_for`): an adaptive one
listens, so the match hands it every hit of the other player as it is judged
(:meth:`BotKeyboard.hear`, in song time); a scripted one plays hits fixed in advance. Before
each input poll the bots post a KEYDOWN for every hit whose song time has come; the loop
then stamps, maps and judges it exactly like a person's key press. Headless runs
(``play --headless``) drive the same object on a virtual clock.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ...core.chart import Chart
from ...core.drummers import DrummerModel, parse_spec
from ...core.pair_play import drummer_for
from ...core.voices import Player
from ..runtime.input.keyboard import Bindings

#: Attribute a posted key event carries to name its source in the replay (``bot:<name>``).
SOURCE_ATTR = "drumsync_source"
#: Attribute carrying the song time the bot meant to hit (its press is judged there, not at
#: the next frame's poll, so a listening bot plays where it decided to).
SONG_TIME_ATTR = "drumsync_song_time"


class BotKeyboard:
    """Posts the key presses of one or two simulated drummers when their time comes."""

    def __init__(
        self,
        make_drummers: Callable[[], dict[Player, object]],
        key_for: Callable[[Player, object], int],
        post: Callable[[int, str, float], None],
    ) -> None:
        self._make_drummers = make_drummers
        self._key_for = key_for
        self._post = post
        self._drummers = make_drummers()

    @classmethod
    def for_players(
        cls,
        chart: Chart,
        models: dict[Player, DrummerModel | str],
        bindings: Bindings,
        key_code: Callable[[str], int],
        post: Callable[[int, str, float], None],
        seed: int = 0,
    ) -> BotKeyboard:
        parsed = {Player(p): parse_spec(m) if isinstance(m, str) else m for p, m in models.items()}

        def make() -> dict[Player, object]:
            return {p: drummer_for(chart, p, model, seed) for p, model in parsed.items()}

        return cls(make, lambda player, voice: key_code(bindings.key_for(player, voice)), post)

    def reset(self) -> None:
        """Back to the start of the song (a restart): fresh drummers, nothing heard."""
        self._drummers = self._make_drummers()

    @property
    def players(self) -> frozenset[Player]:
        return frozenset(self._drummers)

    def hear(self, player: Player, song_time_s: float) -> None:
        """``player`` hit at ``song_time_s``: every bot of the other player hears it."""
        for bot_player, drummer in self._drummers.items():
            if bot_player != player:
                drummer.hear(song_time_s)

    def post_due(self, song_time_s: float) -> int:
        """Post every press due by ``song_time_s``; returns how many were posted."""
        due = [e for drummer in self._drummers.values() for e in drummer.advance(song_time_s)]
        due.sort(key=lambda e: (e.time_s, int(e.player), int(e.voice)))
        for event in due:
            self._post(self._key_for(event.player, event.voice), event.source, event.time_s)
        return len(due)


def pygame_poster(key: int, source: str, song_time_s: float) -> None:
    """Post a KEYDOWN (and its KEYUP) carrying the bot's source name and its hit's song time."""
    marks = {SOURCE_ATTR: source, SONG_TIME_ATTR: song_time_s}
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, **marks))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, **marks))
