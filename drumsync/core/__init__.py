"""The pure rules engine: numpy + stdlib only, no pygame, no wall clock, no global RNG.

The public API is re-exported here; see the README's "Python API" section.
"""

from .chart import Chart, ChartMeta, Part, Section
from .chart_identity import chart_hash
from .chart_io import dumps_chart, load_chart, loads_chart, save_chart
from .drummers import PRESETS as DRUMMER_PRESETS
from .drummers import DrummerModel, parse_spec
from .errors import CaptionError, ChartError, DrumSyncError, ReplayError, SpecError
from .euclid import euclid
from .events import EventArrays, InputEvent
from .generator import generate_chart
from .judge import Judge
from .match_score import score
from .rating import rate_chart
from .replay import Replay, ReplayHeader, load_replay, replay_for, save_replay
from .report import MatchReport
from .simulate import simulate
from .voices import Player, Voice
from .windows import WINDOW_PRESETS, Tier, Windows

__all__ = [
    "DRUMMER_PRESETS",
    "WINDOW_PRESETS",
    "CaptionError",
    "Chart",
    "ChartError",
    "ChartMeta",
    "DrumSyncError",
    "DrummerModel",
    "EventArrays",
    "InputEvent",
    "Judge",
    "MatchReport",
    "Part",
    "Player",
    "Replay",
    "ReplayError",
    "ReplayHeader",
    "Section",
    "SpecError",
    "Tier",
    "Voice",
    "Windows",
    "chart_hash",
    "dumps_chart",
    "euclid",
    "generate_chart",
    "load_chart",
    "load_replay",
    "loads_chart",
    "parse_spec",
    "rate_chart",
    "replay_for",
    "save_chart",
    "save_replay",
    "score",
    "simulate",
]
