"""The pause menu, pushed over the play scene: resume (after a count-down), restart or quit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from ...runtime import theme
from ...runtime.scenes import Scene
from ...runtime.text import TextCache

CHOICES = ("resume", "restart", "quit")
LABELS = {"resume": "Resume", "restart": "Restart", "quit": "Quit"}
SHORTCUTS = {pygame.K_r: "restart", pygame.K_q: "quit"}


class PauseScene(Scene):
    title_music = False  # the title loop is silent: a match's sound, or its own
    overlay = True

    def __init__(self, text: TextCache, on_choice: Callable[[str], None], reason: str = "") -> None:
        super().__init__()
        self.text = text
        self.on_choice = on_choice
        self.reason = reason
        self.selected = 0
        self._shade: pygame.Surface | None = None
        self.panel = pygame.Rect(0, 0, 420, 330)
        self.panel.center = (theme.CANVAS_W // 2, theme.CANVAS_H // 2 + 10)

    def enter(self) -> None:
        shade = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H), pygame.SRCALPHA)
        shade.fill((6, 7, 12, 170))
        pygame.draw.rect(shade, (*theme.PANEL, 250), self.panel, border_radius=16)
        pygame.draw.rect(shade, (*theme.PANEL_EDGE, 255), self.panel, 2, border_radius=16)
        cx = self.panel.centerx
        self.text.blit(
            shade, "PAUSED", theme.FONT_BIG, theme.TEXT, (cx, self.panel.y + 44), "center"
        )
        hint = "Up/Down, Enter  ·  Esc resumes"
        self.text.blit(
            shade, hint, theme.FONT_TINY, theme.TEXT_FAINT, (cx, self.panel.bottom - 24), "center"
        )
        self._shade = shade.convert_alpha() if pygame.display.get_surface() is not None else shade

    def choose(self, choice: str) -> None:
        self.pop_self()
        self.on_choice(choice)

    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type != pygame.KEYDOWN:
            return
        key = event.key
        if key == pygame.K_ESCAPE:
            self.choose("resume")
        elif key in (pygame.K_UP, pygame.K_w):
            self.selected = (self.selected - 1) % len(CHOICES)
        elif key in (pygame.K_DOWN, pygame.K_s):
            self.selected = (self.selected + 1) % len(CHOICES)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.choose(CHOICES[self.selected])
        elif key in SHORTCUTS:
            self.choose(SHORTCUTS[key])

    def draw(self, canvas: pygame.Surface) -> None:
        if self._shade is not None:
            canvas.blit(self._shade, (0, 0))
        cx = self.panel.centerx
        if self.reason:
            self.text.blit(
                canvas,
                self.reason,
                theme.FONT_SMALL,
                theme.TEXT_DIM,
                (cx, self.panel.y + 86),
                "center",
            )
        y = self.panel.y + 136
        for i, choice in enumerate(CHOICES):
            selected = i == self.selected
            if selected:
                row = pygame.Rect(0, 0, 300, 48)
                row.center = (cx, y)
                pygame.draw.rect(canvas, theme.PANEL_EDGE, row, border_radius=10)
                pygame.draw.rect(canvas, theme.PLAYER_COLOURS[theme.Player.P1], row, 2, 10)
            colour = theme.TEXT if selected else theme.TEXT_DIM
            self.text.blit(canvas, LABELS[choice], theme.FONT_LABEL, colour, (cx, y), "center")
            y += 58
