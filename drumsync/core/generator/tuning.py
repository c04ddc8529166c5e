"""Tune the intensity (level, thinning) so the chart's rating lands on the request.

The level picks the kind of groove (secant steps inside a shrinking bracket); thinning
then trims the lightest level that rates at or above the target, by bisection. Long
songs are searched on a probe (their first phrases and one section of each kind), then
the thinning is corrected on the whole song if the probe's rating did not carry over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..rating import combine, rate_notes
from .assemble import PlayerNotes, render_players
from .feel import LEVEL_MAX, LEVEL_MIN
from .grid import STEPS_PER_BEAT
from .plan import PhrasePlan, SongPlan

PROBE_BARS = 24
LEVEL_STEPS = 7
THIN_STEPS = 6
TOLERANCE = 0.25
FULL_TOLERANCE = 0.35


@dataclass(frozen=True, eq=False)
class Tuned:
    level: float
    thinning: float
    rating: float
    players: tuple[PlayerNotes, PlayerNotes]


def players_rating(plan: SongPlan, players: tuple[PlayerNotes, PlayerNotes], lead_s: float):
    """Unrounded chart rating of rendered notes (as ``rate_chart`` computes it)."""
    ratings = []
    for index, notes in enumerate(players):
        if index and notes is players[0]:  # unison: both players have the same notes
            ratings.append(ratings[0])
            continue
        beat = notes.step.astype(np.float64) / STEPS_PER_BEAT
        ratings.append(rate_notes(lead_s + plan.seconds(beat), beat, notes.voice))
    return combine(ratings)


class _Trials:
    """Renders and rates (level, thinning) pairs, remembering the closest to the target."""

    def __init__(self, plan: SongPlan, lead_s: float, phrases: tuple[PhrasePlan, ...] | None):
        self.plan, self.lead_s, self.phrases = plan, lead_s, phrases
        self.target = float(plan.args.difficulty)
        self.tried: list[Tuned] = []

    def rate(self, level: float, thinning: float) -> float:
        players = render_players(self.plan, level, thinning, self.phrases)
        rating = players_rating(self.plan, players, self.lead_s)
        self.tried.append(Tuned(level, thinning, rating, players))
        return rating

    def close(self, rating: float, tolerance: float = TOLERANCE) -> bool:
        return abs(rating - self.target) <= tolerance

    def best(self) -> Tuned:
        return min(self.tried, key=lambda t: (abs(t.rating - self.target), t.level, t.thinning))


def _bisect_thinning(trials: _Trials, level: float, a: float, b: float) -> None:
    """Thinning in [a, b] where rating(a) >= target >= rating(b) (ratings fall with thinning)."""
    for _ in range(THIN_STEPS):
        middle = (a + b) / 2.0
        rating = trials.rate(level, middle)
        if trials.close(rating):
            return
        if rating > trials.target:
            a = middle
        else:
            b = middle


def _search(trials: _Trials) -> Tuned:
    target = trials.target
    lo, hi, reached = LEVEL_MIN, LEVEL_MAX, False
    level = target
    for _ in range(LEVEL_STEPS):
        rating = trials.rate(level, 0.0)
        if trials.close(rating):
            return trials.best()
        if rating < target:
            lo = level
        else:
            hi, reached = level, True
        nxt = level + (target - rating)
        if not lo < nxt < hi:
            nxt = (lo + hi) / 2.0
        if hi - lo < 0.1:
            break
        level = nxt
    if reached:
        _bisect_thinning(trials, hi, 0.0, 1.0)
    return trials.best()


def tune(plan: SongPlan, lead_s: float) -> Tuned:
    """The (level, thinning) whose full rendering rates closest to the difficulty."""
    probe = plan.probe(PROBE_BARS)
    if len(probe) == len(plan.phrases):
        return _search(_Trials(plan, lead_s, None))
    found = _search(_Trials(plan, lead_s, probe))
    full = _Trials(plan, lead_s, None)
    rating = full.rate(found.level, found.thinning)
    if not full.close(rating, FULL_TOLERANCE):
        if rating > full.target:
            _bisect_thinning(full, found.level, found.thinning, 1.0)
        else:
            _bisect_thinning(full, found.level, 0.0, found.thinning)
    return full.best()


__all__: list[str] = ["Tuned", "players_rating", "tune"]
