"""Hand-built charts and events for tests (no generator involved).

chart = make_chart(p1=[(1.0, Voice.KICK), (1.5, Voice.SNARE)], p2=[(1.0, Voice.HIHAT)])
events = [hit(1.01, Player.P1, Voice.KICK)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from drumsync.core.chart import Chart, ChartMeta, Part
from drumsync.core.events import InputEvent
from drumsync.core.voices import Player, Voice

DEFAULT_BPM = 120.0

NoteSpec = tuple[float, Voice | int]


def make_meta(bpm: float = DEFAULT_BPM, bars: int = 4, title: str = "test chart") -> ChartMeta:
    return ChartMeta(
        title=title,
        style="rock",
        bpm=bpm,
        beats_per_bar=4,
        bars=bars,
        seed=0,
        difficulty=1,
        rating=0.0,
        parts="split",
        generator_version=0,
    )


def make_part(notes: Iterable[NoteSpec], bpm: float = DEFAULT_BPM, lead_in_s: float = 0.0) -> Part:
    """A part from (time_s, voice) pairs; sorted by time (stable), beats derived from bpm."""
    notes = sorted(((float(t), int(v)) for t, v in notes), key=lambda n: n[0])
    times = np.array([t for t, _ in notes], dtype=np.float64)
    return Part(
        beat=(times - lead_in_s) * bpm / 60.0,
        time_s=times,
        voice=np.array([v for _, v in notes], dtype=np.int8),
    )


def make_chart(
    p1: Iterable[NoteSpec] = (),
    p2: Iterable[NoteSpec] = (),
    bpm: float = DEFAULT_BPM,
    lead_in_s: float = 0.0,
) -> Chart:
    p1, p2 = list(p1), list(p2)
    last = max([t for t, _ in p1 + p2], default=0.0)
    bars = max(1, int(np.ceil((last - lead_in_s) * bpm / 60.0 / 4)) + 1)
    return Chart(
        meta=make_meta(bpm=bpm, bars=bars),
        parts=(make_part(p1, bpm, lead_in_s), make_part(p2, bpm, lead_in_s)),
        lead_in_s=lead_in_s,
    )


def unison_chart(notes: Iterable[NoteSpec], bpm: float = DEFAULT_BPM) -> Chart:
    """Both players get the same notes."""
    notes = list(notes)
    return make_chart(p1=notes, p2=notes, bpm=bpm)


def grid_chart(
    count: int,
    spacing_s: float = 0.5,
    voice: Voice = Voice.KICK,
    start_s: float = 1.0,
    bpm: float = DEFAULT_BPM,
) -> Chart:
    """``count`` unison notes of one voice, evenly spaced."""
    return unison_chart([(start_s + i * spacing_s, voice) for i in range(count)], bpm=bpm)


def hit(time_s: float, player: Player = Player.P1, voice: Voice = Voice.KICK) -> InputEvent:
    return InputEvent(float(time_s), Player(player), Voice(voice), "test")


def hits_for_part(
    chart: Chart, player: Player, offsets_ms: Sequence[float] | np.ndarray
) -> list[InputEvent]:
    """One hit per note of the player's part, ``offsets_ms[i]`` away from note i (nan = skip)."""
    part = chart.part(player)
    out = []
    for t, v, off in zip(part.time_s, part.voice, offsets_ms, strict=True):
        if not np.isnan(off):
            out.append(hit(t + off / 1000.0, player, Voice(int(v))))
    return out


def merge(*event_lists: Iterable[InputEvent]) -> list[InputEvent]:
    """All events in stable time order."""
    events = [e for events in event_lists for e in events]
    return sorted(events, key=lambda e: e.time_s)
