"""Summit Tour matches name their stage ("Stage 3 · Nara") in the play and results headers,
with the generated chart's own title after it; the chart keeps its title (and so its hash and
its replays). Free play and every other mode still show the chart's title."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np
import pygame
import pytest

from drumsync.core.chart_identity import chart_hash
from drumsync.core.generator import generate_chart
from drumsync.game.app import GameApp
from drumsync.game.front import Front, front_options
from drumsync.game.match.plan import MatchPlan, stage_label_for
from drumsync.game.match.session import Session
from drumsync.game.match.state import Match
from drumsync.game.runtime import theme
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.screens.loading.tip_card import TipCardScene
from drumsync.game.screens.play.scene import READY_S, PlayScene
from drumsync.game.screens.results.scene import ResultsScene
from drumsync.game.screens.tour.scene import TourScene
from drumsync.game.widgets.header import TITLE_JOIN, Header, title_parts
from drumsync.game.widgets.text_fit import elide


@pytest.fixture
def front():
    session = Session.open()
    app = GameApp(front_options(session, sound=False, vsync=False, fps=60.0), VirtualTimer(10.0))
    front = Front(app, session)
    front.names_confirmed = True
    yield front
    app.stack.clear()
    session.close()
    app.close()


def key(code):
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0)


def press(front, code):
    front.stack.handle(key(code), front.app.timer.now())


def frame(front, seconds=1 / 60):
    timer = front.app.timer
    timer.advance(seconds)
    front.stack.update(timer.now())
    front.stack.draw(front.app.display.canvas)


def header_pixels(canvas: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(canvas)[:, : theme.HEADER_H].copy()


def run_out(front, play) -> None:
    """Nobody plays: the count-in starts, the song runs out and the results come up."""
    frame(front, READY_S + 0.1)
    frame(front, play.end_s + 5.0)


def play_through_the_tour(front, stage_index: int):
    """Open the stage list, choose ``stage_index`` (opened by clearing the ones before),
    go through its intro card into the match and let the song run out; returns the play
    scene and the results scene on top."""
    session = front.session
    for stage in session.stages[:stage_index]:
        session.clear_stage(stage)
    front.open_tour("duet")
    tour = front.stack.top
    assert isinstance(tour, TourScene)
    frame(front)
    assert tour.menu.selected == stage_index  # the next stage to play
    press(front, pygame.K_RETURN)
    card = front.stack.top
    assert isinstance(card, TipCardScene)
    frame(front)  # the card is drawn, then the chart is generated
    frame(front)
    assert card.ready, card.error
    press(front, pygame.K_RETURN)
    play = front.stack.top
    assert isinstance(play, PlayScene)
    frame(front)
    canvas = front.app.display.canvas
    pixels = header_pixels(canvas)
    run_out(front, play)
    results = front.stack.top
    assert isinstance(results, ResultsScene)
    frame(front)
    return play, results, pixels


def test_a_tour_stage_is_named_in_the_play_and_results_headers(front):
    index = 2
    stage = front.session.stages[index]
    play, results, play_pixels = play_through_the_tour(front, index)
    label = f"Stage {index + 1} · {stage.name}"
    assert stage_label_for(stage) == label
    # the chart is the stage's, untouched: same title, same hash as generating it afresh
    fresh = generate_chart(**stage.generator_args())
    assert play.chart.meta.title == fresh.meta.title != stage.name
    assert chart_hash(play.chart) == chart_hash(fresh)
    assert results.outcome.replay.header.chart_hash == chart_hash(fresh)
    # the headers name the stage first, the chart's title after it
    assert play.stage_label == label and play.header.stage_label == label
    assert play.header.title_line == (label, f"{TITLE_JOIN}{fresh.meta.title}")
    assert results.outcome.stage_label == label
    assert results.title_line == (label, f"{TITLE_JOIN}{fresh.meta.title}")
    # and what is on screen is that: the same chart without the label draws another header
    plain = Header(play.chart, front.ctx.text, "DUET")
    assert plain.title_line == (fresh.meta.title, "")
    surface = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H))
    plain.draw_static(surface)
    labelled = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H))
    play.header.draw_static(labelled)
    assert not np.array_equal(header_pixels(surface), header_pixels(labelled))
    assert np.array_equal(header_pixels(labelled)[:400, 30:], play_pixels[:400, 30:])


def test_the_stage_label_does_not_reach_the_chart_or_the_replay(front):
    stage = front.session.stages[0]
    chart = generate_chart(**stage.generator_args())
    match = Match(chart, stage_label=stage_label_for(stage))
    match.advance(chart.duration_s + 1.0)
    outcome = match.finish()[1]
    assert outcome.stage_label == "Stage 1 · " + stage.name
    assert outcome.chart is chart and chart.meta.title != outcome.stage_label
    plain = Match(chart)
    plain.advance(chart.duration_s + 1.0)
    assert plain.finish()[1].replay == outcome.replay


def test_the_results_name_the_stage_even_for_an_outcome_made_elsewhere(front):
    """The flow gives the results its plan's stage label whatever made the outcome."""
    stage = front.session.stages[0]
    plan = MatchPlan("duet", stage=stage)
    play = front.flow.build_play(plan, lambda play, outcome: None)
    front.stack.push(play)
    chart = generate_chart(**stage.generator_args())
    match = Match(chart)  # no label
    match.advance(chart.duration_s + 1.0)
    front.flow.after_match(plan, play, match.finish()[1])
    results = front.stack.top
    assert isinstance(results, ResultsScene)
    frame(front)
    assert results.title_line[0] == f"Stage 1 · {stage.name}"


