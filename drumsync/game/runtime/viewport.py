"""Aspect-correct letterboxing of the fixed logical canvas into any window size (pure maths)."""

from __future__ import annotations

from dataclasses import dataclass

LOGICAL_SIZE = (1280, 720)


@dataclass(frozen=True, slots=True)
class Viewport:
    """Where the logical canvas lands in the window: an integer rectangle and its scale.

    The canvas keeps its aspect ratio; the unused strips (left/right or top/bottom) are bars.
    """

    x: int
    y: int
    width: int
    height: int
    scale: float

    @property
    def rect(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.width, self.height)

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    def is_identity(self, logical_size: tuple[int, int] = LOGICAL_SIZE) -> bool:
        """True when the canvas maps 1:1 onto the window (no scaling, no bars)."""
        return (self.x, self.y, self.width, self.height) == (0, 0, *logical_size)

    def to_logical(self, window_x: float, window_y: float) -> tuple[float, float]:
        """Window pixel position to logical canvas position (may fall outside the canvas)."""
        return ((window_x - self.x) / self.scale, (window_y - self.y) / self.scale)


def fit_viewport(
    window_size: tuple[int, int], logical_size: tuple[int, int] = LOGICAL_SIZE
) -> Viewport:
    """The largest rectangle of the logical aspect ratio that fits the window, centred."""
    win_w, win_h = max(1, int(window_size[0])), max(1, int(window_size[1]))
    log_w, log_h = logical_size
    scale = min(win_w / log_w, win_h / log_h)
    width = min(win_w, max(1, round(log_w * scale)))
    height = min(win_h, max(1, round(log_h * scale)))
    return Viewport((win_w - width) // 2, (win_h - height) // 2, width, height, scale)
