"""Between practice passes: how the pass went, then the loop starts again by itself.

Pushed over the finished play scene (an overlay: the highways stay visible, dimmed). It
shows the pass number, the practising player's accuracy, grade and timing (mean offset,
early or late) beside the previous passes, and restarts the play scene after
:data:`NEXT_PASS_S` seconds, or at once on Enter. Esc ends the practice and goes back to the
setup screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pygame

from ....core.voices import Player
from ...runtime import theme
from ...runtime.scenes import Scene
from ...widgets.key_hints import render_hints
from ...widgets.text_fit import GRADE_COLOURS

NEXT_PASS_S = 4.0
#: Keys are ignored this long after the card appears (the player may still be drumming).
INPUT_GRACE_S = 0.6
GO_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
PANEL = pygame.Rect(0, 0, 620, 330)
PANEL.center = (theme.CANVAS_W // 2, theme.CANVAS_H // 2)


@dataclass(frozen=True, slots=True)
class PassResult:
    accuracy_percent: float
    grade: str
    mean_offset_ms: float | None

    @classmethod
    def from_outcome(cls, outcome, player: Player) -> PassResult:
        score = outcome.report.player(player)
        return cls(score.accuracy_percent, score.grade, score.mean_offset_ms)


def timing_words(mean_offset_ms: float | None) -> str:
    if mean_offset_ms is None or not math.isfinite(mean_offset_ms):
        return "no hits yet"
    if abs(mean_offset_ms) < 1.0:
        return "right on the beat"
    side = "early" if mean_offset_ms < 0 else "late"
    return f"{abs(mean_offset_ms):.0f} ms {side} on average"


class PracticeLapScene(Scene):
    title_music = False  # the title loop is silent: a match's sound, or its own
    overlay = True

    def __init__(
        self,
        ctx,
        passes: Sequence[PassResult],
        on_again: Callable[[], None],
        on_stop: Callable[[], None],
        next_pass_s: float = NEXT_PASS_S,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.passes = list(passes)
        self.on_again = on_again
        self.on_stop = on_stop
        self.next_pass_s = next_pass_s
        self.shown_s = self.now_s = 0.0
        self.left = False
        self._card: pygame.Surface | None = None

    def enter(self) -> None:
        self.shown_s = self.now_s = self.ctx.timer.now()
        if self._card is None:
            self._card = self._render_card()

    def _leave(self, callback: Callable[[], None]) -> None:
        if self.left:
            return
        self.left = True
        self.pop_self()
        callback()

    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type != pygame.KEYDOWN or stamp_s - self.shown_s < INPUT_GRACE_S:
            return
        if event.key == pygame.K_ESCAPE:
            self._leave(self.on_stop)
        elif event.key in GO_KEYS:
            self._leave(self.on_again)

    def update(self, now_s: float) -> None:
        self.now_s = now_s
        if now_s - self.shown_s >= self.next_pass_s:
            self._leave(self.on_again)

    def draw(self, canvas: pygame.Surface) -> None:
        canvas.blit(self._card, (0, 0))
        left = max(0.0, self.next_pass_s - (self.now_s - self.shown_s))
        line = f"next pass in {math.ceil(left)}"
        self.ctx.text.blit(
            canvas,
            line,
            theme.FONT_SMALL,
            theme.OI_YELLOW,
            (PANEL.centerx, PANEL.bottom - 70),
            "center",
        )

    def _render_card(self) -> pygame.Surface:
        text = self.ctx.text
        card = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H), pygame.SRCALPHA)
        card.fill((6, 7, 12, 175))
        pygame.draw.rect(card, (*theme.PANEL, 250), PANEL, border_radius=16)
        pygame.draw.rect(card, (*theme.PANEL_EDGE, 255), PANEL, 2, border_radius=16)
        cx = PANEL.centerx
        latest = self.passes[-1]
        text.blit(
            card,
            f"PASS {len(self.passes)}",
            theme.FONT_SMALL,
            theme.TEXT_FAINT,
            (cx, PANEL.y + 34),
            "center",
        )
        grade_colour = GRADE_COLOURS.get(latest.grade, theme.TEXT)
        text.blit(
            card, latest.grade, theme.FONT_BIG, grade_colour, (cx - 90, PANEL.y + 92), "center"
        )
        text.blit(
            card,
            f"{latest.accuracy_percent:.1f}%",
            theme.FONT_BIG,
            theme.TEXT,
            (cx + 40, PANEL.y + 92),
            "center",
        )
        text.blit(
            card,
            timing_words(latest.mean_offset_ms),
            theme.FONT_SMALL,
            theme.TEXT_DIM,
            (cx, PANEL.y + 146),
            "center",
        )
        history = self.passes[-8:]
        if len(history) > 1:
            self._draw_history(
                card, history, pygame.Rect(PANEL.x + 60, PANEL.y + 176, PANEL.width - 120, 44)
            )
        hints = render_hints(text, (("ENTER", "go now"), ("ESC", "stop")), PANEL.width)
        card.blit(hints, (PANEL.x, PANEL.bottom - 40))
        return card.convert_alpha() if pygame.display.get_surface() is not None else card

    def _draw_history(
        self, card: pygame.Surface, history: Sequence[PassResult], rect: pygame.Rect
    ) -> None:
        """One chip per recent pass (its accuracy, edged in its grade's colour), newest last."""
        text = self.ctx.text
        first = len(self.passes) - len(history) + 1
        labels = [f"{first + i}:  {r.accuracy_percent:.0f}%" for i, r in enumerate(history)]
        widths = [text.size(label, theme.FONT_TINY)[0] + 22 for label in labels]
        gap = 8
        x = rect.centerx - (sum(widths) + gap * (len(widths) - 1)) // 2
        for i, (result, label, w) in enumerate(zip(history, labels, widths, strict=True)):
            chip = pygame.Rect(x, rect.centery - 14, w, 28)
            colour = GRADE_COLOURS.get(result.grade, theme.TEXT_DIM)
            latest = i == len(history) - 1
            pygame.draw.rect(
                card, theme.PANEL_EDGE if latest else theme.PANEL, chip, border_radius=14
            )
            pygame.draw.rect(card, colour, chip, 2, border_radius=14)
            ink = theme.TEXT if latest else theme.TEXT_DIM
            text.blit(card, label, theme.FONT_TINY, ink, chip.center, "center")
            x = chip.right + gap
