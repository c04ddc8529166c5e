"""The game's entry point: open the window, run the scene stack on the input loop.

``run_game(options) -> int`` plays one match described by :class:`GameOptions` and returns an
exit code; ``play_match(options)`` does the same and returns a :class:`GameResult` (the
outcome with its report and replay), for the command line to print. The command line imports
this module only for the commands that open the game (it brings pygame and every screen).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from ..core.errors import DrumSyncError
from .flow import results_scene
from .match.state import MatchOutcome
from .runtime import theme
from .runtime.context import GameContext
from .runtime.display import Display
from .runtime.input.device_events import DRUM_HIT
from .runtime.input.devices import InputDevices
from .runtime.input.keyboard import KeyMap
from .runtime.input.poller import InputPoller
from .runtime.loop import FramePacer, MainLoop, RealTimer, Timer, VirtualTimer
from .runtime.options import GameOptions
from .runtime.scenes import SceneStack
from .runtime.sprites import NoteSprites
from .runtime.text import TextCache
from .screens.play import PlayScene

HEADLESS_FPS = 10.0
#: A focus loss undone within this time is the window system's doing (opening the window,
#: switching to or from fullscreen), not the player leaving: it does not pause the game.
FOCUS_GRACE_S = 0.25


@dataclass
class GameResult:
    """What a run of the game left behind."""

    outcome: MatchOutcome | None
    replay_paths: list[Path] = field(default_factory=list)
    #: "replay not saved: ..." when the replay could not be written (the match still counts)
    replay_problem: str | None = None
    frames: int = 0
    polls: int = 0
    vsync: bool = False
    vsync_note: str = ""

    @property
    def finished(self) -> bool:
        return self.outcome is not None


class DisplayUnavailable(DrumSyncError):
    """No window can be opened (no display, or SDL refused); said in one line."""


#: Video drivers that draw into memory only: a player would see nothing.
INVISIBLE_DRIVERS = ("offscreen", "dummy")


def _open_display(options: GameOptions, display_class):
    """Start SDL's video and open the window, or raise :class:`DisplayUnavailable`.

    Without a display SDL quietly falls back to an invisible driver; unless that driver was
    asked for (tests, screenshots, ``--headless``), a player must hear why nothing appears.
    """
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
    window = options.window
    try:
        return display_class(
            window.window_size, window.fullscreen, window.vsync and not window.headless
        )
    except pygame.error as exc:
        pygame.display.quit()
        raise DisplayUnavailable(f"cannot open the window: {exc}") from None


class GameApp:
    """Window, caches, scene stack and main loop for one run of the game."""

    def __init__(self, options: GameOptions, timer: Timer | None = None) -> None:
        if options.window.headless:
            os.environ["SDL_VIDEODRIVER"] = "dummy"
            os.environ["SDL_AUDIODRIVER"] = "dummy"
        self.options = options
        self.timer = timer or (VirtualTimer() if options.window.headless else RealTimer())
        self.display = _open_display(options, Display)
        pygame.key.set_repeat()  # no key repeat: a held key is one hit
        self.ctx = GameContext(
            options=options,
            timer=self.timer,
            text=TextCache(),
            sprites=NoteSprites(theme.NOTE_SIZE, theme.PAD_SIZE),
            keymap=KeyMap(options.players.bindings),
            quit=self.quit,
            toggle_fullscreen=self.display.toggle_fullscreen,
            devices=InputDevices(
                options.players.devices, self.timer.now, enabled=not options.window.headless
            ),
            is_fullscreen=lambda: self.display.fullscreen,
        )
        self.ctx.devices.start()
        self.stack = SceneStack(self.ctx)
        self.result = GameResult(outcome=None)
        self._quit = False
        self._pacer: FramePacer | None = None
        self._focus_lost = None

    # -- control ------------------------------------------------------------------------------
    def quit(self) -> None:
        self._quit = True

    def running(self) -> bool:
        return not self._quit and bool(self.stack)

    def _on_finished(self, outcome: MatchOutcome) -> None:
        self.result.outcome = outcome
        play = self.stack.top
        self.result.replay_paths = list(getattr(play, "saved_replays", []))
        self.result.replay_problem = getattr(play, "replay_problem", None)
        if self.options.window.headless:
            self.quit()
            return
        self.stack.push(results_scene(self.ctx, outcome, notice=self.result.replay_problem or ""))

    # -- loop callbacks ----------------------------------------------------------------------
    def _source(self):
        now = self.timer.now()
        for hook in tuple(self.ctx.pre_poll):
            hook(now)
        from_devices = self.ctx.devices.pre_poll(now)
        events = pygame.event.get()
        return from_devices + events if from_devices else events

    def _dispatch(self, stamped) -> None:
        event = stamped.event
        if event.type == DRUM_HIT:  # stamped by its device, not by this poll
            self.stack.handle(event, event.stamp_s)
            return
        devices = self.ctx.devices.handle(event, stamped.stamp_s)
        if devices is not None:
            for device_event in devices:
                self.stack.handle(device_event, getattr(device_event, "stamp_s", stamped.stamp_s))
            return
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
        if self._pacer is not None:
            self._pacer.scene_interval_s = self.stack.frame_interval_s()

    # -- run ------------------------------------------------------------------------------------
    def run(self, first_scene=None) -> GameResult:
        if first_scene is None:
            first_scene = PlayScene(self.ctx, on_finished=self._on_finished)
        self.stack.push(first_scene)
        fps = self.options.window.fps or (
            HEADLESS_FPS if self.options.window.headless else self.display.refresh_hz
        )
        poller = InputPoller(self._source, self.timer.now)
        pacer = FramePacer(1.0 / fps, vsync=self.display.vsync)
        self._pacer = pacer
        self.ctx.present_at = pacer.present_at
        loop = MainLoop(
            self.timer,
            poller,
            pacer,
            self._dispatch,
            self._render,
            self.display.flip,
            self.running,
            poll_interval_s=self.stack.poll_interval_s,
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
        self.ctx.devices.close()
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
