"""The title's moving parts, drawn as cheaply as they can be (an idle screen should idle).

* :class:`DrummerLayer`: both drummers over their patch of the stage, redrawn "on twos"
  (12 poses a second at the title's 24 frames, as hand-drawn animation does) and blitted
  whole on every frame: the drummers are most of the title's drawing cost.
* :class:`RingSprites`: the players' two rings and the white one that flashes on the beat,
  antialiased once into sprites instead of every frame.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from ...runtime import theme
from ...widgets.drummer_art import DrummerLook, draw_drummer
from ...widgets.drummer_motion import Pose

#: Where the drummers can reach on the title canvas (measured over a whole loop of poses).
DRUMMER_AREA = pygame.Rect(160, 198, 960, 368)
#: Poses per second of the drummers: every other frame of the title's 24.
POSE_RATE_HZ = 12.0
RING_RADIUS = 46
RING_WIDTH = 5


class DrummerLayer:
    """The drummers over their patch of the stage, redrawn when their pose step changes."""

    def __init__(self, static: pygame.Surface, looks: Sequence[DrummerLook]) -> None:
        self.looks = tuple(looks)
        self.background = static.subsurface(DRUMMER_AREA).copy()
        self.surface = self.background.copy()
        self.step: int | None = None
        self.redraws = 0

    def pose_step(self, loop_t: float) -> int:
        return math.floor(loop_t * POSE_RATE_HZ)

    def draw(
        self,
        canvas: pygame.Surface,
        loop_t: float,
        pose_for,
        xs: Sequence[int],
        floor_y: int,
        scale: float,
    ) -> None:
        """Blit the layer, first redrawing it if ``loop_t`` is in a new pose step;
        ``pose_for(t)`` gives the pose at loop time ``t``."""
        step = self.pose_step(loop_t)
        if step != self.step:
            self.step = step
            self.redraws += 1
            pose: Pose = pose_for(step / POSE_RATE_HZ)
            self.surface.blit(self.background, (0, 0))
            for i, look in enumerate(self.looks):
                base = (xs[i] - DRUMMER_AREA.x, floor_y - DRUMMER_AREA.y)
                draw_drummer(self.surface, look, pose, base, scale, mirror=i == 1)
        canvas.blit(self.surface, DRUMMER_AREA)


class RingSprites:
    """Antialiased rings drawn once: one per colour, blitted where the beat puts them."""

    def __init__(self, colours: Sequence[tuple[int, int, int]]) -> None:
        size = 2 * RING_RADIUS + 4
        self.size = size
        self.sprites = []
        for colour in colours:
            sprite = pygame.Surface((size, size), pygame.SRCALPHA)
            pygame.draw.aacircle(sprite, colour, (size // 2, size // 2), RING_RADIUS, RING_WIDTH)
            self.sprites.append(sprite)
        self.white = pygame.Surface((size, size), pygame.SRCALPHA)
        pygame.draw.aacircle(
            self.white, theme.TEXT, (size // 2, size // 2), RING_RADIUS, RING_WIDTH
        )

    def blit(self, canvas: pygame.Surface, index: int, centre: tuple[float, int]) -> None:
        x, y = centre
        canvas.blit(self.sprites[index], (round(x) - self.size // 2, y - self.size // 2))

    def blit_white(self, canvas: pygame.Surface, centre: tuple[int, int], alpha: float) -> None:
        """The white ring at ``alpha`` (0..1) over what is below it."""
        self.white.set_alpha(round(255 * alpha))
        x, y = centre
        canvas.blit(self.white, (x - self.size // 2, y - self.size // 2))
