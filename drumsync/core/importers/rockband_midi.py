"""Rock Band / Clone Hero ``notes.mid`` -> DrumSync: the ``PART DRUMS`` track.

Gems per difficulty (kick, red, yellow, blue, green): Expert 96-100, Hard 84-88,
Medium 72-76, Easy 60-64; 95 is Expert+ double kick (played as kick on Expert). Yellow,
blue and green are cymbals unless a tom marker (110 yellow, 111 blue, 112 green) spans
their tick. Voices by ``voice_tables.pad_voice``. The song's audio is ``song.ogg`` (or
.opus/.mp3/.wav/.flac) beside the file; ``song.ini`` gives the title and artist.
"""

from __future__ import annotations

import configparser
from pathlib import Path

from .build import build_chart
from .common import ImportedNote, ImportReport, fail_at, find_audio
from .midi_file import MidiSong
from .voice_tables import PAD_KICK, pad_voice

DRUM_TRACK = "PART DRUMS"
DIFFICULTY_BASE = {"expert": 96, "hard": 84, "medium": 72, "easy": 60}
EXPERT_PLUS_KICK = 95
TOM_MARKERS = {110: 2, 111: 3, 112: 4}
SONG_AUDIO = ("song.ogg", "song.opus", "song.mp3", "song.wav", "song.flac")
STEMS = ("drums", "drums_1", "drums_2", "drums_3", "drums_4", "guitar", "bass", "rhythm",
         "vocals", "vocals_1", "vocals_2", "keys", "crowd")  # fmt: skip


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


def import_rockband(song: MidiSong, path: str, course: str | None, parts: str, with_audio: bool):
    report = ImportReport(path, "Rock Band / Clone Hero MIDI")
    level = (course or "expert").strip().lower()
    if level not in DIFFICULTY_BASE:
        raise fail_at(path, None, f"no difficulty {course!r} (Easy, Medium, Hard, Expert)")
    report.course = level.capitalize()
    report.courses = tuple(k.capitalize() for k in DIFFICULTY_BASE)
    base = DIFFICULTY_BASE[level]
    track = next(t for t in song.tracks if t.name.upper() == DRUM_TRACK)
    spans = _tom_spans(track.notes)
    clock = song.clock
    notes = []
    for note in track.notes:
        pad = note.key - base
        if note.key == EXPERT_PLUS_KICK and level == "expert":
            pad = PAD_KICK
        elif not 0 <= pad <= 4:
            continue
        tom = pad >= 2 and _is_tom(spans, pad, note.tick)
        notes.append(ImportedNote(clock.beat(note.tick), clock.seconds(note.tick),
                                  pad_voice(pad, not tom), 0.8))  # fmt: skip
    folder = Path(path).parent
    info = song_ini(folder)
    title = info.get("name", "")
    report.artist = info.get("artist", "")
    audio = song_folder_audio(folder, report, with_audio)
    chart = build_chart(
        notes, clock.tempo_map(), 0.0, title=title or folder.name or Path(path).stem,
        source_format="rockband", report=report, parts=parts, audio_file=audio,
    )  # fmt: skip
    return chart, report


__all__ = ["DRUM_TRACK", "import_rockband", "song_folder_audio", "song_ini"]
