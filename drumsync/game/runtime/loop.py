"""The input loop: poll about every millisecond, render only when a frame is due.

Scenes that need no precise input stamps (the title) let the loop sleep until the next frame
is due instead, and a scene may ask for fewer frames than the display shows: an idle screen
then costs little CPU, while a match keeps its 1 kHz polling.

Each poll stamps every event at the midpoint of this poll and the previous one
(:class:`~drumsync.game.runtime.input.poller.InputPoller`). Events are dispatched at once, not
at the next frame, so hit sounds and judging never wait for rendering. There is an extra poll
between drawing and the (possibly blocking) flip, which halves the widest gap between polls.

Gameplay is never paced by ``pygame.time.Clock.tick``: it rounds to whole ms and sleeps through
input. Time comes from a :class:`Timer`; tests and headless matches use :class:`VirtualTimer`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Protocol

from .input.poller import POLL_INTERVAL_S, InputPoller, Stamped

#: Longest sleep between polls when no scene needs fast input (a frame at 20 fps).
MAX_IDLE_SLEEP_S = 0.05


class Timer(Protocol):
    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class RealTimer:
    """The wall clock: ``time.perf_counter`` and ``time.sleep``."""

    def now(self) -> float:
        return time.perf_counter()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class VirtualTimer:
    """A clock that only moves when slept on (or told to): deterministic, as fast as the CPU."""

    def __init__(self, start_s: float = 0.0) -> None:
        self._now_s = float(start_s)

    def now(self) -> float:
        return self._now_s

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._now_s += seconds

    def advance(self, seconds: float) -> None:
        self.sleep(seconds)


class FramePacer:
    """Decides when the next frame is due.

    Without vsync frames sit on a fixed grid (``interval_s`` apart). With vsync the flip blocks
    until the display's refresh, and nothing is polled meanwhile; so the next frame starts as
    late as it can, ``lead_s`` (the smoothed cost of drawing plus a margin) before the refresh
    that follows the last flip, and the flip has little left to wait for.
    """

    def __init__(self, interval_s: float, vsync: bool = False, margin_s: float = 0.002) -> None:
        if interval_s <= 0:
            raise ValueError("frame interval must be positive")
        self.interval_s = float(interval_s)
        self.vsync = vsync
        self.margin_s = margin_s
        self.draw_cost_s = 0.004
        #: smoothed time a flip takes to return (without vsync: when the frame is shown)
        self.flip_cost_s = 0.0
        #: smoothed interval between flips that followed each other (the measured frame rate)
        self.measured_interval_s = self.interval_s
        self.last_flip_s: float | None = None
        self.next_due_s: float | None = None
        self.frames = 0
        #: A longer interval asked for by what is on screen (an idle title needs fewer frames).
        self.scene_interval_s = 0.0

    def due(self, now_s: float) -> bool:
        return self.next_due_s is None or now_s >= self.next_due_s

    def wait_s(self, now_s: float) -> float:
        return 0.0 if self.next_due_s is None else max(0.0, self.next_due_s - now_s)

    def present_at(self, start_s: float) -> float:
        """When a frame begun at ``start_s`` will be shown: after its drawing and flip (both
        smoothed, as measured), and with vsync at the first refresh after that on the grid of
        the measured frame interval. Frames are drawn for this time, not for ``start_s``."""
        ready_s = start_s + self.draw_cost_s
        if self.vsync and self.last_flip_s is not None:
            interval = self.measured_interval_s
            refreshes = max(1, math.ceil((ready_s - self.last_flip_s) / interval))
            return self.last_flip_s + refreshes * interval
        return ready_s + self.flip_cost_s

    def presented(self, start_s: float, drawn_s: float, flipped_s: float) -> None:
        """A frame began at ``start_s``, was drawn by ``drawn_s`` and flipped by ``flipped_s``."""
        self.frames += 1
        self.draw_cost_s += 0.1 * ((drawn_s - start_s) - self.draw_cost_s)
        self.flip_cost_s += 0.1 * ((flipped_s - drawn_s) - self.flip_cost_s)
        if self.last_flip_s is not None:
            gap = flipped_s - self.last_flip_s
            if 0.5 * self.interval_s <= gap <= 1.5 * self.interval_s:
                self.measured_interval_s += 0.05 * (gap - self.measured_interval_s)
        self.last_flip_s = flipped_s
        interval = max(self.interval_s, self.scene_interval_s)
        if self.vsync:
            lead = min(self.draw_cost_s + self.margin_s, self.interval_s * 0.75)
            self.next_due_s = flipped_s + interval - lead
            return
        base = start_s if self.next_due_s is None else self.next_due_s
        self.next_due_s = base + interval
        if flipped_s > self.next_due_s + interval:  # fell behind: skip, don't rush
            self.next_due_s = flipped_s + interval


class MainLoop:
    """Poll, dispatch, and render when due, until ``running()`` says stop.

    ``dispatch(stamped)`` gets each event as soon as it is polled; ``render(now_s)`` updates
    and draws a frame for the latest poll time; ``flip()`` shows it.
    """

    def __init__(
        self,
        timer: Timer,
        poller: InputPoller,
        pacer: FramePacer,
        dispatch: Callable[[Stamped], None],
        render: Callable[[float], None],
        flip: Callable[[], None],
        running: Callable[[], bool],
        poll_interval_s: float | Callable[[], float | None] = POLL_INTERVAL_S,
    ) -> None:
        self.timer = timer
        self.poller = poller
        self.pacer = pacer
        self.dispatch = dispatch
        self.render = render
        self.flip = flip
        self.running = running
        #: seconds between polls, or a function giving them (None: sleep until a frame is due)
        self.poll_interval_s = poll_interval_s

    def _poll(self) -> None:
        for stamped in self.poller.poll():
            self.dispatch(stamped)

    def step(self) -> bool:
        """One turn: poll, then either a frame or a short sleep. False once stopped."""
        self._poll()
        if not self.running():
            return False
        now_s = self.poller.last_poll_s
        if self.pacer.due(now_s):
            self.render(now_s)
            drawn_s = self.timer.now()
            self._poll()
            self.flip()
            flipped_s = self.timer.now()
            self.pacer.presented(now_s, drawn_s, flipped_s)
        else:
            interval = self.poll_interval_s
            interval = interval() if callable(interval) else interval
            if interval is None:  # nothing needs input before the next frame: sleep till then
                interval = MAX_IDLE_SLEEP_S
            self.timer.sleep(min(interval, self.pacer.wait_s(now_s)))
        return self.running()

    def run(self) -> None:
        while self.step():
            pass
