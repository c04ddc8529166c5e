"""The game's front door on a virtual clock, driven by key presses as a person would.

:class:`FrontPlayer` opens :class:`~drumsync.game.front.Front` on the title with the sound
off; every step is a key press through SDL's event queue, polled every millisecond and
stamped as the game's own loop does. Two pre-poll hooks press keys at the right moments:
:class:`Drummers` (two simulated players drumming whatever match is on top) and
:class:`Taps` (one key at given times, as a person tapping along).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pygame

from ..core.voices import PLAYERS
from ..game.app import GameApp
from ..game.front import Front, front_options
from ..game.match.bots import BotKeyboard, pygame_poster
from ..game.match.session import Session
from ..game.runtime.loop import VirtualTimer
from ..game.screens.play.scene import Phase as PlayPhase
from ..game.screens.play.scene import PlayScene
from .canvas_shot import save_screen
from .shot_cast import BOT_SEED, DRUMMERS, FRAME_S

#: The virtual clock's reading when the window opens.
START_S = 100.0
#: Input is polled this often, as in the game's loop.
POLL_S = 0.001
#: The screen is drawn every this many frames (10 a second: enough for the scenes that wait
#: for their first drawing; a picture is always drawn when it is taken).
DRAW_EVERY = 6
#: A person's key presses are this far apart (the screen answers in between).
PRESS_GAP_S = 0.2


class FrontPlayer:
    """The game's front door on a virtual clock, and a person at its keyboard."""

    def __init__(self, out_dir: Path) -> None:
        self.pygame = pygame
        self.play_scene = PlayScene
        self.out_dir = out_dir
        self.written: list[Path] = []
        self.timer = VirtualTimer(START_S)
        self.session = Session.open()
        try:
            options = front_options(self.session, sound=False, vsync=False, fps=60.0)
            self.app = GameApp(options, self.timer)
        except BaseException:
            self.session.close()
            raise
        pygame.event.clear()  # nothing left over from an earlier window
        self.front = Front(self.app, self.session)
        self.stack = self.app.stack
        self.frames = 0
        self.last_poll_s = self.timer.now()
        self.stack.push(self.front.title())

    @property
    def top(self):
        return self.stack.top

    # -- the loop -------------------------------------------------------------------------------
    def poll(self, now_s: float) -> None:
        """One input poll at ``now_s``: the pre-poll hooks (which may post key presses), then
        the queued key events, stamped midway since the last poll. Window events are left
        out so the pictures do not depend on the display."""
        pygame = self.pygame
        self.timer.advance(now_s - self.timer.now())
        for hook in tuple(self.front.ctx.pre_poll):
            hook(now_s)
        stamp_s = (self.last_poll_s + now_s) / 2.0
        self.last_poll_s = now_s
        for event in pygame.event.get():
            if event.type in (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT):
                self.stack.handle(event, stamp_s)

    def frame(self) -> None:
        """Polls up to the next 60 Hz frame, then update, and now and then draw (the match is
        not drawn: no picture of it is taken here)."""
        self.frames += 1
        due_s = START_S + self.frames * FRAME_S
        while self.timer.now() + POLL_S < due_s:
            self.poll(self.timer.now() + POLL_S)
        self.poll(due_s)
        self.stack.update(due_s)
        drawn = self.frames % DRAW_EVERY == 0 and not isinstance(self.top, self.play_scene)
        if drawn and self.stack:
            self.stack.draw(self.app.display.canvas)

    def wait(self, seconds: float) -> None:
        end = self.timer.now() + seconds
        while self.timer.now() < end - 1e-9:
            self.frame()

    def wait_for(self, done: Callable[[], bool], what: str, limit_s: float = 300.0) -> None:
        end = self.timer.now() + limit_s
        while not done():
            if self.timer.now() > end:
                raise RuntimeError(f"the game did not get to {what} on the virtual clock")
            self.frame()

    def wait_for_screen(self, scene_type, what: str) -> None:
        self.wait_for(lambda: isinstance(self.top, scene_type), what)

    # -- the person at the keyboard -------------------------------------------------------------
    def post(self, kind: int, **attributes) -> None:
        self.pygame.event.post(self.pygame.event.Event(kind, **attributes))

    def press(self, key: int, unicode: str = "", mod: int = 0) -> None:
        """Press and release ``key``, then watch the screen a moment."""
        pygame = self.pygame
        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode)
        self.post(pygame.KEYUP, key=key, mod=mod, unicode=unicode)
        self.wait(PRESS_GAP_S)

    def type_text(self, text: str) -> None:
        """Type ``text`` into a name field (text arrives as TEXTINPUT, one per character)."""
        for char in text:
            self.post(self.pygame.TEXTINPUT, text=char)
            self.wait(PRESS_GAP_S / 2)

    def type_number(self, digits: str) -> None:
        """Type digits into a number row (key presses carrying their characters)."""
        for char in digits:
            self.press(self.pygame.key.key_code(char), unicode=char)

    def choose(self, menu, key: str) -> None:
        """Walk a menu (or a form) down to the entry ``key``, as a player reading the screen
        would."""
        for _ in range(len(getattr(menu, "items", None) or menu.rows)):
            selected = getattr(menu, "selected_item", None) or menu.selected_row
            if selected.key == key:
                return
            self.press(self.pygame.K_DOWN)
        raise RuntimeError(f"no {key!r} entry in the menu")

    # -- pictures -------------------------------------------------------------------------------
    def shoot(self, name: str) -> Path:
        path = save_screen(self.app, self.stack, self.out_dir / name)
        self.written.append(path)
        return path

    def close(self) -> None:
        try:
            self.stack.clear()
            self.front.close()
        finally:
            self.session.close()
            self.app.close()


class Drummers:
    """A pre-poll hook: the two simulated players drum whatever match is on top through key
    presses (as ``run_front``'s hooks and the game's own bots do)."""

    def __init__(self, player: FrontPlayer) -> None:
        self.player = player
        self.playing = PlayPhase.PLAYING
        self.play = None
        self.keys = None

    def __call__(self, now_s: float) -> None:
        play = self.player.top
        if not isinstance(play, self.player.play_scene):
            return
        if play is not self.play:
            self.play = play
            self.keys = self._keyboard(play)
        if play.phase is self.playing:
            self.keys.post_due(play.audio.time_at(now_s))

    @staticmethod
    def _keyboard(play):
        models = dict(zip(PLAYERS, DRUMMERS, strict=True))
        bindings = play.ctx.options.players.bindings
        return BotKeyboard.for_players(
            play.chart, models, bindings, pygame.key.key_code, pygame_poster, BOT_SEED
        )


class Taps:
    """A pre-poll hook: one key pressed at given times on the virtual clock."""

    def __init__(self, player: FrontPlayer, key: int, times_s: Sequence[float]) -> None:
        self.player = player
        self.key = key
        self.times_s = sorted(times_s)
        self.next = 0

    def __call__(self, now_s: float) -> None:
        pygame = self.player.pygame
        while self.next < len(self.times_s) and self.times_s[self.next] <= now_s:
            self.player.post(pygame.KEYDOWN, key=self.key, mod=0, unicode="")
            self.player.post(pygame.KEYUP, key=self.key, mod=0, unicode="")
            self.next += 1


__all__ = ["Drummers", "FrontPlayer", "Taps"]
