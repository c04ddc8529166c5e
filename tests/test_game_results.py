"""The results scene under the dummy video driver: built from real matches (generated charts,
simulated drummers, the batch judge), its keys, saving the picture, and the plot geometry."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np
import pygame
import pytest
from factories import hits_for_part, make_chart, merge
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.core import generate_chart, parse_spec, simulate
from drumsync.core.batch import judge_batch
from drumsync.core.captions import caption
from drumsync.core.replay import replay_for
from drumsync.core.scoring import versus_result
from drumsync.core.verdict import report_verdict
from drumsync.core.voices import PLAYERS, Player, Voice
from drumsync.game.app import GameApp
from drumsync.game.match.state import Match, MatchOutcome
from drumsync.game.runtime import theme
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.runtime.scenes import Scene
from drumsync.game.screens.play.scene import READY_S, Phase, PlayScene
from drumsync.game.screens.results.panels import (
    TEAM_COLOUR,
    lead_text,
    timing_text,
)
from drumsync.game.screens.results.plot_geometry import (
    Box,
    OffsetAxes,
    delta_histogram,
    histogram_bars,
    histogram_x_px,
    offset_series,
    time_ticks,
)
from drumsync.game.screens.results.plots import (
    MARKER_REACH,
    MISS_ROW_Y,
    MISS_STRIP_H,
    draw_offset_plot,
)
from drumsync.game.screens.results.scene import (
    CARD_RECTS,
    INPUT_GRACE_S,
    RESULT_RECT,
    ResultsScene,
)
from drumsync.game.widgets.text_fit import elide, wrap_words


def build_outcome(chart, p1="steady", p2="partner", mode="duet", seed=3) -> MatchOutcome:
    """The outcome of the simulated drummers' match, played through the live judge."""
    replay = simulate(chart, parse_spec(p1), parse_spec(p2), seed=seed, mode=mode)
    match = Match(chart, mode=mode, player_names=tuple(replay.header.players))
    for event in sorted(replay.events, key=lambda e: e.time_s):
        match.advance(event.time_s)
        match.hit(event)
    _, outcome = match.finish()
    assert outcome.judgements == judge_batch(chart, replay.arrays(), "standard")
    return outcome


@pytest.fixture(scope="module")
def chart():
    return generate_chart(11, "rock", 120.0, 5, 8)


@pytest.fixture
def app(chart, data_dir):
    timer = VirtualTimer(100.0)
    options = GameOptions.build(chart, sound=False, vsync=False, save_replay=False)
    app = GameApp(options, timer)
    yield app
    app.stack.clear()
    app.close()


class FinishedMatch(Scene):
    """Stands in for the finished play scene under the results."""

    def __init__(self) -> None:
        super().__init__()
        self.restarts = 0

    def restart(self) -> None:
        self.restarts += 1


def key(code):
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0)


def press(app, scene, code):
    """Press a key once the results have been up longer than the input grace period."""
    app.timer.advance(INPUT_GRACE_S + 0.01)
    scene.update(app.timer.now())
    scene.handle(key(code), app.timer.now())


def show(app, outcome, below=None) -> ResultsScene:
    if below is not None:
        app.stack.push(below)
    scene = ResultsScene(app.ctx, outcome)
    app.stack.push(scene)
    return scene


# -- the scene ---------------------------------------------------------------------------------


def test_the_scene_renders_a_real_match_and_draws_nothing_new_per_frame(app, chart):
    outcome = build_outcome(chart)
    scene = show(app, outcome)
    canvas = app.display.canvas
    canvas.fill((255, 0, 255))
    scene.update(app.timer.now())
    scene.draw(canvas)
    first = pygame.surfarray.array3d(canvas).copy()
    assert not np.any(np.all(first == (255, 0, 255), axis=-1)), "the screen is not fully covered"
    assert scene.quote == caption("results") and "same rhythm" in scene.quote
    renders = app.ctx.text.renders
    for _ in range(3):
        app.timer.advance(0.1)
        scene.update(app.timer.now())
        scene.draw(canvas)
    assert app.ctx.text.renders == renders  # text cached, nothing rendered per frame
    assert np.array_equal(pygame.surfarray.array3d(canvas), first)


