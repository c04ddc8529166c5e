"""Making a chart for a library song in the background (no pygame here).

``SongChartJob(path, args).start()`` analyses the song on a thread of its own (or reads the
cached analysis) and generates the chart with the generator side's style, difficulty, parts
and seed, then saves it to ``<data>/charts/`` so the song plays like any chart file. The
screen reads ``fraction`` and ``label`` for its progress bar, then ``chart_path`` (done),
``notice`` (done, but the beat is uncertain) or ``error`` (one line).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

from ...core.chart_io import save_chart
from ...core.errors import DrumSyncError
from ...storage import paths

CHARTS_DIR = "charts"


def made_chart_path(song: str, args: dict, folder: Path | None = None) -> Path:
    """Where the chart made for ``song`` with these generator ``args`` is kept."""
    stem = re.sub(r"[^\w.-]+", "_", Path(song).stem)[:80] or "song"
    tag = f"{args['style']}-{args['difficulty']}-{args['parts']}-{args['seed']}"
    return (folder or paths.data_dir() / CHARTS_DIR) / f"{stem}.{tag}.json"


class SongChartJob:
    """``change`` (optional) turns the song's stored correction into a new one (a tapped
    tempo, a moved downbeat) before the chart is made again."""

    def __init__(
        self, song: str, args: dict, folder: Path | None = None, change: Callable | None = None
    ) -> None:
        self.song = song
        self.change = change
        self.args = dict(args)
        self.target = made_chart_path(song, args, folder)
        self.fraction = 0.0
        self.label = "waiting"
        self.chart_path: Path | None = None
        self.notice = ""
        self.error = ""
        self._thread = threading.Thread(target=self._run, name="song-chart", daemon=True)

    def start(self) -> SongChartJob:
        self._thread.start()
        return self

    def _progress(self, fraction: float, label: str) -> None:
        self.fraction, self.label = min(0.95, fraction), label

    def _correct(self) -> None:
        from ...songmaker.corrections import load_correction, store_correction
        from ...songmaker.make import song_digest

        self.label = "keeping your correction"
        folder = paths.data_dir()
        digest = song_digest(Path(self.song))
        store_correction(folder, digest, self.change(load_correction(folder, digest)))

    def _run(self) -> None:
        from ...songmaker import make_song_chart

        try:
            if self.change is not None:
                self._correct()
            made = make_song_chart(
                self.song,
                self.args["style"],
                self.args["difficulty"],
                self.args["parts"],
                self.args["seed"],
                data_folder=paths.data_dir(),
                chart_dir=self.target.parent,
                progress=self._progress,
            )
            self.label = "saving"
            self.target.parent.mkdir(parents=True, exist_ok=True)
            save_chart(made.chart, self.target)
        except (DrumSyncError, OSError, ValueError) as exc:
            self.error = " ".join(str(exc).split())[:200] or type(exc).__name__
            return
        self.notice = made.notice or ""
        self.chart_path = self.target
        self.fraction, self.label = 1.0, "done"

    @property
    def finished(self) -> bool:
        return not self._thread.is_alive() and (self.chart_path is not None or bool(self.error))


__all__ = ["SongChartJob", "made_chart_path"]
