"""Free play: choose a generated chart and see it before playing."""

from .scene import FreePlayScene

__all__ = ["FreePlayScene"]
