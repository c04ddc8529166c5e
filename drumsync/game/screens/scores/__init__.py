"""The Scores screen: best results, latest matches and the sync trend."""

from .scene import ScoresScene

__all__ = ["ScoresScene"]
