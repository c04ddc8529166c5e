"""Play online: host or join a duet across two machines, the lobby, and the match itself."""

from .net_play import NetPlayScene
from .scene import OnlineScene

__all__ = ["NetPlayScene", "OnlineScene"]
