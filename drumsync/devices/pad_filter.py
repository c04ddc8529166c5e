"""Ghost hits and double triggers: the two ways a real pad lies about how often it was hit.

- Velocity threshold, per pad: a strike softer than the pad's threshold (a stick resting on
  the head, crosstalk from the pad next to it) is ignored.
- Debounce: a second strike of the same voice from the same device within ``debounce_ms``
  of the first is a double trigger (a mesh head ringing, a head and its rim firing together)
  and is dropped. The interval is still measured, so the input test can show it and the
  player can set the window just above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..core.voices import Voice

DEFAULT_DEBOUNCE_MS = 20.0
DEBOUNCE_RANGE_MS = (0.0, 100.0)
DEFAULT_THRESHOLD = 1
THRESHOLD_RANGE = (1, 127)


class Verdict(Enum):
    ACCEPTED = "accepted"
    UNMAPPED = "unmapped"
    GHOST = "below threshold"
    DOUBLE = "double trigger"
    PEDAL_OFF = "hi-hat pedal off"
    NO_PLAYER = "device not in use"


@dataclass(frozen=True, slots=True)
class Screened:
    """What the filter made of one strike; ``interval_ms`` is the time since the previous
    strike of the same voice on the same device (None for the first)."""

    verdict: Verdict
    interval_ms: float | None


class PadFilter:
    """Remembers the last accepted strike per (device, voice) and screens new ones."""

    def __init__(self) -> None:
        self._last_s: dict[tuple[str, Voice], float] = {}

    def reset(self) -> None:
        self._last_s.clear()

    def screen(
        self,
        device: str,
        voice: Voice,
        velocity: int,
        stamp_s: float,
        threshold: int,
        debounce_ms: float,
    ) -> Screened:
        if velocity < threshold:
            return Screened(Verdict.GHOST, None)
        key = (device, voice)
        last = self._last_s.get(key)
        interval_ms = None if last is None else (stamp_s - last) * 1000.0
        if interval_ms is not None and 0.0 <= interval_ms < debounce_ms:
            return Screened(Verdict.DOUBLE, interval_ms)
        self._last_s[key] = stamp_s
        return Screened(Verdict.ACCEPTED, interval_ms)
