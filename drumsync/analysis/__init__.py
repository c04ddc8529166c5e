"""Song analysis: beats, bars and sections of audio, in numpy alone (no pygame).

``analyze_audio(samples, rate_hz) -> SongAnalysis``; ``evaluate.f_measure`` scores beats
against known ones as the MIREX evaluation does.
"""

from .analyze import ANALYSIS_VERSION, LOW_CONFIDENCE, SongAnalysis, analyze_audio
from .evaluate import f_measure
from .sections import Boundary

__all__ = [
    "ANALYSIS_VERSION",
    "LOW_CONFIDENCE",
    "Boundary",
    "SongAnalysis",
    "analyze_audio",
    "f_measure",
]
