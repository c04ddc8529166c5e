"""The main menu: how to play, and the other screens."""

from .scene import ModeScene

__all__ = ["ModeScene"]
