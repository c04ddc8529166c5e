"""Rock Band / Clone Hero ``notes.mid`` -> DrumSync: the ``PART DRUMS`` track.

Gems per difficulty (kick, red, yellow, blue, green, 5-lane green): Expert 96-101,
Hard 84-89, Medium 72-77, Easy 60-65; the note below each kick (95 on Expert) is the 2x
kick, played as a kick. In a pro chart (see ``pad_rules``) yellow, blue and green are
cymbals unless a tom marker (110 yellow, 111 blue, 112 green) spans their tick; disco flips
are the track's ``[mix D drumsN d]`` text events. Voices by ``pad_rules.gem_voice``. The
song's audio is ``song.ogg`` (or .opus/.mp3/.wav/.flac) beside the file; ``song.ini``
gives the title, the artist, ``pro_drums`` / ``five_lane_drums`` and ``delay`` (ms: the
chart is that much later than the audio).
"""

from __future__ import annotations

import configparser
from fractions import Fraction
from pathlib import Path

from .build import build_chart
from .common import ImportedNote, ImportReport, decimal, fail_at, find_audio
from .midi_file import MidiSong
from .pad_rules import (
    DrumKind,
    disco_flips,
    drum_kind,
    gem_voice,
    has_dynamics,
    is_flipped,
    midi_velocity,
)
from .voice_tables import PAD_KICK

DRUM_TRACKS = ("PART DRUMS", "PART DRUM")  # the second as YARG also reads it
DIFFICULTY_BASE = {"expert": 96, "hard": 84, "medium": 72, "easy": 60}
FIFTH_LANE = 5
TOM_MARKERS = {110: 2, 111: 3, 112: 4}
SONG_AUDIO = ("song.ogg", "song.opus", "song.mp3", "song.wav", "song.flac")
STEMS = ("drums", "drums_1", "drums_2", "drums_3", "drums_4", "guitar", "bass", "rhythm",
         "vocals", "vocals_1", "vocals_2", "keys", "crowd")  # fmt: skip


def is_drum_track(name: str) -> bool:
    return name.strip().upper() in DRUM_TRACKS


def _tom_spans(notes) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = {}
    for note in notes:
        if note.key in TOM_MARKERS:
            spans.setdefault(TOM_MARKERS[note.key], []).append((note.tick, note.end_tick))
    return spans


def _is_tom(spans, pad: int, tick: int) -> bool:
    return any(start <= tick < end for start, end in spans.get(pad, ()))


def song_folder_audio(folder: Path, report: ImportReport, with_audio: bool) -> str | None:
    for name in SONG_AUDIO:
        if (folder / name).is_file():
            stems = [p.name for p in sorted(folder.iterdir()) if p.stem.lower() in STEMS]
            report.drop("audio stems beside song audio (not mixed in)", len(stems))
            return find_audio(str(folder / name), name, None, report, with_audio)
    stems = [p for p in sorted(folder.iterdir()) if p.stem.lower() in STEMS and p.is_file()]
    if stems:
        report.drop("other audio stems (only the first is played)", len(stems) - 1)
        return find_audio(str(stems[0]), stems[0].name, None, report, with_audio)
    return None


def song_ini(folder: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string((folder / "song.ini").read_text("utf-8-sig", errors="replace"))
    except (OSError, configparser.Error):
        return {}
    for section in parser.sections():
        if section.lower() == "song":
            return {k.lower(): v.strip() for k, v in parser[section].items()}
    return {}


def _ini_delay_s(info: dict[str, str], path: str) -> Fraction:
    text = info.get("delay", "").strip()
    if not text:
        return Fraction(0)
    return decimal(text, path, 0, "song.ini delay") / 1000


def import_rockband(song: MidiSong, path: str, course: str | None, parts: str, with_audio: bool):
    report = ImportReport(path, "Rock Band / Clone Hero MIDI")
    level = (course or "expert").strip().lower()
    if level not in DIFFICULTY_BASE:
        raise fail_at(path, None, f"no difficulty {course!r} (Easy, Medium, Hard, Expert)")
    report.course = level.capitalize()
    report.courses = tuple(k.capitalize() for k in DIFFICULTY_BASE)
    base = DIFFICULTY_BASE[level]
    track = next(t for t in song.tracks if is_drum_track(t.name))
    folder = Path(path).parent
    info = song_ini(folder)
    keys = {n.key for n in track.notes}
    fifth = any(b + FIFTH_LANE in keys for b in DIFFICULTY_BASE.values())
    kind = drum_kind(bool(keys & set(TOM_MARKERS)), fifth, info)
    spans = _tom_spans(track.notes)
    flips = disco_flips(track.texts, level)
    dynamics = has_dynamics(track.texts)
    clock = song.clock
    delay_s = _ini_delay_s(info, str(folder / "song.ini"))
    notes = []
    for note in track.notes:
        pad = note.key - base
        if pad == -1:
            pad = PAD_KICK  # 2x kick
        elif not 0 <= pad <= FIFTH_LANE:
            continue
        if pad == FIFTH_LANE and kind is not DrumKind.FIVE_LANE:
            report.drop("5-lane green notes in a 4-lane chart")
            continue
        tom = pad >= 2 and _is_tom(spans, pad, note.tick)
        voice = gem_voice(kind, pad, not tom, is_flipped(flips, note.tick))
        notes.append(ImportedNote(clock.beat(note.tick), clock.seconds(note.tick) + delay_s,
                                  voice, midi_velocity(dynamics, note.velocity)))  # fmt: skip
    title = info.get("name", "")
    report.artist = info.get("artist", "")
    audio = song_folder_audio(folder, report, with_audio)
    chart = build_chart(
        notes, clock.tempo_map(), float(delay_s), title=title or folder.name or Path(path).stem,
        source_format="rockband", report=report, parts=parts, audio_file=audio,
    )  # fmt: skip
    return chart, report


__all__ = ["DRUM_TRACKS", "import_rockband", "is_drum_track", "song_folder_audio", "song_ini"]
