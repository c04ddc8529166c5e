"""The title (drummers hitting in time, the article's caption, Enter/Esc, the idle demo), the
drummer art's pose maths, the menu list widget and the demo scene, under the dummy driver."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import math

import numpy as np
import pygame
import pytest

from drumsync.core.captions import caption
from drumsync.core.chart import Part
from drumsync.core.generator import generate_chart
from drumsync.core.voices import Player, Voice
from drumsync.game.app import GameApp
from drumsync.game.flow import MatchFlow
from drumsync.game.match.plan import MatchPlan
from drumsync.game.match.session import Session
from drumsync.game.runtime import theme
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.screens.play.demo import DemoScene
from drumsync.game.screens.play.scene import Phase
from drumsync.game.screens.title.scene import TitleScene
from drumsync.game.widgets.drummer_art import DrummerLook, draw_drummer
from drumsync.game.widgets.drummer_motion import (
    FALL_S,
    RISE_S,
    KitTimeline,
    pose_at,
    stick_lift,
    wobble,
)
from drumsync.game.widgets.drummer_stage import title_timeline
from drumsync.game.widgets.menu_list import MenuItem, MenuList
from drumsync.storage.settings import Settings

ARTICLE = """\
The twin mayors of Harborview opened the Lantern Festival with a thunderous drum duet.
Critics called the performance “a steady heartbeat for the whole city.”
Later the mayors swapped drumsticks and promised to keep the same rhythm together.
"""


@pytest.fixture
def app():
    timer = VirtualTimer(50.0)
    chart = generate_chart(1, "rock", 120.0, 3, 2)
    options = GameOptions.build(chart, sound=False, vsync=False, save_replay=False, fps=60.0)
    app = GameApp(options, timer)
    yield app
    app.stack.clear()
    app.close()


def key(code, **extra):
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, **extra)


def frame(app, seconds=1 / 60):
    app.timer.advance(seconds)
    app.stack.update(app.timer.now())
    app.stack.draw(app.display.canvas)


# --- drummer art ---------------------------------------------------------------------------


def timeline_of(times_by_voice: dict[Voice, list[float]], length_s=2.0, beat_s=0.5):
    times, voices = [], []
    for voice, ts in times_by_voice.items():
        times += ts
        voices += [int(voice)] * len(ts)
    order = np.argsort(times)
    part = Part(
        beat=np.asarray(times)[order] / beat_s,
        time_s=np.asarray(times)[order],
        voice=np.asarray(voices)[order],
    )
    return KitTimeline.from_part(part, 0.0, length_s, beat_s)


def test_sticks_rest_on_the_drum_at_a_hit_and_are_raised_between_hits():
    assert stick_lift(0.0, 0.4) == 0.0
    assert stick_lift(0.4, 0.0) == 0.0
    assert stick_lift(RISE_S, FALL_S) == pytest.approx(1.0)
    assert 0.0 < stick_lift(RISE_S / 2, 1.0) < 1.0
    assert wobble(0.0) == 0.0 and wobble(10.0) == 0.0
    assert any(abs(wobble(t / 100)) > 0.05 for t in range(1, 40))


def test_the_pose_follows_the_chart():
    timeline = timeline_of({Voice.HIHAT: [0.0, 1.0], Voice.SNARE: [0.5], Voice.KICK: [0.0]})
    on_hat = pose_at(timeline, 1.0)
    assert on_hat.right_lift == 0.0 and on_hat.right_target is Voice.HIHAT
    assert on_hat.flash[Voice.HIHAT] == pytest.approx(1.0)
    assert on_hat.flash[Voice.SNARE] == 0.0
    on_snare = pose_at(timeline, 0.5)
    assert on_snare.left_lift == 0.0 and on_snare.flash[Voice.SNARE] == pytest.approx(1.0)
    between = pose_at(timeline, 0.25)
    assert between.right_lift == pytest.approx(1.0) and between.left_lift == pytest.approx(1.0)
    # the loop wraps: 2.0 s is the start again, with the kick and the hi-hat
    assert pose_at(timeline, 2.0).flash[Voice.KICK] == pytest.approx(1.0)
    assert pose_at(timeline, 0.0).nod == pytest.approx(4.0)  # nodding on the beat


def test_crash_hits_move_the_right_stick_to_the_crash():
    timeline = timeline_of({Voice.HIHAT: [0.0], Voice.CRASH: [1.0]})
    assert pose_at(timeline, 0.95).right_target is Voice.CRASH
    assert pose_at(timeline, 1.05).crash_tilt != 0.0


def test_a_drummer_is_drawn_and_changes_with_the_pose():
    pygame.display.init()
    timeline = title_timeline()
    look = DrummerLook(theme.PLAYER_COLOURS[Player.P1])
    pictures = []
    for t in (0.0, timeline.beat_s / 2):
        surface = pygame.Surface((400, 360))
        surface.fill(theme.BACKGROUND)
        draw_drummer(surface, look, pose_at(timeline, timeline.start_s + t), (200, 340))
        pictures.append(pygame.image.tobytes(surface, "RGB"))
    assert pictures[0] != pictures[1]
    assert len(set(pictures[0])) > 10  # something was drawn


# --- the title scene ----------------------------------------------------------------------


def title(app, **kw):
    calls = []
    scene = TitleScene(
        app.ctx,
        on_start=lambda: calls.append("start"),
        on_demo=lambda: calls.append("demo"),
        on_quit=lambda: calls.append("quit"),
        **kw,
    )
    app.stack.push(scene)
    return scene, calls


def test_title_renders_with_the_article_caption_and_animates(app):
    scene, _ = title(app)
    assert scene.caption == caption("title")
    frame(app)
    first = pygame.image.tobytes(app.display.canvas, "RGB")
    frame(app, scene.timeline.beat_s / 2)
    assert pygame.image.tobytes(app.display.canvas, "RGB") != first


def test_title_keys(app):
    scene, calls = title(app)
    frame(app)
    scene.handle(key(pygame.K_RETURN), app.timer.now())
    scene.handle(key(pygame.K_ESCAPE), app.timer.now())  # asks first
    assert calls == ["start"]
    frame(app)
    scene.handle(key(pygame.K_x), app.timer.now())  # any other key: stay
    scene.handle(key(pygame.K_ESCAPE), app.timer.now())
    assert calls == ["start"]
    scene.handle(key(pygame.K_ESCAPE), app.timer.now())  # Esc again: quit
    scene.handle(key(pygame.K_x), app.timer.now())  # other keys only count as activity
    assert calls == ["start", "quit"]


def test_the_demo_starts_after_the_idle_time_and_a_key_resets_it(app):
    scene, calls = title(app, idle_s=30.0)
    for _ in range(25):
        frame(app, 1.0)
    scene.handle(key(pygame.K_x), app.timer.now())
    for _ in range(25):
        frame(app, 1.0)
    assert calls == []
    for _ in range(6):
        frame(app, 1.0)
    assert calls == ["demo"]


def test_notices_are_shown_on_the_title(app):
    scene, _ = title(app, notices=["settings.toml: scroll_speed 9 is outside 0.5..3"])
    frame(app)
    with_notice = pygame.image.tobytes(app.display.canvas, "RGB")
    app.stack.clear()
    plain, _ = title(app)
    plain.origin_s = scene.origin_s
    plain.now_s = scene.now_s
    plain.draw(app.display.canvas)
    assert pygame.image.tobytes(app.display.canvas, "RGB") != with_notice


def test_the_title_caption_comes_from_the_article(app, tmp_path, monkeypatch):
    default = caption("title")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("DRUMSYNC_SEEDS", str(tmp_path))
    scene, _ = title(app)
    assert scene.caption != default
    assert scene.caption in ARTICLE.replace("\n", " ")
    assert "mayors" in scene.caption


# --- the menu list ------------------------------------------------------------------------


def test_menu_list_keys():
    pygame.display.init()
    menu = MenuList(
        [
            MenuItem("a", "A"),
            MenuItem("b", "B", enabled=False),
            MenuItem("c", "C", choices=("x", "y", "z"), choice=1),
        ]
    )
    assert menu.handle(key(pygame.K_DOWN)).key == "b"
    assert menu.handle(key(pygame.K_RETURN)).kind == "refused"
    menu.handle(key(pygame.K_DOWN))
    assert menu.value("c") == "y"
    change = menu.handle(key(pygame.K_RIGHT))
    assert (change.kind, change.value) == ("change", "z")
    assert menu.handle(key(pygame.K_RIGHT)).value == "x"  # values wrap
    assert menu.handle(key(pygame.K_LEFT)).value == "z"
    chosen = menu.handle(key(pygame.K_RETURN))
    assert (chosen.kind, chosen.key, chosen.value) == ("choose", "c", "z")
    assert menu.handle(key(pygame.K_DOWN)).key == "a"  # the list wraps
    assert menu.handle(key(pygame.K_ESCAPE)).kind == "back"
    assert menu.handle(key(pygame.K_F1)) is None


def test_menu_list_can_skip_disabled_items_and_keeps_values_across_updates():
    pygame.display.init()
    items = [
        MenuItem("a", "A"),
        MenuItem("b", "B", enabled=False),
        MenuItem("c", "C", choices=("1", "2")),
    ]
    menu = MenuList(items, skip_disabled=True)
    assert menu.handle(key(pygame.K_DOWN)).key == "c"
    menu.handle(key(pygame.K_RIGHT))
    menu.set_items([MenuItem("c", "C", choices=("1", "2")), MenuItem("a", "A")])
    assert menu.selected_item.key == "c" and menu.value("c") == "2"
    with pytest.raises(ValueError):
        MenuList([])


def test_menu_list_mouse(app):
    menu = MenuList([MenuItem("a", "A"), MenuItem("b", "B")])
    rect = pygame.Rect(100, 100, 300, 200)
    menu.draw(app.display.canvas, app.ctx.text, rect)
    second = menu.layout(rect)[1]
    moved = menu.handle(
        pygame.event.Event(pygame.MOUSEMOTION, pos=second.center, rel=(0, 0), buttons=(0, 0, 0))
    )
    assert moved.key == "b"
    click = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=second.center, button=1)
    assert menu.handle(click).kind == "choose"


# --- the demo -----------------------------------------------------------------------------


def demo_scene(app, ended):
    session = Session(Settings())  # the demo records nothing
    flow = MatchFlow(app.ctx, app.stack, session, app.options)
    plan = MatchPlan(
        "demo",
        {"seed": 5, "style": "rock", "bpm": 140.0, "difficulty": 2, "bars": 2, "parts": "unison"},
    )

    def make_play(on_finished):
        return flow.build_play(plan, lambda play, outcome: on_finished(outcome))

    return DemoScene(app.ctx, make_play, on_end=lambda: ended.append(True))


def run_bots(app):
    for hook in tuple(app.ctx.pre_poll):
        hook(app.timer.now())
    for event in pygame.event.get():
        app.stack.handle(event, app.timer.now())


def test_the_demo_plays_with_bots_and_any_key_ends_it(app):
    ended = []
    demo = demo_scene(app, ended)
    app.stack.push(demo)
    assert demo.play.ctx.options.match.bots().keys() == {Player.P1, Player.P2}
    while not demo.play.match.events and app.timer.now() < 80.0:
        frame(app)
        run_bots(app)
    assert demo.play.phase is Phase.PLAYING
    assert len(demo.play.match.events) > 0  # the bots' key presses did not end the demo
    assert not ended
    demo.handle(key(pygame.K_SPACE), app.timer.now())
    assert ended == [True] and not app.stack


def test_the_demo_ends_by_itself_after_the_match(app):
    ended = []
    demo = demo_scene(app, ended)
    app.stack.push(demo)
    steps = 0
    while not ended and steps < 5000:
        frame(app, 1 / 30)
        run_bots(app)
        steps += 1
    assert ended == [True]
    assert demo.play.outcome is not None
    assert demo.play.outcome.report.players[0].accuracy_percent > 50
    assert not math.isnan(demo.play.outcome.report.team.percent)
