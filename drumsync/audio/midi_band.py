"""DrumSync's own band plays a MIDI song's non-drum channels, so the song sounds like itself.

Every note of every channel but 10 (the drums, which the players play) is synthesized with
the instrument of its channel's current General MIDI program, grouped by program family:

==========  =========================================  ==========
programs    family                                     instrument
==========  =========================================  ==========
0-15        pianos, chromatic percussion               pluck
16-23       organs                                     pad
24-31       guitars                                    guitar
32-39       basses                                     bass
40-55       strings, ensembles                         pad
56-71       brass, reeds                               stab
72-79       pipes                                      pad
80-87       synth leads                                stab
88-103      synth pads and effects                     pad
104-119     ethnic, percussive                         pluck
120-127     sound effects                              (silent)
==========  =========================================  ==========

Note times come from the importer's exact tick clock. At a practice rate below 1 each note
is re-synthesized longer (times scaled by ``1 / rate``): the pitch stays true.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ..core.chart import Chart
from ..core.importers.common import read_bytes
from ..core.importers.midi_file import read_midi
from ..core.importers.voice_tables import GM_DRUM_CHANNEL
from .render import pan_gains
from .song_file import _key
from .timebase import RATE_HZ, frames_for, sample_index
from .timeline import SoundCache, Timeline
from .tones import synth_note

FAMILIES = (
    (15, "pluck"), (23, "pad"), (31, "guitar"), (39, "bass"), (55, "pad"), (71, "stab"),
    (79, "pad"), (87, "stab"), (103, "pad"), (119, "pluck"),
)  # fmt: skip
GAIN = 0.8
MAX_NOTE_S = 8.0


def instrument_for(program: int) -> str | None:
    for last, name in FAMILIES:
        if program <= last:
            return name
    return None  # sound effects


def _program_at(programs: list[tuple[int, int, int]], channel: int, tick: int) -> int:
    current = 0
    for at, ch, program in programs:
        if ch == channel and at <= tick:
            current = program
    return current


def band_events(path: str) -> list[tuple[float, float, str, tuple[int, ...], float, float]]:
    """(start_s, length_s, instrument, pitches, velocity, pan) of every band note, chords
    merged (one instrument, start and length)."""
    song = read_midi(read_bytes(path), path)
    programs = sorted(p for track in song.tracks for p in track.programs)
    chords: dict[tuple, list[int]] = {}
    for track in song.tracks:
        for note in track.notes:
            if note.channel == GM_DRUM_CHANNEL:
                continue
            instrument = instrument_for(_program_at(programs, note.channel, note.tick))
            if instrument is None:
                continue
            start = float(song.clock.seconds(note.tick))
            length = min(MAX_NOTE_S, float(song.clock.seconds(note.end_tick)) - start)
            pan = ((note.channel % 5) - 2) * 0.2
            key = (start, round(length, 4), instrument, round(note.velocity / 127, 2), pan)
            chords.setdefault(key, []).append(note.key)
    return [(s, max(0.02, n), i, tuple(sorted(p)), v, pan) for (s, n, i, v, pan), p in
            sorted(chords.items())]  # fmt: skip


_events_cache: dict[tuple, list] = {}


def _cached_events(path: str) -> list:
    key = _key(Path(path), 0, "band")
    if key not in _events_cache:
        _events_cache.clear()  # the notes of one song (a few MB at most) are kept
        _events_cache[key] = band_events(path)
    return _events_cache[key]


def midi_band_timeline(path, rate: float = 1.0, rate_hz: int = RATE_HZ, start: int = 0) -> Timeline:
    """The band's notes as placements (the file's time 0 at frame ``start``): each distinct
    note is synthesized when first needed and the track renders block by block, so memory
    does not grow with the song's length."""
    events = _cached_events(os.fspath(path))
    starts, lengths, keys, gains = [], [], [], []
    for begin, length, instrument, pitches, velocity, pan in events:
        frames = frames_for(length / rate, rate_hz)
        starts.append(start + sample_index(begin, rate, rate_hz))
        lengths.append(frames)
        keys.append((instrument, pitches, frames, velocity))
        gains.append(pan_gains(pan))

    def make_sound(key) -> np.ndarray:
        instrument, pitches, frames, velocity = key
        return synth_note(instrument, pitches, frames, velocity, rate_hz) * np.float32(GAIN)

    return Timeline(starts, lengths, keys, gains, SoundCache(make_sound))


def chart_plays_midi(chart: Chart) -> bool:
    return chart.audio_file is not None and Path(chart.audio_file).suffix.lower() in (
        ".mid",
        ".midi",
    )


__all__ = [
    "band_events",
    "chart_plays_midi",
    "instrument_for",
    "midi_band_timeline",
]
