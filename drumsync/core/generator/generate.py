"""``generate_chart``: plan the song from the seed, tune the intensity level until the
chart's rating matches the requested difficulty, then render the notes into a Chart.

Given a ``SongGrid`` instead of a bpm, the chart is made on that song's own beats: its
bars, its sections (named by their energy), one tempo per beat in the chart's tempo map,
and the song's audio file as the music.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np

from ..chart import GENERATOR_ARG_NAMES, Chart, ChartMeta, Part
from ..errors import ChartError
from ..rating import rate_chart
from .args import MAX_BPM, MIN_BPM, validate_args
from .assemble import PlayerNotes
from .grid import BEATS_PER_BAR, STEPS_PER_BEAT
from .plan import STREAM_TITLE, make_plan
from .song_grid import SongGrid, grid_sections
from .titles import make_title
from .tuning import tune

GENERATOR_VERSION = 1
COUNT_IN_BEATS = 4
SILENCE_S = 1.0


def lead_in_s(bpm: float) -> float:
    """One second of silence, then the count-in, then beat 0."""
    return SILENCE_S + COUNT_IN_BEATS * 60.0 / bpm


def _part(notes: PlayerNotes, lead_s: float, plan) -> Part:
    beat = notes.step.astype(np.float64) / STEPS_PER_BEAT
    return Part(
        beat=beat,
        time_s=lead_s + plan.seconds(beat),
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
    seed: int,
    style: str,
    bpm: float | SongGrid,
    difficulty: int,
    bars: int | None = None,
    parts: str = "unison",
) -> Chart:
    """A deterministic procedural chart; ChartError names any bad argument.

    ``bpm`` is a constant tempo, or a ``SongGrid`` (a song's beats); with a grid, ``bars``
    defaults to the song's whole bars and may shorten it.
    """
    grid = bpm if isinstance(bpm, SongGrid) else None
    if grid is None:
        args = validate_args(seed, style, bpm, difficulty, bars, parts)
        plan = make_plan(args)
        lead_s = lead_in_s(args.bpm)
        meta_bpm, tempo_map, audio_file = args.bpm, None, None
    else:
        bars = grid.bars if bars is None else bars
        fast = min(MAX_BPM, max(MIN_BPM, grid.fast_bpm))
        args = validate_args(seed, style, fast, difficulty, bars, parts)
        if args.bars > grid.bars:
            raise ChartError(f"bars must be at most the song's {grid.bars}, got {args.bars}")
        lead_s = grid.lead_in_s(SILENCE_S, COUNT_IN_BEATS)
        tempo_map = grid.tempo_map(lead_s)
        sections = grid_sections(grid)
        if sections is not None:
            sections = _clip_sections(sections, args.bars)
        plan = make_plan(args, sections, tempo_map)
        meta_bpm, audio_file = grid.main_bpm, grid.audio_file
    players = tune(plan, lead_s).players
    title = make_title(args.style, np.random.default_rng([args.seed, STREAM_TITLE]))
    if grid is not None and grid.title:
        title = grid.title
    meta = ChartMeta(
        title=title,
        style=args.style,
        bpm=meta_bpm,
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
        parts=(_part(players[0], lead_s, plan), _part(players[1], lead_s, plan)),
        sections=plan.sections,
        count_in_beats=COUNT_IN_BEATS,
        lead_in_s=lead_s,
        tempo_map=tempo_map,
        audio_file=audio_file,
    )
    return dataclasses.replace(chart, meta=dataclasses.replace(meta, rating=rate_chart(chart)))


def _clip_sections(sections, bars: int):
    """The sections cut to the first ``bars`` bars."""
    out = []
    for section in sections:
        if section.start_bar >= bars:
            break
        length = min(section.bars, bars - section.start_bar)
        out.append(dataclasses.replace(section, bars=length))
    return tuple(out)
