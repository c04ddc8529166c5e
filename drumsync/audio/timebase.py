"""The one mapping between song time and samples.

Song time is chart time (``Part.time_s``, ``Chart.beat_to_time``). At practice ``rate``
(0.5..1.0) the music is rendered slower: song time ``t`` sounds at audio time ``t / rate``,
which is sample ``round(t / rate * rate_hz)`` of a rendered track. Sample 0 is song time 0;
anything scheduled before it is cut.
"""

from __future__ import annotations

import numpy as np

RATE_HZ = 44100
MIN_RATE = 0.5
MAX_RATE = 1.0


def check_rate(rate: float) -> float:
    """The practice rate as a float; ValueError outside ``MIN_RATE..MAX_RATE``."""
    try:
        value = float(rate)
    except (TypeError, ValueError):
        raise ValueError(f"rate must be a number, got {rate!r}") from None
    if not (MIN_RATE <= value <= MAX_RATE):
        raise ValueError(f"rate must be between {MIN_RATE} and {MAX_RATE}, got {rate!r}")
    return value


def song_to_audio_s(song_time_s, rate: float = 1.0):
    """Audio time (seconds of rendered track) at which song time ``song_time_s`` sounds."""
    return np.asarray(song_time_s, dtype=np.float64) / rate


def sample_index(song_time_s, rate: float = 1.0, rate_hz: int = RATE_HZ):
    """Sample index (int64, scalar or array) of song time in a track rendered at ``rate``."""
    frames = np.rint(np.asarray(song_time_s, dtype=np.float64) / rate * rate_hz).astype(np.int64)
    return int(frames) if frames.ndim == 0 else frames


def frames_for(duration_s: float, rate_hz: int = RATE_HZ) -> int:
    """Number of frames in ``duration_s`` seconds of audio (at least 1)."""
    return max(1, round(duration_s * rate_hz))
