"""Clone Hero / Moonscraper ``.chart`` drum tracks -> DrumSync.

Sections ``[Name] { ... }``. ``[Song]``: ``Resolution`` (ticks per quarter note),
``Offset`` (start time of the audio in seconds: a note at tick time ``t`` sounds at audio
time ``t + Offset``), ``MusicStream``, ``Name``, ``Artist``. ``[SyncTrack]``:
``tick = B bpm*1000``, ``tick = TS numerator [denominator exponent]`` (``A`` anchors are for
editors). ``[ExpertDrums]`` (or Hard/Medium/Easy): ``tick = N lane length`` with lanes
0 kick, 1 red, 2 yellow, 3 blue, 4 green (5-lane: orange), 5 5-lane green, 32 2x kick,
66/67/68 yellow/blue/green cymbal markers, ``E mix_D_drumsN d`` disco flips. The drum kind
and disco flips follow ``pad_rules``: in a pro chart a pad is a tom unless marked; a plain
4-lane chart is read as yellow hi-hat, blue tom, green crash; 5-lane: yellow and orange are
cymbals (hi-hat, crash), blue and green toms.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

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
from .pad_rules import (
    ACCENT_VELOCITY,
    CHART_ACCENT_MARKERS,
    CHART_GHOST_MARKERS,
    GHOST_VELOCITY,
    NORMAL_VELOCITY,
    DrumKind,
    disco_flips,
    drum_kind,
    gem_voice,
    is_flipped,
)
from .rockband_midi import song_folder_audio, song_ini
from .ticks import MAX_TEMPO_POINTS, TickClock
from .voice_tables import PAD_BLUE, PAD_GREEN, PAD_KICK, PAD_YELLOW

DIFFICULTIES = ("Expert", "Hard", "Medium", "Easy")
CYMBAL_MARKERS = {66: PAD_YELLOW, 67: PAD_BLUE, 68: PAD_GREEN}
DOUBLE_KICK = 32
MAX_TICK = 2**40


def _sections(text: str, path: str) -> dict[str, list[tuple[int, str]]]:
    sections: dict[str, list[tuple[int, str]]] = {}
    current: list | None = None
    name = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            current = None
        elif line == "{":
            if name is None:
                raise fail_at(path, number, "'{' without a [Section] name")
            current = sections.setdefault(name, [])
        elif line == "}":
            current, name = None, None
        elif current is not None:
            current.append((number, line))
    if "Song" not in sections:
        raise fail_at(path, None, "no [Song] section: not a .chart file")
    return sections


def _events(section, path: str):
    """(tick, code, values, line) of ``tick = CODE values`` lines."""
    for number, line in section:
        left, sep, right = line.partition("=")
        if not sep:
            raise fail_at(path, number, "expected 'tick = TYPE values'")
        try:
            tick = int(left.strip())
        except ValueError:
            raise fail_at(path, number, f"bad tick {left.strip()[:20]!r}") from None
        if not 0 <= tick <= MAX_TICK:
            raise fail_at(path, number, f"tick {tick} is out of range")
        fields = right.split()
        if not fields:
            raise fail_at(path, number, "an event without a type")
        yield tick, fields[0], fields[1:], number


def _song(section, path: str) -> dict[str, tuple[str, int]]:
    out = {}
    for number, line in section:
        key, sep, value = line.partition("=")
        if sep:
            out[key.strip()] = (value.strip().strip('"'), number)
    return out


def _int_field(
    values: list[str], index: int, path: str, line: int, default: int | None = None
) -> int:
    if index >= len(values):
        if default is None:
            raise fail_at(path, line, "a value is missing")
        return default
    try:
        return int(values[index])
    except ValueError:
        raise fail_at(path, line, f"expected a whole number, got {values[index][:20]!r}") from None


def _clock(sync, resolution: int, offset: Fraction, path: str) -> TickClock:
    tempos, meters = [], []
    for tick, code, values, number in _events(sync, path):
        if code == "B":
            milli_bpm = _int_field(values, 0, path, number)
            if milli_bpm <= 0:
                raise fail_at(path, number, f"B {milli_bpm}: the tempo must be positive")
            tempos.append((tick, Fraction(60_000, milli_bpm)))
        elif code == "TS":
            numerator = _int_field(values, 0, path, number)
            exponent = _int_field(values, 1, path, number, default=2)
            if numerator <= 0 or not 0 <= exponent <= 10:
                raise fail_at(path, number, f"TS {' '.join(values)}: not a time signature")
            meters.append((tick, numerator, 2**exponent))
        if len(tempos) > MAX_TEMPO_POINTS:
            raise fail_at(path, number, "too many tempo changes")
    if not tempos:
        raise fail_at(path, None, "[SyncTrack] has no tempo (B)")
    return TickClock(resolution, tempos, meters, offset)


def _kind(sections, ini: dict[str, str]) -> DrumKind:
    """The drum kind of the whole file: markers or a fifth lane in any drum track."""
    lanes = set()
    for difficulty in DIFFICULTIES:
        for _, line in sections.get(f"{difficulty}Drums", []):
            fields = line.partition("=")[2].split()
            if len(fields) > 1 and fields[0] == "N":
                lanes.add(fields[1])
    return drum_kind(bool(lanes & {"66", "67", "68"}), "5" in lanes, ini)


def _drum_notes(track, clock: TickClock, path: str, report: ImportReport, kind: DrumKind,
                difficulty: str) -> list[ImportedNote]:  # fmt: skip
    gems: dict[int, list[tuple[int, int]]] = {}
    cymbals: set[tuple[int, int]] = set()
    accents: set[tuple[int, int]] = set()
    ghosts: set[tuple[int, int]] = set()
    texts: list[tuple[int, str]] = []
    count = 0
    for tick, code, values, number in _events(track, path):
        if code == "E":
            texts.append((tick, " ".join(values).strip('"')))
        if code != "N":
            if code == "S":
                report.drop("special phrases (star power, fills, rolls)")
            continue
        lane = _int_field(values, 0, path, number)
        if lane in CYMBAL_MARKERS:
            cymbals.add((tick, CYMBAL_MARKERS[lane]))
        elif 0 <= lane <= 5 or lane == DOUBLE_KICK:
            gems.setdefault(tick, []).append((lane, number))
            count += 1
            check_note_count(count, path, number)
        elif lane in CHART_ACCENT_MARKERS:
            accents.add((tick, lane - 33))
        elif lane in CHART_GHOST_MARKERS:
            ghosts.add((tick, lane - 39))
        elif lane == 109:
            pass  # flam: one hit here
        else:
            report.drop(f"unknown note type {lane}")
    flips = disco_flips(texts, difficulty)
    notes = []
    for tick in sorted(gems):
        beat, time_s = clock.beat(tick), clock.seconds(tick)
        flipped = is_flipped(flips, tick)
        for lane, number in gems[tick]:
            pad = PAD_KICK if lane == DOUBLE_KICK else lane
            if pad == 5 and kind is not DrumKind.FIVE_LANE:
                report.drop("5-lane green notes in a 4-lane chart")
                continue
            voice = gem_voice(kind, pad, (tick, pad) in cymbals, flipped)
            velocity = (
                ACCENT_VELOCITY if (tick, pad) in accents
                else GHOST_VELOCITY if (tick, pad) in ghosts else NORMAL_VELOCITY
            )  # fmt: skip
            notes.append(ImportedNote(beat, time_s, voice, velocity, number))
    return notes


def import_clonehero(
    path, course: str | None = None, parts: str = "unison", with_audio: bool = True
):
    """(chart, report) of a .chart file's drum track; raises ImportFileError."""
    name = str(path)
    report = ImportReport(name, "Clone Hero .chart")
    sections = _sections(decode_text(read_bytes(path), name), name)
    song = _song(sections["Song"], name)
    res_text, res_line = song.get("Resolution", ("192", 0))
    resolution = _int_field([res_text], 0, name, res_line)
    if not 1 <= resolution <= 1_000_000:
        raise fail_at(name, res_line, f"Resolution {resolution} is not usable")
    offset_text, offset_line = song.get("Offset", ("0", 0))
    offset = decimal(offset_text, name, offset_line, "Offset")
    available = [d for d in DIFFICULTIES if f"{d}Drums" in sections]
    report.courses = tuple(available)
    if not available:
        raise fail_at(name, None, "no drum track ([ExpertDrums], [HardDrums] ...)")
    wanted = (course or available[0]).strip().capitalize()
    if wanted not in available:
        raise fail_at(name, None, f"no {wanted} drums (there are: {', '.join(available)})")
    report.course = wanted
    clock = _clock(sections.get("SyncTrack", []), resolution, offset, name)
    folder = Path(name).parent
    info = song_ini(folder)
    kind = _kind(sections, info)
    notes = _drum_notes(sections[f"{wanted}Drums"], clock, name, report, kind, wanted)
    stream, stream_line = song.get("MusicStream", ("", 0))
    if stream:
        audio = find_audio(name, stream, stream_line, report, with_audio)
    else:
        audio = song_folder_audio(folder, report, with_audio)
    title = info.get("name") or song.get("Name", ("", 0))[0]
    artist = info.get("artist") or song.get("Artist", ("", 0))[0]
    report.artist = artist
    chart = build_chart(
        notes,
        clock.tempo_map(),
        float(offset),
        title=title or Path(name).stem,
        source_format="clonehero",
        report=report,
        parts=parts,
        audio_file=audio,
    )
    return chart, report


__all__ = ["import_clonehero"]
