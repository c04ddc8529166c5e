"""The calibration screen's information panel, one surface the size of ``INFO_RECT``
composed once per screen: the instructions, why there is no sound, the result (offset,
uncertainty, spread, taps used and the tap plot) or why there is no result.

Drawing never decides: every function takes the values to show.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from ...runtime import theme
from ...runtime.text import TextCache
from ...widgets.dialog import draw_keycaps, draw_lines
from ...widgets.text_fit import wrap_words
from .session import SessionOutcome
from .tap_plot import draw_tap_plot
from .view import INFO_RECT, lateness_text, offset_text

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
        y = draw_lines(surface, text, wrap_words(paragraph, width, measure), (INFO_PAD, y)) + 10
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
