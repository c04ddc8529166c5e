"""``generate_chart``: plan the song from the seed, tune the intensity level until the
chart's rating matches the requested difficulty, then render the notes into a Chart."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np

from ..chart import GENERATOR_ARG_NAMES, Chart, ChartMeta, Part
from ..errors import ChartError
from ..rating import rate_chart
from .args import validate_args
from .assemble import PlayerNotes
from .grid import BEATS_PER_BAR, STEPS_PER_BEAT
from .plan import STREAM_TITLE, make_plan
from .titles import make_title
from .tuning import tune

GENERATOR_VERSION = 1
COUNT_IN_BEATS = 4
SILENCE_S = 1.0


def lead_in_s(bpm: float) -> float:
    """One second of silence, then the count-in, then beat 0."""
    return SILENCE_S + COUNT_IN_BEATS * 60.0 / bpm


def _part(notes: PlayerNotes, lead_s: float, bpm: float) -> Part:
    beat = notes.step.astype(np.float64) / STEPS_PER_BEAT
    return Part(
        beat=beat,
        time_s=lead_s + beat * (60.0 / bpm),
        voice=notes.voice,
        velocity=notes.velocity,
    )


def chart_title(generator_args: Mapping) -> str | None:
    """The title ``generate_chart(**generator_args)`` gives its chart, without generating it
    (None when the arguments are not valid ones)."""
    try:
        args = validate_args(*(generator_args.get(name) for name in GENERATOR_ARG_NAMES))
    except ChartError:
        return None
    return make_title(args.style, np.random.default_rng([args.seed, STREAM_TITLE]))


def generate_chart(
    seed: int, style: str, bpm: float, difficulty: int, bars: int, parts: str = "unison"
) -> Chart:
    """A deterministic procedural chart; ChartError names any bad argument."""
    args = validate_args(seed, style, bpm, difficulty, bars, parts)
    plan = make_plan(args)
    lead_s = lead_in_s(args.bpm)
    players = tune(plan, lead_s).players
    title = make_title(args.style, np.random.default_rng([args.seed, STREAM_TITLE]))
    meta = ChartMeta(
        title=title,
        style=args.style,
        bpm=args.bpm,
        beats_per_bar=BEATS_PER_BAR,
        bars=args.bars,
        seed=args.seed,
        difficulty=args.difficulty,
        rating=0.0,
        parts=args.parts,
        generator_version=GENERATOR_VERSION,
    )
    chart = Chart(
        meta=meta,
        parts=(_part(players[0], lead_s, args.bpm), _part(players[1], lead_s, args.bpm)),
        sections=plan.sections,
        count_in_beats=COUNT_IN_BEATS,
        lead_in_s=lead_s,
    )
    return dataclasses.replace(chart, meta=dataclasses.replace(meta, rating=rate_chart(chart)))
