"""The game's entry point: open the window, run the scene stack on the input loop.

``run_game(options) -> int`` plays one match described by :class:`GameOptions` and returns an
exit code; ``play_match(options)`` does the same and returns a :class:`GameResult` (the
outcome with its report and replay), for the command line to print. pygame is imported here
lazily, so importing this module costs nothing for the other commands.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import DrumSyncError
from .loop import RealTimer, Timer, VirtualTimer
from .options import GameOptions

if TYPE_CHECKING:
    from .match import MatchOutcome

#: How long the finished play screen stays up when there is no results scene to show.
LINGER_S = 1.5
HEADLESS_FPS = 10.0
#: A focus loss undone within this time is the window system's doing (opening the window,
#: switching to or from fullscreen), not the player leaving: it does not pause the game.
FOCUS_GRACE_S = 0.25


@dataclass
class GameResult:
    """What a run of the game left behind."""

    outcome: MatchOutcome | None
    replay_paths: list[Path] = field(default_factory=list)
    frames: int = 0
    polls: int = 0
    vsync: bool = False
    vsync_note: str = ""

    @property
    def finished(self) -> bool:
        return self.outcome is not None


def results_scene_for(ctx, outcome):
    """ADAPTER POINT: the scene shown after a match, or None when the game should end.

    The results scene (``drumsync.game.results_scene.ResultsScene(ctx, outcome)``) is wired in
    here when it exists.
    """
    if importlib.util.find_spec(f"{__package__}.results_scene") is None:
        return None
    module = importlib.import_module(f"{__package__}.results_scene")
    return module.ResultsScene(ctx, outcome)


class DisplayUnavailable(DrumSyncError):
    """No window can be opened (no display, or SDL refused); said in one line."""


#: Video drivers that draw into memory only: a player would see nothing.
INVISIBLE_DRIVERS = ("offscreen", "dummy")


def _open_display(options: GameOptions, display_class):
    """Start SDL's video and open the window, or raise :class:`DisplayUnavailable`.

    Without a display SDL quietly falls back to an invisible driver; unless that driver was
    asked for (tests, screenshots, ``--headless``), a player must hear why nothing appears.
    """
    import pygame

    try:
        pygame.display.init()
        pygame.font.init()
    except pygame.error as exc:
        raise DisplayUnavailable(f"cannot start the display: {exc}") from None
    driver = pygame.display.get_driver()
    if driver in INVISIBLE_DRIVERS and not os.environ.get("SDL_VIDEODRIVER"):
        pygame.display.quit()
        raise DisplayUnavailable(
            "no display to open a window on (is DISPLAY set?); "
            "'drumsync play --headless --p1-bot steady --p2-bot steady' runs without one"
        )
    try:
        return display_class(
            options.window_size, options.fullscreen, options.vsync and not options.headless
        )
    except pygame.error as exc:
        pygame.display.quit()
        raise DisplayUnavailable(f"cannot open the window: {exc}") from None


class GameApp:
    """Window, caches, scene stack and main loop for one run of the game."""

    def __init__(self, options: GameOptions, timer: Timer | None = None) -> None:
        if options.headless:
            os.environ["SDL_VIDEODRIVER"] = "dummy"
            os.environ["SDL_AUDIODRIVER"] = "dummy"
        import pygame

        from . import theme
        from .context import GameContext
        from .display import Display
        from .keys import KeyMap
        from .scenes import SceneStack
        from .sprites import NoteSprites
        from .text import TextCache

        self.options = options
        self.timer = timer or (VirtualTimer() if options.headless else RealTimer())
        self.display = _open_display(options, Display)
        pygame.key.set_repeat()  # no key repeat: a held key is one hit
        self.ctx = GameContext(
            options=options,
            timer=self.timer,
            text=TextCache(),
            sprites=NoteSprites(theme.NOTE_SIZE, theme.PAD_SIZE),
            keymap=KeyMap(options.bindings),
            quit=self.quit,
            toggle_fullscreen=self.display.toggle_fullscreen,
        )
        self.stack = SceneStack(self.ctx)
        self.result = GameResult(outcome=None)
        self._quit = False
        self._focus_lost = None
        self._linger_until_s: float | None = None

    # -- control ------------------------------------------------------------------------------
    def quit(self) -> None:
        self._quit = True

    def running(self) -> bool:
        if self._quit or not self.stack:
            return False
        return self._linger_until_s is None or self.timer.now() < self._linger_until_s

    def _on_finished(self, outcome: MatchOutcome) -> None:
        self.result.outcome = outcome
        play = self.stack.top
        self.result.replay_paths = list(getattr(play, "saved_replays", []))
        if self.options.headless:
            self.quit()
            return
        scene = results_scene_for(self.ctx, outcome)
        if scene is not None:
            self.stack.push(scene)
        else:
            self._linger_until_s = self.timer.now() + LINGER_S

    # -- loop callbacks ----------------------------------------------------------------------
    def _source(self):
        import pygame

        if self.ctx.pre_poll:
            now = self.timer.now()
            for hook in tuple(self.ctx.pre_poll):
                hook(now)
        return pygame.event.get()

    def _dispatch(self, stamped) -> None:
        import pygame

        event = stamped.event
        if event.type == pygame.QUIT:
            self.quit()
            return
        if self.display.handle(event):
            return
        if event.type == pygame.WINDOWFOCUSLOST:
            self._focus_lost = stamped  # passed on only if focus does not come straight back
            return
        if event.type == pygame.WINDOWFOCUSGAINED:
            self._focus_lost = None
        self.stack.handle(event, stamped.stamp_s)

    def _settle_focus(self, now_s: float) -> None:
        lost = self._focus_lost
        if lost is not None and now_s - lost.stamp_s >= FOCUS_GRACE_S:
            self._focus_lost = None
            self.stack.handle(lost.event, lost.stamp_s)

    def _render(self, now_s: float) -> None:
        self._settle_focus(now_s)
        self.stack.update(now_s)
        if not self.stack:
            return
        self.stack.draw(self.display.canvas)
        self.display.present()

    # -- run ------------------------------------------------------------------------------------
    def run(self, first_scene=None) -> GameResult:
        from .loop import FramePacer, InputPoller, MainLoop
        from .play_scene import PlayScene

        if first_scene is None:
            first_scene = PlayScene(self.ctx, on_finished=self._on_finished)
        self.stack.push(first_scene)
        fps = self.options.fps or (
            HEADLESS_FPS if self.options.headless else self.display.refresh_hz
        )
        poller = InputPoller(self._source, self.timer.now)
        pacer = FramePacer(1.0 / fps, vsync=self.display.vsync)
        loop = MainLoop(
            self.timer, poller, pacer, self._dispatch, self._render, self.display.flip, self.running
        )
        try:
            loop.run()
        finally:
            self.stack.clear()
        self.result.frames = pacer.frames
        self.result.polls = poller.polls
        self.result.vsync = self.display.vsync
        self.result.vsync_note = self.display.vsync_note
        return self.result

    def close(self) -> None:
        import pygame

        pygame.display.quit()


def play_match(options: GameOptions, timer: Timer | None = None) -> GameResult:
    """Play one match (in a window, or headless on a virtual clock) and return its result."""
    app = GameApp(options, timer)
    try:
        return app.run()
    finally:
        app.close()


def run_game(options: GameOptions) -> int:
    """Entry point for ``drumsync play``: 0 when the match ran (finished or quit)."""
    play_match(options)
    return 0
