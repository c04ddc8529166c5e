"""Two game sides in one process for the online tests: each a scene stack, a match flow and
the online screen, on the real clock (the network runs in real time), on loopback only.

Scripted players press their drum keys at the times a simulated drummer chose, stamped at
those song times, as a keyboard that timestamps its own presses would.
"""

from __future__ import annotations

import time

import pygame

from drumsync.core.drummers import parse_spec
from drumsync.core.simulate import bot_events
from drumsync.core.voices import Player
from drumsync.game.flow import MatchFlow
from drumsync.game.match.session import Session
from drumsync.game.runtime import theme
from drumsync.game.runtime.context import GameContext
from drumsync.game.runtime.input.keyboard import DEFAULT_BINDINGS, KeyMap
from drumsync.game.runtime.loop import RealTimer
from drumsync.game.runtime.options import options_from_settings
from drumsync.game.runtime.scenes import SceneStack
from drumsync.game.runtime.sprites import NoteSprites
from drumsync.game.runtime.text import TextCache
from drumsync.game.screens.online import NetPlayScene, OnlineScene
from drumsync.net.session import Timeouts

CHART_ARGS = {"seed": 5, "style": "dance-pop", "bpm": 150.0, "difficulty": 3, "bars": 3}
CHART_CLI = ["--seed", "5", "--style", "dance-pop", "--bpm", "150", "--bars", "3"]
FAST = Timeouts(handshake_s=5.0, silence_s=1.5, reconnect_s=8.0, finish_s=8.0, start_delay_s=4.5)
FRAME_S = 0.004


def key(code: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="")


class Side:
    """One machine: its session, stack, flow and the online screen on top."""

    def __init__(self, name: str, drummer: str, seed: int, timeouts: Timeouts = FAST) -> None:
        session = Session.open()
        session.settings = session.settings.with_name(Player.P1, name)
        options = options_from_settings(None, session.settings, sound=False)
        self.ctx = GameContext(
            options=options,
            timer=RealTimer(),
            text=TextCache(),
            sprites=NoteSprites(theme.NOTE_SIZE, theme.PAD_SIZE),
            keymap=KeyMap(DEFAULT_BINDINGS),
        )
        self.stack = SceneStack(self.ctx)
        self.flow = MatchFlow(self.ctx, self.stack, session, options)
        self.session = session
        self.online = OnlineScene(
            self.ctx,
            session,
            self.flow.start_online,
            port=0,
            bind="127.0.0.1",
            charts=[("Loopback test", CHART_ARGS)],
            timeouts=timeouts,
        )
        self.stack.push(self.online)
        self.canvas = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H))
        self.model = parse_spec(drummer)
        self.seed = seed
        self.queue: list = []
        self.pending: list = []
        self.play: NetPlayScene | None = None
        self.paused_seen = False

    def send(self, *events) -> None:
        self.queue.extend(events)

    def type_text(self, text: str) -> None:
        self.send(pygame.event.Event(pygame.TEXTINPUT, text=text))

    def frame(self) -> None:
        now = self.ctx.timer.now()
        for event in self.queue:
            self.stack.handle(event, now)
        self.queue.clear()
        top = self.stack.top
        if isinstance(top, NetPlayScene):
            self._drum(top, now)
        self.stack.update(now)
        self.stack.draw(self.canvas)

    def _drum(self, play: NetPlayScene, now: float) -> None:
        if self.play is not play:
            self.play = play
            self.pending = list(bot_events(play.chart, play.local, self.model, self.seed))
        view = play.runner.view
        song_s = view.song_time(now)
        if view.drops:
            self.paused_seen = True
        if song_s is None or view.phase.value not in ("countdown", "playing"):
            return
        while self.pending and self.pending[0].time_s <= song_s:
            event = self.pending.pop(0)
            code = pygame.key.key_code(DEFAULT_BINDINGS.key_for(Player.P1, event.voice))
            play.handle(key(code), now - (song_s - event.time_s))


def run_until(sides, done, limit_s: float) -> bool:
    """Frames on every side until ``done()`` or ``limit_s`` (bounded in time and count)."""
    deadline = time.monotonic() + limit_s
    for _ in range(int(limit_s / FRAME_S) + 1):
        for side in sides:
            side.frame()
        if done():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(FRAME_S)
    return False


def host_and_join(host: Side, joiner: Side) -> int:
    """Host on a free loopback port, join it by typing its address; returns the port."""
    host.send(key(pygame.K_RETURN))  # "Host" is the first entry
    assert run_until(
        [host],
        lambda: host.online.runner is not None and host.online.runner.view.port is not None,
        5.0,
    )
    port = host.online.runner.view.port
    joiner.send(key(pygame.K_DOWN), key(pygame.K_RETURN))
    joiner.type_text(f"127.0.0.1:{port}")
    joiner.send(key(pygame.K_RETURN))
    return port


__all__ = ["CHART_ARGS", "CHART_CLI", "FAST", "Side", "host_and_join", "key", "run_until"]
