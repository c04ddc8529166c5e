"""Where a results picture is saved: the data folder's ``results/``, a name that says the
match, never overwriting an earlier picture."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ....storage.paths import data_dir
from ...match.state import MatchOutcome

RESULTS_DIR = "results"


def results_folder() -> Path:
    return data_dir() / RESULTS_DIR


def picture_name(outcome: MatchOutcome, mode: str, when: datetime) -> str:
    meta = outcome.chart.meta
    return f"drumsync-{mode}-{meta.style}-{meta.seed}-{when:%Y%m%d-%H%M%S}.png"


def free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``stem-2.png``, ``stem-3.png``... if taken."""
    path = folder / name
    n = 2
    while path.exists():
        path = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
        n += 1
    return path
