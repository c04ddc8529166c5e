"""``analyze_audio``: beats, bars, sections and a confidence for a song's samples.

The steps: spectrum (``spectrum``), onset envelopes (``onsets``), global tempo and a local
tempo curve (``tempo``), dynamic-programming beat tracking (``beats``), the beats' phase and
the bar starts (``bars``), sections (``sections``). Everything is numpy; the same samples
always give the same analysis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.tempo_map import frozen_array
from . import bars as bar_mod
from .beats import snap_to_peaks, track, trim_quiet_ends
from .metrical import fix_level
from .onsets import envelopes
from .sections import Boundary, bar_features, boundaries, novelty
from .spectrum import CHROMA_EVERY, Spectrum, spectrum
from .tempo import global_tempo, tempo_curve

ANALYSIS_VERSION = 1
BEATS_PER_BAR = bar_mod.BEATS_PER_BAR
MIN_BEATS = 16  # fewer beats than this (four bars) is no song to chart
LOW_CONFIDENCE = 0.4  # below this the player is told the grid may be wrong
ENERGY_GROUPS = 8
SNARE_WEIGHT = 1.0
MIN_ONSET = 1.0  # flux (log units summed over bands) below which nothing starts: a drone


@dataclass(frozen=True, eq=False)
class SongAnalysis:
    """What the generator needs from a song. Times are seconds from the file's start."""

    duration_s: float
    bpm: float  # the main tempo
    beat_times_s: np.ndarray  # every beat, increasing
    first_downbeat: int  # index into beat_times_s of the first bar's "1"
    boundaries: tuple[Boundary, ...]  # section starts, in bars from the first downbeat
    bar_energy: np.ndarray  # loudness of each bar, 0..1 (1 = the loudest bar)
    confidence: float  # 0..1 that the beat grid is right
    downbeat_confidence: float  # 0..1 that the bar lines are right
    version: int = ANALYSIS_VERSION

    @property
    def bar_start_s(self) -> np.ndarray:
        """Times of each whole bar's first beat."""
        return self.beat_times_s[self.first_downbeat :: BEATS_PER_BAR][: self.bars]

    @property
    def bars(self) -> int:
        return max(0, (len(self.beat_times_s) - self.first_downbeat) // BEATS_PER_BAR)

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SongAnalysis):
            return NotImplemented
        return (
            self.duration_s == other.duration_s
            and self.bpm == other.bpm
            and np.array_equal(self.beat_times_s, other.beat_times_s)
            and self.first_downbeat == other.first_downbeat
            and self.boundaries == other.boundaries
            and np.array_equal(self.bar_energy, other.bar_energy)
            and self.confidence == other.confidence
            and self.downbeat_confidence == other.downbeat_confidence
        )


def _spans(starts: np.ndarray, total: int) -> list[tuple[int, int]]:
    if len(starts) == 0:
        return []
    ends = np.append(starts[1:], total)
    return [(int(a), int(max(a + 1, b))) for a, b in zip(starts, ends, strict=True)]


