"""From imported notes and a tempo map to a playable DrumSync chart.

Playability rules (the same as for generated charts): one note per voice at a time, at most
two notes at once per player. Extra notes at one time are dropped, keeping kick, snare,
crash, hi-hat in that order, and counted in the report.

Notes before the audio starts (a TJA with a positive ``OFFSET``, a .chart with a negative
``Offset``) are kept: the whole chart moves later by that much and the audio starts that far
into the song (``tempo_map.audio_offset_s``), as taiko-web delays its music
(``soundOffset``) and OpenTaiko starts the chart before the music.

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
from ..chart_io import V2_MAX_LEAD_IN_S
from ..rating import rate_chart
from ..tempo_map import MAX_BARS, TempoMap
from ..voices import Voice
from .common import MAX_IMPORT_NOTES, ImportedNote, ImportReport, fail_at

KEEP_ORDER = (Voice.KICK, Voice.SNARE, Voice.CRASH, Voice.HIHAT)
SPLIT_VOICES = ({Voice.KICK, Voice.SNARE}, {Voice.HIHAT, Voice.CRASH})
MAX_AT_ONCE = 2
MAX_TITLE_CHARS = 200
MAX_AUDIO_START_S = 600.0  # notes at most this long before the audio starts


def clean_title(title: str, fallback: str) -> str:
    text = "".join(c for c in title if unicodedata.category(c)[0] != "C").strip()
    return (text or fallback or "untitled")[:MAX_TITLE_CHARS]


# A note with float beat and time: (beat, time_s, voice, velocity, line, player)
Row = tuple[float, float, Voice, float, int, "int | None"]


def _rows(notes: Sequence[ImportedNote]) -> list[Row]:
    """The notes with their exact beats and times rounded once to floats."""
    return [(float(n.beat), float(n.time_s), n.voice, n.velocity, n.line, n.player) for n in notes]


_RANK = np.zeros(len(Voice), dtype=np.int64)
_RANK[[int(v) for v in KEEP_ORDER]] = np.arange(len(KEEP_ORDER))


def _playable(rows: list[Row], report: ImportReport) -> Part:
    """One player's part: sorted by time then voice; a voice doubled at one time is merged
    (the first kept), chords cut to two notes by ``KEEP_ORDER``."""
    if not rows:
        return Part.empty()
    beat = np.array([r[0] for r in rows], dtype=np.float64)
    time_s = np.array([r[1] for r in rows], dtype=np.float64)
    voice = np.array([int(r[2]) for r in rows], dtype=np.int64)
    velocity = np.array([r[3] for r in rows], dtype=np.float32)
    order = np.lexsort((np.arange(len(rows)), _RANK[voice], time_s))
    t, v = time_s[order], voice[order]
    same_time = np.concatenate(([False], t[1:] == t[:-1]))
    doubled = same_time & np.concatenate(([False], v[1:] == v[:-1]))
    order, t, same_time = order[~doubled], t[~doubled], same_time[~doubled]
    report.drop("notes doubling a voice at the same time (merged)", int(doubled.sum()))
    starts = np.flatnonzero(~same_time)
    rank_in_time = np.arange(len(t)) - np.repeat(starts, np.diff(np.append(starts, len(t))))
    crowded = rank_in_time >= MAX_AT_ONCE
    report.drop("notes beyond two at once (hi-hat first, then crash)", int(crowded.sum()))
    kept = order[~crowded]
    kept = kept[np.lexsort((voice[kept], time_s[kept]))]
    return Part(beat=beat[kept], time_s=time_s[kept], voice=voice[kept], velocity=velocity[kept])


def _sides(rows: list[Row], parts: str, two_player: bool):
    if two_player:
        return [r for r in rows if r[5] != 1], [r for r in rows if r[5] == 1]
    if parts == "split":
        return tuple([r for r in rows if r[2] in voices] for voices in SPLIT_VOICES)
    return rows, rows


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
    if not abs(lead_in_s) <= V2_MAX_LEAD_IN_S:  # as a chart file allows; also refuses nan
        raise fail_at(
            path,
            None,
            f"the first bar starts {lead_in_s:.0f} s into the audio "
            f"(at most {V2_MAX_LEAD_IN_S:.0f} s either way)",
        )
    rows = _rows(notes)
    audio_start_s = max(0.0, -min(r[1] for r in rows))
    if audio_start_s > MAX_AUDIO_START_S:
        raise fail_at(path, None, f"notes {audio_start_s:.1f} s before the audio starts")
    if audio_start_s:
        rows = [(b, t + audio_start_s, v, vel, line, p) for b, t, v, vel, line, p in rows]
        lead_in_s = float(lead_in_s) + audio_start_s
        tempo_map = dataclasses.replace(tempo_map, audio_offset_s=audio_start_s)
    first = min(rows, key=lambda r: r[0])
    if first[0] < 0:
        raise fail_at(path, first[4], "a note before the first bar")
    last_beat = max(r[0] for r in rows)
    bars = tempo_map.bars_until(last_beat + 1e-6) + 1  # one quiet bar to end on
    if bars > MAX_BARS:
        raise fail_at(path, None, f"the song is longer than {MAX_BARS} bars")
    mode = "split" if two_player else parts
    sides = _sides(rows, parts, two_player)
    first_part = _playable(sides[0], report)
    built = (first_part, first_part if sides[1] is sides[0] else _playable(sides[1], report))
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
