"""The results screen's two plots, drawn once onto a surface from numpy data.

* :func:`draw_offset_plot`: both players' timing offset over the song, the judging windows
  shaded behind, hits as dots (P1 circles, P2 diamonds, in the players' colours), misses as
  crosses in the strip under the plot that the legend and its label call "miss": unhit notes
  and hits judged a miss alike (a miss has no timing to show).
* :func:`draw_delta_histogram`: the delta between the players at the times they share,
  centred on zero, ±100 ms, the sync tiers shaded behind.

Where things go is computed by :mod:`drumsync.game.screens.results.plot_geometry` (pure, tested).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pygame

from ....core.chart import Chart
from ....core.judgement import MatchJudgements
from ....core.sync import SYNC_TIER_EDGES_MS
from ....core.voices import PLAYERS, Player
from ....core.windows import Tier
from ...runtime import theme
from ...runtime.text import TextCache
from ...widgets.text_fit import clock_text
from .plot_geometry import (
    DELTA_LIMIT_MS,
    Box,
    DeltaHistogram,
    OffsetAxes,
    histogram_bars,
    histogram_x_px,
    offset_series,
    time_ticks,
)

FONT_AXIS = 15
TITLE_H = 32
DOT_RADIUS = 3
DIAMOND_RADIUS = 4
CROSS_HALF = 4
#: Widest reach of a marker from its centre, in px (a 2 px cross line reaches a pixel past
#: its end).
MARKER_REACH = max(DOT_RADIUS, DIAMOND_RADIUS, CROSS_HALF) + 1
#: The offset axes keep every marker centre this far inside the plot (one more than the
#: reach: a rectangle's right and bottom edges are outside it, and centres are rounded), so
#: a note at the song's ends or an offset at the miss window's edge is drawn whole.
MARKER_INSET = MARKER_REACH + 1
MISS_STRIP_H = 16
#: Row of each player's misses inside the miss strip (px from its top).
MISS_ROW_Y = {Player.P1: 4, Player.P2: 12}
SMALL_CROSS_HALF = 3
#: How strongly each window's colour tints the plot background (outer windows fainter).
WINDOW_TINT = {Tier.PERFECT: 0.22, Tier.GREAT: 0.14, Tier.GOOD: 0.08}
MISS_ZONE_TINT = 0.08
SYNC_ZONE_TINT = (0.24, 0.15, 0.08, 0.0)
NO_PAIRS = "no beats played together"


def _rect(box: Box) -> pygame.Rect:
    return pygame.Rect(round(box.x), round(box.y), round(box.width), round(box.height))


def draw_plot_panel(
    surface: pygame.Surface, rect: pygame.Rect, text: TextCache, title: str
) -> None:
    pygame.draw.rect(surface, theme.PANEL, rect, border_radius=12)
    pygame.draw.rect(surface, theme.PANEL_EDGE, rect, 1, border_radius=12)
    text.blit(surface, title, theme.FONT_TINY, theme.TEXT_DIM, (rect.x + 16, rect.y + 10))


def _dot(surface: pygame.Surface, player: Player, colour, x: float, y: float) -> None:
    if player is Player.P1:
        pygame.draw.circle(surface, colour, (x, y), DOT_RADIUS)
    else:
        r = DIAMOND_RADIUS
        pygame.draw.polygon(surface, colour, ((x, y - r), (x + r, y), (x, y + r), (x - r, y)))


def _cross(
    surface: pygame.Surface, colour, x: float, y: float, width: int = 2, h: int = CROSS_HALF
) -> None:
    pygame.draw.line(surface, colour, (x - h, y - h), (x + h, y + h), width)
    pygame.draw.line(surface, colour, (x - h, y + h), (x + h, y - h), width)


def _legend(
    surface: pygame.Surface, text: TextCache, right: int, y: int, names: Sequence[str]
) -> None:
    """Right-aligned legend: marker and name per player, then the miss cross."""
    x = right
    items = [(None, "miss")] + [(p, names[int(p)]) for p in reversed(PLAYERS)]
    for player, label in items:
        rect = text.blit(surface, label, theme.FONT_TINY, theme.TEXT_DIM, (x, y), "midright")
        marker_x = rect.x - 10
        if player is None:
            _cross(surface, theme.TEXT_DIM, marker_x, y)
        else:
            _dot(surface, player, theme.PLAYER_COLOURS[player], marker_x, y)
        x = marker_x - 26


def draw_offset_plot(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: TextCache,
    chart: Chart,
    judgements: MatchJudgements,
    names: Sequence[str],
) -> OffsetAxes:
    """The timing-over-the-song panel in ``rect``; returns the axes used."""
    draw_plot_panel(surface, rect, text, "TIMING OVER THE SONG")
    _legend(surface, text, rect.right - 16, rect.y + 19, names)
    windows = judgements.windows
    box = Box(rect.x + 62, rect.y + TITLE_H, rect.width - 62 - 16, rect.height - TITLE_H - 46)
    end_s = max(chart.duration_s, chart.music_start_s + 1.0)
    axes = OffsetAxes(box, chart.music_start_s, end_s, windows.miss_ms, inset_px=MARKER_INSET)
    plot = _rect(box)
    # window bands, widest first
    pygame.draw.rect(surface, theme.mix(theme.PANEL, theme.OI_VERMILLION, MISS_ZONE_TINT), plot)
    for tier, half in ((Tier.GOOD, windows.good_ms), (Tier.GREAT, windows.great_ms)):
        top, bottom = axes.band(half)
        tint = theme.mix(theme.PANEL, theme.TIER_COLOURS[tier], WINDOW_TINT[tier])
        pygame.draw.rect(surface, tint, (plot.x, round(top), plot.width, round(bottom - top)))
    top, bottom = axes.band(windows.perfect_ms)
    tint = theme.mix(theme.PANEL, theme.TIER_COLOURS[Tier.PERFECT], WINDOW_TINT[Tier.PERFECT])
    pygame.draw.rect(surface, tint, (plot.x, round(top), plot.width, round(bottom - top)))
    # section starts and time ticks
    ticks = time_ticks(axes.start_s, axes.end_s)
    for section in chart.sections[1:]:
        t = float(chart.beat_to_time(chart.bar_start_beat(section.start_bar)))
        x = float(axes.x_px(t))
        pygame.draw.line(surface, theme.BEAT_LINE, (x, plot.y), (x, plot.bottom - 1))
    label_y = plot.bottom + MISS_STRIP_H + 7
    for tick in ticks:
        x = float(axes.x_px(axes.start_s + tick))
        pygame.draw.line(surface, theme.TEXT_FAINT, (x, plot.bottom), (x, plot.bottom + 3))
        text.blit(surface, clock_text(tick), FONT_AXIS, theme.TEXT_FAINT, (x, label_y), "midtop")
    # offset labels and the zero line
    label_x = plot.x - 8
    good = windows.good_ms
    for value, label, colour in (
        (good, f"+{good:.0f}", theme.TEXT_FAINT),
        (good / 2, "late", theme.TEXT_DIM),
        (0.0, "0", theme.TEXT_FAINT),
        (-good / 2, "early", theme.TEXT_DIM),
        (-good, f"−{good:.0f}", theme.TEXT_FAINT),
    ):
        y = float(axes.y_px(value))
        text.blit(surface, label, FONT_AXIS, colour, (label_x, y), "midright")
    pygame.draw.line(surface, theme.HIT_LINE, (plot.x, axes.zero_y), (plot.right - 1, axes.zero_y))
    # the miss strip
    strip = pygame.Rect(plot.x, plot.bottom + 4, plot.width, MISS_STRIP_H)
    pygame.draw.rect(surface, theme.LANE_DARK, strip)
    text.blit(surface, "miss", FONT_AXIS, theme.TEXT_DIM, (label_x, strip.centery), "midright")
    # the notes: P2 first so P1's dots are not always the ones hidden
    layer = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    for player in reversed(PLAYERS):
        colour = theme.PLAYER_COLOURS[player]
        series = offset_series(chart, judgements, player)
        timed = ~series.hit_miss
        xs = np.rint(axes.x_px(series.hit_time_s[timed])).astype(int)
        ys = np.rint(axes.y_px(series.hit_offset_ms[timed])).astype(int)
        for x, y in zip(xs.tolist(), ys.tolist(), strict=True):
            _dot(layer, player, (*colour, 215), x, y)
        row_y = strip.y + MISS_ROW_Y[player]
        misses = np.concatenate((series.missed_time_s, series.hit_time_s[series.hit_miss]))
        for x in np.rint(axes.x_px(misses)).astype(int).tolist():
            _cross(layer, (*colour, 255), x, row_y, 1, SMALL_CROSS_HALF)
    surface.blit(layer, (0, 0))
    return axes


def draw_delta_histogram(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: TextCache,
    hist: DeltaHistogram,
    mean_delta_ms: float | None,
) -> Box:
    """The sync-delta panel in ``rect``; returns the bars' box."""
    draw_plot_panel(surface, rect, text, "SYNC DELTA  P1 − P2")
    if mean_delta_ms is not None:
        text.blit(
            surface,
            f"mean {mean_delta_ms:+.1f} ms",
            theme.FONT_TINY,
            theme.TEXT_DIM,
            (rect.right - 16, rect.y + 10),
            "topright",
        )
    box = Box(rect.x + 16, rect.y + TITLE_H + 6, rect.width - 32, rect.height - TITLE_H - 50)
    plot = _rect(box)
    limit = DELTA_LIMIT_MS
    # sync tier zones: apart outside, close, together, unison inside
    pygame.draw.rect(surface, theme.LANE_DARK, plot)
    edges = [limit, *reversed(SYNC_TIER_EDGES_MS.tolist())]
    zone_colours = list(reversed(theme.SYNC_TIER_COLOURS))
    zone_tints = list(reversed(SYNC_ZONE_TINT))
    for half, colour, tint in zip(edges, zone_colours, zone_tints, strict=True):
        if tint <= 0:
            continue
        left, right = histogram_x_px(box, limit, [-half, half]).tolist()
        shade = theme.mix(theme.LANE_DARK, colour, tint)
        pygame.draw.rect(surface, shade, (round(left), plot.y, round(right - left), plot.height))
    # bars, coloured by the tier of their centre
    bars = histogram_bars(hist, box)
    centres = (hist.edges_ms[:-1] + hist.edges_ms[1:]) / 2
    tiers = np.searchsorted(SYNC_TIER_EDGES_MS, np.abs(centres), side="left")
    for (x, y, w, h), tier in zip(bars.tolist(), tiers.tolist(), strict=True):
        if h <= 0:
            continue
        top = round(y)
        bar = pygame.Rect(round(x), top, max(1, round(x + w) - round(x)), plot.bottom - top)
        pygame.draw.rect(surface, theme.SYNC_TIER_COLOURS[tier], bar)
    centre_x = float(histogram_x_px(box, limit, 0.0))
    pygame.draw.line(surface, theme.HIT_LINE, (centre_x, plot.y - 4), (centre_x, plot.bottom))
    if mean_delta_ms is not None and abs(mean_delta_ms) <= limit:
        mx = float(histogram_x_px(box, limit, mean_delta_ms))
        tip = plot.y - 2
        pygame.draw.polygon(surface, theme.TEXT, ((mx - 5, tip - 7), (mx + 5, tip - 7), (mx, tip)))
    if hist.total == 0:
        w, h = text.size(NO_PAIRS, theme.FONT_TINY)
        note = pygame.Rect(0, 0, w + 20, h + 10)
        note.center = plot.center
        pygame.draw.rect(surface, theme.PANEL, note, border_radius=6)
        text.blit(surface, NO_PAIRS, theme.FONT_TINY, theme.TEXT_DIM, plot.center, "center")
    # axis
    label_y = plot.bottom + 6
    for value in (-limit, -50.0, 0.0, 50.0, limit):
        x = float(histogram_x_px(box, limit, value))
        label = "0" if value == 0 else f"{value:+.0f}"
        anchor = "topleft" if value == -limit else "topright" if value == limit else "midtop"
        text.blit(surface, label, FONT_AXIS, theme.TEXT_FAINT, (x, label_y), anchor)
    hint_y = rect.bottom - 10
    p1, p2 = (theme.PLAYER_COLOURS[p] for p in PLAYERS)
    text.blit(surface, "< P1 first", FONT_AXIS, p1, (plot.x, hint_y), "bottomleft")
    text.blit(surface, "P2 first >", FONT_AXIS, p2, (plot.right, hint_y), "bottomright")
    outside = hist.below + hist.above
    if outside:
        note = f"{outside} beyond ±{limit:.0f} ms"
        text.blit(surface, note, FONT_AXIS, theme.TEXT_FAINT, (plot.centerx, hint_y), "midbottom")
    return box
