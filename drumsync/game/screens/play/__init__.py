"""The match on screen: highways, score cards, sync meter, pause; and the attract demo."""

from .demo import DemoScene
from .scene import Phase as PlayPhase
from .scene import PlayScene

__all__ = ["DemoScene", "PlayPhase", "PlayScene"]
