"""The song transport: an ``AudioEngine`` and a ``SongClock`` driven together.

``start(buffer)`` plays the track and starts the clock; ``poll()`` feeds the clock the
engine's play head (call it often: every input poll); ``time_at(perf_s)`` converts an input
event's ``time.perf_counter()`` stamp to song time; ``pause()`` / ``resume()`` stop and
restart both, so chart and music stay aligned. With a silent engine the clock simply runs
on ``now_fn`` (wall-clock mode). The engine is passed in (duck-typed), so this module needs
no pygame and tests can drive it with a fake engine and a fake clock function.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from .clock import SongClock


class SongTransport:
    def __init__(
        self,
        engine,
        clock: SongClock | None = None,
        now_fn: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.engine = engine
        self.clock = clock or SongClock()
        self._now = now_fn

    @property
    def wall_clock(self) -> bool:
        """True when song time comes from ``now_fn`` only (no audio device)."""
        return not self.engine.available

    def start(self, buffer: np.ndarray) -> float:
        """Play ``buffer`` from sample 0 and start song time there."""
        self.engine.start_song(buffer)
        now = self._now()
        if self.engine.available:
            # The first buffer is mixed within one buffer period: start half-way, and let
            # the first position reading set the clock (forward only).
            return self.clock.start(now, -self.engine.buffer_s / 2)
        return self.clock.start(now, None)

    def poll(self, now_s: float | None = None) -> float:
        now = self._now() if now_s is None else now_s
        return self.clock.update(now, self.engine.position_s())

    def time_at(self, now_s: float) -> float:
        return self.clock.time_at(now_s)

    def pause(self, now_s: float | None = None) -> float:
        self.engine.pause()
        return self.clock.pause(self._now() if now_s is None else now_s)

    def resume(self, now_s: float | None = None) -> float:
        self.engine.resume()
        return self.clock.resume(self._now() if now_s is None else now_s)

    def stop(self) -> None:
        self.engine.stop()
        self.clock.pause(self._now())
