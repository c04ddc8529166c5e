"""The title music: the loop's rendering (deterministic, seamless, quiet), when it plays (the
title and its menus, never with a match), the settings' music volume, and silence without
sound or a device.

The audio itself is checked on SDL's disk driver in a fresh process (SDL reads
``SDL_AUDIODRIVER`` when it starts): the title runs through ``run_front`` and the test reads
back what the mixer wrote. The rest runs in this process on the dummy drivers.
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import time
from pathlib import Path

import numpy as np
import pygame
import pytest
from child_process import run_child
from game_support import front_frames as frames

from drumsync.audio.timebase import RATE_HZ
from drumsync.audio.title_loop import (
    LEVEL,
    TITLE_CHART_ARGS,
    cached_title_loop,
    fold_loop,
    render_mix,
    render_title_loop,
    title_chart,
)
from drumsync.audio.wav import FULL_SCALE, to_int16
from drumsync.game.app import GameApp
from drumsync.game.front import Front, front_options, run_front
from drumsync.game.match.plan import MatchPlan
from drumsync.game.match.session import Session
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.scenes import Scene
from drumsync.game.screens.calibration.scene import CalibrationScene
from drumsync.game.screens.loading.tip_card import TipCardScene
from drumsync.game.screens.modes.scene import ModeScene
from drumsync.game.screens.play.demo import DemoScene
from drumsync.game.screens.play.pause import PauseScene
from drumsync.game.screens.play.scene import Phase, PlayScene
from drumsync.game.screens.practice.lap import PracticeLapScene
from drumsync.game.screens.results.scene import ResultsScene
from drumsync.game.screens.title.music import FADE_OUT_MS, TitleMusic, music_wanted, scene_wants
from drumsync.game.screens.title.scene import TitleScene
from drumsync.game.widgets.drummer_stage import title_timeline
from drumsync.storage.settings import Settings

MATCH_ARGS = {"seed": 3, "style": "rock", "bpm": 150.0, "difficulty": 2, "bars": 2}


# --- the loop's samples ---------------------------------------------------------------------


def test_the_loop_is_the_title_charts_bars_quiet_and_the_same_every_time():
    loop = cached_title_loop()
    again = render_title_loop()
    np.testing.assert_array_equal(loop.samples, again.samples)
    chart = title_chart()
    bars_s = chart.duration_s - chart.music_start_s
    assert loop.length_s == pytest.approx(bars_s, abs=1.5 / RATE_HZ)
    assert loop.samples.shape == (loop.frames, 2) and loop.samples.dtype == np.float32
    assert loop.peak == pytest.approx(LEVEL)
    rms = float(np.sqrt(np.mean(loop.samples**2)))
    assert 0.02 < rms < LEVEL / 2  # music all the way through, well below full scale
    # no gap anywhere: every 50 ms of the loop has sound in it
    blocks = loop.samples[: loop.frames // 2205 * 2205].reshape(-1, 2205, 2)
    assert np.sqrt(np.mean(blocks**2, axis=(1, 2))).min() > 0.002
    # the drummers on the title play the same chart
    assert title_chart().meta.generator_args() == TITLE_CHART_ARGS
    assert title_timeline().length_s == pytest.approx(bars_s)


def test_what_rings_past_the_loops_end_is_heard_at_its_start():
    track = np.zeros((25, 2), np.float32)
    track[5:10] = 1.0  # before the loop: not in it
    track[10] = 2.0  # the loop's first frame
    track[18:25] = 3.0  # a note starting in the loop and ringing 5 frames past its end
    loop = fold_loop(track, 10, 10)
    assert loop.shape == (10, 2)
    np.testing.assert_array_equal(loop[:, 0], [5, 3, 3, 3, 3, 0, 0, 0, 3, 3])
    long_tail = fold_loop(np.ones((10, 1), np.float32), 0, 3)  # round more than once
    np.testing.assert_array_equal(long_tail[:, 0], [4, 3, 3])
    with pytest.raises(ValueError):
        fold_loop(track, 0, 0)


def test_the_loop_is_seamless_where_it_wraps():
    samples = cached_title_loop().samples
    steps = np.abs(np.diff(samples, axis=0)).max(axis=1)
    wrap = float(np.abs(samples[0] - samples[-1]).max())
    # The downbeat (kick and crash) lands on the loop's first sample: no bigger a step there
    # than at the downbeats of the other bars, and far from a cut (a jump to the start of
    # the sound without what rings into it).
    beat = round(title_chart().seconds_per_beat * RATE_HZ * 4)
    downbeats = [float(steps[k * beat - 1 : k * beat + 2].max()) for k in (1, 2, 3)]
    assert wrap <= 1.2 * max(downbeats)
    tail = samples[-50:]
    assert float(np.abs(tail).max()) > 0.01  # the music is still sounding into the wrap
    # what rings on past the last bar is heard at the loop's start, as it would be in a song
    mix, start, length = render_mix(title_chart())
    ringing = mix[start + length :]
    assert float(np.abs(ringing).max()) > 0.01
    scale = LEVEL / float(np.max(np.abs(fold_loop(mix, start, length))))
    head = samples[: len(ringing)] / scale
    np.testing.assert_allclose(head - mix[start : start + len(ringing)], ringing, atol=1e-4)


# --- when it plays ------------------------------------------------------------------------


class Menu(Scene):
    pass


class Quiet(Scene):
    title_music = False


def test_the_loop_plays_over_the_title_and_its_menus_only():
    title = TitleScene.__new__(TitleScene)  # only its class attribute matters here
    assert scene_wants(title) is True and scene_wants(Menu()) is None
    assert scene_wants(Quiet()) is False
    assert music_wanted([title]) and music_wanted([title, Menu(), Menu()])
    assert not music_wanted([]) and not music_wanted([Menu()])
    assert not music_wanted([title, Menu(), Quiet()])
    quiet = (
        PlayScene, PauseScene, ResultsScene, PracticeLapScene, TipCardScene, DemoScene,
        CalibrationScene,
    )  # fmt: skip
    for cls in quiet:
        assert not music_wanted([title, cls.__new__(cls)]), cls.__name__


def test_without_sound_nothing_is_rendered_or_opened():
    music = TitleMusic(enabled=False)
    music.follow([TitleScene.__new__(TitleScene)], 0.8, 1.0)
    assert not music.playing and music.available is False and music.reason == "sound is off"
    assert music.loop_time_s(1.0) is None and music.starts == 0
    music.close()


def test_a_failed_render_leaves_the_title_silent():
    def broken(rate_hz):
        raise RuntimeError("no numbers today")

    music = TitleMusic(render=broken)
    title = TitleScene.__new__(TitleScene)
    music.follow([title], 0.8, 1.0)
    assert not music.wait_ready()
    music.follow([title], 0.8, 1.1)
    assert not music.playing and "no numbers today" in music.reason
    music.close()


# --- in the game, on the dummy drivers -------------------------------------------------------


@pytest.fixture
def sound_front():
    """The front door with sound on (SDL's dummy audio driver), the title on the stack."""
    session = Session.open()
    session.use_settings(Settings(music_volume=0.6))
    app = GameApp(front_options(session, vsync=False, fps=60.0), VirtualTimer(10.0))
    front = Front(app, session)
    front.names_confirmed = True
    front.stack.push(front.title())
    yield front
    app.stack.clear()
    front.close()
    session.close()
    app.close()


def start_title_music(front) -> TitleMusic:
    music = front.title_music
    frames(front)
    assert music.wait_ready()
    frames(front)
    assert music.playing and music.available, music.reason
    return music


def test_the_title_plays_the_loop_at_the_music_volume(sound_front):
    front = sound_front
    music = start_title_music(front)
    assert music.render_ms is not None and music.render_ms > 0
    channel = pygame.mixer.Channel(0)
    assert channel.get_busy() and channel.get_sound() is music.sound
    assert music.sound.get_volume() == pytest.approx(0.6, abs=0.01)
    assert music.sound.get_length() == pytest.approx(cached_title_loop().length_s, abs=0.01)
    assert not pygame.mixer.music.get_busy()  # the match's stream is left alone
    # the settings change (e.g. on leaving the settings screen): the loop follows
    front.session.use_settings(Settings(music_volume=0.0))
    frames(front)
    assert music.playing and music.sound.get_volume() == 0.0
    front.session.use_settings(Settings(music_volume=1.0))
    frames(front)
    assert music.sound.get_volume() == pytest.approx(1.0)
    # it goes on under the menus
    front.open_modes()
    frames(front)
    assert isinstance(front.stack.top, ModeScene) and music.playing and music.starts == 1


def test_the_drummers_hit_with_the_music(sound_front):
    front = sound_front
    music = start_title_music(front)
    title = front.stack.top
    assert isinstance(title, TitleScene)
    now = front.app.timer.now()
    heard = music.loop_time_s(now)
    assert heard is not None and 0.0 <= heard < cached_title_loop().length_s
    assert title.loop_time_s() == pytest.approx(heard)
    music.stop(fade=False)
    assert music.loop_time_s(now) is None
    assert title.loop_time_s() == pytest.approx(title.now_s - title.origin_s)


def test_a_match_stops_the_loop_and_the_title_starts_it_again(sound_front):
    front = sound_front
    music = start_title_music(front)
    old_sound = music.sound
    card = front.flow.start(MatchPlan("duet", MATCH_ARGS))
    assert isinstance(card, TipCardScene)
    frames(front)  # stopped before the card builds the match (which opens its own sound)
    assert not music.playing and not card.done
    frames(front, 3.0)
    play = front.stack.top
    assert isinstance(play, PlayScene)
    while play.phase is not Phase.PLAYING:
        frames(front)
    assert play.audio.engine is not None and play.audio.engine.available
    assert pygame.mixer.music.get_busy()  # the match's own song
    assert old_sound.get_num_channels() == 0  # and nothing of the title's
    assert all(
        pygame.mixer.Channel(i).get_sound() is not old_sound
        for i in range(pygame.mixer.get_num_channels())
    )
    assert not music.playing and music.starts == 1
    time.sleep(0.15)  # real time: past the engine's settling, its play head is read
    position = play.audio.engine.position_s()
    assert position is not None and position >= 0.0
    # back to the title (as from the results): the match's sound is closed, the loop restarts
    while front.stack.top is not None and not isinstance(front.stack.top, TitleScene):
        front.stack.pop()
    frames(front)
    assert music.playing and music.starts == 2 and music.sound is not old_sound
    assert pygame.mixer.Channel(0).get_sound() is music.sound


def test_the_idle_demo_has_quiet_and_the_loop_returns_after_it(sound_front):
    front = sound_front
    music = start_title_music(front)
    front.start_demo()
    frames(front)
    assert not music.playing
    front.stack.pop()  # any key ends the demo
    frames(front)
    assert music.playing and music.starts == 2


def test_a_mixer_already_open_at_another_rate_gets_the_loop_at_its_rate():
    pygame.mixer.pre_init(22050, -16, 2, 512)
    pygame.mixer.init()
    try:
        music = TitleMusic()
        title = TitleScene.__new__(TitleScene)
        music.follow([title], 0.8, 1.0)
        assert music.wait_ready()
        music.follow([title], 0.8, 1.1)
        assert music.playing and music.loop.rate_hz == 22050
        assert music.sound.get_length() == pytest.approx(cached_title_loop().length_s, abs=0.01)
        music.close()
        assert pygame.mixer.get_init()  # it did not open the mixer, so it leaves it open
    finally:
        pygame.mixer.quit()


# --- no sound, no device ------------------------------------------------------------------


def test_no_sound_runs_the_title_silently():
    seen = {}

    def hook(front, now_s):
        seen.setdefault("t0", now_s)
        seen["music"] = front.title_music
        if now_s - seen["t0"] > 0.5:
            front.ctx.quit()

    assert run_front(VirtualTimer(5.0), hooks=[hook], sound=False, vsync=False, fps=30.0) == 0
    music = seen["music"]
    assert music.starts == 0 and not music.playing and music.reason == "sound is off"
    assert music.loop is None  # nothing was rendered


def test_without_an_audio_device_the_title_is_silent_and_nothing_breaks():
    result = run_child(
        """
        import json
        from drumsync.game.front import run_front

        seen = {}

        def hook(front, now_s):
            music = front.title_music
            seen.setdefault("t0", now_s)
            if music.available is False or now_s - seen["t0"] > 10.0:
                seen.update(reason=music.reason, available=music.available,
                            playing=music.playing, starts=music.starts,
                            notices=list(front.stack.top.notices))
                front.ctx.quit()

        code = run_front(hooks=[hook], vsync=False, fps=30.0)
        print(json.dumps({"code": code, **seen}))
        """,
        {"SDL_AUDIODRIVER": "no-such-driver"},
    )
    assert result["code"] == 0
    assert result["available"] is False and not result["playing"] and result["starts"] == 0
    assert result["reason"].startswith("no audio device")
    assert "\n" not in result["reason"]
    # the player is told, on the title
    assert result["notices"] == [f"{result['reason']} - playing without sound"]


# --- what is heard: SDL's disk driver ------------------------------------------------------

#: Runs in the child: the title for TITLE_S (from the moment the loop starts), then a scene
#: that wants quiet for QUIET_S, then the title again for AGAIN_S.
DISK_CHILD = """
import json, sys
from drumsync.game.front import run_front
from drumsync.game.runtime.scenes import Scene
from drumsync.storage.settings import Settings, save_settings

volume, title_s, quiet_s, again_s = (float(a) for a in sys.argv[1:5])
save_settings(Settings(music_volume=volume))

class Quiet(Scene):
    title_music = False

quiet = Quiet()
state = {"phase": "wait", "since": None}
log = {}

def hook(front, now_s):
    music = front.title_music
    phase, since = state["phase"], state["since"]
    if phase == "wait":
        state["since"] = since = now_s if since is None else since
        if music.playing or now_s - since > 10.0:
            state.update(phase="title", since=now_s)
    elif phase == "title" and now_s - since >= title_s:
        log["playing_on_title"] = music.playing
        if quiet_s > 0:
            front.stack.push(quiet)
            state.update(phase="quiet", since=now_s)
        else:
            state.update(phase="end", since=now_s)
    elif phase == "quiet" and now_s - since >= quiet_s:
        log["playing_when_quiet"] = music.playing
        front.stack.pop()
        state.update(phase="again", since=now_s)
    elif phase == "again" and now_s - since >= again_s:
        state.update(phase="end", since=now_s)
    if state["phase"] == "end":
        log.update(starts=music.starts, reason=music.reason, render_ms=music.render_ms,
                   rate_hz=music.loop.rate_hz if music.loop else None,
                   playing_at_end=music.playing)
        front.ctx.quit()

log["code"] = run_front(hooks=[hook], vsync=False, fps=30.0)
print(json.dumps(log))
"""


def run_on_disk(tmp_path: Path, volume: float, title_s: float, quiet_s=0.0, again_s=0.0):
    raw = tmp_path / "out.raw"
    code = DISK_CHILD.replace("sys.argv[1:5]", repr([str(volume), title_s, quiet_s, again_s]))
    result = run_child(
        code,
        {
            "SDL_AUDIODRIVER": "disk",
            "SDL_DISKAUDIOFILE": str(raw),
            "DRUMSYNC_CONFIG_DIR": str(tmp_path / "config"),
            "DRUMSYNC_DATA_DIR": str(tmp_path / "data"),
        },
    )
    assert result["code"] == 0
    written = np.fromfile(raw, dtype="<i2").reshape(-1, 2) if raw.exists() else np.zeros((0, 2))
    return result, written


def zero_runs(samples: np.ndarray) -> list[tuple[int, int]]:
    """(start, length) of each run of frames that are exactly silent."""
    silent = np.concatenate([[False], ~np.any(samples != 0, axis=1), [False]])
    edges = np.flatnonzero(np.diff(silent.astype(np.int8)))
    return [(int(a), int(b - a)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def test_the_written_audio_is_the_loop_quietly_then_silence_then_the_loop_again(tmp_path):
    volume = 0.5
    result, written = run_on_disk(tmp_path, volume, title_s=0.8, quiet_s=0.8, again_s=0.6)
    assert result["playing_on_title"] and not result["playing_when_quiet"]
    assert result["starts"] == 2 and result["playing_at_end"], result["reason"]
    rate = result["rate_hz"]
    expected = to_int16(cached_title_loop(rate).samples).astype(np.int32)
    # The mixer opened with the loop: it starts at a buffer boundary, from its first sample,
    # at the music volume (SDL scales by volume/128, truncating).
    sounding = np.flatnonzero(np.any(written != 0, axis=1))
    assert len(sounding) > 0, "the title was silent"
    start = int(sounding[0])
    piece = written[start : start + rate // 2].astype(np.int32)
    np.testing.assert_allclose(piece, expected[: len(piece)] * volume, atol=2)
    peak = np.abs(written).max() / FULL_SCALE
    assert peak == pytest.approx(LEVEL * volume, rel=0.02)  # quiet: -18 dBFS here
    # The quiet scene silenced it (after a short fade), and the title started it again, from
    # the loop's start.
    runs = [run for run in zero_runs(written[start:]) if run[1] > 0.3 * rate]
    assert len(runs) == 1, runs
    gap_start, gap_len = runs[0]
    assert 0.5 * rate < gap_len < 1.3 * rate
    again = start + gap_start + gap_len
    assert again < len(written) - rate // 4
    piece = written[again : again + rate // 4].astype(np.int32)
    np.testing.assert_allclose(piece, expected[: len(piece)] * volume, atol=2)
    # It faded out rather than stopping dead: the last FADE_OUT_MS before the gap are quieter
    # than the loop at those places.
    fade = round(FADE_OUT_MS / 1000 * rate)
    at = np.arange(gap_start - fade, gap_start)
    heard = written[start + at].astype(np.float64)
    full = expected[at % len(expected)] * volume
    assert np.sum(heard**2) < 0.6 * np.sum(full**2)


def test_at_music_volume_zero_the_title_is_silent(tmp_path):
    result, written = run_on_disk(tmp_path, 0.0, title_s=0.8)
    assert result["playing_on_title"] and result["starts"] == 1
    assert len(written) > 0.5 * result["rate_hz"]  # the mixer ran ...
    assert not np.any(written)  # ... and wrote nothing but silence