def _per_span(values: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    if not spans:
        return np.zeros((0, *values.shape[1:]))
    last = len(values) - 1
    return np.array(
        [
            values[min(a, last) : max(min(b, len(values)), min(a, last) + 1)].mean(0)
            for a, b in spans
        ]
    )


def _harmony_change(spec: Spectrum, beat_frames: np.ndarray) -> np.ndarray:
    """1 - cosine similarity of the chroma of each beat and the one before (0 for the first)."""
    if len(beat_frames) == 0 or len(spec.chroma) == 0:
        return np.zeros(len(beat_frames))
    rows = np.clip(beat_frames // CHROMA_EVERY, 0, len(spec.chroma) - 1)
    chroma = _per_span(spec.chroma, _spans(rows, len(spec.chroma)))
    unit = chroma / np.maximum(np.linalg.norm(chroma, axis=1, keepdims=True), 1e-12)
    change = np.zeros(len(beat_frames))
    change[1:] = 1.0 - np.sum(unit[1:] * unit[:-1], axis=1)
    return change


def _grouped_bands(bands: np.ndarray) -> np.ndarray:
    groups = np.array_split(np.arange(bands.shape[1]), ENERGY_GROUPS)
    return np.stack([bands[:, g].sum(axis=1) for g in groups], axis=1)


def _confidence(strength: float, beat_frames: np.ndarray, env, period: float) -> float:
    """Periodicity of the onsets times how much more onset energy sits on the beats than
    between them; 0 without enough beats."""
    if len(beat_frames) < MIN_BEATS or np.percentile(env.all, 99) < MIN_ONSET:
        return 0.0
    reach = max(1, round(bar_mod.REACH_S * env.frame_rate_hz))
    on = float(np.mean(bar_mod.strength_at(env.all, beat_frames, reach)))
    shifted = np.clip(beat_frames + int(period / 3), 0, len(env.all) - 1)
    off = float(np.mean(bar_mod.strength_at(env.all, shifted, reach)))
    contrast = (on - off) / on if on > 0 else 0.0
    return float(np.clip(strength, 0.0, 1.0) ** 0.5 * np.clip(contrast * 2.0, 0.0, 1.0))


def _unit(envelope: np.ndarray) -> np.ndarray:
    spread = float(np.std(envelope))
    return envelope / spread if spread > 0 else envelope


def beat_drive(env) -> np.ndarray:
    """What the beat tracker follows: all onsets plus, with weight ``SNARE_WEIGHT``, the
    snare band's, each scaled to unit spread. In syncopated pop the kick and the band hit the
    off-beats as often as the beats, and only the backbeat snare tells them apart."""
    return _unit(env.all) + SNARE_WEIGHT * _unit(env.snare)


def analyze_audio(samples: np.ndarray, rate_hz: int, hint_bpm: float | None = None) -> SongAnalysis:
    """Analyse mono or (frames, channels) audio at ``rate_hz``; ``hint_bpm`` (a tempo the
    player tapped) fixes the tempo to within a few per cent, octave included."""
    return analyze_spectrum(spectrum(samples, rate_hz), hint_bpm)


def analyze_spectrum(spec: Spectrum, hint_bpm: float | None = None) -> SongAnalysis:
    """:func:`analyze_audio` from the song's spectrum (the samples may be gone by now: a
    long song's analysis then holds only its band energies)."""
    env = envelopes(spec)
    tempo = global_tempo(env.all, env.frame_rate_hz, env.snare, hint_bpm)
    periods = tempo_curve(env.all, env.frame_rate_hz, tempo.period_frames)
    frames = track(beat_drive(env), periods)
    frames = snap_to_peaks(frames, env.all, env.frame_rate_hz)
    frames = trim_quiet_ends(frames, env.all, tempo.period_frames)
    frames = bar_mod.on_the_beat(frames, env)
    leveled = fix_level(frames, env) if hint_bpm is None else frames
    bpm = float(tempo.bpm)
    if len(leveled) != len(frames):  # the drums moved the beat an octave
        bpm *= float(np.median(np.diff(frames))) / float(np.median(np.diff(leveled)))
        frames = leveled
    confidence = _confidence(tempo.strength, frames, env, tempo.period_frames)
    if confidence == 0.0:
        frames = frames[:0]
    phase, downbeat_conf = bar_mod.bar_phase(frames, env, _harmony_change(spec, frames))
    beat_times = env.frame_time_s(frames)
    bar_frames = frames[phase::BEATS_PER_BAR]
    whole = max(0, (len(frames) - phase) // BEATS_PER_BAR)
    spans = _spans(bar_frames, len(spec.bands))[:whole]
    bands = _per_span(spec.bands, spans) if spans else np.zeros((0, spec.bands.shape[1]))
    chroma_spans = [(a // CHROMA_EVERY, b // CHROMA_EVERY + 1) for a, b in spans]
    chroma = _per_span(spec.chroma, chroma_spans) if spans else np.zeros((0, 12))
    found = boundaries(novelty(bar_features(chroma, _grouped_bands(bands)))) if spans else ()
    loudness = np.log1p(bands.sum(axis=1) * 1e3) if spans else np.zeros(0)
    top = float(loudness.max()) if len(loudness) else 0.0
    return SongAnalysis(
        duration_s=float(spec.duration_s),
        bpm=bpm,
        beat_times_s=frozen_array(beat_times, np.float64),
        first_downbeat=int(phase),
        boundaries=found,
        bar_energy=frozen_array(loudness / top if top > 0 else loudness, np.float64),
        confidence=round(confidence, 4),
        downbeat_confidence=round(downbeat_conf, 4),
    )
