"""A match from the menus and what happens after it.

:class:`MatchPlan` says what to play (mode, generator arguments, tour stage, partner, practice
rate and loop). :class:`MatchFlow` shows a loading tip while it generates the chart and opens
the play scene, then files the finished match: recorded in the scores database (not practice
or demo), "NEW BEST" when it beats every earlier match of its stage or chart in that mode, the
tour advanced when a stage is cleared (team grade C or better), and the tour's ending card
after the results when this match completed it. Leaving the results goes back to the list the
match was started from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..core.chart import Chart
from ..core.generator import generate_chart
from ..core.scoring import GRADE_THRESHOLDS, grade_for
from ..core.tour import TourStage
from ..core.voices import Player
from ..storage.scores_db import MatchRecord, ScoresError
from .keys import KeyMap
from .options import MAX_RATE, MIN_RATE, SOLO_PARTNER, GameOptions, options_from_settings
from .practice_chart import LoopRange, section_chart
from .session import Session
from .tour_progress import stage_id

GAME_MODES = ("duet", "versus", "solo")
PLAN_MODES = (*GAME_MODES, "practice", "demo")
MODE_TITLES = {
    "duet": "Duet",
    "versus": "Versus",
    "solo": "Solo",
    "practice": "Practice",
    "demo": "Demo",
}
#: A stage is cleared with this team grade or better.
CLEAR_GRADE = "C"
CLEAR_PERCENT = dict((grade, percent) for percent, grade in GRADE_THRESHOLDS)[CLEAR_GRADE]
#: The simulated drummer playing along in practice: exact, so the sync shows your timing.
PRACTICE_GUIDE = "metronome"
DEMO_BOTS = ("steady", "partner")


def clears_stage(team_percent: float) -> bool:
    return team_percent >= CLEAR_PERCENT


def stage_label_for(stage: TourStage | None) -> str:
    """What the match's headers call a tour stage, e.g. "Stage 3 · Nara" ("" for none)."""
    return f"Stage {stage.index + 1} · {stage.name}" if stage is not None else ""


@dataclass(frozen=True, slots=True)
class MatchPlan:
    mode: str
    generator_args: Mapping = field(default_factory=dict)
    stage: TourStage | None = None
    partner: str = SOLO_PARTNER
    demo_bots: tuple[str, str] = DEMO_BOTS
    rate: float = 1.0
    loop: LoopRange | None = None
    practice_player: Player = Player.P1
    bot_seed: int = 0

    def __post_init__(self) -> None:
        if self.mode not in PLAN_MODES:
            raise ValueError(f"unknown mode {self.mode!r} (known: {', '.join(PLAN_MODES)})")
        if not MIN_RATE <= self.rate <= MAX_RATE:
            raise ValueError(f"practice rate must be {MIN_RATE:g}..{MAX_RATE:g}, got {self.rate:g}")
        if self.stage is not None and not self.generator_args:
            object.__setattr__(self, "generator_args", self.stage.generator_args())
        object.__setattr__(self, "generator_args", dict(self.generator_args))

    @property
    def game_mode(self) -> str:
        """The play scene's mode: practice is solo beside a guide, the demo a duet of bots."""
        return {"practice": "solo", "demo": "duet"}.get(self.mode, self.mode)

    @property
    def records(self) -> bool:
        """Whether the match goes into the scores database (not practice, not the demo)."""
        return self.mode in GAME_MODES

    def bots(self) -> tuple[str | None, str | None]:
        if self.mode == "solo":
            return (None, self.partner)
        if self.mode == "practice":
            guide = PRACTICE_GUIDE
            return (None, guide) if self.practice_player is Player.P1 else (guide, None)
        if self.mode == "demo":
            return self.demo_bots
        return (None, None)

    def chart(self) -> Chart:
        chart = generate_chart(**self.generator_args)
        return section_chart(chart, self.loop) if self.loop is not None else chart

    @property
    def stage_label(self) -> str:
        """Shown in the play and results headers before the chart's own title (which the
        chart keeps: it is part of its hash and of the replay's identity)."""
        return stage_label_for(self.stage)

    def heading(self) -> str:
        if self.stage is not None:
            return self.stage.name
        return MODE_TITLES[self.mode]

    def detail(self) -> str:
        a = self.generator_args
        bits = [MODE_TITLES[self.mode].upper()]
        if self.mode == "solo":
            bits.append(f"with {self.partner}")
        bits += [
            str(a.get("style", "")),
            f"{a.get('bpm', 0):g} BPM",
            f"level {a.get('difficulty')}",
        ]
        if self.loop is not None:
            bits.append(self.loop.label)
        else:
            bits.append(f"{a.get('bars')} bars")
        if self.rate != 1.0:
            bits.append(f"{self.rate:.0%} speed")
        return "  ·  ".join(bits)


