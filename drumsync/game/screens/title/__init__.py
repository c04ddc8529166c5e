"""The title: the game's name, two drummers, a caption; the quiet music under the menus."""

from .music import TitleMusic
from .scene import IDLE_S, TitleScene

__all__ = ["IDLE_S", "TitleMusic", "TitleScene"]
