"""The results: each player's numbers, the sync panel and the timing plots."""

from .scene import ResultsScene

__all__ = ["ResultsScene"]
