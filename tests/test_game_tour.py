"""The Summit Tour: stages and captions from the article (and from another article), the stage
list's locked/open/cleared states and keys, progress saved between runs (and a damaged
progress file), filing matches (new best, clearing a stage, completing the tour) and the
tour's ending card."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import json

import pygame
import pytest
from articles import OTHER_ARTICLE

from drumsync.core.captions import caption
from drumsync.core.drummers import PRESETS
from drumsync.core.generator import generate_chart
from drumsync.core.simulate import bot_events
from drumsync.core.tour import tour_stages
from drumsync.core.voices import PLAYERS
from drumsync.game.app import GameApp
from drumsync.game.flow import MatchFlow
from drumsync.game.front import Front
from drumsync.game.match.filing import NEW_BEST, STAGE_CLEARED, file_match
from drumsync.game.match.plan import CLEAR_PERCENT, MatchPlan, clears_stage
from drumsync.game.match.session import Session
from drumsync.game.match.state import Match
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.screens.loading.tip_card import TipCardScene
from drumsync.game.screens.results.scene import ResultsScene
from drumsync.game.screens.tour.ending import TourEndScene
from drumsync.game.screens.tour.scene import ENDING_KEY, TourScene, stage_key
from drumsync.storage.paths import data_dir
from drumsync.storage.tour_progress import (
    TourProgress,
    load_progress,
    progress_path,
    save_progress,
    stage_id,
)


@pytest.fixture
def app():
    timer = VirtualTimer(10.0)
    chart = generate_chart(1, "rock", 120.0, 3, 2)
    options = GameOptions.build(chart, sound=False, vsync=False, save_replay=False, fps=60.0)
    app = GameApp(options, timer)
    yield app
    app.stack.clear()
    app.close()


@pytest.fixture
def session():
    session = Session.open()
    yield session
    session.close()


def key(code):
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0)


def press(scene, app, code):
    scene.handle(key(code), app.timer.now())


def draw(app):
    app.timer.advance(1 / 60)
    app.stack.update(app.timer.now())
    app.stack.draw(app.display.canvas)


def outcome_for(stage, quality: str, names=("Ada", "Ben")):
    """A finished match on the stage's chart: ``perfect`` (every note on time) or ``silent``."""
    chart = generate_chart(**stage.generator_args())
    match = Match(chart, player_names=names)
    if quality == "perfect":
        events = []
        for player in PLAYERS:
            events += bot_events(chart, player, PRESETS["metronome"])
        for event in sorted(events, key=lambda e: e.time_s):
            match.advance(event.time_s)
            match.hit(event)
    match.advance(chart.duration_s + 1.0)
    return match.finish()[1]


# --- stages from the article --------------------------------------------------------------


def test_the_tour_is_the_articles_stages(session):
    stages = tour_stages()
    assert session.stages == stages
    assert 4 <= len(stages) <= 6
    assert stages[-1].outro == caption("results")


