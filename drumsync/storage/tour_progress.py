"""Summit Tour progress between runs: which stages are cleared, whether the ending was seen.

Kept as ``tour_progress.json`` in the user data directory, written atomically (a temporary
file, then a rename). Stages are named by their stage id (``tour:<name>``), so a tour told by
another article starts fresh without forgetting this one. A file that cannot be read or is
not valid progress is moved aside as ``tour_progress.json.corrupt-<n>`` (kept, never
overwritten), progress starts fresh and a warning says so: loading never raises.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.atomic_file import atomic_write
from ..core.tour import TourStage
from .paths import data_dir, move_without_overwriting, numbered_sibling

PROGRESS_FILE = "tour_progress.json"
VERSION = 1
CORRUPT_TAG = "corrupt"


def stage_id(stage: TourStage) -> str:
    """What scores and progress call a stage."""
    return f"tour:{stage.name}"


def progress_path() -> Path:
    return data_dir() / PROGRESS_FILE


@dataclass(frozen=True, slots=True)
class TourProgress:
    cleared: frozenset[str] = field(default_factory=frozenset)
    ending_seen: bool = False

    def is_cleared(self, stage: TourStage) -> bool:
        return stage_id(stage) in self.cleared

    def is_unlocked(self, stages: Sequence[TourStage], index: int) -> bool:
        """The first stage is always open; each later one once the one before is cleared."""
        return index == 0 or self.is_cleared(stages[index - 1])

    def is_complete(self, stages: Sequence[TourStage]) -> bool:
        return bool(stages) and all(self.is_cleared(s) for s in stages)

    def next_stage(self, stages: Sequence[TourStage]) -> int:
        """Index of the first stage not cleared (the last one when all are)."""
        for i, stage in enumerate(stages):
            if not self.is_cleared(stage):
                return i
        return max(0, len(stages) - 1)

    def with_cleared(self, stage: TourStage) -> TourProgress:
        return TourProgress(self.cleared | {stage_id(stage)}, self.ending_seen)

    def with_ending_seen(self) -> TourProgress:
        return TourProgress(self.cleared, True)

    def to_json(self) -> dict:
        return {
            "version": VERSION,
            "cleared": sorted(self.cleared),
            "ending_seen": self.ending_seen,
        }

    @classmethod
    def from_json(cls, data: object) -> TourProgress:
        """Raises ValueError for anything that is not valid progress."""
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError("not a tour progress file of this version")
        cleared = data.get("cleared", [])
        ending = data.get("ending_seen", False)
        if not isinstance(cleared, list) or not all(isinstance(s, str) and s for s in cleared):
            raise ValueError("'cleared' must be a list of stage ids")
        if not isinstance(ending, bool):
            raise ValueError("'ending_seen' must be true or false")
        return cls(frozenset(cleared), ending)


@dataclass(frozen=True, slots=True)
class LoadedProgress:
    progress: TourProgress
    warnings: tuple[str, ...] = ()


def load_progress(path: str | os.PathLike | None = None) -> LoadedProgress:
    path = Path(path) if path is not None else progress_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedProgress(TourProgress())
    except OSError as error:
        return LoadedProgress(
            TourProgress(), (f"tour progress unreadable ({error.strerror}); starting fresh",)
        )
    try:
        return LoadedProgress(TourProgress.from_json(json.loads(raw.decode("utf-8"))))
    except (ValueError, UnicodeDecodeError) as error:
        reason = str(error).splitlines()[0][:80]
        try:
            aside = numbered_sibling(path, CORRUPT_TAG)
            move_without_overwriting(path, aside)
            kept = f"kept as {aside.name}"
        except OSError:
            kept = "left in place"
        return LoadedProgress(
            TourProgress(), (f"tour progress was damaged ({reason}); {kept}, starting fresh",)
        )


def save_progress(progress: TourProgress, path: str | os.PathLike | None = None) -> Path:
    path = Path(path) if path is not None else progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, (json.dumps(progress.to_json(), indent=2) + "\n").encode("utf-8"))
    return path
