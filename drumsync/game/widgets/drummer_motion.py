"""When a drummer's hands and drums move, in time with a chart: pure maths, no drawing.

Each hand's stick rests on its drum at a hit's time, springs up after it and comes down for
the next one; each drum flashes and each cymbal wobbles after its hit; the head nods on the
beat (:func:`pose_at`). :mod:`.drummer_art` paints the pose.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ...core.chart import Part
from ...core.voices import Voice

#: Seconds for a stick to spring up after a hit, and to come down onto the next.
RISE_S = 0.13
FALL_S = 0.09
FLASH_S = 0.22
WOBBLE_S = 0.45
WOBBLE_HZ = 5.0
RIGHT_HAND = (Voice.HIHAT, Voice.CRASH)


# --- timing: when each hand and drum was last / next struck ---------------------------------


@dataclass(frozen=True, slots=True)
class KitTimeline:
    """Hit times (seconds, sorted) per voice over one loop of ``length_s`` from ``start_s``."""

    start_s: float
    length_s: float
    beat_s: float
    hits: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # indexed by Voice

    @classmethod
    def from_part(cls, part: Part, start_s: float, end_s: float, beat_s: float) -> KitTimeline:
        """The part's notes in ``[start_s, end_s)``, relative to ``start_s``, looped."""
        if end_s <= start_s:
            raise ValueError("the loop must have a positive length")
        inside = (part.time_s >= start_s) & (part.time_s < end_s)
        times = np.asarray(part.time_s[inside], dtype=np.float64) - start_s
        voices = np.asarray(part.voice[inside])
        hits = tuple(np.sort(times[voices == int(v)]) for v in Voice)
        return cls(float(start_s), float(end_s - start_s), float(beat_s), hits)  # type: ignore[arg-type]

    def local(self, t: float) -> float:
        """``t`` folded into the loop: seconds since the loop's start."""
        return (t - self.start_s) % self.length_s

    def around(
        self, voices: Sequence[Voice], t: float
    ) -> tuple[float, Voice | None, float, Voice | None]:
        """(seconds since the last hit, its voice, seconds to the next hit, its voice) of the
        given voices at ``t``; ``inf`` and None when the loop has none of them."""
        u = self.local(t)
        since, since_voice = math.inf, None
        until, until_voice = math.inf, None
        for voice in voices:
            times = self.hits[int(voice)]
            if len(times) == 0:
                continue
            i = int(np.searchsorted(times, u, side="right"))
            last = times[i - 1] if i > 0 else times[-1] - self.length_s
            nxt = times[i] if i < len(times) else times[0] + self.length_s
            if u - last < since:
                since, since_voice = u - last, voice
            if nxt - u < until:
                until, until_voice = nxt - u, voice
        return since, since_voice, until, until_voice


@dataclass(frozen=True, slots=True)
class Pose:
    """Where everything is at one moment: stick lifts 0 (on the drum) .. 1 (raised), the
    cymbal each stick is over, flash 0..1 per voice, cymbal tilt, head nod in px."""

    right_lift: float
    right_target: Voice
    left_lift: float
    flash: tuple[float, float, float, float]
    crash_tilt: float
    hihat_tilt: float
    nod: float


def stick_lift(since_s: float, until_s: float) -> float:
    """0 at a hit, springing up after it (ease-out) and falling onto the next one."""
    rise = 1.0 if since_s >= RISE_S else 1.0 - (1.0 - since_s / RISE_S) ** 2
    fall = 1.0 if until_s >= FALL_S else (until_s / FALL_S) ** 0.8
    return max(0.0, min(rise, fall))


def flash_amount(since_s: float) -> float:
    return 0.0 if since_s >= FLASH_S else (1.0 - since_s / FLASH_S) ** 2


def wobble(since_s: float) -> float:
    """Tilt (radians) of a cymbal ``since_s`` after its hit: a damped swing."""
    if since_s >= WOBBLE_S:
        return 0.0
    decay = 1.0 - since_s / WOBBLE_S
    return 0.16 * decay * decay * math.sin(2 * math.pi * WOBBLE_HZ * since_s)


def pose_at(timeline: KitTimeline, t: float) -> Pose:
    since_r, voice_r, until_r, next_r = timeline.around(RIGHT_HAND, t)
    since_l, _, until_l, _ = timeline.around((Voice.SNARE,), t)
    # over the cymbal it is coming down on, or the one it just left when it is rising
    rising = since_r < RISE_S and (until_r > FALL_S)
    target = (voice_r if rising else next_r) or voice_r or Voice.HIHAT
    flash = []
    for voice in Voice:
        since, *_ = timeline.around((voice,), t)
        flash.append(flash_amount(since))
    beat_phase = (timeline.local(t) / timeline.beat_s) % 1.0
    return Pose(
        right_lift=stick_lift(since_r, until_r),
        right_target=target,
        left_lift=stick_lift(since_l, until_l),
        flash=tuple(flash),  # type: ignore[arg-type]
        crash_tilt=wobble(timeline.around((Voice.CRASH,), t)[0]),
        hihat_tilt=0.5 * wobble(timeline.around((Voice.HIHAT,), t)[0]),
        nod=4.0 * (1.0 - beat_phase) ** 3,
    )


__all__ = ["KitTimeline", "Pose", "flash_amount", "pose_at", "stick_lift", "wobble"]
