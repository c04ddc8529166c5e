"""Drawing for the calibration screen: the stage (beat flash, tap pulse, tap dots), the
information panel (instructions, result with its histogram and tap marks, no sound) and the
frame pieces (header, panels, buttons, key hints, message box) it shares with the names screen.

Drawing never decides: every function takes the values to show.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pygame

from . import key_hints, theme
from .calibration_session import SessionOutcome
from .text import TextCache

FONT_AXIS = 15
FONT_OFFSET = 96

# Layout of the 1280x720 canvas.
MARGIN = 40
PANEL_TOP = theme.HEADER_H + 24
PANEL_H = 476
STAGE_RECT = pygame.Rect(MARGIN, PANEL_TOP, 520, PANEL_H)
INFO_RECT = pygame.Rect(STAGE_RECT.right + 20, PANEL_TOP, theme.CANVAS_W - MARGIN, PANEL_H)
INFO_RECT.width = theme.CANVAS_W - MARGIN - INFO_RECT.x
MESSAGE_Y = PANEL_TOP + PANEL_H + 26
BUTTONS_Y = MESSAGE_Y + 48
HINTS_Y = theme.CANVAS_H - 18

BEAT_RADIUS = 118
PULSE_S = 0.25
FLASH_S = 0.16
#: Tap marks axis: at least this wide each side of zero, in steps of this, at most the limit.
AXIS_MIN_MS, AXIS_STEP_MS, AXIS_MAX_MS = 100.0, 50.0, 250.0


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


# --- frame pieces -----------------------------------------------------------------------------


def draw_header(
    surface: pygame.Surface,
    text: TextCache,
    title: str,
    subtitle: str,
    right_top: str,
    right_bottom: str,
    right_colour: theme.Colour,
) -> None:
    """The top band of the game's screens: brand and subtitle, title, two lines on the right."""
    pygame.draw.rect(surface, theme.PANEL, (0, 0, theme.CANVAS_W, theme.HEADER_H))
    pygame.draw.line(
        surface, theme.PANEL_EDGE, (0, theme.HEADER_H), (theme.CANVAS_W, theme.HEADER_H)
    )
    text.blit(surface, "DRUMSYNC", theme.FONT_BODY, theme.PLAYER_COLOURS[theme.Player.P1], (40, 10))
    text.blit(surface, subtitle, theme.FONT_SMALL, theme.TEXT, (40, 36))
    centre = (theme.CANVAS_W // 2, theme.HEADER_H // 2)
    text.blit(surface, title, theme.FONT_LABEL, theme.TEXT, centre, "center")
    right = theme.CANVAS_W - 40
    if right_top:
        text.blit(surface, right_top, theme.FONT_SMALL, theme.TEXT_DIM, (right, 10), "topright")
    if right_bottom:
        text.blit(surface, right_bottom, theme.FONT_SMALL, right_colour, (right, 36), "topright")


def draw_panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: TextCache,
    title: str,
    accent: theme.Colour | None = None,
) -> None:
    """A rounded panel with a small title (and a coloured top edge when ``accent``)."""
    pygame.draw.rect(surface, theme.PANEL, rect, border_radius=12)
    pygame.draw.rect(surface, theme.PANEL_EDGE, rect, 1, border_radius=12)
    if accent is not None:
        bar = pygame.Rect(rect.x, rect.y, rect.width, 6)
        pygame.draw.rect(
            surface, accent, bar, border_top_left_radius=12, border_top_right_radius=12
        )
    if title:
        text.blit(surface, title, theme.FONT_TINY, theme.TEXT_DIM, (rect.x + 20, rect.y + 18))