def test_another_article_gives_another_tour(app, tmp_path, monkeypatch):
    default = tour_stages()
    (tmp_path / "article.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    monkeypatch.setenv("DRUMSYNC_SEEDS", str(tmp_path))
    session = Session.open()
    names = [stage.name for stage in session.stages]
    assert names != [stage.name for stage in default]
    assert "Riverside Festival" in names and "Kyoto" in names
    for stage in session.stages:
        assert stage.intro in " ".join(OTHER_ARTICLE.split())
    assert "same rhythm" in session.stages[-1].outro
    # the screens show them: the stage list, and the intro card of the first stage
    scene = TourScene(app.ctx, session, "duet", on_play=lambda stage: None)
    app.stack.push(scene)
    draw(app)
    assert scene.menu.items[0].label.endswith(session.stages[0].name)
    flow = MatchFlow(app.ctx, app.stack, session, app.options)
    card = flow.start(MatchPlan("duet", stage=session.stages[0]))
    assert isinstance(card, TipCardScene)
    assert card.tip == session.stages[0].intro and card.heading == session.stages[0].name
    assert session.stages[0].intro not in [stage.intro for stage in default]
    session.close()


# --- the stage list -----------------------------------------------------------------------


def test_the_stage_list_locks_later_stages_until_the_one_before_is_cleared(app, session):
    played = []
    scene = TourScene(app.ctx, session, "duet", on_play=played.append)
    app.stack.push(scene)
    draw(app)
    assert [scene.state_of(i) for i in range(len(session.stages))] == ["open"] + ["locked"] * (
        len(session.stages) - 1
    )
    press(scene, app, pygame.K_DOWN)
    press(scene, app, pygame.K_RETURN)  # locked: refused, with a message
    assert played == [] and session.stages[0].name in scene.toast
    draw(app)
    press(scene, app, pygame.K_UP)
    press(scene, app, pygame.K_RETURN)
    assert played == [session.stages[0]]


def test_clearing_a_stage_opens_the_next_and_shows_the_best(app, session):
    stage = session.stages[0]
    filed = file_match(session, MatchPlan("duet", stage=stage), outcome_for(stage, "perfect"))
    assert filed.cleared and filed.new_best and filed.record_id is not None
    assert not filed.tour_complete
    scene = TourScene(app.ctx, session, "duet", on_play=lambda s: None)
    app.stack.push(scene)
    draw(app)
    assert scene.state_of(0) == "cleared" and scene.state_of(1) == "open"
    assert scene.menu.selected_item.key == stage_key(1)  # the next stage to play
    assert scene.menu.items[0].detail.endswith("%")
    assert scene.best_for(stage).team_percent >= CLEAR_PERCENT
    # other modes keep their own bests
    versus = TourScene(app.ctx, session, "versus", on_play=lambda s: None)
    versus.refresh()
    assert versus.best_for(stage) is None


def test_a_poor_match_is_recorded_but_does_not_clear(session):
    stage = session.stages[0]
    outcome = outcome_for(stage, "silent")
    assert not clears_stage(outcome.report.team.percent)
    filed = file_match(session, MatchPlan("duet", stage=stage), outcome)
    assert filed.record_id is not None and not filed.cleared
    assert not session.progress.is_cleared(stage)
    better = file_match(session, MatchPlan("duet", stage=stage), outcome_for(stage, "perfect"))
    assert better.new_best
    again = file_match(session, MatchPlan("duet", stage=stage), outcome_for(stage, "silent"))
    assert not again.new_best
    assert session.db.count() == 3


def test_practice_and_demo_are_not_recorded(session):
    stage = session.stages[0]
    for mode in ("practice", "demo"):
        plan = MatchPlan(mode, stage.generator_args())
        assert file_match(session, plan, outcome_for(stage, "perfect")).record_id is None
    assert session.db.count() == 0


# --- progress between runs ----------------------------------------------------------------


def test_progress_is_remembered_between_runs(session):
    stage = session.stages[0]
    session.clear_stage(stage)
    again = Session.open()
    assert again.progress.is_cleared(stage)
    assert again.progress.is_unlocked(again.stages, 1)
    assert not again.progress.is_unlocked(again.stages, 2)
    data = json.loads(progress_path().read_text())
    assert data["cleared"] == [stage_id(stage)]
    again.close()


def test_progress_round_trip(tmp_path):
    path = tmp_path / "p.json"
    stages = tour_stages()
    progress = TourProgress().with_cleared(stages[0]).with_cleared(stages[1]).with_ending_seen()
    save_progress(progress, path)
    loaded = load_progress(path)
    assert loaded.progress == progress and loaded.warnings == ()
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]  # no temporary file left


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"version": 99}', b'{"version": 1, "cleared": "APEC"}', b"\xff\xfe", b"[]"],
)
def test_a_damaged_progress_file_is_kept_aside_and_the_tour_starts_fresh(content):
    path = progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    session = Session.open()  # never raises
    assert session.progress == TourProgress()
    assert any("tour progress" in notice for notice in session.notices)
    kept = list(data_dir().glob("tour_progress.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    session.clear_stage(session.stages[0])  # and it can be saved again
    assert load_progress().progress.is_cleared(session.stages[0])
    session.close()


# --- the end of the tour ------------------------------------------------------------------


def test_clearing_the_last_stage_completes_the_tour_and_shows_the_ending(app, session):
    for stage in session.stages[:-1]:
        session.clear_stage(stage)
    front = Front(app, session)
    last = session.stages[-1]
    plan = MatchPlan("duet", stage=last)
    play = front.flow.build_play(plan, lambda play, outcome: None)
    app.stack.push(play)
    front.flow.after_match(plan, play, outcome_for(last, "perfect"))
    assert front.flow.last_filed.tour_complete
    results = app.stack.top
    assert isinstance(results, ResultsScene)
    assert results.badge == f"{NEW_BEST}  ·  {STAGE_CLEARED}"
    draw(app)
    app.timer.advance(1.0)
    press(results, app, pygame.K_ESCAPE)
    ending = app.stack.top
    assert isinstance(ending, TourEndScene) and ending.outro == caption("results")
    draw(app)
    press(ending, app, pygame.K_RETURN)  # too soon: the drummers may still be hitting
    assert app.stack.top is ending
    app.timer.advance(1.0)
    press(ending, app, pygame.K_RETURN)
    assert not app.stack and session.progress.ending_seen
    # the stage list now offers the ending again
    scene = TourScene(app.ctx, session, "duet", on_play=lambda s: None)
    app.stack.push(scene)
    assert scene.menu.items[-1].key == ENDING_KEY
    scene.menu.select(ENDING_KEY)
    draw(app)
