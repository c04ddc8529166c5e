"""Procedural chart generator: seeded, deterministic, four styles, difficulty 1..10."""

from __future__ import annotations

from .feel import min_gap_ms
from .generate import GENERATOR_VERSION, chart_title, generate_chart, lead_in_s
from .structure import Phrase, fill_bars, phrase_lengths, phrases

__all__ = [
    "GENERATOR_VERSION",
    "Phrase",
    "chart_title",
    "fill_bars",
    "generate_chart",
    "lead_in_s",
    "min_gap_ms",
    "phrase_lengths",
    "phrases",
]
