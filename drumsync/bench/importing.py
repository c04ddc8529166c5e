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


__all__ = ["import_figures"]
