"""From imported notes and a tempo map to a playable DrumSync chart.

Playability rules (the same as for generated charts): one note per voice at a time, at most
two notes at once per player. Extra notes at one time are dropped, keeping kick, snare,
crash, hi-hat in that order, and counted in the report.

``parts``: ``unison`` gives both players every note; ``split`` gives player 1 the kick and
snare and player 2 the hi-hat and crash (the generator's split). A two-player source (TJA
``STYLE:Double``) keeps its own sides: P1 -> p1, P2 -> p2.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Sequence

import numpy as np

from ..chart import MAX_DIFFICULTY, MIN_DIFFICULTY, PART_MODES, Chart, ChartMeta, Part
from ..rating import rate_chart
from ..tempo_map import MAX_BARS, TempoMap
from ..voices import Voice
from .common import MAX_IMPORT_NOTES, ImportedNote, ImportReport, fail_at

KEEP_ORDER = (Voice.KICK, Voice.SNARE, Voice.CRASH, Voice.HIHAT)
SPLIT_VOICES = ({Voice.KICK, Voice.SNARE}, {Voice.HIHAT, Voice.CRASH})
MAX_AT_ONCE = 2
MAX_TITLE_CHARS = 200


def clean_title(title: str, fallback: str) -> str:
    text = "".join(c for c in title if unicodedata.category(c)[0] != "C").strip()
    return (text or fallback or "untitled")[:MAX_TITLE_CHARS]


def _playable(notes: Sequence[ImportedNote], report: ImportReport) -> list[ImportedNote]:
    """Sorted by time then voice; duplicates merged, chords cut to two notes."""
    by_time: dict = {}
    for note in notes:  # keyed by the float time: equal exact times give equal floats
        by_time.setdefault(float(note.time_s), {}).setdefault(note.voice, note)
    merged = len(notes) - sum(len(v) for v in by_time.values())
    report.drop("notes doubling a voice at the same time (merged)", merged)
    out: list[ImportedNote] = []
    for time_s in sorted(by_time):
        voices = by_time[time_s]
        kept = [voices[v] for v in KEEP_ORDER if v in voices][:MAX_AT_ONCE]
        report.drop("notes beyond two at once (hi-hat first, then crash)", len(voices) - len(kept))
        out.extend(sorted(kept, key=lambda n: int(n.voice)))
    return out


def _part(notes: list[ImportedNote]) -> Part:
    return Part(
        beat=np.array([float(n.beat) for n in notes], dtype=np.float64),
        time_s=np.array([float(n.time_s) for n in notes], dtype=np.float64),
        voice=np.array([int(n.voice) for n in notes], dtype=np.int8),
        velocity=np.array([n.velocity for n in notes], dtype=np.float32),
    )


def _sides(notes: list[ImportedNote], parts: str, two_player: bool):
    if two_player:
        return [n for n in notes if n.player != 1], [n for n in notes if n.player == 1]
    if parts == "split":
        return tuple([n for n in notes if n.voice in voices] for voices in SPLIT_VOICES)
    return notes, notes


def build_chart(
    notes: Sequence[ImportedNote],
    tempo_map: TempoMap,
    lead_in_s: float,
    *,
    title: str,
    source_format: str,
    report: ImportReport,
    parts: str = "unison",
    two_player: bool = False,
    audio_file: str | None = None,
) -> Chart:
    """The chart (rated, its difficulty from the rating); raises ImportFileError."""
    if parts not in PART_MODES:
        raise ValueError(f"unknown parts {parts!r} (known: {', '.join(PART_MODES)})")
    path = report.path
    if len(notes) > MAX_IMPORT_NOTES:
        raise fail_at(path, None, f"more than {MAX_IMPORT_NOTES} notes")
    if not notes:
        raise fail_at(path, None, "no playable notes in this chart")
    early = min(notes, key=lambda n: n.time_s)
    if early.time_s < 0:
        raise fail_at(
            path, early.line, f"a note at {float(early.time_s):.3f} s, before the audio starts"
        )
    if min(n.beat for n in notes) < 0:
        raise fail_at(path, early.line, "a note before the first bar")
    last_beat = float(max(n.beat for n in notes))
    bars = tempo_map.bars_until(last_beat + 1e-6) + 1  # one quiet bar to end on
    if bars > MAX_BARS:
        raise fail_at(path, None, f"the song is longer than {MAX_BARS} bars")
    sides = _sides(list(notes), parts, two_player)
    mode = "split" if two_player else parts
    built = tuple(_part(_playable(side, report)) for side in sides)
    first_meter = 4 * int(tempo_map.meter_num[0]) // max(1, int(tempo_map.meter_den[0]))
    meta = ChartMeta(
        title=clean_title(title, ""),
        style=source_format,
        bpm=float(tempo_map.bpm[0]),
        beats_per_bar=min(16, max(1, first_meter)),
        bars=bars,
        seed=0,
        difficulty=MIN_DIFFICULTY,
        rating=0.0,
        parts=mode,
        generator_version=0,
    )
    chart = Chart(meta, built, (), 0, float(lead_in_s), tempo_map, audio_file)  # type: ignore[arg-type]
    rating = float(rate_chart(chart))
    level = int(min(MAX_DIFFICULTY, max(MIN_DIFFICULTY, round(rating))))
    report.notes = (len(built[0]), len(built[1]))
    counts = {v.label: int(sum(int(np.sum(p.voice == int(v))) for p in built)) for v in Voice}
    report.notes_by_voice = {k: n for k, n in counts.items() if n}
    report.audio_file = audio_file
    return dataclasses.replace(
        chart, meta=dataclasses.replace(meta, rating=min(100.0, rating), difficulty=level)
    )


__all__ = ["SPLIT_VOICES", "build_chart", "clean_title"]
