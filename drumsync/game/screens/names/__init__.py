"""The names screen: both players type their names."""

from .scene import NamesScene

__all__ = ["NamesScene"]
