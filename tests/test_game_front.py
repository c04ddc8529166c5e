"""The front end: the mode menu, practice (section loops, slower rate, passes), the loading
card, and a scripted keyboard walk from the title through a Summit Tour stage to its results
and back out, run headless through ``run_front`` on a virtual clock."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import json
from pathlib import Path

import numpy as np
import pygame
import pytest
from game_support import front_frames as frames
from song_files import SONGS

from drumsync.core.chart_identity import chart_hash
from drumsync.core.drummers import PRESETS
from drumsync.core.generator import generate_chart
from drumsync.core.importers import import_song
from drumsync.core.tour import tour_stages
from drumsync.core.voices import Player
from drumsync.game.front import run_front
from drumsync.game.match.bots import BotKeyboard
from drumsync.game.match.plan import MatchPlan
from drumsync.game.match.practice_chart import LoopRange, loop_ranges, section_chart
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.screens.how_to_play import HowToPlayScene
from drumsync.game.screens.loading.tip_card import TipCardScene
from drumsync.game.screens.modes.scene import EXTRA_ENTRIES, ModeScene
from drumsync.game.screens.names.scene import NamesScene
from drumsync.game.screens.online import OnlineScene
from drumsync.game.screens.play.scene import Phase, PlayScene
from drumsync.game.screens.practice.lap import PassResult, PracticeLapScene, timing_words
from drumsync.game.screens.practice.scene import PracticeScene
from drumsync.game.screens.results.scene import ResultsScene
from drumsync.game.screens.title.scene import TitleScene
from drumsync.game.screens.tour.scene import TourScene
from drumsync.storage.scores_db import ScoresDB
from drumsync.storage.settings import load_settings
from drumsync.storage.tour_progress import load_progress, stage_id


def key(code):
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0)


def press(front, code):
    front.stack.handle(key(code), front.app.timer.now())


# --- the mode menu ------------------------------------------------------------------------


def test_the_mode_menu_reports_choices(front):
    actions = []
    scene = ModeScene(front.ctx, front.session, lambda a, p: actions.append((a, p)))
    front.stack.push(scene)
    frames(front)
    labels = [item.label for item in scene.menu.items]
    assert labels == [
        "Duet",
        "Versus",
        "Solo",
        "Practice",
        "Play online",
        "Demo",
        "How to play",
        "Scores",
        "Player names",
        "Settings",
        "Input test",
        "Calibrate",
        "Quit",
    ]
    press(front, pygame.K_RETURN)  # duet: now choose where
    assert scene.focus_where and actions == []
    frames(front)
    press(front, pygame.K_DOWN)
    press(front, pygame.K_RETURN)
    assert actions[-1] == ("free", {"mode": "duet"})
    press(front, pygame.K_ESCAPE)
    assert not scene.focus_where
    press(front, pygame.K_DOWN)
    press(front, pygame.K_DOWN)  # solo
    assert scene.partner == "ideal"
    press(front, pygame.K_LEFT)
    assert scene.partner in PRESETS and scene.partner != "ideal"
    frames(front)
    press(front, pygame.K_RETURN)
    press(front, pygame.K_RETURN)  # the Summit Tour
    assert actions[-1] == ("tour", {"mode": "solo", "partner": scene.partner})
    press(front, pygame.K_ESCAPE)
    press(front, pygame.K_DOWN)
    press(front, pygame.K_DOWN)
    press(front, pygame.K_RETURN)
    assert actions[-1] == ("online", {})
    for _ in range(8):
        press(front, pygame.K_DOWN)
    press(front, pygame.K_RETURN)
    assert actions[-1] == ("quit", {})
    press(front, pygame.K_ESCAPE)
    assert not front.stack


def test_every_other_entry_of_the_menu_opens_its_screen(front):
    for entry in EXTRA_ENTRIES:
        front.on_mode_action(entry, {"player": Player.P1})
        frames(front)
        assert front.stack.top is not None
        front.stack.clear()


def test_play_online_opens_the_online_screen_with_the_tour_stages(front):
    front.names_confirmed = True
    front.on_mode_action("online", {})
    frames(front)
    scene = front.stack.top
    assert isinstance(scene, OnlineScene)
    assert scene.menu.items[0].choices == tuple(stage.name for stage in front.session.stages)
    press(front, pygame.K_ESCAPE)
    assert front.stack.top is not scene


def test_a_solo_stage_seats_the_chosen_partner(front):
    plan = MatchPlan("solo", stage=front.session.stages[0], partner="clumsy")
    options = front.flow.options_for(plan, plan.chart())
    assert (
        options.match.mode == "solo"
        and options.match.p1_bot is None
        and options.match.p2_bot == "clumsy"
    )


# --- practice -----------------------------------------------------------------------------


def test_a_section_becomes_a_chart_of_its_own():
    chart = generate_chart(4, "rock", 110.0, 5, 24)
    ranges = loop_ranges(chart)
    assert ranges[0] == ("Whole song", LoopRange(0, 24))
    assert [loop for _, loop in ranges[1:4]] == [
        LoopRange(s.start_bar, s.bars) for s in chart.sections
    ]
    assert ranges[4] == ("Bars 5-8", LoopRange(4, 4))  # phrases; bars 1-4 is the intro
    assert len({loop for _, loop in ranges}) == len(ranges)
    name, loop = ranges[2]  # the verse
    assert name.startswith("Verse") and loop.bars == 16
    piece = section_chart(chart, loop)
    per_bar = chart.meta.beats_per_bar
    lo, hi = loop.start_bar * per_bar, (loop.start_bar + loop.bars) * per_bar
    for whole, part in zip(chart.parts, piece.parts, strict=True):
        inside = (whole.beat >= lo) & (whole.beat < hi)
        np.testing.assert_array_equal(part.beat, whole.beat[inside] - lo)
        np.testing.assert_array_equal(part.voice, whole.voice[inside])
        np.testing.assert_allclose(part.time_s, piece.beat_to_time(part.beat))
    assert piece.meta.bars == loop.bars and piece.count_in_beats == chart.count_in_beats
    assert piece.sections[0].start_bar == 0
    assert section_chart(chart, LoopRange(0, 24)) is chart
    with pytest.raises(ValueError):
        section_chart(chart, LoopRange(22, 4))


def test_practice_setup_makes_a_slower_looped_plan(front):
    plans = []
    scene = PracticeScene(front.ctx, front.session, on_start=plans.append)
    front.stack.push(scene)
    frames(front)
    press(front, pygame.K_DOWN)  # section
    press(front, pygame.K_RIGHT)
    press(front, pygame.K_DOWN)  # speed
    press(front, pygame.K_LEFT)
    press(front, pygame.K_DOWN)  # keys
    press(front, pygame.K_RIGHT)
    press(front, pygame.K_DOWN)  # start
    frames(front)
    press(front, pygame.K_RETURN)
    [plan] = plans
    assert plan.mode == "practice" and plan.rate == pytest.approx(0.70)
    assert plan.loop == loop_ranges(scene.chart)[1][1]
    assert plan.practice_player is Player.P2
    assert plan.bots() == ("metronome", None)
    assert not plan.records


def test_practice_loops_the_section_at_the_slower_rate(front):
    stage = front.session.stages[0]
    chart = generate_chart(**stage.generator_args())
    loop = loop_ranges(chart)[1][1]
    plan = MatchPlan("practice", stage.generator_args(), rate=0.5, loop=loop)
    front.start_practice(plan)
    card = front.stack.top
    assert isinstance(card, TipCardScene) and card.tip in [c.text for c in front.session.cards]
    frames(front, 3.0)
    play = front.stack.top
    assert isinstance(play, PlayScene)
    assert play.chart.meta.bars == loop.bars and play.ctx.options.match.rate == 0.5
    # song time runs at half the wall clock
    while play.phase is not Phase.PLAYING:
        frames(front)
    song_0, wall_0 = play.song_time_s, front.app.timer.now()
    frames(front, 2.0)
    assert (play.song_time_s - song_0) / (front.app.timer.now() - wall_0) == pytest.approx(0.5)
    # the pass ends on a summary; the next pass starts by itself
    while not isinstance(front.stack.top, PracticeLapScene):
        frames(front, 0.25)
    lap = front.stack.top
    assert len(lap.passes) == 1 and lap.passes[0].accuracy_percent == 0.0
    while front.stack.top is lap:
        frames(front, 0.25)
    assert front.stack.top is play and play.phase in (Phase.READY, Phase.PLAYING)
    assert ScoresDB().count() == 0  # practice is not recorded


# --- the loading card ---------------------------------------------------------------------


def test_the_loading_card_shows_a_tip_then_the_match(front):
    args = {"seed": 3, "style": "metal", "bpm": 150.0, "difficulty": 3, "bars": 4, "parts": "split"}
    card = front.flow.start(MatchPlan("versus", args))
    assert card.tip == front.session.cards[0].text and card.auto
    assert card.label == front.session.cards[0].label == "TIP"
    frames(front, 2 / 60)  # drawn once, then the work is done: no forced wait
    assert card.ready
    frames(front, 0.1)
    assert isinstance(front.stack.top, PlayScene)
    assert front.stack.top.ctx.options.match.mode == "versus"
    again = front.flow.start(MatchPlan("duet", args))
    assert again.tip == front.session.cards[1].text  # the cards take turns
    assert again.label == "FROM THE NEWS"
    press(front, pygame.K_ESCAPE)
    assert front.stack.top is not again


def test_a_failing_chart_is_reported_on_the_card(front):
    args = {
        "seed": 1,
        "style": "polka",
        "bpm": 100.0,
        "difficulty": 3,
        "bars": 4,
        "parts": "unison",
    }
    card = front.flow.start(MatchPlan("duet", args))
    frames(front, 3.0)
    assert front.stack.top is card and card.error and not card.ready
    press(front, pygame.K_ESCAPE)
    assert not front.stack


# --- the scripted walk: title -> tour stage -> results -> back ----------------------------


class Walk:
    """Presses keys like a player would: each step waits for its screen, then a moment more
    (the results ignore keys for a short while); during the match it drums both parts on
    time through ordinary key presses."""

    def __init__(self, steps):
        self.steps = list(steps)
        self.since_s = None
        self.top = None
        self.seen: list[str] = []
        self.drummers: BotKeyboard | None = None
        self.results: ResultsScene | None = None

    def __call__(self, front, now_s):
        top = front.stack.top
        if top is not self.top:
            self.top, self.since_s = top, now_s
            self.seen.append(type(top).__name__)
        if isinstance(top, PlayScene):
            self._drum(front, top, now_s)
            return
        if isinstance(top, ResultsScene):
            self.results = top
        if not self.steps or now_s - self.since_s < 1.0:
            return
        wanted, code = self.steps[0]
        if isinstance(top, wanted) and getattr(top, "ready", True):
            self.steps.pop(0)
            self.since_s = now_s
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0))

    def _drum(self, front, play, now_s):
        if self.drummers is None:
            model = {Player.P1: "metronome", Player.P2: "metronome"}
            self.drummers = BotKeyboard.for_players(
                play.chart,
                model,
                play.ctx.options.players.bindings,
                pygame.key.key_code,
                lambda code, source, song_time_s: pygame.event.post(
                    pygame.event.Event(pygame.KEYDOWN, key=code, mod=0)
                ),
            )
        if play.phase is Phase.PLAYING:
            self.drummers.post_due(play.audio.time_at(now_s))


def test_a_keyboard_walk_from_the_title_to_a_stage_result_and_back():
    walk = Walk(
        [
            (TitleScene, pygame.K_RETURN),
            (ModeScene, pygame.K_RETURN),  # Duet
            (ModeScene, pygame.K_RETURN),  # the Summit Tour
            (NamesScene, pygame.K_RETURN),  # the players keep the names shown
            (HowToPlayScene, pygame.K_RETURN),  # the keys, before the first match
            (TourScene, pygame.K_RETURN),  # stage 1
            (TipCardScene, pygame.K_RETURN),  # its intro card, once ready
            (ResultsScene, pygame.K_ESCAPE),
            (TourScene, pygame.K_ESCAPE),
            (ModeScene, pygame.K_ESCAPE),
            (TitleScene, pygame.K_ESCAPE),  # the title asks first
            (TitleScene, pygame.K_ESCAPE),
        ]
    )
    assert run_front(VirtualTimer(100.0), hooks=[walk], sound=False, vsync=False, fps=20.0) == 0
    assert walk.steps == []
    assert walk.seen == [
        "TitleScene",
        "ModeScene",
        "NamesScene",
        "HowToPlayScene",
        "TourScene",
        "TipCardScene",
        "PlayScene",
        "ResultsScene",
        "TourScene",
        "ModeScene",
        "TitleScene",
    ]
    results = walk.results
    stages = tour_stages()
    stage = stages[0]
    assert results.outcome.report.players[0].accuracy_percent == pytest.approx(100.0)
    assert results.badge == "NEW BEST  ·  STAGE CLEARED"
    progress = load_progress().progress
    assert progress.is_cleared(stage) and not progress.is_complete(stages)
    with ScoresDB() as db:
        [record] = db.matches()
    assert record.stage_id == stage_id(stage) and record.mode == "duet"
    assert record.replay_path and os.path.exists(record.replay_path)
    header = json.loads(Path(record.replay_path).read_text())["header"]
    assert header["mode"] == "duet" and header["players"] == ["Player 1", "Player 2"]
    assert load_settings().settings.how_to_play_seen  # read once: not shown again


def test_the_practice_summary_keys(front):
    passes = [PassResult(81.5, "B", -12.0), PassResult(92.0, "A", 4.0)]
    calls = []
    lap = PracticeLapScene(
        front.ctx, passes, lambda: calls.append("again"), lambda: calls.append("stop")
    )
    front.stack.push(lap)
    frames(front)
    assert timing_words(-12.0) == "12 ms early on average" and timing_words(None) == "no hits yet"
    press(front, pygame.K_RETURN)  # too soon after the pass: the player may still be drumming
    assert calls == [] and front.stack.top is lap
    frames(front, 1.0)
    press(front, pygame.K_ESCAPE)
    assert calls == ["stop"] and not front.stack
    again = PracticeLapScene(front.ctx, passes, lambda: calls.append("again"), lambda: None)
    front.stack.push(again)
    frames(front, 1.0)
    press(front, pygame.K_RETURN)
    assert calls == ["stop", "again"] and not front.stack


def test_players_name_themselves_before_their_first_match(front):
    front.names_confirmed = False
    front.on_mode_action("tour", {"mode": "duet"})
    names = front.stack.top
    assert isinstance(names, NamesScene)
    press(front, pygame.K_ESCAPE)  # cancel: back to where they were, no tour
    assert not isinstance(front.stack.top, (NamesScene, TourScene))
    front.on_mode_action("tour", {"mode": "duet"})
    assert isinstance(front.stack.top, NamesScene)
    front.stack.top.on_done(("Lee", "Sanae"))
    assert isinstance(front.stack.top, TourScene)
    assert front.names_confirmed
    assert [p.name for p in front.session.settings.players] == ["Lee", "Sanae"]
    front.on_mode_action("free", {"mode": "versus"})  # asked once per run
    assert not isinstance(front.stack.top, NamesScene)


# --- an imported song ----------------------------------------------------------------------


def test_an_imported_double_chart_is_played_and_filed(front):
    song = SONGS / "double.tja"
    front.flow.start(MatchPlan("duet", song=str(song)))
    drummers = None
    for _ in range(40 * 60):
        frames(front, 1 / 60)
        top = front.stack.top
        if isinstance(top, PlayScene):
            if drummers is None:
                drummers = BotKeyboard.for_players(
                    top.chart,
                    {Player.P1: "metronome", Player.P2: "metronome"},
                    top.ctx.options.players.bindings,
                    pygame.key.key_code,
                    lambda code, source, song_time_s: pygame.event.post(
                        pygame.event.Event(pygame.KEYDOWN, key=code, mod=0)
                    ),
                )
            if top.phase is Phase.PLAYING:
                drummers.post_due(top.audio.time_at(front.app.timer.now()))
        if isinstance(top, ResultsScene):
            break
    assert isinstance(front.stack.top, ResultsScene)
    outcome = front.stack.top.outcome
    chart = import_song(song)[0]
    assert outcome.chart.tempo_map is not None and outcome.chart.meta.style == "tja"
    players = outcome.report.to_json()["players"]
    assert [p["notes"] for p in players] == [4, 2]  # P1 and P2 of the Double chart
    assert [p["counts"]["miss"] for p in players] == [0, 0]
    with ScoresDB() as db:
        [record] = db.matches()
    assert record.chart_hash == chart_hash(chart) and record.mode == "duet"
    header = json.loads(Path(record.replay_path).read_text())["header"]
    assert header["chart_hash"] == chart_hash(chart)


def test_an_imported_song_is_practised_slower(front):
    front.start_practice(MatchPlan("practice", song=str(SONGS / "taiko.osu"), rate=0.75))
    frames(front, 4.0)
    play = front.stack.top
    assert isinstance(play, PlayScene) and play.ctx.options.match.rate == 0.75
    assert play.chart.meta.style == "osu" and play.chart.tempo_map is not None


def test_every_entry_of_the_modes_menu_stands_inside_its_list(front):
    from drumsync.game.screens.modes.scene import LIST_RECT

    scene = ModeScene(front.ctx, front.session, lambda a, p: None)
    rows = scene.menu.layout(LIST_RECT)
    assert len(rows) >= 13  # the match modes, online, demo, the extras and quit
    assert all(LIST_RECT.contains(row) for row in rows)