def draw_buttons(
    surface: pygame.Surface,
    text: TextCache,
    labels: Sequence[str],
    selected: int,
    centre: tuple[int, int],
    colour: theme.Colour,
    width: int = 230,
    height: int = 46,
    gap: int = 20,
) -> list[pygame.Rect]:
    """A centred row of buttons; the selected one filled and outlined in ``colour``."""
    total = len(labels) * width + (len(labels) - 1) * gap
    x = centre[0] - total // 2
    rects = []
    for i, label in enumerate(labels):
        rect = pygame.Rect(x, centre[1] - height // 2, width, height)
        if i == selected:
            pygame.draw.rect(surface, theme.PANEL_EDGE, rect, border_radius=10)
            pygame.draw.rect(surface, colour, rect, 2, border_radius=10)
            shade = theme.TEXT
        else:
            pygame.draw.rect(surface, theme.PANEL, rect, border_radius=10)
            pygame.draw.rect(surface, theme.PANEL_EDGE, rect, 1, border_radius=10)
            shade = theme.TEXT_DIM
        text.blit(surface, label, theme.FONT_BODY, shade, rect.center, "center")
        rects.append(rect)
        x += width + gap
    return rects


def render_hints(text: TextCache, items: Sequence[tuple[str, str]]) -> pygame.Surface:
    """Key caps and what they do, spaced as on the results screen."""
    return key_hints.render_hints(text, items, gap=34)


def draw_message(
    surface: pygame.Surface, text: TextCache, message: str, error: bool, centre: tuple[int, int]
) -> None:
    """A one-line notice: green when something worked, vermillion when it did not."""
    if not message:
        return
    colour = theme.OI_VERMILLION if error else theme.OI_GREEN
    w, h = text.size(message, theme.FONT_SMALL)
    box = pygame.Rect(0, 0, w + 36, h + 14)
    box.center = centre
    pygame.draw.rect(surface, theme.PANEL, box, border_radius=8)
    pygame.draw.rect(surface, colour, box, 2, border_radius=8)
    text.blit(surface, message, theme.FONT_SMALL, theme.TEXT, box.center, "center")


def wrap_text(line: str, max_width: int, measure: Callable[[str], int]) -> list[str]:
    """Greedy word wrap: as many words on each line as fit in ``max_width`` px."""
    lines: list[str] = []
    current = ""
    for word in line.split():
        candidate = f"{current} {word}" if current else word
        if current and measure(candidate) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def draw_keycaps(
    surface: pygame.Surface,
    text: TextCache,
    labels: Sequence[str],
    topleft: tuple[int, int],
    colour: theme.Colour,
    height: int = 40,
    gap: int = 10,
) -> pygame.Rect:
    """Keyboard keys in a row, outlined in ``colour``; returns the row's rectangle."""
    x, y = topleft
    for label in labels:
        width = max(height, text.size(label, theme.FONT_SMALL)[0] + 24)
        cap = pygame.Rect(x, y, width, height)
        pygame.draw.rect(surface, theme.PANEL_EDGE, cap, border_radius=7)
        pygame.draw.rect(surface, colour, cap, 2, border_radius=7)
        text.blit(surface, label, theme.FONT_SMALL, theme.TEXT, cap.center, "center")
        x = cap.right + gap
    return pygame.Rect(topleft[0], y, x - gap - topleft[0], height)


def draw_lines(
    surface: pygame.Surface,
    text: TextCache,
    lines: Sequence[str],
    topleft: tuple[int, int],
    size: int = theme.FONT_SMALL,
    colour: theme.Colour = theme.TEXT_DIM,
    spacing: int = 8,
) -> int:
    """Lines of text under each other; returns the y under the last one."""
    x, y = topleft
    step = text.size("Ag", size)[1] + spacing
    for line in lines:
        if line:
            text.blit(surface, line, size, colour, (x, y))
        y += step
    return y


# --- the stage: beat circle, speaker, tap pulse, tap dots, progress ----------------------------


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


def draw_progress(
    surface: pygame.Surface, rect: pygame.Rect, fraction: float, colour: theme.Colour
) -> None:
    pygame.draw.rect(surface, theme.LANE_DARK, rect, border_radius=rect.height // 2)
    width = round(rect.width * min(1.0, max(0.0, fraction)))
    if width > 0:
        done = pygame.Rect(rect.x, rect.y, max(rect.height, width), rect.height)
        pygame.draw.rect(surface, colour, done, border_radius=rect.height // 2)


# --- the result: histogram with tap marks --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TapAxis:
    """Horizontal axis of the tap plot: ``-limit_ms .. +limit_ms`` across ``x0 .. x1`` px."""

    limit_ms: float
    x0: float
    x1: float

    @classmethod
    def fit(cls, values_ms: Sequence[float], x0: float, x1: float) -> TapAxis:
        """Symmetric about zero, wide enough for every tap up to ``AXIS_MAX_MS``."""
        top = max((abs(v) for v in values_ms if math.isfinite(v)), default=0.0)
        limit = AXIS_STEP_MS * math.ceil(min(top, AXIS_MAX_MS) / AXIS_STEP_MS)
        return cls(max(AXIS_MIN_MS, limit), x0, x1)

    def x_px(self, ms) -> np.ndarray:
        clipped = np.clip(np.asarray(ms, dtype=np.float64), -self.limit_ms, self.limit_ms)
        return self.x0 + (clipped + self.limit_ms) / (2 * self.limit_ms) * (self.x1 - self.x0)

    def ticks_ms(self) -> list[float]:
        step = AXIS_STEP_MS if self.limit_ms <= 150 else 2 * AXIS_STEP_MS
        n = int(self.limit_ms // step)
        return [k * step for k in range(-n, n + 1)]


def draw_tap_plot(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: TextCache,
    outcome: SessionOutcome,
    colour: theme.Colour,
) -> TapAxis:
    """The used taps' histogram (10 ms bins) over a strip of every tap as a tick (rejected
    ones as faint crosses), the median and the spread band; zero is the beat."""
    plot = pygame.Rect(rect.x, rect.y, rect.width, rect.height - 58)
    strip = pygame.Rect(rect.x, plot.bottom + 6, rect.width, 18)
    axis = TapAxis.fit(outcome.asynchronies_ms, plot.x, plot.right)
    pygame.draw.rect(surface, theme.LANE_DARK, plot)
    pygame.draw.rect(surface, theme.LANE_DARK, strip)
    result = outcome.result
    if result is not None:
        lo, hi = axis.x_px(
            [result.offset_ms - result.spread_ms, result.offset_ms + result.spread_ms]
        )
        band = pygame.Rect(round(lo), plot.y, max(2, round(hi - lo)), plot.height)
        pygame.draw.rect(surface, theme.mix(theme.LANE_DARK, colour, 0.18), band)
        hist = result.histogram
        peak = max(1, hist.peak)
        edges = axis.x_px(hist.edges_ms)
        top_room = 22
        for i, count in enumerate(hist.counts):
            if count <= 0:
                continue
            left, right = round(edges[i]) + 1, round(edges[i + 1]) - 1
            height = round((plot.height - top_room) * count / peak)
            bar = pygame.Rect(left, plot.bottom - height, max(1, right - left), height)
            pygame.draw.rect(surface, colour, bar)
    zero = float(axis.x_px(0.0))
    pygame.draw.line(surface, theme.HIT_LINE, (zero, plot.y), (zero, strip.bottom), 2)
    text.blit(surface, "beat", FONT_AXIS, theme.TEXT_DIM, (zero + 5, plot.y + 4))
    if result is not None:
        mx = float(axis.x_px(result.offset_ms))
        pygame.draw.line(surface, theme.OI_YELLOW, (mx, plot.y), (mx, strip.bottom), 2)
        tip = plot.y
        pygame.draw.polygon(surface, theme.OI_YELLOW, ((mx - 6, tip), (mx + 6, tip), (mx, tip + 8)))
    values = np.asarray(outcome.asynchronies_ms, dtype=np.float64)
    xs = axis.x_px(values) if len(values) else np.empty(0)
    faint = theme.TEXT_FAINT
    for x, used in zip(np.rint(xs).astype(int).tolist(), outcome.used, strict=True):
        if used:
            pygame.draw.line(surface, colour, (x, strip.y + 3), (x, strip.bottom - 4), 2)
        else:
            c = strip.centery
            pygame.draw.line(surface, faint, (x - 4, c - 4), (x + 4, c + 4), 2)
            pygame.draw.line(surface, faint, (x - 4, c + 4), (x + 4, c - 4), 2)
    label_y = strip.bottom + 6
    for value in axis.ticks_ms():
        x = float(axis.x_px(value))
        pygame.draw.line(surface, theme.PANEL_EDGE, (x, strip.bottom), (x, strip.bottom + 3))
        label = "0" if value == 0 else f"{value:+.0f}"
        text.blit(surface, label, FONT_AXIS, theme.TEXT_FAINT, (x, label_y), "midtop")
    hint_y = rect.bottom
    text.blit(surface, "< early", FONT_AXIS, theme.TEXT_DIM, (plot.x, hint_y), "bottomleft")
    text.blit(surface, "late >", FONT_AXIS, theme.TEXT_DIM, (plot.right, hint_y), "bottomright")
    text.blit(surface, "ms", FONT_AXIS, theme.TEXT_FAINT, (plot.centerx, hint_y), "midbottom")
    return axis


# --- the stage --------------------------------------------------------------------------------


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


# --- the information panel (one surface the size of INFO_RECT, composed once per screen) ------

INFO_PAD = 28
FONT_OFFSET_VALUE = 80


def _info_surface() -> pygame.Surface:
    return pygame.Surface(INFO_RECT.size, pygame.SRCALPHA)


def _done(surface: pygame.Surface) -> pygame.Surface:
    return surface.convert_alpha() if pygame.display.get_surface() is not None else surface


def _heading(surface: pygame.Surface, text: TextCache, label: str, y: int = 18) -> None:
    text.blit(surface, label, theme.FONT_TINY, theme.TEXT_DIM, (INFO_PAD, y))


def _paragraphs(surface: pygame.Surface, text: TextCache, paragraphs: Sequence[str], y: int) -> int:
    """Wrapped paragraphs across the panel from ``y``; returns the y under them."""
    width = INFO_RECT.width - 2 * INFO_PAD
    measure = lambda s: text.size(s, theme.FONT_SMALL)[0]  # noqa: E731
    for paragraph in paragraphs:
        y = draw_lines(surface, text, wrap_text(paragraph, width, measure), (INFO_PAD, y)) + 10
    return y


def _footer_line(surface: pygame.Surface, text: TextCache, line: str) -> None:
    y = INFO_RECT.height - 44
    right = INFO_RECT.width - INFO_PAD
    pygame.draw.line(surface, theme.PANEL_EDGE, (INFO_PAD, y - 14), (right, y - 14))
    text.blit(surface, line, theme.FONT_SMALL, theme.TEXT_DIM, (INFO_PAD, y))


def render_intro_info(
    text: TextCache,
    instructions: Sequence[str],
    keys: Sequence[str],
    colour: theme.Colour,
    detail: str,
    saved_line: str,
) -> pygame.Surface:
    """How the test works, the keys to tap with, the tempo and length, the saved offsets."""
    surface = _info_surface()
    _heading(surface, text, "HOW IT WORKS")
    y = max(_paragraphs(surface, text, instructions, 52) + 8, 262)
    _heading(surface, text, "YOUR TAP KEYS", y)
    caps = draw_keycaps(surface, text, keys, (INFO_PAD, y + 26), colour)
    text.blit(surface, detail, theme.FONT_SMALL, theme.TEXT_FAINT, (INFO_PAD, caps.bottom + 18))
    _footer_line(surface, text, saved_line)
    return _done(surface)


def render_no_audio_info(text: TextCache, reason: str, saved_line: str) -> pygame.Surface:
    """Why the audio test cannot run, and what to do instead."""
    surface = _info_surface()
    _heading(surface, text, "AUDIO TEST UNAVAILABLE")
    text.blit(surface, "No sound", theme.FONT_BIG, theme.OI_VERMILLION, (INFO_PAD, 48))
    paragraphs = (
        reason,
        "The audio test has to play a click, so it cannot run without a sound device.",
        "The visual test measures your display's delay with a flashing beat and needs no "
        "sound. Choose it below, or connect speakers or headphones and try the sound again.",
    )
    _paragraphs(surface, text, paragraphs, 122)
    _footer_line(surface, text, saved_line)
    return _done(surface)


def render_result_info(
    text: TextCache,
    title: str,
    outcome: SessionOutcome,
    what: str,
    colour: theme.Colour,
    saved_ms: float,
) -> pygame.Surface:
    """The offset, its uncertainty, spread and taps used, the tap plot, saved vs new."""
    result = outcome.result
    surface = _info_surface()
    _heading(surface, text, title)
    offset = offset_text(result.offset_ms)
    text.blit(surface, offset, FONT_OFFSET_VALUE, theme.TEXT, (INFO_PAD - 4, 40))
    if outcome.reliable:
        line, shade = lateness_text(result.offset_ms, what), theme.TEXT_DIM
    else:
        line, shade = "scattered taps: Retry for a result to trust", theme.OI_YELLOW
    text.blit(surface, line, theme.FONT_SMALL, shade, (INFO_PAD, 112))
    warn = theme.TEXT if outcome.reliable else theme.OI_YELLOW
    stats = (
        ("UNCERTAINTY", f"± {result.error_ms:.1f} ms", warn),
        ("SPREAD (SD)", f"{result.spread_ms:.1f} ms", warn),
        ("TAPS USED", f"{result.used} of {outcome.taps}", theme.TEXT),
    )
    x = INFO_RECT.width - INFO_PAD - 150
    for i, (label, value, ink) in enumerate(stats):
        y = 24 + i * 46
        text.blit(surface, label, theme.FONT_TINY, theme.TEXT_FAINT, (x, y))
        text.blit(surface, value, theme.FONT_BODY, ink, (x, y + 18))
    plot = pygame.Rect(INFO_PAD, 164, INFO_RECT.width - 2 * INFO_PAD, 216)
    draw_tap_plot(surface, plot, text, outcome, colour)
    _footer_line(surface, text, f"Saved now {offset_text(saved_ms)}   ·   Apply saves {offset}")
    return _done(surface)


def render_failed_info(
    text: TextCache, outcome: SessionOutcome, what: str, colour: theme.Colour, saved_line: str
) -> pygame.Surface:
    """Why there is no result, and the taps there were."""
    surface = _info_surface()
    _heading(surface, text, "NO RESULT")
    text.blit(surface, "Not enough taps", theme.FONT_BIG, theme.OI_VERMILLION, (INFO_PAD, 48))
    tips = (outcome.message, f"Tap once on every {what} after the lead-in, then Retry.")
    y = _paragraphs(surface, text, tips, 118)
    if outcome.taps:
        plot = pygame.Rect(INFO_PAD, max(y + 4, 200), INFO_RECT.width - 2 * INFO_PAD, 180)
        draw_tap_plot(surface, plot, text, outcome, colour)
    _footer_line(surface, text, saved_line)
    return _done(surface)
