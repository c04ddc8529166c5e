"""Short-lived feedback over a highway: the last judgement with its offset, and the combo.

Notes fall through the whole highway, so the offset line ("12 ms early") sits on a small
translucent dark plate: it stays legible over a note. Plate and text are composed once per
offset text (a small cache); a frame only blits them.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import pygame

from ....core.windows import Tier
from ...runtime import theme
from ...runtime.text import TextCache

POPUP_S = 0.6
RISE_PX = 18
LABEL_SIZE = theme.FONT_BIG - 10
DETAIL_SIZE = theme.FONT_SMALL
#: The offset line's centre, below the judgement's.
DETAIL_DY = 32
PLATE_COLOUR = theme.BACKGROUND
PLATE_ALPHA = 210
PLATE_PAD_X, PLATE_PAD_Y = 10, 2
PLATE_RADIUS = 8
#: Composed offset lines kept per popup (each distinct "N ms early/late" is one).
PLATE_CACHE = 64


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
        self._plates: OrderedDict[str, pygame.Surface] = OrderedDict()
        #: how many offset lines were composed (each once, then blitted from the cache)
        self.plate_builds = 0

    def show(self, tier: Tier, offset_ms: float, song_time_s: float) -> None:
        self.tier = tier
        self.detail = offset_text(offset_ms)
        self.shown_at_s = song_time_s

    def clear(self) -> None:
        self.tier = None

    def detail_surface(self, detail: str) -> pygame.Surface:
        """The offset line on its plate, composed on first use."""
        plate = self._plates.get(detail)
        if plate is not None:
            self._plates.move_to_end(detail)
            return plate
        words = self.text.render(detail, DETAIL_SIZE, theme.TEXT)
        w, h = words.get_size()
        plate = pygame.Surface((w + 2 * PLATE_PAD_X, h + 2 * PLATE_PAD_Y), pygame.SRCALPHA)
        pygame.draw.rect(
            plate, (*PLATE_COLOUR, PLATE_ALPHA), plate.get_rect(), border_radius=PLATE_RADIUS
        )
        plate.blit(words, (PLATE_PAD_X, PLATE_PAD_Y))
        if pygame.display.get_surface() is not None:
            plate = plate.convert_alpha()
        self.plate_builds += 1
        self._plates[detail] = plate
        if len(self._plates) > PLATE_CACHE:
            self._plates.popitem(last=False)
        return plate

    def detail_rect(self, song_time_s: float) -> pygame.Rect | None:
        """Where the offset line's plate is drawn at ``song_time_s`` (None when it is not)."""
        y = self._label_y(song_time_s)
        if y is None or not self.detail:
            return None
        plate = self.detail_surface(self.detail)
        return plate.get_rect(center=(self.centre_x, round(y + DETAIL_DY)))

    def _label_y(self, song_time_s: float) -> float | None:
        if self.tier is None:
            return None
        age = song_time_s - self.shown_at_s
        if not 0.0 <= age < POPUP_S:
            return None
        pop = min(1.0, age / 0.06)
        return self.y - RISE_PX * (age / POPUP_S) - 6 * (1.0 - pop)

    def draw(self, surface: pygame.Surface, song_time_s: float) -> None:
        if self.tier is None:
            return
        age = song_time_s - self.shown_at_s
        if not 0.0 <= age < POPUP_S:
            return
        fade = 1.0 if age < POPUP_S * 0.5 else 1.0 - (age - POPUP_S * 0.5) / (POPUP_S * 0.5)
        alpha = round(255 * fade)
        y = self._label_y(song_time_s)
        colour = theme.TIER_COLOURS[self.tier]
        self.text.blit(
            surface,
            self.tier.label.upper(),
            LABEL_SIZE,
            colour,
            (self.centre_x, y),
            "center",
            alpha,
            shadow=True,
        )
        if self.detail:
            plate = self.detail_surface(self.detail)
            plate.set_alpha(alpha)
            surface.blit(plate, plate.get_rect(center=(self.centre_x, round(y + DETAIL_DY))))


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
