"""The calibration screen's layout, its offsets as words, and its stage (beat flash or
loudspeaker, tap pulse, tap dots, progress). The information panel is drawn by
:mod:`.calibration_info_panel`, the frame pieces by :mod:`.widgets`.

Drawing never decides: every function takes the values to show.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...runtime import theme
from ...runtime.text import TextCache
from ...widgets.dialog import BUTTONS_Y, draw_progress

# Layout of the 1280x720 canvas.
MARGIN = 40
PANEL_TOP = theme.HEADER_H + 24
PANEL_H = 476
STAGE_RECT = pygame.Rect(MARGIN, PANEL_TOP, 520, PANEL_H)
INFO_RECT = pygame.Rect(STAGE_RECT.right + 20, PANEL_TOP, theme.CANVAS_W - MARGIN, PANEL_H)
INFO_RECT.width = theme.CANVAS_W - MARGIN - INFO_RECT.x
#: The message line, between the panels and the footer's buttons.
MESSAGE_Y = BUTTONS_Y - 48

BEAT_RADIUS = 118
PULSE_S = 0.25
FLASH_S = 0.16


def offset_text(offset_ms: float) -> str:
    """``+40.2 ms`` / ``-12.0 ms`` / ``0.0 ms``."""
    value = round(offset_ms, 1)
    if value == 0:
        return "0.0 ms"
    return f"{value:+.1f} ms"


def lateness_text(offset_ms: float, what: str) -> str:
    """One line saying which way the taps land, for ``what`` ("click" / "flash")."""
    value = round(offset_ms)
    if value == 0:
        return f"your taps land right on the {what}"
    side = "after" if value > 0 else "before"
    return f"your taps land {abs(value)} ms {side} the {what}"


# --- the stage: beat circle, speaker, tap pulse, tap dots, progress -----------------------------


def flash_level(age_s: float | None) -> float:
    """Brightness 0..1 of the beat flash ``age_s`` after its beat (None: no beat yet)."""
    if age_s is None or age_s < 0:
        return 0.0
    return max(0.0, 1.0 - age_s / FLASH_S)


def draw_beat_circle(
    surface: pygame.Surface,
    text: TextCache,
    centre: tuple[int, int],
    level: float,
    colour: theme.Colour,
    label: str = "",
    radius: int = BEAT_RADIUS,
) -> None:
    """The flashing disc: dark at rest, ``colour`` at ``level`` 1; ``label`` inside."""
    fill = theme.mix(theme.LANE_DARK, colour, level)
    pygame.draw.circle(surface, fill, centre, radius)
    pygame.draw.circle(surface, theme.mix(theme.PANEL_EDGE, colour, 0.35), centre, radius, 3)
    if label:
        ink = theme.mix(colour, theme.BACKGROUND, level)
        text.blit(surface, label, theme.FONT_HUGE, ink, centre, "center")


def draw_speaker(
    surface: pygame.Surface,
    centre: tuple[int, int],
    colour: theme.Colour,
    crossed: bool = False,
    scale: float = 1.0,
) -> None:
    """A loudspeaker glyph with sound waves, or with a cross when there is no sound."""
    cx, cy = centre
    s = scale
    box = [(cx - 52 * s, cy - 18 * s), (cx - 30 * s, cy - 18 * s)]
    cone = [
        box[0],
        box[1],
        (cx - 2 * s, cy - 44 * s),
        (cx - 2 * s, cy + 44 * s),
        (cx - 30 * s, cy + 18 * s),
        (cx - 52 * s, cy + 18 * s),
    ]
    pygame.draw.polygon(surface, colour, cone)
    if crossed:
        b, x0 = 20 * s, cx + 34 * s
        pygame.draw.line(surface, theme.OI_VERMILLION, (x0 - b, cy - b), (x0 + b, cy + b), 6)
        pygame.draw.line(surface, theme.OI_VERMILLION, (x0 - b, cy + b), (x0 + b, cy - b), 6)
        return
    for i, r in enumerate((26, 46, 66)):
        rect = pygame.Rect(0, 0, 2 * r * s, 2 * r * s)
        rect.center = (round(cx - 4 * s), cy)
        pygame.draw.arc(surface, colour, rect, -0.75, 0.75, max(3, round((5 - i) * s)))


def draw_tap_pulse(
    surface: pygame.Surface,
    centre: tuple[int, int],
    age_s: float | None,
    colour: theme.Colour,
    radius: int = BEAT_RADIUS,
) -> None:
    """A ring in the player's colour that grows and fades for ``PULSE_S`` after a tap."""
    if age_s is None or not 0 <= age_s < PULSE_S:
        return
    k = age_s / PULSE_S
    ring = theme.mix(colour, theme.PANEL, k)
    pygame.draw.circle(
        surface, ring, centre, round(radius + 8 + 26 * k), max(2, round(8 * (1 - k)))
    )


def draw_tap_dots(
    surface: pygame.Surface,
    text: TextCache,
    centre: tuple[int, int],
    counted: int,
    total: int,
    colour: theme.Colour,
    spacing: int = 22,
) -> None:
    """One dot per tapping beat, filled as taps are counted (says nothing about timing)."""
    cx, cy = centre
    x0 = cx - spacing * (total - 1) / 2
    for i in range(total):
        x = round(x0 + i * spacing)
        if i < counted:
            pygame.draw.circle(surface, colour, (x, cy), 7)
        else:
            pygame.draw.circle(surface, theme.PANEL_EDGE, (x, cy), 7, 2)
    extra = counted - total
    if extra > 0:
        x = round(x0 + total * spacing)
        text.blit(surface, f"+{extra}", theme.FONT_TINY, colour, (x - 4, cy), "midleft")


@dataclass(frozen=True, slots=True)
class StageView:
    """What the stage shows this frame."""

    video: bool  # the flashing disc (else the loudspeaker)
    level: float  # flash brightness 0..1
    flash_colour: theme.Colour
    label: str  # lead-in count inside the disc
    crossed: bool  # no sound
    tap_age_s: float | None  # since the player's last tap
    status: str
    status_colour: theme.Colour
    counted: int
    total: int
    progress: float
    colour: theme.Colour  # the player's


def draw_stage(canvas: pygame.Surface, text: TextCache, view: StageView) -> None:
    rect = STAGE_RECT
    centre = (rect.centerx, rect.y + 200)
    if view.video:
        draw_beat_circle(canvas, text, centre, view.level, view.flash_colour, view.label)
    else:
        draw_beat_circle(canvas, text, centre, 0.0, theme.TEXT)
        draw_speaker(canvas, centre, theme.TEXT_DIM, crossed=view.crossed)
    draw_tap_pulse(canvas, centre, view.tap_age_s, view.colour)
    status_pos = (rect.centerx, rect.y + 360)
    text.blit(canvas, view.status, theme.FONT_BODY, view.status_colour, status_pos, "center")
    dots = (rect.centerx, rect.y + 408)
    draw_tap_dots(canvas, text, dots, view.counted, view.total, view.colour)
    bar = pygame.Rect(rect.x + 40, rect.bottom - 34, rect.width - 80, 8)
    draw_progress(canvas, bar, view.progress, view.colour)
