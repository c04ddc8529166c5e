"""Where the results picture is saved and how long lines are shortened for the toast."""

from __future__ import annotations

from collections.abc import Callable
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


def elide_middle(line: str, max_width: int, measure: Callable[[str], int]) -> str:
    """``line``, or its two ends around an ellipsis, no wider than ``max_width``."""
    if measure(line) <= max_width:
        return line
    keep = len(line)
    while keep > 2:
        keep -= 1
        head = (keep + 1) // 2
        candidate = f"{line[:head]}…{line[len(line) - (keep - head) :]}"
        if measure(candidate) <= max_width:
            return candidate
    return "…"