def test_versus_outlines_the_winner_and_duet_the_team(app, chart):
    versus = build_outcome(chart, "clumsy", "metal", mode="versus")
    assert versus.report.player(Player.P2).points > versus.report.player(Player.P1).points
    scene = show(app, versus)
    assert scene.mode == "versus"
    winner, loser = CARD_RECTS[Player.P2], CARD_RECTS[Player.P1]
    assert (
        scene.picture.get_at((winner.x + 1, winner.centery))[:3] == theme.PLAYER_COLOURS[Player.P2]
    )
    assert scene.picture.get_at((loser.x + 1, loser.centery))[:3] != theme.PLAYER_COLOURS[Player.P1]
    assert (
        scene.picture.get_at((RESULT_RECT.x + 1, RESULT_RECT.centery))[:3]
        == (theme.PLAYER_COLOURS[Player.P2])
    )
    app.stack.clear()
    duet = show(app, build_outcome(chart, "clumsy", "metal", mode="duet"))
    assert duet.picture.get_at((RESULT_RECT.x + 1, RESULT_RECT.centery))[:3] == TEAM_COLOUR
    assert (
        duet.picture.get_at((winner.x + 1, winner.centery))[:3] != theme.PLAYER_COLOURS[Player.P2]
    )


def test_keys_are_ignored_right_after_the_results_appear(app, chart):
    below = FinishedMatch()
    scene = show(app, build_outcome(chart), below)
    scene.handle(key(pygame.K_RETURN), app.timer.now())
    scene.handle(key(pygame.K_ESCAPE), app.timer.now())
    assert app.stack.top is scene and below.restarts == 0


def test_enter_restarts_the_match_underneath(app, chart):
    below = FinishedMatch()
    scene = show(app, build_outcome(chart), below)
    press(app, scene, pygame.K_RETURN)
    assert below.restarts == 1
    assert app.stack.scenes == (below,)


@pytest.mark.parametrize("code", [pygame.K_ESCAPE, pygame.K_q])
def test_escape_and_q_leave_the_results_and_the_finished_match(app, chart, code):
    menu, below = Scene(), FinishedMatch()
    app.stack.push(menu)
    scene = show(app, build_outcome(chart), below)
    press(app, scene, code)
    assert app.stack.scenes == (menu,)
    assert app.running()


def test_leaving_with_nothing_underneath_ends_the_game(app, chart):
    scene = show(app, build_outcome(chart), FinishedMatch())
    press(app, scene, pygame.K_ESCAPE)
    assert not app.stack and not app.running()


def test_callbacks_replace_the_default_actions(app, chart):
    calls = []
    scene = ResultsScene(
        app.ctx,
        build_outcome(chart),
        on_play_again=lambda: calls.append("again"),
        on_back=lambda: calls.append("back"),
    )
    app.stack.push(scene)
    press(app, scene, pygame.K_KP_ENTER)
    press(app, scene, pygame.K_q)
    assert calls == ["again", "back"]
    assert app.stack.top is scene


def test_f12_saves_the_picture_as_png_in_the_data_folder(app, chart, data_dir):
    scene = show(app, build_outcome(chart))
    press(app, scene, pygame.K_F12)
    press(app, scene, pygame.K_F12)
    files = sorted((data_dir / "results").glob("*.png"))
    assert len(files) == 2 and files == sorted(scene.saved)  # a second save never overwrites
    for path in files:
        picture = pygame.image.load(str(path))
        assert picture.get_size() == (theme.CANVAS_W, theme.CANVAS_H)
    # the file is the screen's picture (the key hints aside)
    loaded = pygame.surfarray.array3d(pygame.image.load(str(files[0])))
    shown = pygame.surfarray.array3d(scene.picture)
    assert np.array_equal(loaded[:, :600], shown[:, :600])
    assert scene.toast_visible() and scene.toast.startswith("Saved to")
    assert not scene.toast_error


