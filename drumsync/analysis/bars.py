"""Bar starts from the drums, and the beats' phase within the beat.

Popular music puts the kick on beats 1 and 3 and the snare on 2 and 4. For each of the four
ways to count a bar of four over the tracked beats, the kick envelope's strength on the
counted 1s and 3s minus on the 2s and 4s, plus the snare's the other way round, tells which
beats are odd (``bar_phase``). Between "1" and "3" the downbeat is the one with the
stronger kick, the louder onsets overall, more cymbal (crashes open phrases) and the larger
change of harmony (chords change on bar lines), each scaled to the song.

A tracker can also lock onto the off-beats (every beat half a period late): ``on_the_beat``
moves the beats by half a period when both kick and snare sit between them rather than on
them (either alone can: syncopated kicks, euclidean snare figures).
"""

from __future__ import annotations

import numpy as np

from .onsets import Envelopes

BEATS_PER_BAR = 4
DOWNBEAT_TIE = 0.15  # "1" and "3" cue margins below this are a tie
REACH_S = 0.03  # strength of an envelope at a beat: its peak within ±30 ms


def strength_at(envelope: np.ndarray, frames: np.ndarray, reach_frames: int) -> np.ndarray:
    """The envelope's maximum within ±reach of each frame."""
    if len(frames) == 0:
        return np.zeros(0)
    offsets = np.arange(-reach_frames, reach_frames + 1)
    idx = np.clip(frames[:, None] + offsets[None, :], 0, len(envelope) - 1)
    return envelope[idx].max(axis=1)


def scaled(values: np.ndarray) -> np.ndarray:
    top = float(np.percentile(values, 95)) if len(values) else 0.0
    return values / top if top > 0 else values


def on_the_beat(beats: np.ndarray, env: Envelopes) -> np.ndarray:
    """``beats`` (frames), or moved by half a beat when kick and snare sit between them."""
    if len(beats) < 8:
        return beats
    reach = max(1, round(REACH_S * env.frame_rate_hz))
    mids = (beats[:-1] + beats[1:]) // 2
    kick_on = float(np.mean(strength_at(env.kick, beats[:-1], reach)))
    kick_off = float(np.mean(strength_at(env.kick, mids, reach)))
    snare_on = float(np.mean(strength_at(env.snare, beats[:-1], reach)))
    snare_off = float(np.mean(strength_at(env.snare, mids, reach)))
    both_between = kick_off > 1.25 * kick_on and snare_off > 1.25 * snare_on
    return mids if both_between else beats


def bar_phase(beats: np.ndarray, env: Envelopes, harmony_change: np.ndarray) -> tuple[int, float]:
    """Index (0..3) of the first beat counted "1", and a 0..1 confidence in it.

    ``harmony_change`` holds, per beat, how much the chroma changed at that beat.
    """
    if len(beats) < 2 * BEATS_PER_BAR:
        return 0, 0.0
    reach = max(1, round(REACH_S * env.frame_rate_hz))
    kick = scaled(strength_at(env.kick, beats, reach))
    snare = scaled(strength_at(env.snare, beats, reach))
    loud = scaled(strength_at(env.all, beats, reach))
    cymbal = scaled(strength_at(env.cymbal, beats, reach))
    change = scaled(np.asarray(harmony_change, dtype=np.float64))
    downbeat_cue = kick + loud + cymbal + change
    position = np.arange(len(beats))
    odd_scores = []
    for phase in range(2):
        odd = (position - phase) % 2 == 0
        odd_scores.append(
            kick[odd].mean() - kick[~odd].mean() + snare[~odd].mean() - snare[odd].mean()
        )
    odd_phase = int(np.argmax(odd_scores))
    downbeat_scores = []
    for phase in (odd_phase, odd_phase + 2):
        one = (position - phase) % BEATS_PER_BAR == 0
        three = (position - phase) % BEATS_PER_BAR == 2
        downbeat_scores.append(downbeat_cue[one].mean() - downbeat_cue[three].mean())
    margin = abs(downbeat_scores[0] - downbeat_scores[1])
    # Too close to call: the music most likely starts on a "1" (a loop always does).
    pick = int(np.argmax(downbeat_scores)) if margin >= DOWNBEAT_TIE else 0
    phase = (odd_phase + 2 * pick) % BEATS_PER_BAR
    odd_margin = abs(odd_scores[0] - odd_scores[1])
    return phase, float(min(1.0, odd_margin, margin / (2 * DOWNBEAT_TIE)))
