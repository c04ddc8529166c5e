"""Judging throughput: the vectorised batch scorer beside the plain per-hit live judge.

This lives outside ``drumsync.core`` because it reads a clock (``time.perf_counter``); the
input it times is built by a seeded generator, so the work is the same on every run.
"""

from __future__ import annotations

import time

import numpy as np

from ..core.batch import judge_batch
from ..core.chart import Chart, ChartMeta, Part
from ..core.events import EventArrays, InputEvent
from ..core.judge import Judge
from ..core.voices import VOICE_COUNT, Player, Voice
from ..core.windows import WINDOW_PRESETS

BPM = 120.0
STEP_S = 60.0 / BPM / 4  # sixteenth notes
OFFSETS_MS = (8.0, -5.0)


def synthetic_part(notes: int, rng: np.random.Generator) -> Part:
    """``notes`` notes on a sixteenth grid: gaps of 0 (a chord, never of one voice), 1 or 2
    steps, random voices."""
    voice = rng.integers(0, VOICE_COUNT, notes)
    gap = rng.choice(np.array([0, 1, 2]), size=notes, p=[0.2, 0.55, 0.25])
    gap[0] = 1
    chord = gap == 0
    chord[1:] &= voice[1:] != voice[:-1]
    chord[1:] &= gap[:-1] != 0
    gap[(gap == 0) & ~chord] = 1
    step = np.cumsum(gap)
    beat = step / 4.0
    return Part(beat=beat, time_s=2.0 + step * STEP_S, voice=voice)


def synthetic_chart(notes_per_part: int, seed: int) -> Chart:
    rng = np.random.default_rng(seed)
    parts = (synthetic_part(notes_per_part, rng), synthetic_part(notes_per_part, rng))
    beats = max(float(p.beat[-1]) for p in parts) if notes_per_part else 0.0
    meta = ChartMeta(
        title="throughput",
        style="rock",
        bpm=BPM,
        beats_per_bar=4,
        bars=int(beats // 4) + 1,
        seed=seed,
        difficulty=5,
        rating=0.0,
        parts="split",
        generator_version=0,
    )
    return Chart(meta=meta, parts=parts, lead_in_s=2.0)


def synthetic_events(chart: Chart, seed: int) -> EventArrays:
    """About one hit per note (5 % skipped, N(-10 ms, 20 ms) timing, plus the player's
    offset) and 2 % stray hits, in stable time order."""
    rng = np.random.default_rng(seed + 1)
    times, players, voices = [], [], []
    for player in Player:
        part = chart.part(player)
        keep = rng.random(len(part)) >= 0.05
        jitter = rng.normal(-0.010, 0.020, len(part)) + OFFSETS_MS[player] / 1000
        strays = int(0.02 * len(part))
        times += [(part.time_s + jitter)[keep], rng.uniform(0.0, part.time_s[-1], strays)]
        voices += [part.voice[keep], rng.integers(0, VOICE_COUNT, strays)]
        players.append(np.full(int(keep.sum()) + strays, int(player)))
    time_s = np.concatenate(times)
    order = np.argsort(time_s, kind="stable")
    return EventArrays(
        time_s=time_s[order],
        player=np.concatenate(players)[order].astype(np.int8),
        voice=np.concatenate(voices)[order].astype(np.int8),
    )


def as_input_events(arrays: EventArrays) -> list[InputEvent]:
    """The events as ``InputEvent`` objects, as a per-hit judge takes them."""
    return [
        InputEvent(t, Player(p), Voice(v), "bench")
        for t, p, v in zip(
            arrays.time_s.tolist(), arrays.player.tolist(), arrays.voice.tolist(), strict=True
        )
    ]


def compare_throughput(notes_per_part: int = 1_000_000, seed: int = 0) -> dict:
    """Judge the same synthetic two-player match with both judges; return hits per second.

    The live judge is timed from construction through every ``hit`` to ``finish`` and
    ``result``; its events are built beforehand. The batch scorer is timed for one call of
    ``judge_batch``. ``identical`` confirms both gave the same judgements.
    """
    chart = synthetic_chart(notes_per_part, seed)
    arrays = synthetic_events(chart, seed)
    events = as_input_events(arrays)
    windows = WINDOW_PRESETS["standard"]

    start = time.perf_counter()
    batch = judge_batch(chart, arrays, windows, OFFSETS_MS)
    batch_s = time.perf_counter() - start

    start = time.perf_counter()
    judge = Judge(chart, windows, OFFSETS_MS)
    hit = judge.hit
    for event in events:
        hit(event)
    judge.finish()
    live = judge.result()
    judge_s = time.perf_counter() - start

    hits = len(events)
    return {
        "notes_per_part": notes_per_part,
        "hits": hits,
        "batch_s": batch_s,
        "judge_s": judge_s,
        "batch_hits_per_s": hits / batch_s,
        "judge_hits_per_s": hits / judge_s,
        "ratio": judge_s / batch_s,
        "identical": live == batch,
    }


__all__ = ["as_input_events", "compare_throughput", "synthetic_chart", "synthetic_events"]
