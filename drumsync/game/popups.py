"""Short-lived feedback over a highway: the last judgement with its offset, and the combo."""

from __future__ import annotations

import math

import pygame

from ..core.windows import Tier
from . import theme
from .text import TextCache

POPUP_S = 0.6
RISE_PX = 18


def offset_text(offset_ms: float) -> str:
    """``-12.4`` -> ``"12 ms early"``, ``8`` -> ``"8 ms late"``, under half a ms -> on time."""
    if math.isnan(offset_ms):
        return ""
    rounded = round(offset_ms)
    if rounded == 0:
        return "on time"
    return f"{abs(rounded)} ms {'early' if rounded < 0 else 'late'}"


class JudgementPopup:
    """The latest judgement of one player, drawn above the hit line, rising and fading."""

    def __init__(self, centre_x: int, y: int, text: TextCache) -> None:
        self.centre_x = centre_x
        self.y = y
        self.text = text
        self.tier: Tier | None = None
        self.detail = ""
        self.shown_at_s = -1e9

    def show(self, tier: Tier, offset_ms: float, song_time_s: float) -> None:
        self.tier = tier
        self.detail = offset_text(offset_ms)
        self.shown_at_s = song_time_s

    def clear(self) -> None:
        self.tier = None

    def draw(self, surface: pygame.Surface, song_time_s: float) -> None:
        if self.tier is None:
            return
        age = song_time_s - self.shown_at_s
        if not 0.0 <= age < POPUP_S:
            return
        fade = 1.0 if age < POPUP_S * 0.5 else 1.0 - (age - POPUP_S * 0.5) / (POPUP_S * 0.5)
        alpha = round(255 * fade)
        pop = min(1.0, age / 0.06)
        y = self.y - RISE_PX * (age / POPUP_S) - 6 * (1.0 - pop)
        colour = theme.TIER_COLOURS[self.tier]
        self.text.blit(
            surface,
            self.tier.label.upper(),
            theme.FONT_BIG - 10,
            colour,
            (self.centre_x, y),
            "center",
            alpha,
            shadow=True,
        )
        if self.detail:
            self.text.blit(
                surface,
                self.detail,
                theme.FONT_SMALL,
                theme.TEXT,
                (self.centre_x, y + 32),
                "center",
                alpha,
                shadow=True,
            )


class ComboCounter:
    """A large, faint combo number in the middle of a highway (from a combo of 4)."""

    MIN_COMBO = 4

    def __init__(self, centre_x: int, y: int, text: TextCache) -> None:
        self.centre_x = centre_x
        self.y = y
        self.text = text

    def draw(self, surface: pygame.Surface, combo: int) -> None:
        if combo < self.MIN_COMBO:
            return
        self.text.blit(
            surface, str(combo), theme.FONT_HUGE, theme.TEXT, (self.centre_x, self.y), "center", 46
        )
        self.text.blit(
            surface,
            "COMBO",
            theme.FONT_SMALL,
            theme.TEXT,
            (self.centre_x, self.y + 56),
            "center",
            70,
        )
