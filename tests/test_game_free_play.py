"""Free play under the dummy video driver: the form's keys, the live preview (generated only
when a value changes), the rating it shows, random and typed seeds, Start and Esc; the chart
strip's geometry."""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from game_support import dummy_screen, menu_context

from drumsync.core import generate_chart
from drumsync.core.chart import STYLES
from drumsync.core.chart_identity import chart_hash
from drumsync.core.generator import fill_bars
from drumsync.core.rating import rate_chart
from drumsync.core.voices import Player, Voice
from drumsync.game.runtime import theme
from drumsync.game.runtime.input.key_repeat import REPEAT_DELAY_S, REPEAT_INTERVAL_S
from drumsync.game.runtime.scenes import Scene, SceneStack
from drumsync.game.runtime.text import TextCache
from drumsync.game.screens.free_play.scene import SETTLE_S, STRIP_SIZE, FreePlayScene
from drumsync.game.widgets.chart_preview import (
    BARS_PER_LINE,
    PREVIEW_BARS,
    ROW_ORDER,
    ChartPreview,
    bar_note_counts,
    note_centres,
    rating_colour,
    shown_fill_bars,
    strip_geometry,
)
from drumsync.storage.scores_db import MatchRecord, PlayerResult, ScoresDB


@pytest.fixture(scope="module")
def screen():
    with dummy_screen() as surface:
        yield surface


@pytest.fixture
def ctx(screen):
    return menu_context(50.0)


class Seeds:
    """Stand-in for the OS random source: hands out known seeds, counts draws."""

    def __init__(self, *seeds: int) -> None:
        self.seeds = list(seeds)
        self.draws = 0

    def __call__(self) -> int:
        self.draws += 1
        return self.seeds.pop(0)


def press(scene: Scene, key: int, mod: int = 0, unicode: str = "") -> None:
    now = scene.ctx.timer.now()
    scene.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode), now)
    scene.handle(pygame.event.Event(pygame.KEYUP, key=key, mod=mod), now)


def settle(scene: Scene) -> None:
    """Let the virtual clock pass the settle time and update the scene."""
    scene.ctx.timer.advance(SETTLE_S + 0.05)
    scene.update(scene.ctx.timer.now())


def type_text(scene: Scene, typed: str) -> None:
    for char in typed:
        press(scene, ord(char), unicode=char)


def strip_bytes(scene: FreePlayScene) -> bytes:
    return pygame.image.tobytes(scene.strip, "RGBA")


@pytest.fixture
def started():
    return []


@pytest.fixture
def scene_and_stack(ctx, started):
    stack = SceneStack(ctx)
    backs: list[bool] = []
    scene = FreePlayScene(
        ctx,
        "duet",
        on_start=started.append,
        on_back=lambda: backs.append(True),
        seed_source=Seeds(4242, 777, 31337),
    )
    stack.push(scene)
    scene.backs = backs
    return scene, stack


# --- the scene ------------------------------------------------------------------------------


def test_renders_with_a_preview_and_the_generated_chart(scene_and_stack, screen):
    scene, stack = scene_and_stack
    assert scene.chart is not None and scene.strip is not None
    assert scene.strip.get_size() == STRIP_SIZE
    assert scene.generator_args()["seed"] == 4242 and scene.seed_is_random
    stack.update(scene.ctx.timer.now())
    stack.draw(screen)
    colours = {screen.get_at((x, y))[:3] for x in range(0, 1280, 40) for y in range(0, 720, 40)}
    assert len(colours) > 5  # a real picture, not a blank screen
    assert "random" in scene.form.text_of(scene.form.row("seed"))


def test_rating_shown_is_the_rating_of_the_generated_chart(scene_and_stack):
    scene, _ = scene_and_stack
    for _ in range(3):
        chart = generate_chart(**scene.generator_args())
        assert scene.chart == chart
        assert scene.rating_text == f"{rate_chart(chart):.2f}"
        scene.form.select("difficulty")
        press(scene, pygame.K_RIGHT, pygame.KMOD_SHIFT)
        settle(scene)


