"""Sections: where the music changes, from a self-similarity matrix of the bars.

Each bar is described by its mean chroma (harmony) and its mean log band energies (timbre and
loudness), both normalised. The bars' cosine self-similarity matrix is scanned along its
diagonal with a checkerboard kernel (Foote 2000): the novelty is high where the bars before
are alike, the bars after are alike, and the two differ. Novelty peaks become section
boundaries (moved onto a 4-bar phrase line when one bar away: the bar before a section is
often a fill that already sounds different); a boundary's confidence grows with its peak
height over the novelty's spread.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.calibration import MAD_TO_SD

KERNEL_BARS = 4  # half-width of the checkerboard kernel
MIN_SECTION_BARS = 4
PHRASE_BARS = 4  # a boundary one bar from a multiple of this moves onto it
PEAK_THRESHOLD = 2.0  # a boundary's novelty must exceed the median by this many spreads


@dataclass(frozen=True, slots=True)
class Boundary:
    bar: int
    confidence: float  # 0..1


def bar_features(chroma_per_bar: np.ndarray, bands_per_bar: np.ndarray) -> np.ndarray:
    """(bars, features): unit-length chroma beside standardised log energies."""
    chroma = np.asarray(chroma_per_bar, dtype=np.float64)
    chroma = chroma / np.maximum(np.linalg.norm(chroma, axis=1, keepdims=True), 1e-12)
    energy = np.log1p(np.asarray(bands_per_bar, dtype=np.float64))
    energy = (energy - energy.mean(axis=0)) / np.maximum(energy.std(axis=0), 1e-9)
    energy /= np.sqrt(max(1, energy.shape[1]))
    return np.hstack([chroma, energy])


def novelty(features: np.ndarray, half: int = KERNEL_BARS) -> np.ndarray:
    """Foote novelty per bar (a boundary at bar b lies between bars b-1 and b)."""
    n = len(features)
    unit = features / np.maximum(np.linalg.norm(features, axis=1, keepdims=True), 1e-12)
    sim = unit @ unit.T
    idx = np.arange(-half, half)
    sign = np.where((idx[:, None] < 0) == (idx[None, :] < 0), 1.0, -1.0)
    taper = np.exp(-0.5 * ((idx + 0.5) / half) ** 2)
    kernel = sign * taper[:, None] * taper[None, :]
    padded = np.pad(sim, half, mode="edge")
    out = np.zeros(n)
    for b in range(1, n):
        block = padded[b : b + 2 * half, b : b + 2 * half]
        out[b] = float(np.sum(block * kernel))
    return np.maximum(out, 0.0)


def boundaries(curve: np.ndarray, min_bars: int = MIN_SECTION_BARS) -> tuple[Boundary, ...]:
    """Peaks of the novelty curve at least ``min_bars`` apart, strongest first chosen."""
    n = len(curve)
    if n < 2 * min_bars:
        return ()
    median = float(np.median(curve))
    spread = float(np.median(np.abs(curve - median))) * MAD_TO_SD or float(np.std(curve)) or 1.0
    z = (curve - median) / spread
    chosen: list[int] = []
    for bar in np.argsort(-z, kind="stable"):
        bar = int(bar)
        if z[bar] < PEAK_THRESHOLD or bar < min_bars or bar > n - min_bars:
            continue
        if all(abs(bar - other) >= min_bars for other in chosen):
            chosen.append(bar)
    found: dict[int, float] = {}
    for bar in chosen:
        confidence = float(1.0 - np.exp(-max(0.0, z[bar]) / 8.0))
        found[snap_to_phrase(bar, n)] = max(confidence, found.get(snap_to_phrase(bar, n), 0.0))
    return tuple(Boundary(bar, found[bar]) for bar in sorted(found))


def snap_to_phrase(bar: int, bars: int) -> int:
    """Sections start on 4-bar phrases; a change heard one bar early is usually the fill."""
    nearest = round(bar / PHRASE_BARS) * PHRASE_BARS
    return nearest if abs(nearest - bar) <= 1 and 0 < nearest < bars else bar
