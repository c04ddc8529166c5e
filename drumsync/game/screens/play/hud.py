"""Per-player score card: name, score, accuracy and combo (values from the live judge)."""

from __future__ import annotations

from typing import Protocol

import pygame

from ....core.voices import Player
from ...runtime import theme
from ...runtime.text import TextCache


class LiveValues(Protocol):
    """What the card shows; the core's ``LiveScore`` has these."""

    points: int
    combo: int
    max_combo: int

    @property
    def accuracy_percent(self) -> float: ...


class ScoreCard:
    def __init__(
        self, player: Player, rect: pygame.Rect, text: TextCache, name: str | None = None
    ) -> None:
        self.player = player
        self.name = (name or theme.PLAYER_NAMES[player]).upper()
        self.rect = pygame.Rect(rect)
        self.text = text
        self._panel = self._render_panel()

    def _render_panel(self) -> pygame.Surface:
        panel = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        colour = theme.PLAYER_COLOURS[self.player]
        pygame.draw.rect(panel, (*theme.PANEL, 235), panel.get_rect(), border_radius=10)
        pygame.draw.rect(panel, (*theme.darken(colour, 0.35), 255), panel.get_rect(), 2, 10)
        bar = pygame.Rect(0, 0, self.rect.width, 6)
        pygame.draw.rect(panel, colour, bar, border_top_left_radius=10, border_top_right_radius=10)
        self.text.blit(panel, self.name, theme.FONT_SMALL, colour, (14, 16))
        self.text.blit(panel, "ACC", theme.FONT_TINY, theme.TEXT_FAINT, (14, 86))
        self.text.blit(
            panel,
            "COMBO",
            theme.FONT_TINY,
            theme.TEXT_FAINT,
            (self.rect.width - 14, 86),
            "topright",
        )
        return panel.convert_alpha() if pygame.display.get_surface() is not None else panel

    def draw_static(self, surface: pygame.Surface) -> None:
        """The card itself and its labels (drawn once into the static layer)."""
        surface.blit(self._panel, self.rect)

    def draw(self, surface: pygame.Surface, live: LiveValues) -> None:
        r = self.rect
        self.text.blit(
            surface, f"{live.points:,}", theme.FONT_LABEL, theme.TEXT, (r.x + 14, r.y + 42)
        )
        self.text.blit(
            surface,
            f"{live.accuracy_percent:.1f}%",
            theme.FONT_BODY,
            theme.TEXT,
            (r.x + 14, r.y + 104),
        )
        self.text.blit(
            surface,
            f"{live.combo}",
            theme.FONT_BODY,
            theme.TEXT if live.combo else theme.TEXT_DIM,
            (r.right - 14, r.y + 104),
            "topright",
        )