def test_preview_changes_when_the_seed_changes(scene_and_stack):
    scene, _ = scene_and_stack
    before_chart, before_strip = scene.chart, strip_bytes(scene)
    scene.form.select("seed")
    press(scene, pygame.K_RIGHT)
    assert scene.form.value("seed") == 4243 and not scene.seed_is_random
    settle(scene)
    assert scene.chart.meta.seed == 4243
    assert scene.chart != before_chart
    assert strip_bytes(scene) != before_strip


def test_preview_is_generated_only_after_a_change_settles(scene_and_stack, screen):
    scene, stack = scene_and_stack
    timer = scene.ctx.timer
    first = scene.generations
    for _ in range(5):  # frames without changes: nothing generated
        timer.advance(0.5)
        stack.update(timer.now())
        stack.draw(screen)
    assert scene.generations == first
    scene.form.select("bpm")
    for _ in range(4):  # a burst of changes inside the settle time
        press(scene, pygame.K_RIGHT)
    scene.update(timer.now())
    assert scene.generations == first and scene.preview_pending
    stack.draw(screen)  # the old strip is shown, dimmed, meanwhile
    settle(scene)
    assert scene.generations == first + 1 and not scene.preview_pending
    assert scene.chart.meta.bpm == 124.0
    for _ in range(4):  # back to a value seen before: from the cache, not generated again
        press(scene, pygame.K_LEFT)
    settle(scene)
    assert scene.chart.meta.bpm == 120.0 and scene.generations == first + 1


def test_enter_on_start_passes_the_generator_arguments(scene_and_stack, started):
    scene, _ = scene_and_stack
    scene.form.select("style")
    press(scene, pygame.K_RIGHT)  # rock -> metal
    scene.form.select("parts")
    press(scene, pygame.K_RETURN)  # unison -> split
    scene.form.select("start")
    press(scene, pygame.K_RETURN)  # before the preview settled: Start uses the values shown
    assert len(started) == 1
    args = started[0]
    assert args == {
        "seed": 4242,
        "style": "metal",
        "bpm": 120.0,
        "difficulty": 5,
        "bars": 32,
        "parts": "split",
    }
    assert generate_chart(**args) == scene.chart


def test_arrows_wrap_and_choices_cycle(scene_and_stack):
    scene, _ = scene_and_stack
    assert scene.form.selected_row.key == "style"
    press(scene, pygame.K_UP)
    assert scene.form.selected_row.key == "start"
    press(scene, pygame.K_DOWN)
    assert scene.form.selected_row.key == "style"
    seen = []
    for _ in STYLES:
        press(scene, pygame.K_RIGHT)
        seen.append(scene.form.value("style"))
    assert sorted(seen) == sorted(STYLES)
    assert scene.form.value("style") == "rock"
    scene.form.select("difficulty")
    for _ in range(20):
        press(scene, pygame.K_RIGHT)
    assert scene.form.value("difficulty") == 10
    press(scene, pygame.K_HOME)
    assert scene.form.value("difficulty") == 1


def test_random_seed_is_drawn_once_when_asked_and_shown(scene_and_stack, screen):
    scene, stack = scene_and_stack
    source = scene._seed_source
    assert source.draws == 1
    for _ in range(3):
        settle(scene)
        stack.draw(screen)
    assert source.draws == 1 and scene.form.value("seed") == 4242
    press(scene, pygame.K_r)
    assert source.draws == 2 and scene.form.value("seed") == 777 and scene.seed_is_random
    scene.form.select("roll")
    press(scene, pygame.K_RETURN)
    assert scene.form.value("seed") == 31337
    settle(scene)
    assert scene.chart.meta.seed == 31337
    assert scene.form.text_of(scene.form.row("seed")) == "31337 · random"


