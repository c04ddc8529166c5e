"""A check of the tracked beats' metrical level against the drums (after tracking, when the
tempo estimate chose the wrong octave).

Rock and pop put a drum (kick or snare) on every beat, the snare on every other beat.
- Too fast (every beat tracked twice, e.g. 168 for 84 bpm): the snare lands on one tracked
  beat in four (the true 2 and 4), not on every other one. Keep the half that holds it.
- Too slow (every other beat tracked, e.g. 86 for 172 bpm): the snare sits on every tracked
  beat (no alternation) and the kick between them, or the other way round. Add the midpoints.
Songs without a clear snare are left as they are: there the tempo estimate's choice stands.
A song whose snare plays once a bar (a half-time feel) is counted at the half tempo, as a
drummer would count it.
"""

from __future__ import annotations

import numpy as np

from .bars import REACH_S, strength_at
from .onsets import Envelopes

MIN_BEATS = 16
FAST_BPM = 145.0  # tracked tempos from here may be twice a song's beat
EMPTY = 0.35  # snare elsewhere below this share of its strongest place: absent there
CONTRAST = 2.0  # snare this much stronger on one side (beats or midpoints) than the other
EVEN = 0.25  # snare alternation below this: the same on every tracked beat


def _mean(values: np.ndarray) -> float:
    return float(np.mean(values)) if len(values) else 0.0


def too_fast(beats: np.ndarray, env: Envelopes) -> int | None:
    """The parity (0 or 1) of the true beats when the snare falls on one tracked beat in
    four (the true 2 and 4 at twice the tempo) rather than on every other one, else None.
    Only above ``FAST_BPM``: slower, a snare once a bar is a one-bar figure, not a sign."""
    if len(beats) < 2 * MIN_BEATS:
        return None
    bpm = 60.0 * env.frame_rate_hz / float(np.median(np.diff(beats)))
    if bpm < FAST_BPM:
        return None
    reach = max(1, round(REACH_S * env.frame_rate_hz))
    snare = strength_at(env.snare, beats, reach)
    by_residue = np.array([_mean(snare[r::4]) for r in range(4)])
    top = int(np.argmax(by_residue))
    if by_residue[top] <= 0:
        return None
    others = np.delete(by_residue, top)
    if np.max(others) >= EMPTY * by_residue[top]:
        return None
    return top % 2


def too_slow(beats: np.ndarray, env: Envelopes) -> bool:
    """True when kick and snare split between the tracked beats and their midpoints and the
    snare does not alternate from beat to beat."""
    if len(beats) < MIN_BEATS:
        return False
    reach = max(1, round(REACH_S * env.frame_rate_hz))
    mids = (beats[:-1] + beats[1:]) // 2
    on = beats[:-1]
    snare_on, snare_mid = strength_at(env.snare, on, reach), strength_at(env.snare, mids, reach)
    kick_on, kick_mid = (
        _mean(strength_at(env.kick, on, reach)),
        _mean(strength_at(env.kick, mids, reach)),
    )
    s_on, s_mid = _mean(snare_on), _mean(snare_mid)
    if s_on <= 0 and s_mid <= 0:
        return False
    snare_side = snare_on if s_on >= s_mid else snare_mid
    alternation = abs(_mean(snare_side[0::2]) - _mean(snare_side[1::2])) / (
        _mean(snare_side) or 1.0
    )
    if alternation >= EVEN:
        return False
    if s_on >= CONTRAST * s_mid:
        return kick_mid > kick_on
    if s_mid >= CONTRAST * s_on:
        return kick_on > kick_mid
    return False


def fix_level(beats: np.ndarray, env: Envelopes) -> np.ndarray:
    """``beats`` (frames) at the level the drums call for."""
    parity = too_fast(beats, env)
    if parity is not None:
        return beats[parity::2]
    if too_slow(beats, env):
        mids = (beats[:-1] + beats[1:]) // 2
        return np.sort(np.concatenate([beats, mids]))
    return beats
