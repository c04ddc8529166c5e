"""Import speed: a 5-minute song in every format, best of a few runs."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from ..core.importers import import_song
from .song_writers import WRITERS


def import_figures(minutes: float = 5.0, repeats: int = 3) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, (write, suffix) in WRITERS.items():
            path = write(Path(folder) / f"bench{suffix}", minutes)
            best = float("inf")
            for _ in range(repeats):
                start = time.perf_counter()
                chart, _ = import_song(path, with_audio=False)
                best = min(best, time.perf_counter() - start)
            rows.append(
                {
                    "format": name,
                    "import_s": best,
                    "notes": chart.note_count // 2,
                    "song_s": chart.duration_s,
                }
            )
    return rows


def _cpu_s() -> float:
    """CPU seconds used by this process and its finished children (the scan's workers)."""
    try:
        import resource
    except ImportError:  # not on Windows: the process alone
        return time.process_time()
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def scan_figures(files: int = 1000, minutes: float = 2.0) -> dict:
    """A first scan of ``files`` song files (the four formats in turn), then a rescan."""
    from ..storage.library import LibraryIndex
    from ..storage.library_scan import default_workers, scan_library

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "songs"
        root.mkdir()
        writers = list(WRITERS.values())
        samples = [write(Path(folder) / f"sample{suffix}", minutes) for write, suffix in writers]
        for i in range(files):
            sample = samples[i % len(samples)]
            (root / f"song{i:05d}{sample.suffix}").write_bytes(sample.read_bytes())
        index = LibraryIndex(Path(folder) / "library.sqlite3")
        try:
            start, cpu_start = time.perf_counter(), _cpu_s()
            first = scan_library(index, [root], workers=default_workers())
            first_s, cpu_s = time.perf_counter() - start, _cpu_s() - cpu_start
            start = time.perf_counter()
            scan_library(index, [root])
            again_s = time.perf_counter() - start
        finally:
            index.close()
    return {
        "files": first.files,
        "imported": first.imported,
        "scan_s": first_s,
        "files_per_s": first.files / first_s,
        "cpu_s": cpu_s,
        "workers": default_workers(),
        "rescan_s": again_s,
    }


__all__ = ["import_figures", "scan_figures"]
