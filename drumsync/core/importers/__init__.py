"""Songs from outside: TJA, osu!taiko, General MIDI, Rock Band / Clone Hero notes.mid and
Clone Hero .chart files become DrumSync charts (pure: no pygame, no audio decoding).

``import_song(path, course=None, parts="unison")`` returns ``(chart, report)``; the report
says what was imported and what was dropped. ``load_any_chart`` also takes DrumSync's own
chart JSON. Problems raise ``ImportFileError`` (a ``ChartError``) with file and line.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..chart import Chart
from .clonehero_chart import import_clonehero
from .common import ImportFileError, ImportReport
from .gm_midi import import_midi
from .osu import import_osu
from .tja import import_tja

IMPORTERS = {
    ".tja": import_tja,
    ".osu": import_osu,
    ".mid": import_midi,
    ".midi": import_midi,
    ".chart": import_clonehero,
}
SONG_SUFFIXES = tuple(IMPORTERS)
CHART_SUFFIXES = (".json",)


def is_song_file(path) -> bool:
    return Path(os.fspath(path)).suffix.lower() in SONG_SUFFIXES


def import_song(
    path, course: str | None = None, parts: str = "unison", with_audio: bool = True
) -> tuple[Chart, ImportReport]:
    suffix = Path(os.fspath(path)).suffix.lower()
    importer = IMPORTERS.get(suffix)
    if importer is None:
        known = ", ".join(SONG_SUFFIXES)
        raise ImportFileError(f"{path}: unknown song format {suffix or '(no suffix)'} ({known})")
    try:
        return importer(os.fspath(path), course=course, parts=parts, with_audio=with_audio)
    except ImportFileError:
        raise
    except RecursionError:
        raise ImportFileError(f"{path}: nested too deeply to read") from None
    except (ValueError, ArithmeticError) as exc:  # numbers no chart can hold
        reason = " ".join(str(exc).split())[:120]
        raise ImportFileError(f"{path}: not a usable song ({reason})") from None
    except MemoryError:
        raise ImportFileError(f"{path}: too large to import") from None


def load_any_chart(
    path, course: str | None = None, parts: str = "unison", with_audio: bool = True
) -> Chart:
    """A DrumSync chart file, or any importable song file, as a chart."""
    if is_song_file(path):
        return import_song(path, course, parts, with_audio)[0]
    from ..chart_io import load_chart

    return load_chart(path)


__all__ = [
    "SONG_SUFFIXES",
    "ImportFileError",
    "ImportReport",
    "import_song",
    "is_song_file",
    "load_any_chart",
]
