"""A one-line message shown for a while on a menu screen: news, a refusal or a prompt."""

from __future__ import annotations

import math

import pygame

from ..runtime import theme
from ..runtime.text import TextCache
from .text_fit import fitted

MESSAGE_S = 5.0


class StatusLine:
    """A message shown for a while: green for news, vermilion for a refusal or a failure,
    yellow for a prompt (the game waits for something)."""

    def __init__(self) -> None:
        self.text = ""
        self.error = False
        self.prompt = False
        self._until_s = -math.inf

    def show(
        self,
        message: str,
        now_s: float,
        error: bool = False,
        for_s: float = MESSAGE_S,
        prompt: bool = False,
    ) -> None:
        self.text = message
        self.error = error
        self.prompt = prompt and not error
        self._until_s = now_s + for_s

    @property
    def colour(self) -> theme.Colour:
        if self.error:
            return theme.OI_VERMILLION
        return theme.OI_YELLOW if self.prompt else theme.OI_GREEN

    def clear(self) -> None:
        self.text = ""
        self._until_s = -math.inf

    def visible(self, now_s: float) -> bool:
        return bool(self.text) and now_s < self._until_s

    def draw(
        self, canvas: pygame.Surface, text: TextCache, centre: tuple[int, int], max_w: int
    ) -> None:
        """A rounded box around the message, centred on ``centre``."""
        message, size = fitted(text, self.text, theme.FONT_SMALL, max_w - 40)
        colour = self.colour
        w, h = text.size(message, size)
        box = pygame.Rect(0, 0, w + 40, h + 18)
        box.center = centre
        pygame.draw.rect(canvas, theme.PANEL, box, border_radius=10)
        pygame.draw.rect(canvas, colour, box, 2, border_radius=10)
        text.blit(canvas, message, size, theme.TEXT, box.center, "center")
