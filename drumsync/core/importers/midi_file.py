"""A Standard MIDI File read through mido into plain note lists on one tick time line.

mido does the file format (chunks, variable-length numbers, running status, format 0 and 1).
Here every track's messages are put on absolute ticks; the tempo map comes from every
``set_tempo`` and ``time_signature`` in any track (format 1 keeps them in the first track,
but files differ). A note is a note-on with velocity > 0 (a note-on with velocity 0 is a
note-off, as the standard says); its length runs to the matching note-off.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from fractions import Fraction

import mido

from .common import fail_at
from .ticks import MAX_TEMPO_POINTS, TickClock

MAX_MIDI_NOTES = 1_000_000


@dataclass(frozen=True, slots=True)
class MidiNote:
    tick: int
    end_tick: int
    channel: int
    key: int
    velocity: int
    track: int


@dataclass
class MidiTrack:
    name: str
    notes: list[MidiNote] = field(default_factory=list)
    programs: list[tuple[int, int, int]] = field(default_factory=list)  # (tick, channel, program)


@dataclass
class MidiSong:
    clock: TickClock
    tracks: list[MidiTrack]
    end_tick: int


def read_midi(data: bytes, path: str) -> MidiSong:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            midi = mido.MidiFile(file=io.BytesIO(data), clip=True)
    except Exception as exc:  # mido raises many kinds for a damaged file
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise fail_at(path, None, f"not a readable MIDI file ({reason})") from None
    if midi.type == 2:
        raise fail_at(path, None, "MIDI format 2 (independent patterns) is not supported")
    resolution = midi.ticks_per_beat
    if not isinstance(resolution, int) or resolution <= 0:
        raise fail_at(path, None, "MIDI files timed in SMPTE frames are not supported")
    tempos: list[tuple[int, Fraction]] = []
    meters: list[tuple[int, int, int]] = []
    tracks: list[MidiTrack] = []
    count = 0
    end_tick = 0
    for index, track in enumerate(midi.tracks):
        out = MidiTrack(name="")
        tick = 0
        open_notes: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for message in track:
            tick += message.time
            kind = message.type
            if kind == "note_on" and message.velocity > 0:
                open_notes.setdefault((message.channel, message.note), []).append(
                    (tick, message.velocity)
                )
            elif kind in ("note_off", "note_on"):
                started = open_notes.get((message.channel, message.note))
                if started:
                    start, velocity = started.pop(0)
                    out.notes.append(
                        MidiNote(start, tick, message.channel, message.note, velocity, index)
                    )
                    count += 1
            elif kind == "set_tempo":
                tempos.append((tick, Fraction(message.tempo, 1_000_000)))
            elif kind == "time_signature":
                meters.append((tick, message.numerator, message.denominator))
            elif kind == "program_change":
                out.programs.append((tick, message.channel, message.program))
            elif kind == "track_name" and not out.name:
                out.name = message.name.strip()
            if count > MAX_MIDI_NOTES or len(tempos) > MAX_TEMPO_POINTS:
                raise fail_at(path, None, "too many MIDI events")
        for (channel, key), started in open_notes.items():  # never released: to the end
            for start, velocity in started:
                out.notes.append(MidiNote(start, tick, channel, key, velocity, index))
        out.notes.sort(key=lambda n: (n.tick, n.key))
        end_tick = max(end_tick, tick)
        tracks.append(out)
    if any(s <= 0 for _, s in tempos):
        raise fail_at(path, None, "a set_tempo of zero: the tempo must be positive")
    meters = [(t, n, d) for t, n, d in meters if 0 < n <= 256 and 0 < d <= 256]
    return MidiSong(TickClock(resolution, tempos, meters), tracks, end_tick)


__all__ = ["MidiNote", "MidiSong", "MidiTrack", "read_midi"]
