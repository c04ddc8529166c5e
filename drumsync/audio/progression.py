"""Harmony for the backing: keys, modes, diatonic chords and a chord for every bar.

Chords are tuples of semitone offsets from the key's tonic (``(9, 12, 16)`` is vi in a major
key). Each style has its own modes and progressions; every section name of the chart gets
one progression (chosen with the chart's seed), cycled bar by bar through its phrases.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MODES: dict[str, tuple[int, ...]] = {
    "ionian": (0, 2, 4, 5, 7, 9, 11),
    "dorian": (0, 2, 3, 5, 7, 9, 10),
    "phrygian": (0, 1, 3, 5, 7, 8, 10),
    "lydian": (0, 2, 4, 6, 7, 9, 11),
    "mixolydian": (0, 2, 4, 5, 7, 9, 10),
    "aeolian": (0, 2, 3, 5, 7, 8, 10),
}


@dataclass(frozen=True, slots=True)
class StyleHarmony:
    modes: tuple[str, ...]
    tonics: tuple[int, ...]  # pitch classes the key may start on (0 = C)
    progressions: tuple[tuple[int, ...], ...]  # scale degrees, 0-based: (5, 3, 0, 4) = vi-IV-I-V


STYLE_HARMONY: dict[str, StyleHarmony] = {
    "dance-pop": StyleHarmony(
        modes=("ionian",),
        tonics=tuple(range(12)),
        progressions=((5, 3, 0, 4), (0, 4, 5, 3), (5, 4, 3, 4), (3, 4, 5, 5)),
    ),
    "rock": StyleHarmony(
        modes=("ionian", "mixolydian"),
        tonics=(4, 9, 2, 7, 0),  # E A D G C: guitar keys
        progressions=((0, 4, 5, 3), (0, 3, 4, 3), (0, 6, 3, 0), (5, 3, 0, 4)),
    ),
    "metal": StyleHarmony(
        modes=("aeolian", "phrygian"),
        tonics=(4, 2, 1, 11),  # E, D, C#, B: low tunings
        progressions=((0, 5, 6, 0), (0, 1, 0, 6), (0, 3, 5, 6), (0, 0, 5, 1)),
    ),
    "euclidean": StyleHarmony(
        modes=("dorian", "mixolydian", "lydian", "phrygian"),
        tonics=tuple(range(12)),
        progressions=((0, 0, 3, 3), (0, 6, 0, 6), (0, 1, 0, 1), (0, 3, 6, 3)),
    ),
}


@dataclass(frozen=True, slots=True)
class Key:
    tonic: int  # pitch class 0..11
    mode: str

    @property
    def scale(self) -> tuple[int, ...]:
        return MODES[self.mode]

    def degree_semitones(self, degree: int) -> int:
        """Semitones above the tonic of scale ``degree`` (any integer; 7 is the octave)."""
        octave, step = divmod(degree, 7)
        return 12 * octave + self.scale[step]


def diatonic_chord(key: Key, degree: int, size: int = 3) -> tuple[int, ...]:
    """Stacked thirds inside the mode on ``degree``: a triad (3) or a seventh chord (4)."""
    return tuple(key.degree_semitones(degree + 2 * i) for i in range(size))


def power_chord(key: Key, degree: int) -> tuple[int, ...]:
    """Root, perfect fifth and octave on ``degree`` (the fifth is perfect even where the
    mode's is diminished, as guitarists play it)."""
    root = key.degree_semitones(degree)
    return (root, root + 7, root + 12)


def voice_chord(key: Key, chord: tuple[int, ...], centre: int, spread: bool = False):
    """MIDI notes of ``chord`` placed around MIDI note ``centre`` (close voicing; with
    ``spread`` the root is doubled an octave above the top note)."""
    notes = []
    for semis in chord:
        pc = (key.tonic + semis) % 12
        # The octave of this pitch class nearest to the centre.
        note = centre + ((pc - centre + 6) % 12) - 6
        notes.append(note)
    notes.sort()
    if spread:
        notes.append(notes[0] + 12 if notes[0] + 12 > notes[-1] else notes[-1] + 5)
    return tuple(notes)


def bass_note(key: Key, chord: tuple[int, ...], low: int = 28) -> int:
    """MIDI note of the chord's root in the bass register (``low`` .. ``low + 11``)."""
    pc = (key.tonic + chord[0]) % 12
    return low + (pc - low) % 12


def choose_key(style: str, rng: np.random.Generator) -> Key:
    harmony = STYLE_HARMONY[style]
    tonic = int(harmony.tonics[rng.integers(len(harmony.tonics))])
    mode = harmony.modes[rng.integers(len(harmony.modes))]
    return Key(tonic=tonic, mode=mode)


def choose_progressions(
    style: str, section_names: list[str], rng: np.random.Generator
) -> dict[str, tuple[int, ...]]:
    """One progression per distinct section name; different names differ when possible."""
    options = list(STYLE_HARMONY[style].progressions)
    order = rng.permutation(len(options))
    chosen: dict[str, tuple[int, ...]] = {}
    for name in section_names:
        if name not in chosen:
            chosen[name] = options[int(order[len(chosen) % len(options)])]
    return chosen
