"""Per-player score: a fold of the combo rule over judgements, plus accuracy, offsets and grade.

The fold order is the judged-time order of a player's notes, ties broken by note index.
Each note judged perfect / great / good earns ``BASE_POINTS[tier]`` times a combo multiplier
and extends the combo; a miss (unhit, or consumed outside the good window) earns nothing and
resets the combo. Stray hits neither add points nor break the combo. The multiplier is
``1 + 0.1 * min(combo_before // 10, 10)``: 1.0x for the first 10 notes of a combo, 1.1x for
the next 10, ... 2.0x from a combo of 100. Points are integers (exact in any order of
evaluation), so the live judge and the batch scorer agree to the point.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np

from . import kernel
from .judgement import PlayerJudgements
from .kernel import calls
from .stats import mean_and_sd
from .voices import Player
from .windows import Tier

#: The ways to play a match: duet and solo score the pair as a team, versus each player for
#: their own points (practice and the demo are solo and duet matches set up differently).
MATCH_MODES = ("duet", "versus", "solo")

#: Points of each tier at 1.0x (perfect, great, good, miss).
BASE_POINTS = (1000, 750, 500, 0)
COMBO_STEP = 10
MAX_COMBO_STEPS = 10

#: (threshold accuracy percent, grade), best first; below the last threshold the grade is D.
GRADE_THRESHOLDS = ((95.0, "S"), (90.0, "A"), (80.0, "B"), (70.0, "C"))
LOWEST_GRADE = "D"

_MISS = int(Tier.MISS)


def points_for(tier: int, combo_before: int) -> int:
    """Points for one judged note given the combo before it."""
    steps = min(combo_before // COMBO_STEP, MAX_COMBO_STEPS)
    return BASE_POINTS[tier] * (10 + steps) // 10


def grade_for(accuracy_percent: float) -> str:
    for threshold, grade in GRADE_THRESHOLDS:
        if accuracy_percent >= threshold:
            return grade
    return LOWEST_GRADE


@dataclass(frozen=True, slots=True)
class TierCounts:
    perfect: int = 0
    great: int = 0
    good: int = 0
    miss: int = 0

    @classmethod
    def from_sequence(cls, counts) -> TierCounts:
        perfect, great, good, miss = (int(c) for c in counts)
        return cls(perfect, great, good, miss)

    @property
    def total(self) -> int:
        return self.perfect + self.great + self.good + self.miss

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.perfect, self.great, self.good, self.miss)

    def as_dict(self) -> dict[str, int]:
        return {"perfect": self.perfect, "great": self.great, "good": self.good, "miss": self.miss}


def accuracy_percent(counts: TierCounts) -> float:
    """Weighted accuracy (1.0 / 0.75 / 0.5 / 0) over the counted notes; 100 when none."""
    if counts.total == 0:
        return 100.0
    weight = counts.perfect + 0.75 * counts.great + 0.5 * counts.good
    return 100.0 * weight / counts.total


@dataclass(frozen=True, slots=True)
class LiveScore:
    """A player's score so far, as the live judge shows it."""

    points: int
    combo: int
    max_combo: int
    counts: TierCounts
    stray: int

    @property
    def judged(self) -> int:
        return self.counts.total

    @property
    def accuracy_percent(self) -> float:
        """Accuracy over the notes judged so far (100 before the first)."""
        return accuracy_percent(self.counts)


@dataclass(frozen=True, slots=True)
class PlayerScore:
    """A player's final result. Offset statistics are None when no note was hit.

    ``mean_offset_ms`` / ``sd_offset_ms`` (population SD) cover every note a hit consumed,
    consumed-as-miss included: that is the player's timing error, which calibration uses.
    """

    points: int
    combo: int
    max_combo: int
    counts: TierCounts
    stray: int
    note_count: int
    accuracy_percent: float
    mean_offset_ms: float | None
    sd_offset_ms: float | None
    grade: str

    def live(self) -> LiveScore:
        """The fields a :class:`LiveScore` shares (for comparing live and final results)."""
        return LiveScore(self.points, self.combo, self.max_combo, self.counts, self.stray)


def fold_order(judgements: PlayerJudgements) -> np.ndarray:
    """Note indices in fold order: judged time ascending, ties by note index."""
    # A stable sort keeps equal times in note order; judged times are nearly sorted already
    # (notes come in time order), which the stable sort (timsort) walks through quickly.
    return np.argsort(judgements.judged_time_s, kind="stable")


