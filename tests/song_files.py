"""Helpers for the importer tests: the fixture folder, pygame-ce's own sample files, and a
small Rock Band style notes.mid written with mido."""

from __future__ import annotations

import os
from pathlib import Path

import mido
import pytest

from drumsync.core.voices import Voice

SONGS = Path(__file__).parent / "songs"
K, S, H, C = (int(v) for v in (Voice.KICK, Voice.SNARE, Voice.HIHAT, Voice.CRASH))


def notes_of(chart, player=0):
    part = chart.parts[player]
    return [(round(float(t), 9), int(v)) for t, v in zip(part.time_s, part.voice, strict=True)]


def pygame_data(name: str) -> Path:
    """A file from pygame-ce's examples/data, or skip where this install lacks it."""
    import pygame

    path = Path(os.path.dirname(pygame.__file__)) / "examples" / "data" / name
    if not path.is_file():
        pytest.skip(f"pygame-ce's examples/data/{name} is not installed here")
    return path


def write_notes_mid(path: Path, resolution: int = 480) -> Path:
    """A format 1 notes.mid: a tempo track (120 then 60 bpm at beat 4, 4/4 then 3/4) and
    PART DRUMS with expert gems, a tom marker over one yellow gem and an expert+ kick."""
    midi = mido.MidiFile(type=1, ticks_per_beat=resolution)
    tempo = mido.MidiTrack()
    tempo.append(mido.MetaMessage("track_name", name="notes test", time=0))
    tempo.append(mido.MetaMessage("time_signature", numerator=4, denominator=4, time=0))
    tempo.append(mido.MetaMessage("set_tempo", tempo=500_000, time=0))
    tempo.append(mido.MetaMessage("set_tempo", tempo=1_000_000, time=4 * resolution))
    tempo.append(mido.MetaMessage("time_signature", numerator=3, denominator=4, time=0))
    drums = mido.MidiTrack()
    drums.append(mido.MetaMessage("track_name", name="PART DRUMS", time=0))
    # (tick, key): kick+yellow cymbal at 0, red at 1 beat, yellow tom (110 marker) at 2,
    # blue cymbal at 3, green cymbal at 4 (60 bpm from here), expert+ kick at 5,
    # and a hard-difficulty red at 0 that Expert must ignore.
    events = [(0, 96), (0, 98), (0, 85), (1, 97), (2, 110), (2, 98), (3, 99), (4, 100), (5, 95)]
    timeline = []
    for beat, key in events:
        start = beat * resolution
        length = resolution // 4 if key != 110 else resolution // 2
        timeline.append((start, mido.Message("note_on", note=key, velocity=100, channel=9)))
        timeline.append((start + length, mido.Message("note_on", note=key, velocity=0, channel=9)))
    timeline.sort(key=lambda e: e[0])
    now = 0
    for tick, message in timeline:
        drums.append(message.copy(time=tick - now))
        now = tick
    midi.tracks.extend([tempo, drums])
    midi.save(path)
    return path
