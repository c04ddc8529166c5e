"""The input test's list of recent strikes from kits and controllers: which device, which pad,
how hard, what it played for whom, and what was dropped (a ghost under the threshold, a
double trigger with its interval, a pad nothing is bound to)."""

from __future__ import annotations

import pygame

from ...devices.pad_filter import Verdict
from ...devices.router import StrikeRecord
from ..runtime import theme
from ..runtime.text import TextCache
from .text_fit import fit_text

LINE_H = 22


def strike_text(record: StrikeRecord) -> tuple[str, str]:
    """(what was struck, what became of it) for one strike."""
    hit = record.hit
    struck = f"{hit.device} · {record.label} · v{hit.velocity}"
    if record.verdict is Verdict.ACCEPTED and record.voice is not None:
        who = record.player.label.upper() if record.player is not None else "?"
        fate = f"{who} {record.voice.label}"
        if record.interval_ms is not None and record.interval_ms < 1000:
            fate += f" (+{record.interval_ms:.0f} ms)"
    elif record.verdict is Verdict.DOUBLE:
        fate = f"double trigger +{record.interval_ms:.1f} ms"
    else:
        fate = record.verdict.value
    return struck, fate


def verdict_colour(record: StrikeRecord) -> theme.Colour:
    if record.verdict is Verdict.ACCEPTED and record.player is not None:
        return theme.PLAYER_COLOURS[record.player]
    if record.verdict is Verdict.DOUBLE:
        return theme.OI_YELLOW
    return theme.TEXT_FAINT


def draw_strike_log(
    canvas: pygame.Surface,
    text: TextCache,
    rect: pygame.Rect,
    records: list[StrikeRecord],
    empty: str = "hit a pad: every strike shows here",
) -> None:
    """The newest strikes first, as many as fit in ``rect``."""
    rows = max(1, rect.height // LINE_H)
    if not records:
        text.blit(canvas, empty, theme.FONT_TINY, theme.TEXT_FAINT, rect.topleft)
        return
    half = rect.width * 3 // 5
    for i, record in enumerate(reversed(records[-rows:])):
        struck, fate = strike_text(record)
        y = rect.y + i * LINE_H
        fit_text(canvas, text, struck, theme.FONT_TINY, theme.TEXT_DIM, (rect.x, y), half - 10)
        fate_at = (rect.x + half, y)
        fit_text(
            canvas, text, fate, theme.FONT_TINY, verdict_colour(record), fate_at, rect.width - half
        )
