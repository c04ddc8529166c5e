"""Analyses cached by the song file's content (SHA-256), in the data folder.

One JSON file per song and analysis version: ``<data>/analysis/<sha256>-v<version>.json``.
Floats are written with ``repr`` precision, so a cached analysis equals a fresh one and the
same seed gives the same chart byte for byte. A damaged cache file is ignored (and
replaced); a cache that cannot be written only costs the next run the analysis again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from ..analysis import ANALYSIS_VERSION, Boundary, SongAnalysis
from ..core.atomic_file import atomic_write
from ..core.tempo_map import frozen_array

CACHE_FOLDER = "analysis"


def content_hash(path: str | os.PathLike) -> str:
    """SHA-256 of the file's bytes (OSError propagates)."""
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def cache_path(folder: Path, digest: str) -> Path:
    return folder / CACHE_FOLDER / f"{digest}-v{ANALYSIS_VERSION}.json"


def to_json(analysis: SongAnalysis) -> str:
    return json.dumps(
        {
            "version": analysis.version,
            "duration_s": analysis.duration_s,
            "bpm": analysis.bpm,
            "beat_times_s": analysis.beat_times_s.tolist(),
            "first_downbeat": analysis.first_downbeat,
            "boundaries": [[b.bar, b.confidence] for b in analysis.boundaries],
            "bar_energy": analysis.bar_energy.tolist(),
            "confidence": analysis.confidence,
            "downbeat_confidence": analysis.downbeat_confidence,
        }
    )


def from_json(text: str) -> SongAnalysis | None:
    """The analysis in ``text``, or None if it is not a whole analysis of this version."""
    try:
        data = json.loads(text)
        if data["version"] != ANALYSIS_VERSION:
            return None
        analysis = SongAnalysis(
            duration_s=float(data["duration_s"]),
            bpm=float(data["bpm"]),
            beat_times_s=frozen_array(data["beat_times_s"], np.float64),
            first_downbeat=int(data["first_downbeat"]),
            boundaries=tuple(Boundary(int(b), float(c)) for b, c in data["boundaries"]),
            bar_energy=frozen_array(data["bar_energy"], np.float64),
            confidence=float(data["confidence"]),
            downbeat_confidence=float(data["downbeat_confidence"]),
        )
    except (ValueError, KeyError, TypeError):
        return None
    beats = analysis.beat_times_s
    if not np.all(np.isfinite(beats)) or np.any(np.diff(beats) <= 0):
        return None
    return analysis


def load_cached(folder: Path, digest: str) -> SongAnalysis | None:
    try:
        text = cache_path(folder, digest).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return from_json(text)


def store(folder: Path, digest: str, analysis: SongAnalysis) -> bool:
    """Write the analysis to the cache; False when the folder cannot be written."""
    target = cache_path(folder, digest)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, to_json(analysis).encode("utf-8"))
    except OSError:
        return False
    return True
