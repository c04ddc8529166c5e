"""The game's front door: the window opens on the title and the menus lead everywhere else.

``run_front()`` is what ``drumsync`` with no command runs. :class:`Front` wires the screens
together: title (with its idle demo) -> modes -> the Summit Tour, free play or practice ->
the loading card -> the match -> results -> back to the list it came from. Screens written
elsewhere (free play, settings, key test, calibration, player names) are offered only when
their module is there.

While the title and the menus over it are shown, the title music plays a quiet loop
(:class:`~drumsync.game.title_music.TitleMusic`, at the music volume of the settings); it
stops whenever a match, the demo or the calibration is on the stack and starts again after.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import importlib.util
from collections.abc import Callable, Sequence

from ..core.tour import TourStage
from ..core.voices import Player
from .app import GameApp
from .flow import FiledMatch, MatchFlow, MatchPlan
from .keys import KeyMap
from .loop import Timer
from .options import GameOptions, options_from_settings
from .session import Session
from .title_music import TitleMusic

#: Optional screens by menu entry: (module in this package, class name).
OPTIONAL_SCENES = {
    "free": ("free_play_scene", "FreePlayScene"),
    "settings": ("settings_scene", "SettingsScene"),
    "keytest": ("key_test_scene", "KeyTestScene"),
    "calibrate": ("calibration_scene", "CalibrationScene"),
    "names": ("names_scene", "NamesScene"),
}
NEW_BEST = "NEW BEST"
STAGE_CLEARED = "STAGE CLEARED"


def result_badge(filed: FiledMatch) -> str:
    """What the results say about this match beyond its numbers."""
    words = [NEW_BEST] if filed.new_best else []
    if filed.cleared:
        words.append(STAGE_CLEARED)
    return "  ·  ".join(words)


def scene_available(entry: str) -> bool:
    module, _ = OPTIONAL_SCENES[entry]
    return importlib.util.find_spec(f"{__package__}.{module}") is not None


def scene_class(entry: str):
    module, name = OPTIONAL_SCENES[entry]
    return getattr(importlib.import_module(f"{__package__}.{module}"), name)


class Front:
    def __init__(self, app: GameApp, session: Session, idle_s: float | None = None) -> None:
        self.app = app
        self.ctx = app.ctx
        self.stack = app.stack
        self.session = session
        self.idle_s = idle_s
        self.flow = MatchFlow(
            self.ctx,
            self.stack,
            session,
            app.options,
            results_factory=self._results,
            tour_end_factory=self._tour_end,
        )
        self.demos = 0
        #: Names are asked before the first match of a run (then remembered in settings).
        self.names_confirmed = False
        self.extras = tuple(e for e in OPTIONAL_SCENES if e != "free" and scene_available(e))
        self.free_play = scene_available("free")
        options = app.options
        self.title_music = TitleMusic(
            enabled=options.sound and not options.headless,
            buffer_frames=options.audio_buffer_frames,
        )
        self.told_no_audio = False
        self.ctx.pre_poll.append(self.follow_music)

    # -- the title music ----------------------------------------------------------------------
    def follow_music(self, now_s: float) -> None:
        """Before each input poll: the loop plays or not for the scenes now on the stack. The
        first time the audio device cannot be opened, the title says so."""
        music = self.title_music
        settings = self.session.settings
        music.buffer_frames = settings.audio_buffer_frames  # used when it opens
        music.follow(self.stack.scenes, float(settings.music_volume), now_s)
        if music.available is False and music.enabled and not self.told_no_audio:
            from .title_scene import TitleScene

            self.told_no_audio = True
            top = self.stack.top
            if isinstance(top, TitleScene):
                top.add_notice(f"{music.reason} - playing without sound")

    def close(self) -> None:
        """Stop the title music and let go of the mixer (the game is closing)."""
        if self.follow_music in self.ctx.pre_poll:
            self.ctx.pre_poll.remove(self.follow_music)
        self.title_music.close()

    # -- screens ------------------------------------------------------------------------------
    def title(self):
        from .title_scene import IDLE_S, TitleScene

        notices = list(self.session.notices)
        self.session.notices.clear()
        return TitleScene(
            self.ctx,
            on_start=self.open_modes,
            on_demo=self.start_demo,
            notices=notices,
            idle_s=self.idle_s if self.idle_s is not None else IDLE_S,
            music_clock=self.title_music.loop_time_s,
        )

    def open_modes(self) -> None:
        from .mode_scene import ModeScene

        self.stack.push(
            ModeScene(
                self.ctx,
                self.session,
                self.on_mode_action,
                extras=self.extras,
                free_play=self.free_play,
            )
        )

    def on_mode_action(self, action: str, params: dict) -> None:
        mode = params.get("mode", "duet")
        partner = params.get("partner", "partner")
        if action in ("tour", "free") and not self.names_confirmed and scene_available("names"):
            self.ask_names(then=lambda: self.on_mode_action(action, params))
            return
        if action == "tour":
            self.open_tour(mode, partner)
        elif action == "free":
            self.open_free_play(mode, partner)
        elif action == "practice":
            self.open_practice()
        elif action == "demo":
            self.start_demo()
        elif action == "quit":
            self.ctx.quit()
        elif action in OPTIONAL_SCENES:
            self.open_optional(action, params)

    def menu_context(self):
        """The app's context with options made from the current settings."""
        options = options_from_settings(
            self.app.options.chart,
            self.session.settings,
            sound=self.app.options.sound,
            vsync=self.app.options.vsync,
            fps=self.app.options.fps,
            window_size=self.app.options.window_size,
        )
        return dataclasses.replace(self.ctx, options=options, keymap=KeyMap(options.bindings))

    # -- the Summit Tour ----------------------------------------------------------------------
    def open_tour(self, mode: str, partner: str = "partner") -> None:
        from .tour_scene import TourScene

        label = mode.upper() if mode != "solo" else f"SOLO WITH {partner.upper()}"
        self.stack.push(
            TourScene(
                self.ctx,
                self.session,
                mode,
                on_play=lambda stage: self.play_stage(stage, mode, partner),
                on_ending=lambda: self.stack.push(self._tour_end()),
                mode_label=label,
            )
        )

    def play_stage(self, stage: TourStage, mode: str, partner: str = "partner") -> None:
        self.flow.start(MatchPlan(mode, stage=stage, partner=partner))

    def _tour_end(self):
        from .tour_end_scene import TourEndScene

        stages = self.session.stages
        outro = stages[-1].outro if stages else ""
        return TourEndScene(
            self.ctx,
            outro or "",
            on_close=self.session.mark_ending_seen,
            stage_names=[stage.name for stage in stages],
        )

    # -- after a match ------------------------------------------------------------------------
    def _results(self, match_ctx, outcome, filed: FiledMatch, on_back: Callable[[], None]):
        from .results_scene import ResultsScene

        return ResultsScene(match_ctx, outcome, on_back=on_back, badge=result_badge(filed))

    # -- free play, practice, the demo --------------------------------------------------------
    def open_free_play(self, mode: str, partner: str = "partner") -> None:
        scene_type = scene_class("free")

        def start(generator_args: dict) -> None:
            self.flow.start(MatchPlan(mode, generator_args, partner=partner))

        scene = scene_type(
            self.menu_context(), mode, on_start=start, on_back=lambda: self._pop(scene)
        )
        self.stack.push(scene)

    def open_practice(self) -> None:
        from .practice_scene import PracticeScene

        self.stack.push(PracticeScene(self.ctx, self.session, on_start=self.start_practice))

    def start_practice(self, plan: MatchPlan) -> None:
        from .practice_lap import PassResult, PracticeLapScene

        passes: list[PassResult] = []

        def lap(play, outcome) -> None:
            passes.append(PassResult.from_outcome(outcome, plan.practice_player))
            self.stack.push(
                PracticeLapScene(
                    play.ctx, passes, on_again=play.restart, on_stop=lambda: self._pop(play)
                )
            )

        self.flow.start(plan, on_practice_pass=lap)

    def demo_plan(self) -> MatchPlan:
        """The tour's stages in turn, played by two simulated drummers."""
        stages = self.session.stages
        stage = stages[self.demos % len(stages)]
        args = dict(stage.generator_args(), bars=min(stage.bars, 16))
        return MatchPlan("demo", args, bot_seed=self.demos)

    def start_demo(self) -> None:
        from .demo_scene import DemoScene

        plan = self.demo_plan()
        self.demos += 1

        def make_play(on_finished):
            return self.flow.build_play(plan, lambda play, outcome: on_finished(outcome))

        self.stack.push(DemoScene(self.ctx, make_play, on_end=lambda: None))

    # -- screens from other files -------------------------------------------------------------
    def open_optional(self, entry: str, params: dict) -> None:
        scene_type = scene_class(entry)
        ctx = self.menu_context()
        scene = None
        if entry == "settings":
            scene = scene_type(
                ctx, on_close=lambda settings: self._settings_closed(scene, settings)
            )
        elif entry == "keytest":
            scene = scene_type(ctx)
        elif entry == "calibrate":
            player = params.get("player", Player.P1)
            scene = scene_type(ctx, player, on_done=lambda result: self._calibrated(scene, result))
        elif entry == "names":
            names = tuple(p.name for p in self.session.settings.players)
            scene = scene_type(ctx, names, on_done=lambda chosen: self._named(scene, chosen))
        if scene is not None:
            self.stack.push(scene)

    def _pop(self, scene) -> None:
        if scene is not None and self.stack.top is scene:
            self.stack.pop()

    def _settings_closed(self, scene, settings) -> None:
        self._pop(scene)
        if settings is None:
            return
        self.session.use_settings(settings)
        display = self.app.display
        if bool(settings.fullscreen) != display.fullscreen:
            display.toggle_fullscreen()

    def _calibrated(self, scene, result) -> None:
        self._pop(scene)
        from ..storage.settings import load_settings

        if result is not None:  # the calibration screen saves what it measured
            self.session.use_settings(load_settings().settings)

    def ask_names(self, then: Callable[[], None]) -> None:
        """The players name themselves before their first match; Esc returns to the menu."""
        scene_type = scene_class("names")
        names = tuple(p.name for p in self.session.settings.players)

        def done(chosen) -> None:
            self._named(scene, chosen)
            if chosen is not None:
                then()

        scene = scene_type(self.menu_context(), names, on_done=done)
        self.stack.push(scene)

    def _named(self, scene, names) -> None:
        self._pop(scene)
        if names is None:
            return
        self.names_confirmed = True
        settings = self.session.settings  # the names screen saved them (when it could)
        for player, name in zip((Player.P1, Player.P2), names, strict=True):
            settings = settings.with_name(player, name)
        self.session.use_settings(settings)


def front_options(session: Session, **overrides) -> GameOptions:
    """The app's own options: the title's loop chart and the saved settings."""
    from ..audio.title_loop import title_chart

    return options_from_settings(title_chart(), session.settings, **overrides)


def run_front(
    timer: Timer | None = None,
    idle_s: float | None = None,
    hooks: Sequence[Callable[[Front, float], None]] = (),
    **overrides,
) -> int:
    """Open the window at the title and run the game until the player quits; returns 0.

    ``overrides`` go to :class:`GameOptions` (``sound``, ``vsync``, ``fps``, ``fullscreen``,
    ``window_size``). ``timer``, ``idle_s`` and ``hooks`` are for tests and scripted demos:
    each hook is called as ``hook(front, now_s)`` before every input poll (it may post
    events, exactly like the simulated drummers do).
    """
    session = Session.open()
    app = GameApp(front_options(session, **overrides), timer)
    front = None
    try:
        front = Front(app, session, idle_s)
        for hook in hooks:
            app.ctx.pre_poll.append(functools.partial(hook, front))
        app.run(first_scene=front.title())
    finally:
        if front is not None:
            front.close()
        session.close()
        app.close()
    return 0


__all__ = ["Front", "front_options", "run_front", "scene_available"]
