"""The calibration result's tap plot: the used taps' histogram over a strip with every tap
as a tick, the median and the spread band, on an axis symmetric about the beat.

Drawing never decides: every function takes the values to show.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pygame

from ...runtime import theme
from ...runtime.text import TextCache
from .session import SessionOutcome

FONT_AXIS = 15
#: Tap marks axis: at least this wide each side of zero, in steps of this, at most the limit.
AXIS_MIN_MS, AXIS_STEP_MS, AXIS_MAX_MS = 100.0, 50.0, 250.0


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
