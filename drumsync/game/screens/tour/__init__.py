"""The Summit Tour: its stages in order, and its ending."""

from .ending import TourEndScene
from .scene import TourScene

__all__ = ["TourEndScene", "TourScene"]
