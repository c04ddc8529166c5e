"""The game's front door: the window opens on the title and the menus lead everywhere else.

``run_front()`` is what ``drumsync`` with no command runs. :class:`Front` wires the screens
together: title (with its idle demo) -> modes -> the Summit Tour, free play or practice ->
the loading card -> the match -> results -> back to the list it came from; and the other
screens of the menu (free play, settings, key test, calibration, player names).

While the title and the menus over it are shown, the title music plays a quiet loop
(:class:`~drumsync.game.screens.title.music.TitleMusic`, at the music volume of the settings); it
stops whenever a match, the demo or the calibration is on the stack and starts again after.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence

from ..core.tour import TourStage
from ..core.voices import PLAYERS, Player
from ..storage.settings import load_settings
from .app import GameApp
from .flow import MatchFlow
from .match.plan import PAIR_TARGET_PERCENT, MatchPlan
from .match.practice_chart import LoopRange
from .match.session import Session
from .runtime.input.keyboard import KeyMap
from .runtime.loop import Timer
from .runtime.options import SOLO_PARTNER, GameOptions, options_from_settings
from .screens.calibration import open_calibration
from .screens.free_play import FreePlayScene
from .screens.free_play.scene import SONG_PRACTICE_RATE
from .screens.how_to_play import HowToPlayScene
from .screens.modes import ModeScene
from .screens.names import NamesScene
from .screens.online import OnlineScene
from .screens.play import DemoScene
from .screens.practice import PassResult, PracticeLapScene, PracticeScene
from .screens.scores import ScoresScene
from .screens.settings import KeyTestScene, SettingsScene
from .screens.title import IDLE_S, TitleMusic, TitleScene
from .screens.tour import TourEndScene, TourScene


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
            tour_end_factory=self._tour_end,
        )
        self.flow.pair_practice = self.start_pair_practice
        self.flow.online_again = self.open_online
        self.demos = 0
        #: Names are asked before the first match of a run (then remembered in settings).
        self.names_confirmed = False
        #: Solo asks only Player 1's name (a bot plays Player 2).
        self.solo_name_confirmed = False
        #: The how-to-play card comes before the first match until it has been read once.
        self.how_to_play_due = not session.settings.how_to_play_seen
        options = app.options
        self.title_music = TitleMusic(
            enabled=options.plays_sound,
            buffer_frames=options.sound.buffer_frames,
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
        self.stack.push(ModeScene(self.ctx, self.session, self.on_mode_action))

    def on_mode_action(self, action: str, params: dict) -> None:
        mode = params.get("mode", "duet")
        partner = params.get("partner", SOLO_PARTNER)
        solo_named = mode == "solo" and self.solo_name_confirmed
        if action in ("tour", "free", "online") and not (self.names_confirmed or solo_named):
            players = (Player.P1,) if mode == "solo" else PLAYERS  # a bot plays P2 in Solo
            self.ask_names(then=lambda: self.on_mode_action(action, params), players=players)
            return
        if action in ("tour", "free", "practice") and self.how_to_play_due:
            self.show_how_to_play(then=lambda: self.on_mode_action(action, params))
            return
        if action in ("tour", "free"):
            self.session.remember_menus(where=action)
        if action == "tour":
            self.open_tour(mode, partner)
        elif action == "free":
            self.open_free_play(mode, partner)
        elif action == "practice":
            self.open_practice()
        elif action == "online":
            self.open_online()
        elif action == "demo":
            self.start_demo()
        elif action == "quit":
            self.ctx.quit()
        elif action == "settings":
            self.open_settings()
        elif action == "keytest":
            self.stack.push(KeyTestScene(self.menu_context()))
        elif action == "calibrate":
            self.open_calibration(params.get("player", Player.P1))
        elif action == "names":
            self.ask_names(then=lambda: None, subtitle="Player names")
        elif action == "howto":
            self.show_how_to_play(then=lambda: None, go_label="back to the menu")
        elif action == "scores":
            self.stack.push(ScoresScene(self.ctx, self.session))

    def show_how_to_play(self, then: Callable[[], None], go_label: str = "play") -> None:
        """The how-to-play card; Enter marks it read (saved in settings) and goes on."""

        def done() -> None:
            self._pop(card)
            self.how_to_play_due = False
            if not self.session.settings.how_to_play_seen:
                self.session.use_settings(
                    self.session.settings.replace(how_to_play_seen=True), save=True
                )
            then()

        back = lambda: self._pop(card)  # noqa: E731
        card = HowToPlayScene(self.ctx, self.session.settings, done, back, go_label=go_label)
        self.stack.push(card)

    def open_online(self) -> None:
        self.stack.push(OnlineScene(self.menu_context(), self.session, self.flow.start_online))

    def menu_context(self):
        """The app's context with options made from the current settings."""
        options = options_from_settings(
            None,
            self.session.settings,
            sound=self.app.options.sound.enabled,
            vsync=self.app.options.window.vsync,
            fps=self.app.options.window.fps,
            window_size=self.app.options.window.window_size,
        )
        return dataclasses.replace(
            self.ctx, options=options, keymap=KeyMap(options.players.bindings)
        )

    # -- the Summit Tour ----------------------------------------------------------------------
    def open_tour(self, mode: str, partner: str = SOLO_PARTNER) -> None:
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

    def play_stage(self, stage: TourStage, mode: str, partner: str = SOLO_PARTNER) -> None:
        self.flow.start(MatchPlan(mode, stage=stage, partner=partner))

    def _tour_end(self):
        stages = self.session.stages
        outro = stages[-1].outro if stages else ""
        return TourEndScene(
            self.ctx,
            outro or "",
            on_close=self.session.mark_ending_seen,
            stage_names=[stage.name for stage in stages],
        )

    # -- duet practice -------------------------------------------------------------------------
    def start_pair_practice(self, source: MatchPlan, loop: LoopRange, rate: float) -> None:
        """Duet practice: loop ``loop`` of the source match's chart at ``rate``, a card after
        each pass with the pair's sync there, until it reaches the target."""
        plan = MatchPlan(
            "pair_practice",
            source.generator_args,
            stage=source.stage,
            rate=rate,
            loop=loop,
            song=source.song,
        )
        passes: list[PassResult] = []

        def lap(play, outcome) -> None:
            result = PassResult.pair_from_outcome(outcome, PAIR_TARGET_PERCENT)
            passes.append(result)
            self.stack.push(
                PracticeLapScene(
                    play.ctx,
                    passes,
                    on_again=play.restart,
                    on_stop=lambda: self._pop(play),
                    done=result.accuracy_percent >= PAIR_TARGET_PERCENT,
                )
            )

        self.flow.start(plan, on_practice_pass=lap)

    # -- free play, practice, the demo --------------------------------------------------------
    def open_free_play(self, mode: str, partner: str = SOLO_PARTNER) -> None:
        def remember() -> None:
            args = scene.generator_args()
            if scene.seed_is_random:
                args["seed"] = None  # a random seed stays random next time
            self.session.remember_menus(free_play=args)

        def start(generator_args: dict) -> None:
            remember()
            self.flow.start(MatchPlan(mode, generator_args, partner=partner))

        def start_song(path: str) -> None:
            self.flow.start(MatchPlan(mode, song=path, partner=partner))

        def back() -> None:
            remember()
            self._pop(scene)

        scene = FreePlayScene(
            self.menu_context(),
            mode,
            on_start=start,
            on_back=back,
            initial=self.session.menus.free_play or None,
            scores=self.session.db,
            library=self.session.song_library(),
            on_song=start_song,
            on_practice=lambda path: self.start_practice(
                MatchPlan("practice", song=path, rate=SONG_PRACTICE_RATE)
            ),
        )
        self.stack.push(scene)

    def open_practice(self) -> None:
        self.stack.push(PracticeScene(self.ctx, self.session, on_start=self.start_practice))

    def start_practice(self, plan: MatchPlan) -> None:
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
        plan = self.demo_plan()
        self.demos += 1

        def make_play(on_finished):
            return self.flow.build_play(plan, lambda play, outcome: on_finished(outcome))

        self.stack.push(DemoScene(self.ctx, make_play, on_end=lambda: None))

    # -- settings, calibration, names -------------------------------------------------------
    def open_settings(self) -> None:
        scene = SettingsScene(
            self.menu_context(), on_close=lambda settings: self._settings_closed(scene, settings)
        )
        self.stack.push(scene)

    def open_calibration(self, player: Player) -> None:
        open_calibration(self.stack, self.menu_context(), player, on_done=self._calibrated)

    def _pop(self, scene) -> None:
        if scene is not None and self.stack.top is scene:
            self.stack.pop()

    def _settings_closed(self, scene, settings) -> None:
        self._pop(scene)
        if settings is None:
            return
        self.session.use_settings(settings)
        self.ctx.devices.use_profiles(settings.devices)
        display = self.app.display
        if bool(settings.fullscreen) != display.fullscreen:
            display.toggle_fullscreen()

    def _calibrated(self, result) -> None:
        if result is not None:  # the calibration screen saves what it measured
            self.session.use_settings(load_settings().settings)

    def ask_names(
        self,
        then: Callable[[], None],
        subtitle: str = "New match",
        players: tuple[Player, ...] = PLAYERS,
    ) -> None:
        """The players name themselves before their first match (or from the menu's entry);
        only ``players`` are asked (Solo: the human beside the bot). Esc returns to the
        menu."""
        names = tuple(p.name for p in self.session.settings.players)

        def done(chosen) -> None:
            self._named(scene, chosen)
            if chosen is not None:
                then()

        scene = NamesScene(
            self.menu_context(), names, on_done=done, subtitle=subtitle, players=players
        )
        self.stack.push(scene)

    def _named(self, scene, names) -> None:
        self._pop(scene)
        if names is None:
            return
        self.solo_name_confirmed = True
        self.names_confirmed = self.names_confirmed or len(scene.players) == len(PLAYERS)
        settings = self.session.settings  # the names screen saved them (when it could)
        for player, name in zip((Player.P1, Player.P2), names, strict=True):
            settings = settings.with_name(player, name)
        self.session.use_settings(settings)


def front_options(session: Session, **overrides) -> GameOptions:
    """The app's own options: the saved settings' window, sound and keys (no match yet)."""
    return options_from_settings(None, session.settings, **overrides)


def run_front(
    timer: Timer | None = None,
    idle_s: float | None = None,
    hooks: Sequence[Callable[[Front, float], None]] = (),
    **overrides,
) -> int:
    """Open the window at the title and run the game until the player quits; returns 0.
    ``overrides`` go to :class:`GameOptions`; ``timer``, ``idle_s`` and ``hooks`` (each called
    as ``hook(front, now_s)`` before every input poll, it may post events) serve tests."""
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


__all__ = ["Front", "front_options", "run_front"]
