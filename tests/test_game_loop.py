"""The input loop: midpoint stamping, ~1 ms polling, frames only when due (fake clock)."""

from __future__ import annotations

import itertools

import pytest

from drumsync.game.runtime.input.poller import InputPoller
from drumsync.game.runtime.loop import FramePacer, MainLoop, VirtualTimer


class FakeClock:
    """perf_counter stand-in returning scripted times."""

    def __init__(self, times):
        self.times = list(times)

    def __call__(self):
        return self.times.pop(0)


class ScriptedKeyboard:
    """Events that 'happen' at given true times; a pump returns those that have happened."""

    def __init__(self, timer, arrivals):
        self.timer = timer
        self.pending = sorted(arrivals)

    def __call__(self):
        now = self.timer.now()
        due = [t for t in self.pending if t <= now]
        self.pending = [t for t in self.pending if t > now]
        return [("key", t) for t in due]


def test_poller_stamps_events_at_the_midpoint_of_the_last_two_polls():
    batches = [[], ["a", "b"], [], ["c"]]
    clock = FakeClock([10.000, 10.001, 10.003, 10.010, 10.012])
    poller = InputPoller(lambda: batches.pop(0), clock)
    assert poller.poll() == []
    a, b = poller.poll()
    assert (a.event, b.event) == ("a", "b")
    assert a.stamp_s == b.stamp_s == pytest.approx(10.002, abs=1e-12)
    assert poller.poll() == []
    [c] = poller.poll()
    assert c.event == "c" and c.stamp_s == pytest.approx(10.011)
    assert poller.polls == 4
    assert poller.reset_gap() == pytest.approx(0.007)
    assert poller.reset_gap() == 0.0


def test_poller_reads_the_clock_after_pumping():
    order = []
    poller = InputPoller(lambda: order.append("pump") or [], lambda: order.append("clock") or 0.0)
    order.clear()
    poller.poll()
    assert order == ["pump", "clock"]


def test_fixed_grid_pacer_without_vsync():
    pacer = FramePacer(0.010)
    assert pacer.due(0.0)
    pacer.presented(0.0, 0.004, 0.005)
    assert not pacer.due(0.009) and pacer.due(0.010)
    assert pacer.wait_s(0.007) == pytest.approx(0.003)
    pacer.presented(0.0105, 0.014, 0.015)
    assert pacer.next_due_s == pytest.approx(0.020)  # stays on the grid
    pacer.presented(0.020, 0.024, 0.060)  # a long stall: skip ahead, do not rush
    assert pacer.next_due_s == pytest.approx(0.070)


def test_vsync_pacer_starts_drawing_just_before_the_next_refresh():
    pacer = FramePacer(1 / 60, vsync=True, margin_s=0.002)
    for k in range(50):
        start = k * (1 / 60)
        pacer.presented(start, start + 0.004, start + 0.0165)
    lead = pacer.next_due_s - (49 * (1 / 60) + 0.0165)
    assert lead == pytest.approx(1 / 60 - 0.006, abs=2e-4)


def _run(timer, keyboard, render_cost_s, flip_cost_s, until_s, fps=60.0):
    dispatched = []
    frames = []

    def render(now_s):
        frames.append(now_s)
        timer.advance(render_cost_s)

    poller = InputPoller(keyboard, timer.now)
    loop = MainLoop(
        timer,
        poller,
        FramePacer(1 / fps),
        dispatched.append,
        render,
        lambda: timer.advance(flip_cost_s),
        lambda: timer.now() < until_s,
    )
    loop.run()
    return dispatched, frames, poller


def test_loop_renders_at_the_frame_rate_and_polls_about_every_millisecond():
    timer = VirtualTimer()
    keyboard = ScriptedKeyboard(timer, [])
    _, frames, poller = _run(timer, keyboard, 0.004, 0.0036, until_s=1.0)
    assert 59 <= len(frames) <= 61
    assert all(b - a == pytest.approx(1 / 60, abs=1e-3) for a, b in itertools.pairwise(frames))
    # 1 s minus 60 frames of 7.6 ms leaves ~540 ms idle, polled every ms (+3 polls per frame)
    assert 600 <= poller.polls <= 800


def test_stamps_track_true_press_times_within_half_the_widest_poll_gap():
    timer = VirtualTimer()
    arrivals = [0.0503 + 0.0371 * k for k in range(100)]
    keyboard = ScriptedKeyboard(timer, arrivals)
    dispatched, _, poller = _run(timer, keyboard, 0.004, 0.0036, until_s=4.0)
    assert [s.event[1] for s in dispatched] == arrivals
    errors = [s.stamp_s - s.event[1] for s in dispatched]
    # the widest gap is a render (4 ms) between polls: the flip has a poll before it
    assert poller.widest_gap_s == pytest.approx(0.004, abs=1e-6)
    assert max(abs(e) for e in errors) <= 0.002 + 1e-9
    idle = [e for e in errors if abs(e) <= 0.0005 + 1e-9]
    assert len(idle) >= 50  # most presses land while the loop idles, polling each ms


def test_events_are_dispatched_as_soon_as_they_are_polled_not_at_the_next_frame():
    timer = VirtualTimer()
    keyboard = ScriptedKeyboard(timer, [0.0205])
    seen_at = []
    poller = InputPoller(keyboard, timer.now)
    loop = MainLoop(
        timer,
        poller,
        FramePacer(1 / 30),
        lambda stamped: seen_at.append(timer.now()),
        lambda now_s: None,
        lambda: None,
        lambda: timer.now() < 0.1,
    )
    loop.run()
    assert len(seen_at) == 1
    assert seen_at[0] - 0.0205 <= 0.001 + 1e-9  # within a poll, though frames are 33 ms apart


def test_virtual_timer_only_moves_when_slept_on():
    timer = VirtualTimer(5.0)
    assert timer.now() == 5.0
    timer.sleep(0.25)
    timer.sleep(-1)
    assert timer.now() == 5.25
