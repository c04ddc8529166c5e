"""Practice: choose a section and a speed, then loop it with a summary between passes."""

from .lap import PassResult, PracticeLapScene
from .scene import PracticeScene

__all__ = ["PassResult", "PracticeLapScene", "PracticeScene"]
