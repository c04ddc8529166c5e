"""osu! beatmaps (``.osu``, file format v3..v14) of mode 1 (osu!taiko) -> DrumSync.

As the format defines it: hit-object times are milliseconds from the start of the audio
(``AudioLeadIn`` only delays the music's start in osu!, so it does not move notes).
Timing points are ``time,beatLength,meter,sampleSet,sampleIndex,volume,uninherited,effects``;
uninherited ones (beatLength > 0; files before v6 have no ``uninherited`` field) set the
tempo (``60000 / beatLength`` BPM) and start a new bar of ``meter`` beats; inherited ones
only change scroll speed and are ignored. Where several uninherited points share one time,
the first in the file holds (osu!'s LegacyBeatmapDecoder keeps the first timing change of
a time). Files before v5 are played 24 ms later than written (osu!'s
``EARLY_VERSION_TIMING_OFFSET``, added to every timing point and hit object).
Hit objects are ``x,y,time,type,hitSound,...``:
a circle (type bit 0) is a kat when its hit sound has whistle (2) or clap (8), otherwise a
don; finish (4) makes it big. Sliders (drum rolls) and spinners (denden) are dropped and
counted. Mode 0 (osu!standard) maps: circles are read the same way; unlike osu!'s taiko
converter, short sliders are not split into hits (every slider is dropped as a drum roll).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from pathlib import Path

from ..tempo_map import TempoMap
from .build import build_chart
from .common import (
    ImportedNote,
    ImportReport,
    check_note_count,
    decimal,
    decode_text,
    fail_at,
    find_audio,
    read_bytes,
)
from .voice_tables import TAIKO_BIG_DON, TAIKO_BIG_KA, TAIKO_DON, TAIKO_KA

WHISTLE, FINISH, CLAP = 2, 4, 8
CIRCLE, SLIDER, SPINNER, HOLD = 1, 2, 8, 128
MODES = {0: "osu!standard", 1: "osu!taiko", 2: "osu!catch", 3: "osu!mania"}
EARLY_VERSION_TIMING_OFFSET_MS = 24  # osu! adds this to files of format v4 and older


def format_version(text: str, path: str) -> int:
    """The ``N`` of the first line ``osu file format vN``."""
    first = next((line for line in text.splitlines() if line.strip()), "").strip().lower()
    if not first.startswith("osu file format"):
        raise fail_at(path, 1, "not an osu! beatmap (no 'osu file format v..' first line)")
    digits = first.removeprefix("osu file format").strip().lstrip("v")
    return int(digits) if digits.isdigit() and len(digits) < 6 else 14


def _sections(text: str, path: str) -> dict[str, list[tuple[int, str]]]:
    lines = text.splitlines()
    sections: dict[str, list[tuple[int, str]]] = {}
    current: list[tuple[int, str]] | None = None
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), [])
        elif current is not None:
            current.append((number, line))
    return sections


def _pairs(section: list[tuple[int, str]]) -> dict[str, tuple[str, int]]:
    out = {}
    for number, line in section:
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip()] = (value.strip(), number)
    return out


def _int(text: str, path: str, line: int, what: str) -> int:
    value = decimal(text, path, line, what)
    if value.denominator != 1:
        raise fail_at(path, line, f"{what}: expected a whole number, got {text.strip()!r}")
    return math.floor(value)


def _whole(text: str, path: str, line: int, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        return _int(text, path, line, what)


def _time_ms(text: str, path: str, line: int) -> int | Fraction:
    """A hit object's time: whole milliseconds (as the format writes them), else exact."""
    try:
        return int(text)
    except ValueError:
        return decimal(text, path, line, "time")


def _timing(section, path: str, offset_ms: int = 0):
    """Uninherited timing points as (time_ms, beat_length_ms, meter, line), by time."""
    points = []
    for number, line in section:
        fields = line.split(",")
        if len(fields) < 2:
            raise fail_at(path, number, "a timing point needs at least time and beat length")
        time_ms = decimal(fields[0], path, number, "timing point time") + offset_ms
        beat_length = decimal(fields[1], path, number, "beat length")
        meter = (
            _int(fields[2], path, number, "meter") if len(fields) > 2 and fields[2].strip() else 4
        )
        uninherited = (
            fields[6].strip()[:1] == "1" if len(fields) > 6 and fields[6].strip() else None
        )
        if uninherited is None:
            uninherited = beat_length > 0
        if not uninherited:
            continue
        if beat_length <= 0:
            raise fail_at(
                path, number, f"beat length {fields[1].strip()}: the tempo must be positive"
            )
        if 60000 / beat_length > 10_000:
            raise fail_at(path, number, "tempo above 10000 BPM")
        if meter <= 0:
            meter = 4  # osu! treats a zero meter as 4/4
        points.append((time_ms, beat_length, min(meter, 64), number))
    if not points:
        raise fail_at(path, None, "no uninherited timing point: the map has no tempo")
    points.sort(key=lambda p: p[0])  # stable: at one time the file's order stays
    kept: dict[Fraction, tuple] = {}
    for point in points:  # at one time the first point holds, as in osu!
        kept.setdefault(point[0], point)
    return list(kept.values())


