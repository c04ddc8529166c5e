"""A match from the menus and what happens after it.

Given a :class:`~drumsync.game.match.plan.MatchPlan`, :class:`MatchFlow` shows a loading tip
while it generates the chart and opens the play scene, then files the finished match
(:func:`~drumsync.game.match.filing.file_match`: the scores database, "NEW BEST", the tour)
and shows the results, and the tour's ending card after them when this match completed it.
Leaving the results goes back to the list the match was started from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from ..core.chart import Chart
from .match.audio_link import prepare_song_audio
from .match.filing import FiledMatch, file_match
from .match.net_runner import NetRunner
from .match.plan import MatchPlan
from .match.practice_chart import LoopRange
from .match.session import Session
from .match.state import MatchOutcome
from .runtime.input.keyboard import KeyMap
from .runtime.options import GameOptions, options_from_settings
from .screens.loading import TipCardScene
from .screens.online import NetPlayScene
from .screens.play import PlayScene
from .screens.results import ResultsScene


def results_scene(
    ctx,
    outcome: MatchOutcome,
    filed: FiledMatch | None = None,
    on_back=None,
    on_practice=None,
    on_settings=None,
    notice: str = "",
) -> ResultsScene:
    """The one way to the results screen: after a match from the menus (with what filing it
    found, e.g. "NEW BEST" or "replay not saved: ...", and duet practice after a duet) and
    after a match started on the command line (``notice``: a storage problem to show).
    ``on_settings`` hears of offsets saved by "calibrate from this match"."""
    badge = filed.badge if filed is not None else ""
    notice = notice or (filed.notice if filed is not None else "")
    return ResultsScene(
        ctx,
        outcome,
        on_back=on_back,
        badge=badge,
        on_practice=on_practice,
        on_settings=on_settings,
        notice=notice,
    )


class MatchFlow:
    """Starts matches for the menus and handles their end."""

    def __init__(
        self,
        ctx,
        stack,
        session: Session,
        base: GameOptions,
        tour_end_factory: Callable | None = None,
    ) -> None:
        self.ctx = ctx
        self._stack = stack
        self.session = session
        self.base = base
        #: ``() -> Scene``: the card shown once the whole tour is cleared.
        self.tour_end_factory = tour_end_factory
        #: ``(plan, loop, rate)``: duet practice, offered on a duet's results when set.
        self.pair_practice: Callable | None = None
        self.last_filed: FiledMatch | None = None
        #: ``()``: the online screen again ("play again" after a match across two machines).
        self.online_again: Callable[[], None] | None = None

    # -- options and contexts -----------------------------------------------------------------
    def options_for(self, plan: MatchPlan, chart: Chart, **overrides) -> GameOptions:
        p1_bot, p2_bot = plan.bots()
        base = self.base
        return options_from_settings(
            chart,
            self.session.settings,
            mode=plan.game_mode,
            p1_bot=p1_bot,
            p2_bot=p2_bot,
            bot_seed=plan.bot_seed,
            rate=plan.rate,
            save_replay=plan.records,
            sound=base.sound.enabled,
            vsync=base.window.vsync,
            fps=base.window.fps,
            window_size=base.window.window_size,
            audio_buffer_frames=base.sound.buffer_frames,
            **overrides,
        )

    def match_context(self, options: GameOptions):
        """A context for one match: the app's, with this match's options and key map."""
        return dataclasses.replace(
            self.ctx, options=options, keymap=KeyMap(options.players.bindings)
        )

    def build_play(
        self, plan: MatchPlan, on_finished: Callable, chart: Chart | None = None
    ) -> object:
        chart = plan.chart() if chart is None else chart
        match_ctx = self.match_context(self.options_for(plan, chart))
        play = PlayScene(
            match_ctx,
            on_finished=None,
            stage_label=plan.stage_label,
            only_player=plan.practice_player if plan.mode == "practice" else None,
        )
        play.on_finished = lambda outcome: on_finished(play, outcome)
        return play

    # -- a match from a menu ------------------------------------------------------------------
    def start(self, plan: MatchPlan, on_practice_pass: Callable | None = None) -> object:
        """Push the loading card; it turns into the play scene when ready."""

        def finished(play, outcome) -> None:
            if plan.practising and on_practice_pass is not None:
                on_practice_pass(play, outcome)
            else:
                self.after_match(plan, play, outcome)

        def ready(play) -> None:
            if self._stack.top is card:
                self._stack.switch(play)

        def cancelled() -> None:
            if self._stack.top is card:
                self._stack.pop()
            if card.result is not None:  # built but never played: let go of its sound
                card.result.audio.close()

        prepared: list[Chart] = []

        def prepare() -> None:  # on a worker thread: an imported song's audio, decoded
            prepared.append(plan.chart())
            prepare_song_audio(prepared[0], plan.rate)

        work = lambda: self.build_play(plan, finished, prepared[0] if prepared else None)  # noqa: E731
        stage = plan.stage
        if stage is None:
            loading = self.session.next_card()
            card = TipCardScene(
                self.ctx,
                loading.text if loading else "",
                plan.heading(),
                work,
                ready,
                on_cancel=cancelled,
                detail=plan.detail(),
                label=loading.label if loading else "",
                settings=self.session.settings,
                prepare=prepare if plan.song is not None else None,
            )
        else:  # a tour stage opens on its intro card: the article's caption for it
            count = len(self.session.stages)
            card = TipCardScene(
                self.ctx,
                stage.intro,
                stage.name,
                work,
                ready,
                on_cancel=cancelled,
                detail=plan.detail(),
                label="",
                auto=False,
                kicker=f"SUMMIT TOUR  ·  STAGE {stage.index + 1} OF {count}",
                settings=self.session.settings,
            )
        self._stack.push(card)
        return card

    # -- a match across two machines -----------------------------------------------------------
    def start_online(self, runner: NetRunner, chart: Chart) -> object:
        """Switch the online screen for the match: the seats are host (player 1) and joiner,
        with their own names and calibration offsets (as the merged replay holds them)."""
        session = runner.session
        seats = (session.me, session.partner)
        host, joiner = seats if session.is_host else seats[::-1]
        local = int(runner.local_player)
        # this machine's seat moves its highway by its own video offset; the partner's not at
        # all (the play screen moves each by video minus audio offset)
        video = [host.offset_ms, joiner.offset_ms]
        video[local] = self.session.settings.players[0].video_offset_ms
        options = self.options_for(
            MatchPlan("duet"),
            chart,
            names=(host.name, joiner.name),
            offsets_ms=(host.offset_ms, joiner.offset_ms),
            video_offsets_ms=tuple(video),
            windows=session.windows,
        )
        plan = MatchPlan("duet", chart.meta.generator_args() or {})
        play = NetPlayScene(self.match_context(options), runner)
        play.on_finished = lambda outcome: self.after_match(plan, play, outcome)
        play.on_leave = lambda: self._stack.pop() if self._stack.top is play else None
        play.on_again = lambda: self.online_again() if self.online_again is not None else None
        self._stack.switch(play)
        return play

    def after_match(self, plan: MatchPlan, play, outcome) -> None:
        filed = file_match(
            self.session,
            plan,
            outcome,
            getattr(play, "saved_replays", ()),
            getattr(play, "replay_problem", None),
        )
        self.last_filed = filed
        if plan.stage_label and outcome.stage_label != plan.stage_label:
            outcome = dataclasses.replace(outcome, stage_label=plan.stage_label)
        on_practice = None
        if plan.mode == "duet" and self.pair_practice is not None:  # two people: practise
            source, practise = plan, self.pair_practice
            on_practice = lambda section, rate: practise(  # noqa: E731
                source, LoopRange(section.start_bar, section.bars), rate
            )
        results = results_scene(
            play.ctx,
            outcome,
            filed,
            on_back=lambda: self.leave_results(results, play, filed),
            on_practice=on_practice,
            on_settings=self.session.use_settings,
        )
        self._stack.push(results)

    def leave_results(self, results, play, filed: FiledMatch) -> None:
        """Back from the results: drop them and the finished match, then the tour's ending."""
        stack = self._stack
        for scene in (results, play):
            if stack.top is scene:
                stack.pop()
        if filed.tour_complete and self.tour_end_factory is not None:
            stack.push(self.tour_end_factory())
