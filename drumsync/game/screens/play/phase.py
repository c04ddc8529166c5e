"""Where a match stands (ready, playing, paused, resuming, finished) and how long each count
of the resume count-down lasts."""

from __future__ import annotations

from enum import Enum


class Phase(Enum):
    READY = "ready"  # before the music: notes wait at song time 0
    PLAYING = "playing"
    PAUSED = "paused"  # the pause menu is on top
    RESUMING = "resuming"  # count-down after the pause menu
    FINISHED = "finished"


def resume_step_s(seconds_per_beat: float) -> float:
    """Length of one count of the resume count-down: a beat, within 0.4..1.0 s."""
    return min(1.0, max(0.4, seconds_per_beat))
