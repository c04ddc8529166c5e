"""An adaptive drummer that listens: phase correction, period correction and anticipation.

A simplified ADAM (van der Steen & Keller 2013, "The ADaptation and Anticipation Model
(ADAM) of sensorimotor synchronization", Front Hum Neurosci 7:253) on the linear
phase-correction model of Vorberg & Wing. The drummer is an incremental object: it hears
the partner's hits in song time (:meth:`AdaptiveDrummer.hear`) and produces its own hit
times group by group (notes at one chart time form a group). The same object drives a bot
in the live game and in headless runs, so both give the same hits for the same inputs.

For group k at chart time ``c_k`` the bot decides at song time ``c_k - DECISION_LEAD_S``
(the motor command goes out about 100 ms ahead), using only hits heard by then. In ms,
with ``A`` its asynchrony to the chart (negative = early), ``x`` the timekeeper's::

    e      = A[k-1] - (P + anticipation * s * beats since P)    new partner hit heard
           = 0                                                   otherwise
    x[k]   = x[k-1] + period * g + sd_ms * sqrt(g) * z_T
             - alpha * e - chart_alpha * (A[k-1] - mean_ms)
    period = period - beta * e
    A[k]   = x[k] + motor_sd_ms * z_M                 (each note adds its limb offset)

``g`` is the gap to the previous group in beats, ``P`` the partner's latest asynchrony to
their own chart note, ``s`` the partner's tempo trend (least-squares slope of their last
``TREND_HITS`` asynchronies, ms per beat): ADAM's anticipation extrapolates it to where the
partner will be. Each partner hit corrects once. ``A[k-1]`` is the bot's own intended
asynchrony (the efference copy), so its decisions never wait on its own sound.

Of the plain drummer fields an adaptive bot uses ``mean_ms`` (its aim against the music),
``sd_ms`` (timekeeper noise per beat), ``motor_sd_ms``, ``miss_p``, ``hand_sd_ms`` and the
limb offsets; ``drift_*``, ``stray_p`` and ``pull`` belong to the scripted drummers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .chart import Chart
from .drummers import DrummerModel
from .events import InputEvent
from .voices import Player, Voice

#: How long before a group's chart time the bot commits to its hit (s).
DECISION_LEAD_S = 0.1
#: A partner hit farther than this from every partner note is not used as a reference (s).
MATCH_WINDOW_S = 0.15
#: Partner hits in the tempo-trend fit (ADAM's anticipation).
TREND_HITS = 4


@dataclass(frozen=True, slots=True)
class _Group:
    chart_s: float
    gap_beats: float
    note_voices: tuple[int, ...]


class AdaptiveDrummer:
    """One adaptive bot playing ``player``'s part of ``chart``; seeded and deterministic."""

    def __init__(self, chart: Chart, player: Player, model: DrummerModel, seed: int = 0) -> None:
        self.player = Player(player)
        self.model = model
        part = chart.part(self.player)
        times = np.asarray(part.time_s, dtype=np.float64)
        voices = np.asarray(part.voice, dtype=np.int64)
        group_times, first = np.unique(times, return_index=True)
        bounds = [*first.tolist(), len(times)]
        beat_s = chart.seconds_per_beat
        self._beat_s = beat_s
        groups = []
        previous = None
        for g, time_s in enumerate(group_times.tolist()):
            gap = 1.0 if previous is None else (time_s - previous) / beat_s
            groups.append(_Group(time_s, gap, tuple(voices[bounds[g] : bounds[g + 1]].tolist())))
            previous = time_s
        self._groups = groups
        partner_times = np.unique(np.asarray(chart.part(self.player.other).time_s, dtype=float))
        self._partner_notes = partner_times
        rng = np.random.default_rng([seed, int(self.player), 7])
        n, notes = len(groups), len(times)
        self._z_timekeeper = rng.standard_normal(n).tolist()
        self._z_motor = rng.standard_normal(n).tolist()
        self._z_hand = rng.standard_normal(notes).tolist()
        self._u_miss = rng.random(notes).tolist()
        self._first_note = [int(f) for f in first.tolist()]
        self._limb_ms = model.limb_offsets_ms()
        # State of the model.
        self._next_group = 0
        self._timekeeper_ms = model.mean_ms
        self._asynchrony_ms = model.mean_ms
        self._period_ms = 0.0
        self._partner: list[tuple[float, float]] = []  # (partner note time s, asynchrony ms)
        self._partner_fresh = False
        self._unheard: list[float] = []
        self._pending: list[InputEvent] = []
        self.asynchronies_ms: list[float] = []  # the intended asynchrony of each group played

    # -- inputs -------------------------------------------------------------------------
    def hear(self, time_s: float) -> None:
        """The partner hit at ``time_s`` (song time); hits come in time order.

        A hit takes effect at the first decision at or after its time, however early it was
        handed over, so a live loop that feeds a whole frame's hits at once decides exactly
        as a headless run does.
        """
        self._unheard.append(float(time_s))

    def _absorb(self, time_s: float) -> None:
        notes = self._partner_notes
        if len(notes) == 0:
            return
        i = int(np.searchsorted(notes, time_s))
        candidates = [j for j in (i - 1, i) if 0 <= j < len(notes)]
        j = min(candidates, key=lambda c: abs(notes[c] - time_s))
        if abs(notes[j] - time_s) > MATCH_WINDOW_S:
            return
        asynchrony_ms = (time_s - float(notes[j])) * 1000.0
        if self._partner and self._partner[-1][0] == float(notes[j]):
            return  # a second hand on the same partner note: the first one counts
        self._partner.append((float(notes[j]), asynchrony_ms))
        del self._partner[:-TREND_HITS]
        self._partner_fresh = True

    # -- outputs ------------------------------------------------------------------------
    def next_decision_s(self) -> float:
        """Song time of the next decision (inf when every group is decided)."""
        if self._next_group >= len(self._groups):
            return math.inf
        return self._groups[self._next_group].chart_s - DECISION_LEAD_S

    def next_hit_s(self) -> float:
        """Song time of the earliest decided hit not yet taken (inf when none)."""
        return self._pending[0].time_s if self._pending else math.inf

    def decide(self) -> None:
        """Plan the next group's hits from what has been heard so far."""
        m = self.model
        k = self._next_group
        group = self._groups[k]
        decision_s = group.chart_s - DECISION_LEAD_S
        while self._unheard and self._unheard[0] <= decision_s:
            self._absorb(self._unheard.pop(0))
        error = 0.0
        if self._partner_fresh and self._partner:
            note_s, partner_ms = self._partner[-1]
            beats_ahead = (group.chart_s - note_s) / self._beat_s
            predicted = partner_ms + m.anticipation * self._trend_ms_per_beat() * beats_ahead
            error = self._asynchrony_ms - predicted
            self._partner_fresh = False
        chart_error = self._asynchrony_ms - m.mean_ms
        gap = group.gap_beats
        self._timekeeper_ms += (
            self._period_ms * gap
            + m.sd_ms * math.sqrt(gap) * self._z_timekeeper[k]
            - m.alpha * error
            - m.chart_alpha * chart_error
        )
        self._period_ms -= m.beta * error
        self._asynchrony_ms = self._timekeeper_ms + m.motor_sd_ms * self._z_motor[k]
        self.asynchronies_ms.append(self._asynchrony_ms)
        self._next_group += 1
        chord = len(group.note_voices) > 1
        for offset, voice in enumerate(group.note_voices):
            note = self._first_note[k] + offset
            if self._u_miss[note] < m.miss_p:
                continue
            jitter = m.hand_sd_ms * self._z_hand[note] if chord else 0.0
            ms = self._asynchrony_ms + jitter + self._limb_ms[voice]
            time_s = max(decision_s, group.chart_s + ms / 1000.0)
            self._pending.append(InputEvent(time_s, self.player, Voice(voice), m.source))
        self._pending.sort(key=lambda e: (e.time_s, int(e.voice)))

    def take_hit(self) -> InputEvent:
        return self._pending.pop(0)

    def advance(self, now_s: float) -> list[InputEvent]:
        """Live play: decide and release every hit due by ``now_s``, in time order.

        Feed the partner's hits up to ``now_s`` through :meth:`hear` first; then the bot's
        hits equal what a headless run (:func:`play_pair`) gives for the same partner hits.
        """
        out = []
        while True:
            decision, hit = self.next_decision_s(), self.next_hit_s()
            if min(decision, hit) > now_s:
                return out
            if hit <= decision:
                out.append(self.take_hit())
            else:
                self.decide()

    def _trend_ms_per_beat(self) -> float:
        if len(self._partner) < 2:
            return 0.0
        beats = np.array([t for t, _ in self._partner]) / self._beat_s
        values = np.array([a for _, a in self._partner])
        beats -= beats.mean()
        spread = float(np.dot(beats, beats))
        return float(np.dot(beats, values - values.mean())) / spread if spread > 0 else 0.0


__all__ = ["DECISION_LEAD_S", "MATCH_WINDOW_S", "TREND_HITS", "AdaptiveDrummer"]