def test_a_failed_save_shows_a_message_instead_of_crashing(app, chart, data_dir):
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    data_dir.write_text("a file where the data folder should be")
    scene = show(app, build_outcome(chart))
    press(app, scene, pygame.K_F12)
    assert scene.saved == []
    assert scene.toast_error and scene.toast.startswith("Could not save the picture")
    width = app.ctx.text.size(scene.toast, theme.FONT_SMALL)[0]
    assert width <= theme.CANVAS_W - 200  # one line on screen
    renders = app.ctx.text.renders
    scene.draw(app.display.canvas)
    app.timer.advance(10.0)
    scene.update(app.timer.now())
    assert not scene.toast_visible()
    scene.draw(app.display.canvas)
    assert app.ctx.text.renders <= renders + 1


def play_to_the_end(app) -> PlayScene:
    """A play scene in ``app``, run past its end (the app then shows what follows)."""
    play = PlayScene(app.ctx, on_finished=app._on_finished)
    app.stack.push(play)
    app.timer.advance(READY_S)
    play.update(app.timer.now())
    app.timer.advance(play.end_s + 0.01)
    play.update(app.timer.now())
    return play


def test_a_finished_match_in_the_app_shows_the_results_and_enter_plays_again(app, chart):
    play = play_to_the_end(app)
    results = app.stack.top
    assert isinstance(results, ResultsScene) and results.outcome is play.outcome
    results.draw(app.display.canvas)
    press(app, results, pygame.K_RETURN)
    assert app.stack.top is play and play.phase is Phase.READY


# -- wording ------------------------------------------------------------------------------------


def test_timing_and_lead_are_told_in_words(chart):
    assert timing_text(-12.34) == "12.3 ms early"
    assert timing_text(4.0) == "4.0 ms late"
    assert timing_text(0.2) == "on time"
    assert timing_text(None) == "no hits"
    report = build_outcome(chart, "clumsy", "metal").report
    assert report.sync.leader == "p1"  # the clumsy drummer rushes
    text = lead_text(report.sync, ("Ann", "Bo"))
    verdict = report_verdict(report).words
    assert text == f"{verdict} · ANN LED BY {report.sync.lead_ms:.0f} ms"
    same = build_outcome(chart, "metronome", "metronome").report
    assert lead_text(same.sync, ("Ann", "Bo")) == "IN STEP"


def test_drum_keys_never_act_on_the_results(app, chart, data_dir):
    below = FinishedMatch()
    scene = show(app, build_outcome(chart), below)
    for name in ("s", "f", "j", "k", "l", "a", "d", ";"):  # a player still drumming
        press(app, scene, pygame.key.key_code(name))
    assert scene.saved == [] and below.restarts == 0 and app.stack.top is scene
    assert not (data_dir / "results").exists()


def test_versus_result_names_the_winner_or_a_draw(chart):
    report = build_outcome(chart, "clumsy", "metal").report
    p1, p2 = report.player(Player.P1).points, report.player(Player.P2).points
    result = versus_result(p1, p2)
    assert result.leader is Player.P2
    assert result.margin == p2 - p1
    assert versus_result(p1, p1).leader is None