def _grid(points, first_note_ms: Fraction):
    """Beat 0's time and, per timing point, its beat: bars start at each point.

    Beat 0 lies whole bars of the first point before it, early enough for every note.
    """
    t0, bl0, meter0, _ = points[0]
    bar_ms = bl0 * meter0
    bars_back = max(0, math.ceil((t0 - min(first_note_ms, t0)) / bar_ms))
    start_ms = t0 - bars_back * bar_ms
    beats = [Fraction(bars_back * meter0)]
    for (t_prev, bl_prev, _, _), (t, _, _, _) in itertools.pairwise(points):
        beats.append(beats[-1] + (t - t_prev) / bl_prev)
    return start_ms, beats


def import_osu(path, course: str | None = None, parts: str = "unison", with_audio: bool = True):
    """(chart, report) of an .osu file; raises ImportFileError with file and line."""
    name = str(path)
    report = ImportReport(name, "osu!")
    text = decode_text(read_bytes(path), name)
    offset_ms = EARLY_VERSION_TIMING_OFFSET_MS if format_version(text, name) < 5 else 0
    sections = _sections(text, name)
    general = _pairs(sections.get("General", []))
    metadata = _pairs(sections.get("Metadata", []))
    mode_text, mode_line = general.get("Mode", ("0", 0))
    mode = _int(mode_text, name, mode_line, "Mode")
    if mode not in (0, 1):
        raise fail_at(name, mode_line, f"Mode {mode} ({MODES.get(mode, 'unknown')}) is not taiko")
    report.source_format = MODES[mode]
    report.course = metadata.get("Version", ("", 0))[0]
    points = _timing(sections.get("TimingPoints", []), name, offset_ms)
    notes_raw = []
    for number, line in sections.get("HitObjects", []):
        fields = line.split(",")
        if len(fields) < 5:
            raise fail_at(name, number, "a hit object needs x,y,time,type,hitSound")
        time_ms = _time_ms(fields[2], name, number) + offset_ms
        kind = _whole(fields[3], name, number, "type")
        sound = _whole(fields[4], name, number, "hitSound")
        if kind & CIRCLE:
            notes_raw.append((time_ms, sound, number))
            check_note_count(len(notes_raw), name, number)
        elif kind & SLIDER:
            report.drop("sliders (drum rolls)")
        elif kind & SPINNER:
            report.drop("spinners (denden)")
        else:
            report.drop("hit objects of other types")
    if not notes_raw:
        raise fail_at(name, None, "no hit circles in this map")
    start_ms, point_beats = _grid(points, min(t for t, _, _ in notes_raw))
    notes = []
    index = 0
    for time_ms, sound, number in sorted(notes_raw, key=lambda n: n[0]):
        while index + 1 < len(points) and points[index + 1][0] <= time_ms:
            index += 1
        beat = point_beats[index] + (time_ms - points[index][0]) / points[index][1]
        kat = bool(sound & (WHISTLE | CLAP))
        big = bool(sound & FINISH)
        voice, velocity = (
            (TAIKO_BIG_KA if big else TAIKO_KA) if kat else (TAIKO_BIG_DON if big else TAIKO_DON)
        )
        notes.append(ImportedNote(beat, time_ms / 1000, voice, velocity, number))
    # the first point's tempo and meter hold from beat 0 (whole bars before it)
    starts = [0.0] + [float(b) for b in point_beats[1:]]
    tempo_map = TempoMap(
        tempo_beat=starts,
        bpm=[float(60000 / p[1]) for p in points],
        meter_beat=starts,
        meter_num=[p[2] for p in points],
        meter_den=[4] * len(points),
    )
    audio_name, audio_line = general.get("AudioFilename", ("", 0))
    audio = find_audio(name, audio_name, audio_line, report, with_audio)
    title = metadata.get("TitleUnicode", metadata.get("Title", ("", 0)))[0]
    report.artist = metadata.get("ArtistUnicode", metadata.get("Artist", ("", 0)))[0]
    return build_chart(
        notes, tempo_map, float(start_ms / 1000), title=title or Path(name).stem,
        source_format="osu", report=report, parts=parts, audio_file=audio,
    ), report  # fmt: skip


__all__ = ["import_osu"]
