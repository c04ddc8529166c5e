"""Song time on the shared clock (the host's clock; the joiner converts with its offset).

The song runs from ``song_s`` at shared instant ``at``; before ``at`` the clock reads less
than ``song_s`` (a countdown). A pause freezes it; a resume restarts it from a given song
time at a given instant, which both sides agree on, so both clocks read the same again.
Pure: the caller passes the shared time in.
"""

from __future__ import annotations


class SongClock:
    def __init__(self) -> None:
        self._at: float | None = None
        self._song_s = 0.0
        self._frozen_s: float | None = None

    @property
    def started(self) -> bool:
        return self._at is not None

    @property
    def anchor_at(self) -> float:
        """The shared instant of the latest start or resume (-inf before any)."""
        return self._at if self._at is not None else float("-inf")

    @property
    def paused(self) -> bool:
        return self._frozen_s is not None

    def start(self, at: float, song_s: float) -> None:
        """Run from ``song_s`` at shared time ``at`` (also how a resume is applied)."""
        self._at, self._song_s, self._frozen_s = float(at), float(song_s), None

    def pause(self, shared_now_s: float) -> float:
        """Freeze at the current song time (already paused: stay); returns the frozen time."""
        if self._frozen_s is None:
            self._frozen_s = self.song_time(shared_now_s)
        return self._frozen_s

    def song_time(self, shared_now_s: float) -> float:
        """The song time at ``shared_now_s`` (ValueError before :meth:`start`)."""
        if self._frozen_s is not None:
            return self._frozen_s
        if self._at is None:
            raise ValueError("the song clock has not been started")
        return self._song_s + (shared_now_s - self._at)

    def shared_time_of(self, song_s: float) -> float | None:
        """When (shared clock) the song reaches ``song_s``; None while paused or not started."""
        if self._frozen_s is not None or self._at is None:
            return None
        return self._at + (song_s - self._song_s)


__all__ = ["SongClock"]
