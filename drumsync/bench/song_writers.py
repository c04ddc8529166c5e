"""Synthetic song files of any length in every importable format, for the benchmarks:
a steady groove (kick, snare, hi-hat 8ths, a crash every 8 bars) with tempo changes."""

from __future__ import annotations

from pathlib import Path

import mido

BPM = 150.0


def _bars(minutes: float, bpm: float = BPM) -> int:
    return max(1, round(minutes * 60 * bpm / 240))


def write_tja(path: Path, minutes: float = 5.0) -> Path:
    bars = _bars(minutes)
    lines = ["TITLE:Bench", f"BPM:{BPM:g}", "OFFSET:-0.5", "COURSE:Oni", "LEVEL:8", "", "#START"]
    for bar in range(bars):
        if bar and bar % 32 == 0:
            lines.append(f"#BPMCHANGE {BPM + (bar // 32) % 2 * 10:g}")
        lines.append(("3" if bar % 8 == 0 else "1") + "2121212,")
    lines.append("#END")
    path.write_text("\n".join(lines) + "\n")
    return path


def write_osu(path: Path, minutes: float = 5.0) -> Path:
    beat_ms = 60000 / BPM
    lines = ["osu file format v14", "", "[General]", "Mode: 1", "", "[Metadata]",
             "Title:Bench", "Version:Oni", "", "[TimingPoints]", f"0,{beat_ms},4,1,0,100,1,0",
             "", "[HitObjects]"]  # fmt: skip
    for i in range(_bars(minutes) * 8):
        time_ms = round(i * beat_ms / 2)
        lines.append(f"256,192,{time_ms},1,{0 if i % 2 == 0 else 2},0:0:0:0:")
    path.write_text("\n".join(lines) + "\n")
    return path


def write_midi(path: Path, minutes: float = 5.0, resolution: int = 480) -> Path:
    midi = mido.MidiFile(type=1, ticks_per_beat=resolution)
    tempo = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(BPM))])
    drums = mido.MidiTrack()
    bass = mido.MidiTrack([mido.Message("program_change", program=33, channel=0)])
    half = resolution // 2
    for i in range(_bars(minutes) * 8):
        key = 36 if i % 4 == 0 else (38 if i % 4 == 2 else 42)
        drums.append(mido.Message("note_on", note=key, velocity=100, channel=9, time=0))
        drums.append(mido.Message("note_on", note=key, velocity=0, channel=9, time=half))
        if i % 2 == 0:
            bass.append(mido.Message("note_on", note=40, velocity=90, channel=0, time=0))
            bass.append(mido.Message("note_off", note=40, velocity=0, channel=0, time=resolution))
    midi.tracks.extend([tempo, drums, bass])
    midi.save(path)
    return path


def write_clonehero(path: Path, minutes: float = 5.0, resolution: int = 192) -> Path:
    lines = ["[Song]", "{", '  Name = "Bench"', f"  Resolution = {resolution}", "}",
             "[SyncTrack]", "{", "  0 = TS 4", f"  0 = B {round(BPM * 1000)}", "}",
             "[ExpertDrums]", "{"]  # fmt: skip
    half = resolution // 2
    for i in range(_bars(minutes) * 8):
        tick = i * half
        lines.append(f"  {tick} = N {0 if i % 4 == 0 else 1 if i % 4 == 2 else 2} 0")
        if i % 4 != 2:
            lines.append(f"  {tick} = N 66 0")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n")
    return path


WRITERS = {
    "tja": (write_tja, ".tja"),
    "osu": (write_osu, ".osu"),
    "midi": (write_midi, ".mid"),
    "clonehero": (write_clonehero, ".chart"),
}


__all__ = ["WRITERS"]
