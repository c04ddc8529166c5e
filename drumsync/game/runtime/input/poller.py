"""Keyboard (and any event-queue) input: poll about every millisecond, stamp each event.

Events carry no usable timestamp (pygame-ce 2.5.8 gives none; SDL's is whole ms taken when the
event entered its queue), so each poll reads the timer right after pumping and stamps every
event it got at the midpoint of this poll and the previous one: the key went down somewhere in
between (StepMania's ``m_LastUpdate.Half()``). The main loop (``runtime.loop``) calls
:meth:`InputPoller.poll` between frames and dispatches what it returns at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

POLL_INTERVAL_S = 0.001


@dataclass(frozen=True, slots=True)
class Stamped:
    """An input event and its time on the perf-counter scale (seconds)."""

    stamp_s: float
    event: Any


class InputPoller:
    """Pumps an event source and stamps what it returns at the midpoint of the last two polls."""

    def __init__(self, source: Callable[[], Iterable[Any]], now: Callable[[], float]) -> None:
        self._source = source
        self._now = now
        self.last_poll_s = now()
        self.previous_poll_s = self.last_poll_s
        self.polls = 0
        self.widest_gap_s = 0.0

    def poll(self) -> list[Stamped]:
        events = list(self._source())
        poll_s = self._now()
        gap = poll_s - self.last_poll_s
        if gap > self.widest_gap_s:
            self.widest_gap_s = gap
        stamp_s = self.last_poll_s + gap / 2.0
        self.previous_poll_s, self.last_poll_s = self.last_poll_s, poll_s
        self.polls += 1
        if not events:
            return []
        return [Stamped(stamp_s, event) for event in events]

    def reset_gap(self) -> float:
        """The widest gap between polls since the last reset (then forget it)."""
        widest, self.widest_gap_s = self.widest_gap_s, 0.0
        return widest