def test_typed_seed_and_refused_tempo(scene_and_stack, screen):
    scene, stack = scene_and_stack
    scene.form.select("seed")
    press(scene, pygame.K_RETURN)
    assert scene.form.entry == ""
    type_text(scene, "2024x5")  # letters are ignored
    assert scene.form.entry == "20245"
    stack.draw(screen)  # the entry box draws
    press(scene, pygame.K_RETURN)
    assert scene.form.value("seed") == 20245 and not scene.seed_is_random
    settle(scene)
    assert scene.chart.meta.seed == 20245

    scene.form.select("bpm")
    press(scene, pygame.K_RETURN)
    type_text(scene, "999")
    press(scene, pygame.K_RETURN)
    assert scene.form.value("bpm") == 120
    assert scene.status.error and "tempo must be 40..300" in scene.status.text
    stack.draw(screen)  # the message draws
    press(scene, pygame.K_RETURN)
    press(scene, pygame.K_ESCAPE)  # Esc leaves the entry, not the screen
    assert scene.form.entry is None and stack.top is scene and not scene.backs


def test_esc_goes_back_and_pops(scene_and_stack):
    scene, stack = scene_and_stack
    press(scene, pygame.K_ESCAPE)
    assert scene.backs == [True]
    assert not stack


def test_bad_initial_arguments_fall_back_with_a_message(ctx):
    scene = FreePlayScene(
        ctx,
        "versus",
        on_start=lambda args: None,
        on_back=lambda: None,
        initial={"style": "polka", "seed": 5},
        seed_source=Seeds(11),
    )
    assert scene.form.value("style") == "rock" and scene.form.value("seed") == 11
    assert scene.status.error and "style" in scene.status.text
    again = FreePlayScene(
        ctx,
        "versus",
        on_start=lambda args: None,
        on_back=lambda: None,
        initial={"style": "metal", "seed": 5, "bpm": 180, "bars": 16},
        seed_source=Seeds(11),
    )
    assert again.generator_args() == {
        "seed": 5,
        "style": "metal",
        "bpm": 180.0,
        "difficulty": 5,
        "bars": 16,
        "parts": "unison",
    }
    assert not again.seed_is_random


def test_best_score_on_the_chart_is_shown(ctx):
    args = {"seed": 9, "style": "rock", "bpm": 120.0, "difficulty": 4, "bars": 16}
    chart = generate_chart(**args, parts="unison")
    with ScoresDB() as db:
        db.record_match(
            MatchRecord(
                mode="duet",
                chart_hash=chart_hash(chart),
                players=(PlayerResult("Ada", 1000), PlayerResult("Ben", 2000)),
                team_percent=87.5,
            )
        )
        scene = FreePlayScene(ctx, "duet", lambda a: None, lambda: None, {**args}, scores=db)
        scene.enter()
        assert scene.best == "87.5%"
        other = FreePlayScene(ctx, "versus", lambda a: None, lambda: None, {**args}, scores=db)
        other.enter()
        assert other.best == "not played yet"
    without = FreePlayScene(ctx, "duet", lambda a: None, lambda: None, initial={**args})
    without.enter()
    assert without.best == "unavailable"


def test_held_arrow_repeats_until_released(scene_and_stack):
    scene, _ = scene_and_stack
    timer = scene.ctx.timer
    scene.form.select("bpm")
    t0 = timer.now()
    scene.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode=""), t0)
    assert scene.form.value("bpm") == 121
    scene.update(t0 + REPEAT_DELAY_S / 2)
    assert scene.form.value("bpm") == 121
    scene.update(t0 + REPEAT_DELAY_S + 1.5 * REPEAT_INTERVAL_S)
    assert scene.form.value("bpm") == 123
    scene.handle(pygame.event.Event(pygame.KEYUP, key=pygame.K_RIGHT, mod=0), t0 + 1.0)
    scene.update(t0 + 5.0)
    assert scene.form.value("bpm") == 123


