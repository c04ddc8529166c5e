"""Colours, shapes and layout constants of the game screen.

Voices are told apart twice: by colour from the Okabe-Ito palette (safe for the common forms
of colour blindness) and by shape (kick circle, snare square, hi-hat diamond, crash triangle),
so the lanes read even in greyscale.
"""

from __future__ import annotations

from enum import Enum

from ...core.voices import Player, Voice
from ...core.windows import Tier

Colour = tuple[int, int, int]

# Okabe-Ito (2008) colour-universal palette.
OI_ORANGE: Colour = (230, 159, 0)
OI_SKY: Colour = (86, 180, 233)
OI_GREEN: Colour = (0, 158, 115)
OI_YELLOW: Colour = (240, 228, 66)
OI_BLUE: Colour = (0, 114, 178)
OI_VERMILLION: Colour = (213, 94, 0)
OI_PURPLE: Colour = (204, 121, 167)

BACKGROUND: Colour = (14, 16, 24)
BACKGROUND_GLOW: Colour = (26, 30, 46)
PANEL: Colour = (24, 27, 40)
PANEL_EDGE: Colour = (52, 58, 82)
LANE_DARK: Colour = (20, 23, 34)
LANE_LIGHT: Colour = (26, 29, 42)
LANE_EDGE: Colour = (44, 49, 70)
BEAT_LINE: Colour = (58, 64, 90)
BAR_LINE: Colour = (104, 112, 150)
HIT_LINE: Colour = (220, 226, 245)
TEXT: Colour = (232, 236, 248)
TEXT_DIM: Colour = (140, 148, 176)
TEXT_FAINT: Colour = (88, 96, 124)
MISSED_NOTE: Colour = (78, 82, 98)


class Shape(Enum):
    CIRCLE = "circle"
    SQUARE = "square"
    DIAMOND = "diamond"
    TRIANGLE = "triangle"


VOICE_COLOURS: dict[Voice, Colour] = {
    Voice.KICK: OI_ORANGE,
    Voice.SNARE: OI_SKY,
    Voice.HIHAT: OI_YELLOW,
    Voice.CRASH: OI_PURPLE,
}

VOICE_SHAPES: dict[Voice, Shape] = {
    Voice.KICK: Shape.CIRCLE,
    Voice.SNARE: Shape.SQUARE,
    Voice.HIHAT: Shape.DIAMOND,
    Voice.CRASH: Shape.TRIANGLE,
}

PLAYER_COLOURS: dict[Player, Colour] = {
    Player.P1: (64, 160, 230),  # the blue jackets
    Player.P2: OI_VERMILLION,
}

PLAYER_NAMES: dict[Player, str] = {Player.P1: "PLAYER 1", Player.P2: "PLAYER 2"}

TIER_COLOURS: dict[Tier, Colour] = {
    Tier.PERFECT: (120, 210, 255),
    Tier.GREAT: OI_GREEN,
    Tier.GOOD: OI_YELLOW,
    Tier.MISS: OI_VERMILLION,
}

STRAY_COLOUR: Colour = TEXT_FAINT


def lighten(colour: Colour, amount: float) -> Colour:
    """Mix towards white by ``amount`` (0..1)."""
    r, g, b = colour
    return (
        round(r + (255 - r) * amount),
        round(g + (255 - g) * amount),
        round(b + (255 - b) * amount),
    )


def mix(base: Colour, other: Colour, amount: float) -> Colour:
    """``base`` moved towards ``other`` by ``amount`` (0..1)."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(base, other, strict=True))  # type: ignore[return-value]


def darken(colour: Colour, amount: float) -> Colour:
    """Mix towards black by ``amount`` (0..1)."""
    r, g, b = colour
    k = 1.0 - amount
    return (round(r * k), round(g * k), round(b * k))


# Layout of the 1280x720 logical canvas (pixels).
CANVAS_W, CANVAS_H = 1280, 720
HEADER_H = 58
PROGRESS_Y = 62
PROGRESS_H = 6
HIGHWAY_TOP = 84
HIT_LINE_Y = 600
HIGHWAY_BOTTOM = 704
LANE_W = 88
HIGHWAY_W = LANE_W * 4
HIGHWAY_X = {Player.P1: 40, Player.P2: CANVAS_W - 40 - HIGHWAY_W}
CENTRE_X0 = HIGHWAY_X[Player.P1] + HIGHWAY_W + 16
CENTRE_X1 = HIGHWAY_X[Player.P2] - 16
NOTE_SIZE = 56
PAD_SIZE = 64

#: Scroll speed setting (1.0 = default) times this is the notes' speed in logical px/s.
BASE_SCROLL_PX_PER_S = 700.0

# Font sizes (pygame's default font, in px).
FONT_TINY = 18
FONT_SMALL = 22
FONT_BODY = 28
FONT_LABEL = 34
FONT_BIG = 56
FONT_HUGE = 120

# Sync tiers (core.sync.SyncTier values: unison, together, close, apart).
SYNC_TIER_COLOURS: tuple[Colour, ...] = (
    TIER_COLOURS[Tier.PERFECT],
    OI_GREEN,
    OI_YELLOW,
    OI_VERMILLION,
)
SYNC_TIER_NAMES = ("UNISON", "TOGETHER", "CLOSE", "APART")
