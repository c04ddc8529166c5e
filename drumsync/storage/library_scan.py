"""Scanning the song folders into the library index, in the background if asked.

Every file with an importable suffix (.tja .osu .mid .midi .chart) or a DrumSync chart
(.json) under the folders is listed, and every audio file (.ogg .mp3 .wav .flac .opus .wv)
that is not a chart's own song (no chart file of the same name beside it): those are songs
without a chart, for which free play can make one. A file whose size and modification time
match its row is kept as it is, a new or changed one is imported (its audio is only looked
for, decoded later when played), and rows of files that are gone are dropped. A file that
cannot be read becomes a row with its reason: it never stops the scan.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..core.chart_identity import chart_hash
from ..core.errors import DrumSyncError
from ..core.importers import SONG_SUFFIXES, import_song
from . import paths
from .library import LibraryEntry, LibraryIndex

CHART_SUFFIX = ".json"
AUDIO_SUFFIXES = (".ogg", ".mp3", ".wav", ".flac", ".opus", ".wv")
AUDIO_FORMAT = "audio"  # the source_format of a song without a chart
MAX_FILES = 100_000
BATCH = 50
MIN_JOBS_FOR_POOL = 64  # below this, starting worker processes costs more than it saves


def library_folders(extra: Iterable[str] = ()) -> list[Path]:
    """The data folder's ``songs`` folder, then the extra folders from the settings."""
    folders = [paths.songs_dir()]
    for folder in extra:
        path = Path(os.path.expanduser(folder))
        if path not in folders:
            folders.append(path)
    return folders


def song_files(folders: Iterable[Path]) -> list[Path]:
    """Every importable file under ``folders`` (sorted; folders that are missing are skipped)."""
    found: list[Path] = []
    wanted = (*SONG_SUFFIXES, CHART_SUFFIX, *AUDIO_SUFFIXES)
    for folder in folders:
        for root, dirs, files in os.walk(folder, onerror=lambda _: None):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            charted = {n.rsplit(".", 1)[0] for n in files if n.lower().endswith(SONG_SUFFIXES)}
            for name in sorted(files):
                audio = name.lower().endswith(AUDIO_SUFFIXES)
                if audio and name.rsplit(".", 1)[0] in charted:
                    continue  # the audio of a chart beside it
                if name.lower().endswith(wanted) and not name.startswith("."):
                    found.append(Path(root) / name)
                    if len(found) >= MAX_FILES:
                        return found
    return found


def describe(path: Path, size: int, mtime_ns: int) -> LibraryEntry:
    """The library row of one file: imported, or its reason for not importing."""
    base = {"path": str(path), "size": size, "mtime_ns": mtime_ns}
    if path.suffix.lower() in AUDIO_SUFFIXES:  # read when a chart is made for it
        return LibraryEntry(**base, source_format=AUDIO_FORMAT, title=path.stem, audio=path.name)
    try:
        if path.suffix.lower() == CHART_SUFFIX:
            from ..core.chart_io import load_chart

            chart, source, course, artist = load_chart(path), "drumsync", "", ""
        else:
            chart, report = import_song(path)
            source, course, artist = report.source_format, report.course, report.artist
    except DrumSyncError as exc:
        reason = str(exc).removeprefix(f"{path}: ").removeprefix(f"{path}:")
        line, sep, rest = reason.partition(": ")
        if sep and line.isdigit():  # "12: problem" -> "line 12: problem"
            reason = f"line {line}: {rest}"
        return LibraryEntry(**base, title=path.name, error=reason.strip()[:300] or "unreadable")
    bpms = chart.tempo_map.bpm if chart.tempo_map is not None else [chart.meta.bpm]
    return LibraryEntry(
        **base,
        source_format=source,
        title=chart.meta.title,
        artist=artist[:200],
        bpm_min=float(min(bpms)),
        bpm_max=float(max(bpms)),
        length_s=float(chart.duration_s - min(0.0, chart.music_start_s)),
        rating=float(chart.meta.rating),
        notes=int(chart.note_count),
        course=course,
        chart_hash=chart_hash(chart),
        audio=Path(chart.audio_file).name if chart.audio_file else "",
    )


@dataclass(frozen=True, slots=True)
class ScanResult:
    files: int
    imported: int
    unchanged: int
    removed: int
    unreadable: int


Progress = Callable[[int, int], None]


def scan_library(
    index: LibraryIndex,
    folders: Iterable[Path],
    progress: Progress | None = None,
    stop: threading.Event | None = None,
    workers: int = 1,
) -> ScanResult:
    """Bring ``index`` up to date with the files under ``folders``; with ``workers`` > 1 the
    new and changed files are imported by that many processes (one per CPU core)."""
    files = song_files(folders)
    known = index.stamps()
    todo: list[tuple[Path, int, int]] = []
    unchanged = 0
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        if known.get(str(path)) == (stat.st_size, stat.st_mtime_ns):
            unchanged += 1
        else:
            todo.append((path, stat.st_size, stat.st_mtime_ns))
    done = unchanged
    if progress is not None:
        progress(done, len(files))
    batch: list[LibraryEntry] = []
    unreadable = 0
    stopped = False
    with _describer(workers, len(todo)) as run:
        for entry in run(todo):
            unreadable += not entry.readable
            batch.append(entry)
            done += 1
            if len(batch) >= BATCH:
                index.put(batch)
                batch = []
            if progress is not None:
                progress(done, len(files))
            if stop is not None and stop.is_set():
                stopped = True
                break
    index.put(batch)
    seen = {str(p) for p in files}
    gone = [] if stopped else [p for p in known if p not in seen]
    index.remove(gone)
    imported = done - unchanged - unreadable  # files read again that gave a song
    return ScanResult(len(files), imported, unchanged, len(gone), unreadable)


def _describe_one(item: tuple[Path, int, int]) -> LibraryEntry:
    return describe(*item)


@contextlib.contextmanager
def _describer(workers: int, jobs: int):
    """A function from work items to entries: in this process, or in a process pool (the
    "spawn" start method: safe beside the game's threads)."""
    if workers <= 1 or jobs < MIN_JOBS_FOR_POOL:
        yield lambda items: map(_describe_one, items)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield lambda items: pool.map(_describe_one, items, chunksize=8)
        pool.shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


class BackgroundScan:
    """``scan_library`` on a thread of its own (with its own index connection); the game
    reads ``done``/``total`` for its progress bar and ``finished`` to reload the list."""

    def __init__(self, index_path: Path, folders: list[Path]) -> None:
        self.index_path = index_path
        self.folders = folders
        self.done = 0
        self.total = 0
        self.result: ScanResult | None = None
        self.error = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="song-library-scan", daemon=True)

    def start(self) -> BackgroundScan:
        self._thread.start()
        return self

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def _run(self) -> None:
        try:
            index = LibraryIndex(self.index_path)
            try:
                self.result = scan_library(
                    index, self.folders, self._progress, self._stop, default_workers()
                )
            finally:
                index.close()
        except (DrumSyncError, OSError) as exc:
            self.error = " ".join(str(exc).split())[:200]

    @property
    def finished(self) -> bool:
        return not self._thread.is_alive() and (self.result is not None or bool(self.error))

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else (1.0 if self.finished else 0.0)

    def stop(self, wait_s: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(wait_s)


__all__ = [
    "BackgroundScan",
    "ScanResult",
    "default_workers",
    "describe",
    "library_folders",
    "scan_library",
    "song_files",
]
