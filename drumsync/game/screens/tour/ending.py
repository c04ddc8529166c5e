"""The Summit Tour's ending: the road of cleared stages, the article's "same rhythm" quote (the
last stage's outro) and the two drummers playing on. Enter or Esc closes it; closing
remembers it was seen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame

from ....core.voices import Player
from ...runtime import theme
from ...runtime.scenes import Scene
from ...widgets.drummer_art import DrummerLook, draw_drummer
from ...widgets.drummer_motion import pose_at
from ...widgets.drummer_stage import HAIR, SKINS, render_stage, title_timeline
from ...widgets.key_hints import render_hints
from ...widgets.menu_backdrop import FOOTER_Y
from ...widgets.text_fit import fitted_lines

CLOSE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE)
ROAD_Y = 132
ROAD_X = (150, theme.CANVAS_W - 150)
QUOTE_RECT = pygame.Rect(170, 222, theme.CANVAS_W - 340, 110)
DRUMMER_X = (420, 860)
FLOOR_Y = 650
SCALE = 0.86
#: Keys are ignored this long after the card appears (the drummers may still be hitting).
INPUT_GRACE_S = 0.8


class TourEndScene(Scene):
    def __init__(
        self,
        ctx,
        outro: str,
        on_close: Callable[[], None] | None = None,
        stage_names: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.outro = outro
        self.on_close = on_close
        self.stage_names = tuple(stage_names)
        self.timeline = title_timeline()
        self.looks = (
            DrummerLook(theme.PLAYER_COLOURS[Player.P1], skin=SKINS[0], hair=HAIR[0]),
            DrummerLook(theme.PLAYER_COLOURS[Player.P2], skin=SKINS[1], hair=HAIR[1]),
        )
        self.origin_s = self.now_s = 0.0
        self._static: pygame.Surface | None = None
        self.closed = False

    def enter(self) -> None:
        self.origin_s = self.now_s = self.ctx.timer.now()
        if self._static is None:
            self._static = self._render_static()

    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type != pygame.KEYDOWN or event.key not in CLOSE_KEYS:
            return
        if stamp_s - self.origin_s < INPUT_GRACE_S:
            return
        self.close()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.pop_self()
        if self.on_close is not None:
            self.on_close()

    def update(self, now_s: float) -> None:
        self.now_s = now_s

    def draw(self, canvas: pygame.Surface) -> None:
        canvas.blit(self._static, (0, 0))
        pose = pose_at(self.timeline, self.timeline.start_s + self.now_s - self.origin_s)
        for i, look in enumerate(self.looks):
            draw_drummer(canvas, look, pose, (DRUMMER_X[i], FLOOR_Y), SCALE, mirror=i == 1)

    # -- drawn once ---------------------------------------------------------------------------
    def _render_static(self) -> pygame.Surface:
        text = self.ctx.text
        w = theme.CANVAS_W
        surface = render_stage(DRUMMER_X, FLOOR_Y)
        text.blit(
            surface,
            "SUMMIT TOUR COMPLETE",
            theme.FONT_LABEL,
            theme.OI_YELLOW,
            (w // 2, 50),
            "center",
        )
        self._draw_road(surface)
        lines, size = fitted_lines(
            text, self.outro, theme.FONT_BODY, QUOTE_RECT.width, QUOTE_RECT.height
        )
        line_h = text.font(size).get_linesize() + 6
        y = QUOTE_RECT.centery - line_h * len(lines) / 2
        for line in lines:
            text.blit(surface, line, size, theme.TEXT, (w // 2, y), "midtop", shadow=True)
            y += line_h
        hints = render_hints(text, (("ENTER", "continue"),))
        surface.blit(hints, (0, FOOTER_Y - hints.get_height() // 2))
        return surface.convert() if pygame.display.get_surface() is not None else surface

    def _draw_road(self, surface: pygame.Surface) -> None:
        """The stages as stops on a line, all cleared, each named under its stop."""
        count = len(self.stage_names)
        if count == 0:
            return
        text = self.ctx.text
        x0, x1 = ROAD_X
        step = (x1 - x0) / max(1, count - 1)
        xs = [round(x0 + i * step) for i in range(count)] if count > 1 else [(x0 + x1) // 2]
        pygame.draw.line(surface, theme.OI_GREEN, (xs[0], ROAD_Y), (xs[-1], ROAD_Y), 4)
        for i, (x, name) in enumerate(zip(xs, self.stage_names, strict=True)):
            pygame.draw.aacircle(surface, theme.OI_GREEN, (x, ROAD_Y), 15)
            text.blit(
                surface, str(i + 1), theme.FONT_SMALL, theme.BACKGROUND, (x, ROAD_Y), "center"
            )
            lines, size = fitted_lines(text, name, theme.FONT_TINY, round(step) - 16, 40)
            for k, line in enumerate(lines):
                text.blit(
                    surface,
                    line,
                    size,
                    theme.TEXT_DIM,
                    (x, ROAD_Y + 24 + k * 20),
                    "midtop",
                )
