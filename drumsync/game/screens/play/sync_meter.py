"""The live sync meter between the highways: recent deltas between the players, and sync %.

``delta_ms = t_p1 - t_p2`` for a note both played: negative means P1 came first, drawn to
the left (P1's side). The bar shows the last few deltas as ticks; under it the older ones
drift down and fade like a waterfall, so a trend (one player pulling ahead) is visible.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from ....core.sync import SYNC_TIER_EDGES_MS, sync_tier
from ...runtime import theme
from ...runtime.text import TextCache

RANGE_MS = 75.0
HISTORY = 64
TICKS = 6
WATERFALL_S = 6.0
FADE_LEVELS = 12
DOT_SIZE = 12


def _fades(surface: pygame.Surface, floor: float) -> list[pygame.Surface]:
    """``surface`` at FADE_LEVELS opacities from ``floor`` (level 0) to full (the last)."""
    out = []
    for level in range(FADE_LEVELS):
        opacity = floor + (1.0 - floor) * level / (FADE_LEVELS - 1)
        faded = surface.copy()
        faded.fill((255, 255, 255, round(255 * opacity)), special_flags=pygame.BLEND_RGBA_MULT)
        out.append(faded)
    return out


class SyncMeter:
    def __init__(self, rect: pygame.Rect, text: TextCache) -> None:
        self.rect = pygame.Rect(rect)
        self.text = text
        self.bar = pygame.Rect(self.rect.x + 16, self.rect.y + 150, self.rect.width - 32, 30)
        self.waterfall_top = self.bar.bottom + 44
        self.waterfall_px_per_s = (self.rect.bottom - self.waterfall_top) / WATERFALL_S
        self._time_s = np.full(HISTORY, -math.inf)
        self._delta_ms = np.zeros(HISTORY)
        self._tier = np.zeros(HISTORY, dtype=np.int8)
        self._next = 0
        self.count = 0
        self._bar_surface = self._render_bar()
        # each in FADE_LEVELS opacities (baked in: no per-frame set_alpha)
        self._ticks = [_fades(self._render_tick(c), 0.15) for c in theme.SYNC_TIER_COLOURS]
        self._dots = [_fades(self._render_dot(c), 0.0) for c in theme.SYNC_TIER_COLOURS]

    # -- data --------------------------------------------------------------------------------
    def reset(self) -> None:
        self._time_s[:] = -math.inf
        self._next = 0
        self.count = 0

    def add(self, song_time_s: float, delta_ms: float) -> None:
        i = self._next
        self._time_s[i] = song_time_s
        self._delta_ms[i] = delta_ms
        self._tier[i] = int(sync_tier(abs(delta_ms)))
        self._next = (i + 1) % HISTORY
        self.count += 1

    def latest(self) -> float | None:
        if self.count == 0:
            return None
        return float(self._delta_ms[(self._next - 1) % HISTORY])

    # -- drawing -------------------------------------------------------------------------------
    def draw_static(self, surface: pygame.Surface) -> None:
        """The scale, its labels and guides (drawn once into the static layer)."""
        surface.blit(self._bar_surface, (self.bar.x, self.bar.y - 24))

    def draw(self, surface: pygame.Surface, song_time_s: float, percent: float | None) -> None:
        r = self.rect
        cx = r.centerx
        self.text.blit(surface, "SYNC", theme.FONT_SMALL, theme.TEXT_DIM, (cx, r.y + 6), "midtop")
        big = "--" if percent is None else f"{percent:.1f}%"
        self.text.blit(surface, big, theme.FONT_BIG + 16, theme.TEXT, (cx, r.y + 32), "midtop")
        latest = self.latest()
        if latest is not None:
            tier = int(sync_tier(abs(latest)))
            label = f"{theme.SYNC_TIER_NAMES[tier]}  {abs(round(latest))} ms"
            self.text.blit(
                surface,
                label,
                theme.FONT_BODY,
                theme.SYNC_TIER_COLOURS[tier],
                (cx, r.y + 108),
                "midtop",
            )
        if self.count:
            self._draw_history(surface, song_time_s)

    def _draw_history(self, surface: pygame.Surface, song_time_s: float) -> None:
        """Ticks on the bar for the latest deltas, fading dots below for the last seconds."""
        n = min(self.count, HISTORY)
        order = (self._next - 1 - np.arange(n)) % HISTORY  # newest first
        ages = song_time_s - self._time_s[order]
        half = self.bar.width / 2 - 4
        clipped = np.clip(self._delta_ms[order], -RANGE_MS, RANGE_MS)
        xs = np.rint(self.bar.centerx + clipped / RANGE_MS * half).astype(np.int32)
        tiers = self._tier[order]
        shown = np.flatnonzero((ages >= 0) & (ages <= WATERFALL_S))
        if not len(shown):
            return
        dot_half = DOT_SIZE // 2
        ys = np.rint(self.waterfall_top + ages[shown] * self.waterfall_px_per_s).astype(np.int32)
        levels = ((1.0 - ages[shown] / WATERFALL_S) * (FADE_LEVELS - 1)).astype(np.int32)
        dots = self._dots
        surface.fblits(
            [
                (dots[t][lv], (x - dot_half, y - dot_half))
                for t, lv, x, y in zip(
                    tiers[shown].tolist(),
                    levels.tolist(),
                    xs[shown].tolist(),
                    ys.tolist(),
                    strict=True,
                )
            ]
        )
        ticks = self._ticks
        tick_y = self.bar.y - 5
        for k in shown[shown < TICKS].tolist():
            level = FADE_LEVELS - 1 - k * (FADE_LEVELS - 1) // TICKS if k else FADE_LEVELS - 1
            tick = ticks[int(tiers[k])][level]
            surface.blit(tick, (int(xs[k]) - tick.get_width() // 2, tick_y))

    # -- pre-rendered parts ---------------------------------------------------------------------
    def _render_bar(self) -> pygame.Surface:
        w = self.bar.width
        h = self.bar.height + 24 + 30 + (self.rect.bottom - self.bar.bottom - 30)
        s = pygame.Surface((w, h), pygame.SRCALPHA)
        top = 24
        half = w / 2 - 4
        edges = [0.0, *SYNC_TIER_EDGES_MS.tolist(), RANGE_MS]
        for tier in range(len(edges) - 2, -1, -1):
            span = round(edges[tier + 1] / RANGE_MS * half)
            colour = theme.mix(theme.PANEL, theme.SYNC_TIER_COLOURS[tier], 0.28)
            rect = pygame.Rect(0, top, 2 * span, self.bar.height)
            rect.centerx = w // 2
            pygame.draw.rect(s, colour, rect, border_radius=6 if tier == 3 else 0)
        pygame.draw.rect(s, theme.PANEL_EDGE, (0, top, w, self.bar.height), 2, 6)
        pygame.draw.line(s, theme.TEXT, (w // 2, top - 4), (w // 2, top + self.bar.height + 3), 2)
        for ms in (-50, -25, 25, 50):
            x = round(w / 2 + ms / RANGE_MS * half)
            self.text.blit(
                s, f"{abs(ms)}", theme.FONT_TINY, theme.TEXT_FAINT, (x, top - 3), "midbottom"
            )
        self.text.blit(s, "ms", theme.FONT_TINY, theme.TEXT_FAINT, (w // 2, top - 6), "midbottom")
        label_y = top + self.bar.height + 8
        self.text.blit(
            s, "< P1 ahead", theme.FONT_TINY, theme.PLAYER_COLOURS[theme.Player.P1], (0, label_y)
        )
        self.text.blit(
            s,
            "P2 ahead >",
            theme.FONT_TINY,
            theme.PLAYER_COLOURS[theme.Player.P2],
            (w, label_y),
            "topright",
        )
        # faint guide lines for the waterfall
        wf_top = self.waterfall_top - self.bar.y + 24
        for ms in (-25, 0, 25):
            x = round(w / 2 + ms / RANGE_MS * half)
            colour = (*theme.PANEL_EDGE, 110 if ms else 170)
            pygame.draw.line(s, colour, (x, wf_top - 8), (x, h - 1))
        return s.convert_alpha() if pygame.display.get_surface() is not None else s

    def _render_tick(self, colour) -> pygame.Surface:
        s = pygame.Surface((6, self.bar.height + 10), pygame.SRCALPHA)
        pygame.draw.rect(s, (*theme.lighten(colour, 0.3), 255), s.get_rect(), border_radius=3)
        return s.convert_alpha() if pygame.display.get_surface() is not None else s

    def _render_dot(self, colour) -> pygame.Surface:
        s = pygame.Surface((DOT_SIZE, DOT_SIZE), pygame.SRCALPHA)
        pygame.draw.circle(s, (*colour, 230), (DOT_SIZE / 2, DOT_SIZE / 2), DOT_SIZE / 2 - 1)
        return s.convert_alpha() if pygame.display.get_surface() is not None else s