def measure_chars(text: str) -> int:
    return 10 * len(text)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text("abcdefghij", min_size=1, max_size=12), min_size=1, max_size=40),
    st.integers(60, 400),
)
def test_wrapped_lines_fit_keep_the_words_and_add_no_line(words, width):
    text = " ".join(words)
    lines = wrap_words(text, width, measure_chars)
    # a word wider than the line is broken between its characters, nothing else is
    pieces = [word[i : i + width // 10] for word in words for i in range(0, len(word), width // 10)]
    assert " ".join(lines).split() == pieces
    for line in lines:
        assert measure_chars(line) <= width
    assert len(lines) == len(greedy_wrap(pieces, width))


def greedy_wrap(words: list[str], width: int) -> list[str]:
    """Reference: plain greedy filling, the fewest lines possible."""
    lines = [words[0]]
    for word in words[1:]:
        if measure_chars(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def test_wrapping_balances_the_last_line():
    text = "one two three four five six seven eight nine ten eleven"
    lines = wrap_words(text, 500, measure_chars)
    assert len(lines) == 2
    assert abs(len(lines[0]) - len(lines[1])) <= 10


def test_elide_middle_keeps_both_ends():
    path = "/home/someone/.local/share/drumsync/results/drumsync-duet-rock-11-20250101.png"
    short = elide(path, 300, measure_chars, middle=True)
    assert measure_chars(short) <= 300
    assert short.startswith("/home") and short.endswith(".png") and "…" in short
    assert elide("short", 300, measure_chars, middle=True) == "short"


# -- plot geometry ------------------------------------------------------------------------------


AXES = OffsetAxes(Box(100, 50, 600, 120), start_s=2.0, end_s=32.0, limit_ms=135.0)


def test_zero_offset_is_on_the_centre_line_and_late_is_up():
    assert float(AXES.y_px(0.0)) == pytest.approx(AXES.box.centre_y) == AXES.zero_y
    assert float(AXES.y_px(135.0)) == pytest.approx(AXES.box.y)
    assert float(AXES.y_px(-135.0)) == pytest.approx(AXES.box.bottom)
    assert float(AXES.y_px(30.0)) < AXES.zero_y < float(AXES.y_px(-30.0))
    assert float(AXES.x_px(2.0)) == pytest.approx(100) and float(AXES.x_px(32.0)) == 700
    top, bottom = AXES.band(50.0)
    assert top < AXES.zero_y < bottom
    assert AXES.zero_y - top == pytest.approx(bottom - AXES.zero_y)


@given(
    st.lists(st.floats(-10, 60, allow_nan=False), min_size=1, max_size=50),
    st.lists(st.floats(-1000, 1000, allow_nan=False), min_size=1, max_size=50),
)
def test_every_point_lands_inside_the_plot(times, offsets):
    n = min(len(times), len(offsets))
    x, y = AXES.x_px(times[:n]), AXES.y_px(offsets[:n])
    assert AXES.box.contains(x, y).all()


def test_offset_series_splits_a_real_match_into_hits_and_misses(chart):
    outcome = build_outcome(chart, "clumsy", "metal")
    for player in Player:
        series = offset_series(chart, outcome.judgements, player)
        score = outcome.report.player(player)
        assert len(series.hit_time_s) + len(series.missed_time_s) == len(chart.part(player))
        assert np.mean(series.hit_offset_ms) == pytest.approx(score.mean_offset_ms)
        unhit_or_outside = len(series.missed_time_s) + int(series.hit_miss.sum())
        assert unhit_or_outside == score.counts.miss


def test_pair_deltas_are_the_pairs_of_the_sync_report(chart):
    outcome = build_outcome(chart, "clumsy", "metal")
    sync = outcome.report.sync
    deltas = np.asarray(outcome.pair_deltas_ms)
    assert len(deltas) == sync.both_hit
    assert float(np.mean(deltas)) == pytest.approx(sync.mean_delta_ms)
    assert float(np.std(deltas)) == pytest.approx(sync.sd_delta_ms)


def test_the_histogram_is_centred_on_zero_and_counts_everything():
    deltas = np.array([-150.0, -100.0, -12.0, -0.1, 0.0, 0.1, 4.9, 5.0, 99.0, 100.0, 250.0])
    hist = delta_histogram(deltas, limit_ms=100.0, bin_ms=5.0)
    assert len(hist.counts) == 40 and hist.edges_ms[20] == 0.0
    assert np.allclose(hist.edges_ms, -hist.edges_ms[::-1])
    assert hist.below == 1 and hist.above == 1 and hist.total == len(deltas)
    assert hist.counts[19] == 1  # -0.1
    assert hist.counts[20] == 3  # 0.0, 0.1, 4.9
    assert hist.counts[21] == 1  # 5.0
    assert hist.counts[0] == 1 and hist.counts[-1] == 2  # -100; 99 and 100


def test_histogram_bars_stand_in_the_box_with_zero_in_the_middle():
    box = Box(10, 20, 400, 100)
    hist = delta_histogram([-30.0, -30.0, 2.0, 2.0, 2.0, 2.0, 40.0])
    bars = histogram_bars(hist, box)
    x, y, w, h = bars.T
    assert np.all(x >= box.x) and np.all(x + w <= box.right + 1e-9)
    assert np.allclose(y + h, box.bottom)
    assert h.max() == pytest.approx(box.height) and h[np.argmax(hist.counts)] == h.max()
    assert np.all(h[hist.counts == 0] == 0)
    assert float(histogram_x_px(box, 100.0, 0.0)) == pytest.approx(box.x + box.width / 2)


def test_time_ticks_are_round_and_few():
    ticks = time_ticks(2.0, 34.0)
    assert ticks[0] == 0 and len(ticks) <= 9
    assert np.allclose(np.diff(ticks), 5.0)
    assert time_ticks(0.0, 3.0).tolist() == [0.0, 1.0, 2.0, 3.0]


def test_the_offset_plot_draws_each_note_where_the_geometry_says(app):
    chart = make_chart(p1=[(1.0, Voice.KICK), (2.0, Voice.KICK)], p2=[(1.0, Voice.KICK)])
    events = merge(hits_for_part(chart, Player.P1, [0.0, 60.0]))
    replay = replay_for(chart, events)
    judgements = judge_batch(chart, replay.arrays(), "standard")
    surface = pygame.Surface((900, 220))
    rect = pygame.Rect(10, 10, 860, 200)
    axes = draw_offset_plot(surface, rect, app.ctx.text, chart, judgements, ("A", "B"))
    p1 = np.array(theme.PLAYER_COLOURS[Player.P1])
    p2 = np.array(theme.PLAYER_COLOURS[Player.P2])

    def near(colour, pos):
        got = np.array(surface.get_at((round(pos[0]), round(pos[1])))[:3])
        return float(np.abs(got - colour).max()) < 45

    assert near(p1, (float(axes.x_px(1.0)), axes.zero_y))  # on time: on the centre line
    late = (float(axes.x_px(2.0)), float(axes.y_px(60.0)))
    assert near(p1, late) and late[1] < axes.zero_y
    strip_y = axes.box.bottom + 4 + MISS_ROW_Y[Player.P2]
    assert near(p2, (float(axes.x_px(1.0)), strip_y))  # P2's unhit note: a cross in the strip
    assert MISS_ROW_Y[Player.P2] < MISS_STRIP_H


INSET_AXES = OffsetAxes(Box(100, 50, 600, 120), start_s=2.0, end_s=32.0, limit_ms=135.0, inset_px=6)


@given(
    st.lists(st.floats(-10, 60, allow_nan=False), min_size=1, max_size=50),
    st.lists(st.floats(-1000, 1000, allow_nan=False), min_size=1, max_size=50),
)
def test_with_an_inset_every_point_keeps_that_far_from_the_edges(times, offsets):
    n = min(len(times), len(offsets))
    x, y = INSET_AXES.x_px(times[:n]), INSET_AXES.y_px(offsets[:n])
    box = INSET_AXES.box
    assert INSET_AXES.inner.contains(x, y).all()
    assert np.all(x >= box.x + 6) and np.all(x <= box.right - 6)
    assert np.all(y >= box.y + 6) and np.all(y <= box.bottom - 6)


def test_the_inset_axes_keep_zero_centred_and_the_ends_inset():
    axes = INSET_AXES
    assert float(axes.y_px(0.0)) == pytest.approx(axes.box.centre_y)
    assert float(axes.y_px(135.0)) == pytest.approx(axes.box.y + 6)
    assert float(axes.y_px(-135.0)) == pytest.approx(axes.box.bottom - 6)
    assert float(axes.x_px(2.0)) == pytest.approx(106) and float(axes.x_px(32.0)) == 694
    with pytest.raises(ValueError):
        OffsetAxes(Box(0, 0, 100, 10), 0.0, 1.0, 135.0, inset_px=5)


def test_no_marker_is_drawn_outside_the_plot_even_at_the_corners(app):
    """Misses at the edge of the miss window and notes at the song's start are drawn whole
    inside the plot: every pixel the markers change lies in the plot or the miss strip."""
    p1 = [0.0, 1.0, 1.5, 2.0, 2.5, 3.0]
    p2 = [0.0, 1.0, 2.0, 3.0]
    chart = make_chart(p1=[(t, Voice.KICK) for t in p1], p2=[(t, Voice.SNARE) for t in p2])
    windows_miss = 135.0
    late_miss, early_miss = windows_miss - 1.0, -(windows_miss - 1.0)
    events = merge(
        hits_for_part(chart, Player.P1, [late_miss, early_miss, 99.0, -99.0, 0.0, late_miss]),
        hits_for_part(chart, Player.P2, [early_miss, late_miss, np.nan, early_miss]),
    )
    judgements = judge_batch(chart, replay_for(chart, events).arrays(), "standard")
    assert judgements.windows.miss_ms == windows_miss
    for player in Player:  # the extremes really are there: misses consumed by late/early hits
        assert offset_series(chart, judgements, player).hit_miss.sum() >= 2
    nobody = judge_batch(chart, replay_for(chart, []).arrays(), "standard")
    rect = pygame.Rect(10, 10, 860, 200)

    def render(judged):
        surface = pygame.Surface((900, 240))
        axes = draw_offset_plot(surface, rect, app.ctx.text, chart, judged, ("A", "B"))
        return pygame.surfarray.array3d(surface), axes

    with_hits, axes = render(judgements)
    without, _ = render(nobody)
    box = axes.box
    plot = pygame.Rect(round(box.x), round(box.y), round(box.width), round(box.height))
    strip = pygame.Rect(plot.x, plot.bottom + 4, plot.width, MISS_STRIP_H)
    changed = np.any(with_hits != without, axis=-1)  # indexed [x, y]
    xs, ys = np.nonzero(changed)
    assert len(xs) > 0
    in_plot = (xs >= plot.left) & (xs < plot.right) & (ys >= plot.top) & (ys < plot.bottom)
    in_strip = (xs >= strip.left) & (xs < strip.right) & (ys >= strip.top) & (ys < strip.bottom)
    outside = ~(in_plot | in_strip)
    assert not outside.any(), (
        f"marker pixels outside the plot at {np.column_stack((xs, ys))[outside][:8].tolist()}"
    )
    # the first notes' late and early misses are crosses in the miss strip (as when nobody
    # hits them), not in the plot's corners
    left = slice(plot.left, plot.left + 2 * MARKER_REACH + 2)
    assert not changed[left, plot.top : plot.top + 3].any()
    assert not changed[left, plot.bottom - 3 : plot.bottom].any()


def test_a_miss_is_drawn_in_the_miss_strip_not_at_its_offset(app):
    chart = make_chart(p1=[(1.0, Voice.KICK), (2.0, Voice.KICK)], p2=[(1.0, Voice.KICK)])
    events = merge(hits_for_part(chart, Player.P1, [0.0, 120.0]))  # the second: a late miss
    judgements = judge_batch(chart, replay_for(chart, events).arrays(), "standard")
    assert offset_series(chart, judgements, Player.P1).hit_miss.tolist() == [False, True]
    surface = pygame.Surface((900, 220))
    rect = pygame.Rect(10, 10, 860, 200)
    axes = draw_offset_plot(surface, rect, app.ctx.text, chart, judgements, ("A", "B"))
    p1 = np.array(theme.PLAYER_COLOURS[Player.P1])

    def near(pos):
        got = np.array(surface.get_at((round(pos[0]), round(pos[1])))[:3])
        return float(np.abs(got - p1).max()) < 45

    x = float(axes.x_px(2.0))
    assert not near((x, float(axes.y_px(120.0))))  # not up in the late half
    assert near((x, axes.box.bottom + 4 + MISS_ROW_Y[Player.P1]))  # where the legend says


# --- calibrate from this match ----------------------------------------------------------------


def test_calibrate_from_this_match_sets_the_kits_latency_and_refuses_a_wide_spread(
    app, chart, tmp_path, monkeypatch
):
    from drumsync.core.events import InputEvent
    from drumsync.devices import DeviceKind, DeviceProfile
    from drumsync.game.screens.results.calibrate_panel import MatchCalibrationPanel
    from drumsync.storage.settings import load_settings

    rng = np.random.default_rng(5)
    late = hits_for_part(chart, Player.P1, 15.0 + rng.normal(0, 4, len(chart.part(Player.P1))))
    wild = hits_for_part(chart, Player.P2, rng.normal(0, 60, len(chart.part(Player.P2))))
    events = [InputEvent(e.time_s, e.player, e.voice, "TD-17", 90) for e in late]
    events += [InputEvent(e.time_s, e.player, e.voice, "keyboard") for e in wild]
    match = Match(chart)
    for event in merge(events):
        match.advance(event.time_s)
        match.hit(event)
    _, outcome = match.finish()
    app.ctx.devices.set_profile(
        DeviceProfile(name="TD-17", kind=DeviceKind.MIDI, player=Player.P1, offset_ms=3.0)
    )
    told = []
    scene = ResultsScene(app.ctx, outcome, on_settings=told.append)
    app.stack.push(scene)
    press(app, scene, pygame.K_c)
    panel = app.stack.top
    assert isinstance(panel, MatchCalibrationPanel)
    p1, p2 = panel.proposals
    assert p1.usable and p1.median_ms == pytest.approx(15.0, abs=2.0)
    assert not p2.usable and "spread" in p2.reason
    assert panel.keys_hint() == "1 apply  ·  Esc close"
    app.stack.draw(app.display.canvas)
    panel.handle(key(pygame.K_2), app.timer.now())  # nothing to apply for P2
    assert told == []
    panel.handle(key(pygame.K_1), app.timer.now())
    saved = load_settings().settings
    assert saved.device("TD-17").offset_ms == pytest.approx(3.0 + p1.median_ms, abs=0.06)
    assert saved.player(Player.P1).audio_offset_ms == 0.0  # the keyboard's offset stays
    assert told and told[-1].device("TD-17") == saved.device("TD-17")
    assert app.ctx.devices.router.profile("TD-17").offset_ms == saved.device("TD-17").offset_ms
    assert panel.keys_hint() == "Esc close"  # applied: nothing left to apply
    app.stack.draw(app.display.canvas)
    panel.handle(key(pygame.K_ESCAPE), app.timer.now())
    assert app.stack.top is scene


def test_calibrate_from_this_match_offers_only_the_keys_that_apply(app, chart):
    """The panel's footer names 1 or 2 only for a player with a proposal to apply: after a
    match with too few hits it says only how to close, and 1 tells why nothing happened."""
    from drumsync.game.screens.results.calibrate_panel import MatchCalibrationPanel

    few = hits_for_part(chart, Player.P1, [5.0] * 3 + [np.nan] * (len(chart.part(Player.P1)) - 3))
    match = Match(chart)
    for event in few:
        match.advance(event.time_s)
        match.hit(event)
    _, outcome = match.finish()
    panel = MatchCalibrationPanel(app.ctx, outcome, ("Ada", "Ben"))
    assert not any(p.usable for p in panel.proposals)
    assert panel.keys_hint() == "Esc close"
    panel.handle(key(pygame.K_1), app.timer.now())
    assert panel.message == "Ada: nothing to apply (too few hits to calibrate from (3, needs 16))"
    app.stack.push(panel)
    app.stack.draw(app.display.canvas)


def test_calibrate_from_this_match_offers_nothing_for_a_simulated_partner(app, chart):
    """After a solo match the partner's hits are the bot's: its timing says nothing about
    Player 2's keyboard or sound, so no offset is proposed for it (only the person's)."""
    from drumsync.core.events import InputEvent
    from drumsync.game.screens.results.calibrate_panel import MatchCalibrationPanel

    rng = np.random.default_rng(8)
    events = []
    for player in PLAYERS:
        source = "keyboard" if player is Player.P1 else "bot:ideal"
        offsets = 15.0 + rng.normal(0, 3, len(chart.part(player)))
        events += [InputEvent(e.time_s, e.player, e.voice, source) for e in
                   hits_for_part(chart, player, offsets)]  # fmt: skip
    match = Match(chart, mode="solo")
    for event in merge(events):
        match.advance(event.time_s)
        match.hit(event)
    _, outcome = match.finish()
    panel = MatchCalibrationPanel(app.ctx, outcome, ("Ada", "bot-ideal"))
    p1, p2 = panel.proposals
    assert p1.usable and not p2.usable
    assert p2.reason == "a simulated drummer played: nothing to calibrate"
    assert panel.keys_hint() == "1 apply  ·  Esc close"
