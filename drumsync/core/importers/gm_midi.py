"""General MIDI songs -> DrumSync: channel 10 (index 9) is the drum part.

Percussion keys map to voices by ``voice_tables.GM_PERCUSSION``; other percussion keys are
dropped and counted by name. The other channels are the song's band: the chart names the
MIDI file itself as its audio, and DrumSync's synthesizer plays those channels from their
notes and programs (see ``drumsync.audio.midi_band``).
"""

from __future__ import annotations

from pathlib import Path

from .build import build_chart
from .common import ImportedNote, ImportReport, read_bytes
from .midi_file import MidiSong, read_midi
from .voice_tables import GM_DRUM_CHANNEL, GM_PERCUSSION, gm_key_name


def gm_drum_notes(song: MidiSong, report: ImportReport) -> list[ImportedNote]:
    clock = song.clock
    notes = []
    for track in song.tracks:
        for note in track.notes:
            if note.channel != GM_DRUM_CHANNEL:
                continue
            voice = GM_PERCUSSION.get(note.key)
            if voice is None:
                report.drop(gm_key_name(note.key))
                continue
            notes.append(
                ImportedNote(clock.beat(note.tick), clock.seconds(note.tick), voice,
                             round(note.velocity / 127, 4))
            )  # fmt: skip
    return notes


def backing_summary(song: MidiSong) -> tuple[int, int]:
    """(notes, channels) that the band plays: everything off the drum channel."""
    channels = set()
    count = 0
    for track in song.tracks:
        for note in track.notes:
            if note.channel != GM_DRUM_CHANNEL:
                channels.add(note.channel)
                count += 1
    return count, len(channels)


def import_gm_midi(song: MidiSong, path: str, parts: str, with_audio: bool):
    report = ImportReport(path, "General MIDI")
    notes = gm_drum_notes(song, report)
    backing_notes, channels = backing_summary(song)
    report.backing = f"{backing_notes} notes on {channels} channels, played by DrumSync's band"
    audio = path if with_audio and backing_notes else None
    chart = build_chart(
        notes, song.clock.tempo_map(), 0.0, title=Path(path).stem, source_format="midi",
        report=report, parts=parts, audio_file=audio,
    )  # fmt: skip
    return chart, report


def import_midi(path, course: str | None = None, parts: str = "unison", with_audio: bool = True):
    """(chart, report) of a .mid file: a Rock Band / Clone Hero ``PART DRUMS`` track when
    the file has one, else the General MIDI drum channel."""
    from .rockband_midi import DRUM_TRACK, import_rockband

    name = str(path)
    song = read_midi(read_bytes(path), name)
    if any(t.name.upper() == DRUM_TRACK for t in song.tracks):
        return import_rockband(song, name, course, parts, with_audio)
    return import_gm_midi(song, name, parts, with_audio)


__all__ = ["gm_drum_notes", "import_midi"]
