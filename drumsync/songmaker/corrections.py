"""The player's corrections of a song's analysis, kept beside its cached analysis.

When the beat is uncertain the player can tap the tempo (``bpm``: the song is analysed again
with the tempo held near it) or move the first downbeat by whole beats (``downbeat_shift``:
the bar lines move, the beats stay). Stored per song content as
``<data>/analysis/<sha256>.fix.json``, so every chart made for that song afterwards uses them.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from pathlib import Path

from ..analysis import SongAnalysis
from ..core.atomic_file import atomic_write
from .cache import CACHE_FOLDER

MIN_TAP_BPM, MAX_TAP_BPM = 40.0, 240.0
BEATS_PER_BAR = 4


@dataclass(frozen=True, slots=True)
class Correction:
    downbeat_shift: int = 0  # beats, 0..3
    bpm: float | None = None  # a tapped tempo

    def shifted(self, beats: int) -> Correction:
        return dataclasses.replace(
            self, downbeat_shift=(self.downbeat_shift + beats) % BEATS_PER_BAR
        )

    def tapped(self, bpm: float) -> Correction:
        if not (math.isfinite(bpm) and MIN_TAP_BPM <= bpm <= MAX_TAP_BPM):
            raise ValueError(f"a tapped tempo of {bpm:.0f} bpm is outside 40..240")
        return dataclasses.replace(self, bpm=round(float(bpm), 2))


def correction_path(folder: Path, digest: str) -> Path:
    return folder / CACHE_FOLDER / f"{digest}.fix.json"


def load_correction(folder: Path | None, digest: str) -> Correction:
    """The stored correction, or none (also for a damaged file)."""
    if folder is None:
        return Correction()
    try:
        data = json.loads(correction_path(folder, digest).read_text(encoding="utf-8"))
        bpm = data.get("bpm")
        correction = Correction(int(data.get("downbeat_shift", 0)) % BEATS_PER_BAR)
        return correction.tapped(float(bpm)) if bpm is not None else correction
    except (OSError, ValueError, TypeError, AttributeError, UnicodeDecodeError):
        return Correction()


def store_correction(folder: Path, digest: str, correction: Correction) -> None:
    """Write the correction (OSError propagates: the caller says it could not be kept)."""
    target = correction_path(folder, digest)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"downbeat_shift": correction.downbeat_shift, "bpm": correction.bpm}
    atomic_write(target, json.dumps(payload).encode("utf-8"))


def shift_downbeat(analysis: SongAnalysis, beats: int) -> SongAnalysis:
    """The analysis with its first downbeat ``beats`` later (within the first bar)."""
    if beats % BEATS_PER_BAR == 0 or len(analysis.beat_times_s) < 2 * BEATS_PER_BAR:
        return analysis
    first = (analysis.first_downbeat + beats) % BEATS_PER_BAR
    return dataclasses.replace(analysis, first_downbeat=first)