#: Points per combo step of each tier: ``BASE_POINTS[t] * (10 + s) // 10`` is exactly
#: ``BASE_POINTS[t] + STEP_POINTS[t] * s``, as every base is a multiple of 10.
STEP_POINTS = tuple(base // 10 for base in BASE_POINTS)
assert all(base % 10 == 0 for base in BASE_POINTS)


def fold_tiers(tiers: np.ndarray) -> tuple[int, int, int]:
    """Vectorised fold of tiers (in fold order): (points, final combo, max combo).

    A note's combo before it is the number of notes since the last miss; the points are the
    tiers' base points plus ``STEP_POINTS[tier]`` per combo step (a miss earns nothing).
    """
    tiers = np.asarray(tiers, dtype=np.int8)
    count = len(tiers)
    if count == 0:
        return 0, 0, 0
    # int32 positions (half the memory of int64) while they fit; points are summed in int64.
    index = np.int32 if count < 2**31 else np.int64
    is_miss = tiers == _MISS
    position = np.arange(count, dtype=index)
    last_miss = is_miss.astype(index)  # a miss's position, -1 elsewhere
    last_miss *= position + 1
    last_miss -= 1
    np.maximum.accumulate(last_miss, out=last_miss)
    position -= last_miss
    position -= 1  # the combo before each note (-1 at a miss, which earns nothing anyway)
    position //= COMBO_STEP
    np.minimum(position, MAX_COMBO_STEPS, out=position)
    steps = np.take(_STEP_POINTS, tiers)  # at most 100 points a step, 10 steps: no overflow
    steps *= position
    base = sum(
        points * int(np.count_nonzero(tiers == tier))
        for tier, points in enumerate(BASE_POINTS)
        if points
    )
    # The combos each miss (and the end) closes: the gaps between misses.
    edges = np.concatenate(([-1], np.flatnonzero(is_miss), [count]))
    runs = edges[1:] - edges[:-1] - 1
    return base + int(np.add.reduce(steps, dtype=np.int64)), int(runs[-1]), int(runs.max())


_STEP_POINTS = np.array(STEP_POINTS, dtype=np.int32)
#: The combo fold's rules as the compiled loops take them: base points, step points, the
#: miss tier, the combo step and the most combo steps.
FOLD_RULES = (
    np.array(BASE_POINTS, dtype=np.int64),
    np.array(STEP_POINTS, dtype=np.int64),
    _MISS,
    COMBO_STEP,
    MAX_COMBO_STEPS,
)


def score_player(judgements: PlayerJudgements) -> PlayerScore:
    """Fold one player's judgements into a :class:`PlayerScore`."""
    order = fold_order(judgements)
    library = kernel.compiled()
    if library is not None:
        points, combo, max_combo, tier_counts = calls.fold(
            library, judgements.tier, order, FOLD_RULES
        )
    else:
        points, combo, max_combo = fold_tiers(judgements.tier[order])
        tier_counts = judgements.tier_counts()
    return player_score(
        (points, combo, max_combo),
        tier_counts,
        judgements.stray_count,
        len(judgements),
        judgements.offset_ms[judgements.hit_mask],
    )


def player_score(
    fold: tuple[int, int, int],
    tier_counts,
    stray: int,
    note_count: int,
    hit_offsets_ms: np.ndarray,
) -> PlayerScore:
    """A :class:`PlayerScore` from the fold's (points, final combo, max combo), the count of
    each tier, the strays, the notes in the part and the hit notes' offsets in note order."""
    counts = TierCounts.from_sequence(tier_counts)
    mean, sd = mean_and_sd(hit_offsets_ms)
    accuracy = accuracy_percent(counts)
    points, combo, max_combo = fold
    return PlayerScore(
        points=points,
        combo=combo,
        max_combo=max_combo,
        counts=counts,
        stray=stray,
        note_count=note_count,
        accuracy_percent=accuracy,
        mean_offset_ms=mean,
        sd_offset_ms=sd,
        grade=grade_for(accuracy),
    )


class ComboFold:
    """The same fold, one judgement at a time, for live play.

    Judgements arrive roughly in fold order; a few may arrive just after later-keyed ones
    (a chord hit in the same poll, a miss settled at the same instant). The last 64..128
    items are kept with the state after each, so a late arrival is slotted in and the
    items after it refolded. ``add`` returns False when an item belongs before everything
    kept; the caller then calls :meth:`rebuild` with everything judged so far.
    """

    TAIL = 64

    def __init__(self) -> None:
        self._base = (0, 0, 0)  # (points, combo, max_combo) before the tail
        self._base_key: tuple[float, int] | None = None  # last key folded into the base
        # ((time_s, note_index), tier, state after this item), in fold order
        self._tail: list[tuple[tuple[float, int], int, tuple[int, int, int]]] = []
        self._state = self._base
        self._counts = [0, 0, 0, 0]

    @staticmethod
    def _step(state: tuple[int, int, int], tier: int) -> tuple[int, int, int]:
        points, combo, max_combo = state
        if tier == _MISS:
            return points, 0, max_combo
        steps = combo // COMBO_STEP
        if steps > MAX_COMBO_STEPS:
            steps = MAX_COMBO_STEPS
        combo += 1
        return (
            points + BASE_POINTS[tier] * (10 + steps) // 10,
            combo,
            combo if combo > max_combo else max_combo,
        )

    def add(self, time_s: float, note_index: int, tier: int) -> bool:
        key = (time_s, note_index)
        tail = self._tail
        if not tail or key > tail[-1][0]:
            self._state = state = self._step(self._state, tier)
            tail.append((key, tier, state))
            if len(tail) >= 2 * self.TAIL:
                self._base_key, _, self._base = tail[self.TAIL - 1]
                del tail[: self.TAIL]
        elif self._base_key is None or key > self._base_key:
            position = bisect.bisect(tail, key, key=lambda item: item[0])
            state = tail[position - 1][2] if position else self._base
            tail.insert(position, (key, tier, state))
            for i in range(position, len(tail)):
                item_key, item_tier, _ = tail[i]
                state = self._step(state, item_tier)
                tail[i] = (item_key, item_tier, state)
            self._state = state
        else:
            return False
        self._counts[tier] += 1
        return True

    def rebuild(self, items: list[tuple[float, int, int]]) -> None:
        """Refold from scratch over every (time_s, note_index, tier) judged so far."""
        self.__init__()
        for time_s, note_index, tier in sorted(items):
            self.add(time_s, note_index, tier)

    def live(self, stray: int) -> LiveScore:
        points, combo, max_combo = self._state
        return LiveScore(points, combo, max_combo, TierCounts.from_sequence(self._counts), stray)


#: Team percent weights: each player's accuracy and the sync percent.
TEAM_WEIGHTS = (0.25, 0.25, 0.5)


@dataclass(frozen=True, slots=True)
class TeamScore:
    """The pair's result.

    ``percent = 0.25 * accuracy_p1 + 0.25 * accuracy_p2 + 0.5 * sync_percent``: playing the
    chart well is half of it, playing it *together* is the other half. When the chart has no
    time points the two parts share (sync percent is None), it is the mean of the accuracies.
    ``points = points_p1 + points_p2 + sync_bonus`` where the sync bonus pays each shared time
    point by its sync tier (see :mod:`drumsync.core.sync`).
    """

    percent: float
    points: int
    sync_bonus: int


def team_percent(accuracy_p1: float, accuracy_p2: float, sync_percent: float | None) -> float:
    """The team percent (see :class:`TeamScore`): live during the match and final after it."""
    w1, w2, w_sync = TEAM_WEIGHTS
    if sync_percent is None:
        return (accuracy_p1 + accuracy_p2) / 2
    return w1 * accuracy_p1 + w2 * accuracy_p2 + w_sync * sync_percent


def team_score(
    p1: PlayerScore, p2: PlayerScore, sync_percent: float | None, sync_bonus: int
) -> TeamScore:
    percent = team_percent(p1.accuracy_percent, p2.accuracy_percent, sync_percent)
    return TeamScore(percent, p1.points + p2.points + sync_bonus, sync_bonus)


@dataclass(frozen=True, slots=True)
class VersusResult:
    """Who leads (or won) a versus match: ``leader`` None when even; ``margin`` in points."""

    leader: Player | None
    margin: int


def versus_result(points_p1: int, points_p2: int) -> VersusResult:
    """The versus rule: more points leads (wins at the end); equal points are even (a draw)."""
    if points_p1 == points_p2:
        return VersusResult(None, 0)
    return VersusResult(
        Player.P1 if points_p1 > points_p2 else Player.P2, abs(points_p1 - points_p2)
    )


__all__ = [
    "BASE_POINTS",
    "COMBO_STEP",
    "FOLD_RULES",
    "GRADE_THRESHOLDS",
    "MATCH_MODES",
    "MAX_COMBO_STEPS",
    "TEAM_WEIGHTS",
    "ComboFold",
    "LiveScore",
    "PlayerScore",
    "TeamScore",
    "TierCounts",
    "VersusResult",
    "accuracy_percent",
    "fold_order",
    "fold_tiers",
    "grade_for",
    "player_score",
    "points_for",
    "score_player",
    "team_percent",
    "team_score",
    "versus_result",
]