@dataclass(frozen=True, slots=True)
class FiledMatch:
    """What filing a finished match found: its row, whether it is a new best, and the tour."""

    record_id: int | None = None
    new_best: bool = False
    cleared: bool = False
    tour_complete: bool = False


def file_match(session: Session, plan: MatchPlan, outcome, replay_paths=()) -> FiledMatch:
    """Record a finished match (when the plan records) and advance the tour."""
    if not plan.records:
        return FiledMatch()
    report = outcome.report
    header = outcome.replay.header
    record = MatchRecord.from_report(
        report,
        mode=plan.game_mode,
        chart_hash=header.chart_hash,
        names=tuple(header.players),
        generator_args=outcome.chart.meta.generator_args(),
        stage_id=stage_id(plan.stage) if plan.stage is not None else None,
        replay_path=replay_paths[0] if replay_paths else None,
    )
    record_id, new_best = None, False
    if session.db is not None:
        try:
            new_best = session.db.is_new_best(record)
            record_id = session.db.record_match(record)
        except ScoresError as error:
            session.notices.append(f"this match was not saved: {error}")
            new_best = False
    cleared = plan.stage is not None and clears_stage(report.team.percent)
    complete = session.clear_stage(plan.stage) if cleared else False
    return FiledMatch(record_id, new_best, cleared, complete)


def team_grade(outcome) -> str:
    return grade_for(outcome.report.team.percent)


class MatchFlow:
    """Starts matches for the menus and handles their end."""

    def __init__(
        self,
        ctx,
        stack,
        session: Session,
        base: GameOptions,
        results_factory: Callable | None = None,
        tour_end_factory: Callable | None = None,
    ) -> None:
        self.ctx = ctx
        self._stack = stack
        self.session = session
        self.base = base
        #: ``(match_ctx, outcome, filed, on_back) -> Scene``: the results screen.
        self.results_factory = results_factory
        #: ``() -> Scene``: the card shown once the whole tour is cleared.
        self.tour_end_factory = tour_end_factory
        self.last_filed: FiledMatch | None = None

    # -- options and contexts -----------------------------------------------------------------
    def options_for(self, plan: MatchPlan, chart: Chart) -> GameOptions:
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
            sound=base.sound,
            vsync=base.vsync,
            fps=base.fps,
            window_size=base.window_size,
            audio_buffer_frames=base.audio_buffer_frames,
        )

    def match_context(self, options: GameOptions):
        """A context for one match: the app's, with this match's options and key map."""
        return dataclasses.replace(self.ctx, options=options, keymap=KeyMap(options.bindings))

    def build_play(self, plan: MatchPlan, on_finished: Callable) -> object:
        from .play_scene import PlayScene

        chart = plan.chart()
        match_ctx = self.match_context(self.options_for(plan, chart))
        play = PlayScene(match_ctx, on_finished=None, stage_label=plan.stage_label)
        play.on_finished = lambda outcome: on_finished(play, outcome)
        return play

    # -- a match from a menu ------------------------------------------------------------------
    def start(self, plan: MatchPlan, on_practice_pass: Callable | None = None) -> object:
        """Push the loading card; it turns into the play scene when ready."""
        from .tip_card import TipCardScene

        def finished(play, outcome) -> None:
            if plan.mode == "practice" and on_practice_pass is not None:
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

        work = lambda: self.build_play(plan, finished)  # noqa: E731
        stage = plan.stage
        if stage is None:
            card = TipCardScene(
                self.ctx,
                self.session.next_tip(),
                plan.heading(),
                work,
                ready,
                on_cancel=cancelled,
                detail=plan.detail(),
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
            )
        self._stack.push(card)
        return card

    def after_match(self, plan: MatchPlan, play, outcome) -> None:
        filed = file_match(self.session, plan, outcome, getattr(play, "saved_replays", ()))
        self.last_filed = filed
        if self.results_factory is None:
            return
        if plan.stage_label and outcome.stage_label != plan.stage_label:
            outcome = dataclasses.replace(outcome, stage_label=plan.stage_label)
        results = self.results_factory(
            play.ctx, outcome, filed, on_back=lambda: self.leave_results(results, play, filed)
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
