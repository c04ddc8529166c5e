"""What the backing band plays: a plan for every bar, then notes per style.

The plan follows the chart: its sections (each section name gets a progression and an energy
level from its name: intro/outro/break are sparse, chorus/drop/hook are full) and its phrases
(a phrase starts at bar 0, at each section and at each downbeat crash of the chart; the bar
before a phrase start is a fill bar). In a fill bar the band plays the first half and then
drops out (dance-pop, euclidean: under a rising noise sweep), holds a chord (rock) or plays
stop-time hits (metal); the next downbeat lands with a full chord. Section changes move the
chord voicing to another register.

Everything is drawn from a ``numpy.random.Generator`` seeded by the chart's seed and style:
the same chart always gives the same notes.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from ..core.chart import STYLES, Chart
from ..core.euclid import euclid
from ..core.voices import Voice
from .progression import (
    Key,
    bass_note,
    choose_key,
    choose_progressions,
    diatonic_chord,
    power_chord,
    voice_chord,
)

STEPS_PER_BEAT = 4  # the arrangement grid is 16th notes
IMPORTED_SONG_BAND = "rock"  # an imported song without its own audio gets a rock band


@dataclass(frozen=True, slots=True)
class NoteEvent:
    """One note (or chord) of one instrument, in beats from the first bar of music."""

    instrument: str
    beat: float
    length_beats: float
    pitches: tuple[int, ...]
    velocity: float
    pan: float = 0.0


@dataclass(frozen=True, slots=True)
class BarPlan:
    bar: int
    section: str
    section_index: int
    energy: int  # 0 sparse, 1 groove, 2 full
    degree: int  # scale degree of the bar's chord
    next_degree: int
    phrase_start: bool
    fill: bool


_ENERGY_WORDS = (
    (0, ("intro", "outro", "break", "end", "coda")),
    (2, ("chorus", "drop", "hook", "climax", "final")),
    (1, ("verse", "pre", "build", "bridge", "groove", "a", "b")),
)


def section_energy(name: str, index: int) -> int:
    """Energy level of a section from its name (unknown names alternate 1, 2)."""
    lower = name.lower()
    for energy, words in _ENERGY_WORDS:
        if any(lower.startswith(w) or w in lower.split() for w in words if len(w) > 1):
            return energy
    return 1 + index % 2


def chart_rng(chart: Chart, purpose: str) -> np.random.Generator:
    """The backing's generator: from the chart's seed, style and a purpose tag."""
    seed = int(chart.meta.seed) & 0xFFFF_FFFF_FFFF_FFFF
    tag = zlib.crc32(f"{chart.meta.style}/{purpose}".encode())
    return np.random.default_rng([seed, tag])


def _sections(chart: Chart) -> list[tuple[str, int, int]]:
    bars = chart.meta.bars
    if chart.sections:
        return [(s.name, s.start_bar, s.bars) for s in chart.sections]
    # No sections: alternate groove and full every 8 bars.
    return [
        ("verse" if (b // 8) % 2 == 0 else "chorus", b, min(8, bars - b)) for b in range(0, bars, 8)
    ]


def phrase_starts(chart: Chart) -> set[int]:
    """Bars that start a phrase: 0, each section start, each downbeat crash (two bars apart)."""
    starts = {0} | {start for _, start, _ in _sections(chart)}
    crash_bars = set()
    for part in chart.parts:
        bars = np.asarray(chart.bar_position(part.beat[part.voice == int(Voice.CRASH)]))
        on_downbeat = np.abs(bars - np.rint(bars)) < 1e-6
        crash_bars |= {round(float(b)) for b in bars[on_downbeat]}
    for bar in sorted(crash_bars):
        if 0 < bar < chart.meta.bars and all(abs(bar - s) >= 2 for s in starts):
            starts.add(bar)
    return starts


def band_style(chart: Chart) -> str:
    """The band's style: the chart's own, or rock for an imported song."""
    return chart.meta.style if chart.meta.style in STYLES else IMPORTED_SONG_BAND


def plan_bars(chart: Chart, rng: np.random.Generator) -> list[BarPlan]:
    style = band_style(chart)
    sections = _sections(chart)
    progressions = choose_progressions(style, [name for name, _, _ in sections], rng)
    starts = phrase_starts(chart)
    bars = chart.meta.bars
    degrees: list[int] = []
    info: list[tuple[str, int, int]] = []
    for index, (name, start, length) in enumerate(sections):
        prog = progressions[name]
        for bar in range(start, min(bars, start + length)):
            degrees.append(prog[(bar - start) % len(prog)])
            info.append((name, index, section_energy(name, index)))
    while len(degrees) < bars:  # bars after the last section keep its progression
        degrees.append(degrees[-1] if degrees else 0)
        info.append(info[-1] if info else ("verse", 0, 1))
    plans = []
    for bar in range(bars):
        name, index, energy = info[bar]
        plans.append(
            BarPlan(
                bar=bar,
                section=name,
                section_index=index,
                energy=energy,
                degree=degrees[bar],
                next_degree=degrees[bar + 1] if bar + 1 < bars else 0,
                phrase_start=bar in starts,
                fill=(bar + 1 in starts) or bar == bars - 1,
            )
        )
    return plans


def _q(velocity: float) -> float:
    """Velocities on a 0.05 grid, so equal notes are synthesized once."""
    return round(min(1.0, max(0.05, velocity)) * 20) / 20


class _Bar:
    """Note-writing helpers for one bar: positions in 16th steps, cut at the fill point."""

    def __init__(self, plan: BarPlan, key: Key, bpb: int, out: list[NoteEvent], start: float):
        self.plan, self.key, self.bpb, self.out = plan, key, bpb, out
        self.steps = bpb * STEPS_PER_BEAT
        self.start = start
        # In a fill bar the groove stops half-way (rounded to a beat).
        self.stop_step = (bpb // 2 if bpb >= 2 else 1) * STEPS_PER_BEAT if plan.fill else self.steps

    def add(self, instrument, step, length_steps, pitches, velocity, pan=0.0, *, force=False):
        if not force and step >= self.stop_step:
            return
        if not force:
            length_steps = min(length_steps, self.stop_step - step)
        self.out.append(
            NoteEvent(
                instrument,
                self.start + step / STEPS_PER_BEAT,
                length_steps / STEPS_PER_BEAT,
                tuple(int(p) for p in pitches),
                _q(velocity),
                pan,
            )
        )


def _centre(plan: BarPlan) -> int:
    """Chord register: higher with energy; alternate sections of equal energy move a fourth."""
    return (57, 62, 69)[plan.energy] + (5 if plan.section_index % 2 else 0)


def _dance_pop(b: _Bar, rng: np.random.Generator) -> None:
    p, key = b.plan, b.key
    chord = diatonic_chord(key, p.degree)
    root = bass_note(key, chord, 33)
    if p.energy == 0:
        b.add("bass_sub", 0, b.steps, [root], 0.6)
        b.add("pad", 0, b.steps, voice_chord(key, chord, _centre(p)), 0.5)
    else:
        for beat in range(b.bpb):
            b.add("bass_sub", beat * 4, 2, [root], 0.95 if beat == 0 else 0.8)
            if p.energy == 2:
                b.add("bass", beat * 4 + 2, 2, [root + 12], 0.7)
            b.add("stab", beat * 4 + 2, 1, voice_chord(key, chord, _centre(p)), 0.75)
    if p.energy == 2:
        b.add("pad", 0, b.steps, voice_chord(key, chord, _centre(p), spread=True), 0.6)
        tones = voice_chord(key, diatonic_chord(key, p.degree, 4), _centre(p) + 7)
        cycle = [*tones, tones[0] + 12, *tones[:0:-1]]
        for step in range(b.steps):
            b.add(
                "pluck",
                step,
                1,
                [cycle[step % len(cycle)]],
                0.8 if step % 4 == 0 else 0.55,
                pan=0.35 if step % 2 else -0.35,
            )


def _rock(b: _Bar, rng: np.random.Generator) -> None:
    p, key = b.plan, b.key
    chord = diatonic_chord(key, p.degree)
    root = bass_note(key, chord, 28)
    low = bass_note(key, power_chord(key, p.degree), 40)
    guitar = (low, low + 7, low + 12)
    if p.energy == 0:
        b.add("bass", 0, b.steps, [root], 0.6)
        b.add("guitar", 0, b.steps, guitar, 0.45, pan=0.3)
    else:
        nxt = bass_note(key, diatonic_chord(key, p.next_degree), 28)
        approach = nxt - 2 if nxt - 2 >= 28 else nxt + 2
        for eighth in range(b.steps // 2):
            last = eighth == b.steps // 2 - 1
            note = approach if last and nxt != root and not p.fill else root
            b.add("bass", eighth * 2, 2, [note], 0.9 if eighth % 4 == 0 else 0.75)
        if p.energy == 1:
            for eighth in range(b.steps // 2):
                b.add("chug", eighth * 2, 2, guitar, 0.85 if eighth % 4 == 0 else 0.6, pan=-0.3)
        else:
            b.add("guitar", 0, 6, guitar, 0.9, pan=0.3)
            b.add("guitar", 6, b.steps - 6, guitar, 0.8, pan=-0.3)
            b.add("pad", 0, b.steps, voice_chord(key, chord, _centre(p), spread=True), 0.45)
    if p.fill:  # the band holds one chord while the drummer fills
        b.add("guitar", b.stop_step, b.steps - b.stop_step, guitar, 0.95, force=True)


_GALLOP = (True, False, True, True)  # eighth + two sixteenths


def _metal(b: _Bar, rng: np.random.Generator) -> None:
    p, key = b.plan, b.key
    low = bass_note(key, power_chord(key, p.degree), 40)
    chord = (low, low + 7, low + 12)
    tonic = bass_note(key, (0,), 40)
    riff = (tonic, tonic + 7, tonic + 12)
    if p.energy == 0:
        b.add("guitar", 0, b.steps, chord, 0.6, pan=0.3)
        b.add("bass_drive", 0, b.steps, [low - 12], 0.5)
    else:
        for step in range(b.steps):
            on_beat = step % 4 == 0
            hit = True if p.energy == 2 else _GALLOP[step % 4]
            if not hit:
                continue
            # Chord changes sound on the beats; the palm-muted pedal stays on the tonic.
            notes = chord if on_beat else riff
            b.add("chug", step, 1, notes, 0.95 if on_beat else 0.6, pan=-0.3 if step % 2 else 0.3)
            if p.energy == 2 or on_beat or step % 2 == 0:
                b.add("bass_drive", step, 1, [notes[0] - 12], 0.85 if on_beat else 0.65)
        if p.energy == 2:
            b.add("guitar", 0, b.steps, (low + 12, low + 19, low + 24), 0.55, pan=0.4)
    if p.fill:  # stop-time: hits on the beats of the second half, louder to the end
        for i, step in enumerate(range(b.stop_step, b.steps, 4)):
            b.add("chug", step, 2, chord, 0.8 + 0.05 * i, force=True)
            b.add("bass_drive", step, 2, [low - 12], 0.8, force=True)


def _euclidean(b: _Bar, rng: np.random.Generator, k_bass: int, k_arp: int) -> None:
    p, key = b.plan, b.key
    chord = diatonic_chord(key, p.degree)
    root = bass_note(key, chord, 28)
    fifth = root + 7
    b.add("pad", 0, b.steps, (root + 12, fifth + 12), 0.45)
    if p.energy == 0:
        b.add("bass", 0, b.steps, [root], 0.55)
    else:
        cycle = (root, root, fifth, root + 12)
        hits = [s for s, on in enumerate(euclid(k_bass, b.steps, p.section_index)) if on]
        for i, step in enumerate(hits):
            length = (hits[i + 1] if i + 1 < len(hits) else b.steps) - step
            b.add("bass", step, min(length, 3), [cycle[i % 4]], 0.9 if step == 0 else 0.72)
        tones = voice_chord(key, diatonic_chord(key, p.degree, 4), _centre(p))
        arp = [s for s, on in enumerate(euclid(k_arp, b.steps, 2 * p.section_index)) if on]
        for i, step in enumerate(arp):
            b.add("pluck", step, 2, [tones[i % len(tones)]], 0.7, pan=(-0.4, 0.4)[i % 2])
    if p.energy == 2:
        b.add("pad", 0, b.steps, voice_chord(key, chord, _centre(p), spread=True), 0.55)


def _impact(b: _Bar) -> None:
    """Full chord on the downbeat after a fill."""
    p, key = b.plan, b.key
    if p.bar == 0 or p.energy == 0:
        return
    chord = diatonic_chord(key, p.degree)
    if isinstance(b, _GuitarBar):
        low = bass_note(key, power_chord(key, p.degree), 40)
        b.add("guitar", 0, 8, (low, low + 7, low + 12), 1.0, pan=0.3, force=True)
    else:
        b.add("stab", 0, 4, voice_chord(key, chord, _centre(p) + 5, spread=True), 1.0, force=True)


class _GuitarBar(_Bar):
    """A bar of a guitar band (rock, metal): impacts are power chords."""


def _ending(chart: Chart, key: Key, max_beats: float, out: list[NoteEvent]) -> None:
    """Final tonic chord on the beat after the last bar, ringing into the tail."""
    beat = float(chart.end_beat)
    length = max(0.25, min(4.0, max_beats))
    tonic = diatonic_chord(key, 0)
    if band_style(chart) in ("rock", "metal"):
        low = bass_note(key, (0,), 40)
        out.append(NoteEvent("guitar", beat, length, (low, low + 7, low + 12), 1.0, 0.3))
        out.append(NoteEvent("bass_drive", beat, length, (low - 12,), 0.9))
    else:
        out.append(NoteEvent("pad", beat, length, voice_chord(key, tonic, 64, spread=True), 0.8))
        out.append(NoteEvent("bass_sub", beat, length, (bass_note(key, tonic, 33),), 0.9))


def arrange(chart: Chart, ending_beats: float = 4.0) -> tuple[Key, list[NoteEvent]]:
    """The key and every note of the backing for ``chart`` (deterministic from the chart).

    ``ending_beats`` bounds the final chord, which starts on the beat after the last bar.
    """
    style = band_style(chart)
    rng = chart_rng(chart, "backing")
    key = choose_key(style, rng)
    plans = plan_bars(chart, rng)
    lines = chart.bar_lines()
    out: list[NoteEvent] = []
    n_sections = max(p.section_index for p in plans) + 1 if plans else 0
    k_bass = [int(rng.choice([5, 7, 9])) for _ in range(n_sections)]
    k_arp = [int(rng.choice([5, 7, 11])) for _ in range(n_sections)]
    guitar_band = style in ("rock", "metal")
    for plan in plans:
        # whole beats of the bar (a 7/8 bar plays 3 and rests the last half beat)
        bpb = max(1, int(lines[plan.bar + 1] - lines[plan.bar] + 1e-9))
        bar = (_GuitarBar if guitar_band else _Bar)(plan, key, bpb, out, float(lines[plan.bar]))
        if plan.phrase_start:
            _impact(bar)
        if style == "dance-pop":
            _dance_pop(bar, rng)
        elif style == "rock":
            _rock(bar, rng)
        elif style == "metal":
            _metal(bar, rng)
        elif style == "euclidean":
            _euclidean(bar, rng, k_bass[plan.section_index], k_arp[plan.section_index])
        else:
            raise ValueError(f"unknown style {style!r}")
        if plan.fill and style in ("dance-pop", "euclidean"):
            start = bar.start + bar.stop_step / STEPS_PER_BEAT
            out.append(NoteEvent("riser", start, bpb - bar.stop_step / STEPS_PER_BEAT, (), 0.9))
    _ending(chart, key, ending_beats, out)
    return key, out
