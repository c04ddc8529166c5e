"""What the scene tests share: a dummy-driver window and a game context around it.

Import this module before pygame initialises: it selects SDL's dummy drivers.
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

from collections.abc import Iterator
from contextlib import contextmanager

import pygame

from drumsync.core import generate_chart
from drumsync.game.runtime import theme
from drumsync.game.runtime.context import GameContext
from drumsync.game.runtime.input.keyboard import DEFAULT_BINDINGS, KeyMap
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.runtime.sprites import NoteSprites
from drumsync.game.runtime.text import TextCache


@contextmanager
def dummy_screen() -> Iterator[pygame.Surface]:
    """A logical-size window on the dummy video driver, closed afterwards."""
    pygame.display.init()
    pygame.font.init()
    try:
        yield pygame.display.set_mode((theme.CANVAS_W, theme.CANVAS_H))
    finally:
        pygame.display.quit()


def menu_context(timer_start_s: float = 10.0) -> GameContext:
    """A context for menu scenes: a small rock chart, no sound, default keys."""
    return GameContext(
        options=GameOptions.build(generate_chart(1, "rock", 120.0, 3, 4), sound=False),
        timer=VirtualTimer(timer_start_s),
        text=TextCache(),
        sprites=NoteSprites(theme.NOTE_SIZE, theme.PAD_SIZE),
        keymap=KeyMap(DEFAULT_BINDINGS),
    )


def front_frames(front, seconds: float = 1 / 60) -> None:
    """Run the front door's loop by hand for ``seconds`` of 60 Hz frames on its virtual timer:
    the pre-poll hooks, queued events, update and draw, as the game's loop does."""
    timer = front.app.timer
    for _ in range(max(1, round(seconds * 60))):
        timer.advance(1 / 60)
        for hook in tuple(front.ctx.pre_poll):
            hook(timer.now())
        for event in pygame.event.get():
            front.stack.handle(event, timer.now())
        front.stack.update(timer.now())
        front.stack.draw(front.app.display.canvas)


def record_texts(monkeypatch) -> list[str]:
    """Each text drawn from now on (through the text cache), in order."""
    drawn: list[str] = []
    original = TextCache.blit

    def recording(self, target, line, *args, **kwargs):
        drawn.append(line)
        return original(self, target, line, *args, **kwargs)

    monkeypatch.setattr(TextCache, "blit", recording)
    return drawn
