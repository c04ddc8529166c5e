"""Hand-built charts for the audio tests (imported by the other test_audio_* files).

They are built directly with ``Chart``/``Part``/``ChartMeta`` so the audio tests do not depend
on the generator; ``generated`` wraps the generator for the tests that also use it.
"""

from __future__ import annotations

import numpy as np

from drumsync.core.chart import Chart, ChartMeta, Part, Section
from drumsync.core.voices import Voice

K, S, H, C = Voice.KICK, Voice.SNARE, Voice.HIHAT, Voice.CRASH


def chart_from_notes(
    notes,
    style: str = "rock",
    bpm: float = 120.0,
    bars: int = 4,
    seed: int = 7,
    sections=(),
    lead_in_beats: int = 4,
    parts: str = "unison",
    p2_notes=None,
) -> Chart:
    """A 4/4 chart from ``(beat, voice, velocity)`` notes; the count-in starts at time 0."""
    spb = 60.0 / bpm
    lead_in_s = lead_in_beats * spb

    def part(items) -> Part:
        items = sorted(items, key=lambda n: (n[0], int(n[1])))
        beat = np.array([n[0] for n in items], dtype=np.float64)
        return Part(
            beat=beat,
            time_s=lead_in_s + beat * spb,
            voice=[int(n[1]) for n in items],
            velocity=[n[2] for n in items],
        )

    p1 = part(notes)
    p2 = part(p2_notes) if p2_notes is not None else p1
    meta = ChartMeta(
        title="audio test",
        style=style,
        bpm=bpm,
        beats_per_bar=4,
        bars=bars,
        seed=seed,
        difficulty=5,
        rating=5.0,
        parts=parts,
        generator_version=0,
    )
    return Chart(
        meta=meta,
        parts=(p1, p2),
        sections=tuple(sections),
        count_in_beats=4,
        lead_in_s=lead_in_s,
    )


def groove_chart(
    style: str = "rock",
    bpm: float = 120.0,
    bars: int = 8,
    seed: int = 7,
    hat_step: float = 0.5,
    sections=None,
) -> Chart:
    """Kick/snare/hat groove with random velocities, a 16th-note fill every 4th bar and a
    crash on the downbeat after it; ``hat_step=0.25`` gives dense 16th hats."""
    rng = np.random.default_rng(seed)
    notes = []
    for bar in range(bars):
        b0 = 4.0 * bar
        if bar % 4 == 0 and bar > 0:
            notes.append((b0, C, 1.0))
        if bar % 4 == 3:  # fill: hats then a snare roll with a crescendo
            notes += [(b0 + 0.25 * s, H, 0.5 + 0.05 * s) for s in range(8)]
            notes += [(b0 + 0.25 * s, S, 0.4 + 0.05 * (s - 8)) for s in range(8, 16)]
            notes.append((b0, K, 0.9))
            continue
        notes += [
            (b0 + hat_step * i, H, float(rng.uniform(0.3, 1.0))) for i in range(int(4 / hat_step))
        ]
        notes += [(b0, K, float(rng.uniform(0.6, 1.0))), (b0 + 2, K, float(rng.uniform(0.6, 1.0)))]
        notes.append((b0 + 2.5, K, 0.5))
        notes += [
            (b0 + 1, S, float(rng.uniform(0.5, 1.0))),
            (b0 + 3, S, float(rng.uniform(0.5, 1.0))),
        ]
    if sections is None:
        half = bars // 2
        sections = (Section("verse", 0, half), Section("chorus", half, bars - half))
    return chart_from_notes(notes, style=style, bpm=bpm, bars=bars, seed=seed, sections=sections)


def generated(style: str, **kw) -> Chart:
    from drumsync.core.generator import generate_chart

    args = {"seed": 11, "bpm": 140.0, "difficulty": 7, "bars": 8}
    args.update(kw)
    return generate_chart(style=style, **args)


def test_groove_chart_is_a_valid_sorted_chart():
    chart = groove_chart(hat_step=0.25)
    times = chart.parts[0].time_s
    assert np.all(np.diff(times) >= 0)
    assert chart.count_in_start_s == 0.0
    assert set(np.unique(chart.parts[0].voice)) == {int(v) for v in Voice}