def test_mouse_points_clicks_and_scrolls(scene_and_stack, screen, started):
    scene, stack = scene_and_stack
    stack.draw(screen)  # rows get their places when drawn
    seed = scene.form.row_rect("seed")
    scene.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=seed.center, rel=(0, 0), buttons=()), 0)
    assert scene.form.selected_row.key == "seed"
    bpm = scene.form.row_rect("bpm")
    pygame.mouse.set_pos(bpm.center)
    pygame.event.pump()
    scene.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False), 0)
    assert scene.form.selected_row.key == "bpm" and scene.form.value("bpm") == 121
    start = scene.form.row_rect("start")
    scene.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start.center, button=1), 0)
    assert len(started) == 1 and started[0] == scene.chart.meta.generator_args()
    outside = (5, 5)
    scene.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=outside, button=1), 0)
    assert len(started) == 1


# --- the strip ------------------------------------------------------------------------------


@pytest.mark.parametrize("parts", ["unison", "split"])
def test_strip_marks_every_note_of_the_first_bars(parts):
    chart = generate_chart(3, "dance-pop", 128.0, 6, 32, parts)
    geometry = strip_geometry(STRIP_SIZE, chart)
    marks = note_centres(chart, geometry)
    end_beat = PREVIEW_BARS * chart.meta.beats_per_bar
    expected = sum(int(np.sum(chart.part(p).beat < end_beat)) for p in Player)
    assert len(marks) == expected > 0
    for mark in marks:
        assert 0 <= mark.x < geometry.width and 0 <= mark.y < geometry.used_height
        line = int(mark.y // (geometry.line_h + 14))
        top = geometry.block_y(line, mark.player)
        assert top <= mark.y < top + geometry.block_h
        assert ROW_ORDER.index(mark.voice) == int((mark.y - top) // (geometry.block_h / 4))
    assert geometry.used_height <= STRIP_SIZE[1]
    p1 = sorted((m.x, m.y - geometry.block_y(0, Player.P1)) for m in marks if m.player is Player.P1)
    p2 = sorted((m.x, m.y - geometry.block_y(0, Player.P2)) for m in marks if m.player is Player.P2)
    assert (p1 == p2) == (parts == "unison")


def test_strip_shows_fill_bars_and_bar_positions():
    chart = generate_chart(5, "rock", 120.0, 5, 32)
    geometry = strip_geometry(STRIP_SIZE, chart)
    assert shown_fill_bars(chart, geometry) == tuple(b for b in fill_bars(chart) if b < 8)
    assert shown_fill_bars(chart, geometry)  # a 32-bar song has a fill in its first 8 bars
    line, x = geometry.beat_position(BARS_PER_LINE * chart.meta.beats_per_bar)
    assert line == 1 and x == geometry.bar_x(0)
    short = generate_chart(5, "rock", 120.0, 5, 3)
    assert strip_geometry(STRIP_SIZE, short).bars == 3


def test_strip_pixels_show_lane_colours(screen):
    chart = generate_chart(5, "metal", 160.0, 7, 8)
    preview = ChartPreview(TextCache())
    strip = preview.render(chart, STRIP_SIZE)
    geometry = strip_geometry(STRIP_SIZE, chart)
    kick = next(m for m in note_centres(chart, geometry) if m.voice is Voice.KICK and not m.ghost)
    r, g, b, a = strip.get_at((round(kick.x), round(kick.y)))
    assert a == 255 and (r, g, b) != theme.LANE_DARK
    assert abs(r - theme.VOICE_COLOURS[Voice.KICK][0]) < 90


def test_bar_note_counts_and_rating_colours():
    chart = generate_chart(8, "euclidean", 100.0, 3, 12, "split")
    counts = bar_note_counts(chart)
    assert counts.shape == (2, 12)
    assert counts.sum() == chart.note_count
    assert rating_colour(0.5) == theme.OI_GREEN and rating_colour(12) == theme.OI_PURPLE