@pytest.mark.parametrize("mode", ["duet", "versus", "solo"])
def test_free_play_shows_the_charts_title(front, mode):
    args = {"seed": 4, "style": "rock", "bpm": 110.0, "difficulty": 2, "bars": 2}
    plan = MatchPlan(mode, args)
    assert plan.stage_label == ""
    play = front.flow.build_play(
        plan, lambda play, outcome: front.flow.after_match(plan, play, outcome)
    )
    front.stack.push(play)
    frame(front)
    title = play.chart.meta.title
    assert play.header.title_line == (title, "")
    run_out(front, play)
    results = front.stack.top
    assert isinstance(results, ResultsScene)
    frame(front)
    assert results.outcome.stage_label == "" and results.title_line == (title, "")


# --- the title line's text -----------------------------------------------------------------


def measure_chars(line: str) -> int:
    return 10 * len(line)


def test_the_title_line_drops_the_charts_title_when_both_do_not_fit():
    chart = generate_chart(4, "rock", 110.0, 2, 2)
    title = chart.meta.title
    label = "Stage 6 · Autographed drumsticks"
    wide = title_parts(chart, label, 10_000, measure_chars)
    assert wide == (label, f"{TITLE_JOIN}{title}")
    narrow = title_parts(chart, label, measure_chars(label) + 20, measure_chars)
    assert narrow == (label, "")
    tiny = title_parts(chart, label, 120, measure_chars)
    assert tiny[1] == "" and tiny[0].endswith("…") and measure_chars(tiny[0]) <= 120
    assert title_parts(chart, "", 10_000, measure_chars) == (title, "")


def test_elide():
    assert elide("Nara", 100, measure_chars) == "Nara"
    assert elide("Autographed drumsticks", 80, measure_chars) == "Autogra…"
    assert elide("Autographed", 5, measure_chars) == ""


def test_the_title_line_keeps_clear_of_the_section_name(front):
    """Even a long stage name and title stop short of the widest section name in the middle."""
    chart = generate_chart(4, "rock", 110.0, 2, 8)
    text = front.ctx.text
    header = Header(chart, text, "DUET", "Stage 6 · " + "Autographed drumsticks " * 3)
    main, secondary = header.title_line
    width = text.size(main + secondary, theme.FONT_SMALL)[0]
    widest = max(text.size(s.name.upper(), theme.FONT_LABEL)[0] for s in chart.sections)
    assert 40 + width < theme.CANVAS_W // 2 - widest // 2
