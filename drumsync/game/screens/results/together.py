"""The results screen's "together" view: how the pair got there, in words and two pictures.

* :func:`draw_together_words`: the strategy as a headline ("Ben followed Ada"), the players'
  correction gains, the drift and the best and worst sections (:mod:`drumsync.core.pair_words`),
  with a small picture of the three cross-correlations beside them;
* :func:`draw_section_sync`: the sync percent of each section along the song, the weakest one
  marked (the one duet practice loops), with the practice target as a line.

Numbers come from the report's :class:`~drumsync.core.coordination.Coordination`; nothing
here decides anything.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from ....core.coordination import Coordination
from ....core.pair_words import correction_sentence, drift_sentence, headline, sections_sentence
from ....core.voices import Player
from ...runtime import theme
from ...runtime.text import TextCache
from ...widgets.text_fit import fit_text, wrap_words
from .plots import draw_plot_panel

#: Vertical reach of the cross-correlation bars: |r| at the box's edge.
XCORR_SCALE = 0.4
XCORR_W = 250
WEAK_COLOUR = theme.OI_VERMILLION
SECTION_COLOUR = theme.OI_GREEN
NO_DATA = "too few hits played together to tell"


def draw_together_words(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: TextCache,
    coordination: Coordination,
    names: Sequence[str],
) -> None:
    """Left panel: the plain words, and the lag -1 / 0 / +1 picture at its right."""
    draw_plot_panel(surface, rect, text, "PLAYING TOGETHER")
    pair = (names[0], names[1])
    words_w = rect.width - XCORR_W - 48
    x, y = rect.x + 16, rect.y + 38
    text.blit(surface, headline(coordination.strategy, pair), theme.FONT_BODY, theme.TEXT, (x, y))
    y += 40
    lines = [correction_sentence(coordination, pair), drift_sentence(coordination)]
    sections = sections_sentence(coordination)
    if sections:
        lines.append(sections)
    measure = lambda s: text.size(s, theme.FONT_SMALL)[0]  # noqa: E731
    for line in lines:
        for wrapped in wrap_words(line, words_w, measure):
            if y > rect.bottom - 30:
                break
            text.blit(surface, wrapped, theme.FONT_SMALL, theme.TEXT_DIM, (x, y))
            y += 27
    box = pygame.Rect(rect.right - XCORR_W - 16, rect.y + 34, XCORR_W, rect.height - 44)
    draw_xcorr_bars(surface, box, text, coordination, pair)


def _bar_value_y(centre_y: float, half_h: float, value: float) -> float:
    clipped = max(-XCORR_SCALE, min(XCORR_SCALE, value))
    return centre_y - clipped / XCORR_SCALE * half_h


def draw_xcorr_bars(
    surface: pygame.Surface,
    box: pygame.Rect,
    text: TextCache,
    coordination: Coordination,
    names: tuple[str, str],
) -> None:
    """Three bars (lags -1, 0, +1) around a zero line, the tracking threshold dashed."""
    plot = pygame.Rect(box.x, box.y + 4, box.width, box.height - 64)
    centre_y = plot.centery
    half_h = plot.height / 2 - 14
    threshold = coordination.track_threshold
    for sign in (1, -1):
        ty = round(_bar_value_y(centre_y, half_h, sign * threshold))
        for dash_x in range(plot.x, plot.right, 10):
            pygame.draw.line(surface, theme.TEXT_FAINT, (dash_x, ty), (dash_x + 4, ty))
    pygame.draw.line(surface, theme.TEXT_DIM, (plot.x, centre_y), (plot.right, centre_y))
    lags = coordination.xcorr.as_dict()
    colours = {
        "-1": theme.PLAYER_COLOURS[Player.P1],
        "0": theme.TEXT_DIM,
        "1": theme.PLAYER_COLOURS[Player.P2],
    }
    captions = {"-1": (names[0], "follows"), "0": ("same", "beat"), "1": (names[1], "follows")}
    column_w = plot.width / 3
    for i, (lag, value) in enumerate(lags.items()):
        cx = round(plot.x + column_w * (i + 0.5))
        if value is not None:
            top = round(_bar_value_y(centre_y, half_h, value))
            bar = pygame.Rect(cx - 16, min(top, centre_y), 32, max(1, abs(top - centre_y)))
            pygame.draw.rect(surface, colours[lag], bar, border_radius=3)
            label_y = bar.top - 4 if value >= 0 else bar.bottom + 4
            anchor = "midbottom" if value >= 0 else "midtop"
            text.blit(surface, f"{value:+.2f}", theme.FONT_TINY, theme.TEXT, (cx, label_y), anchor)
        else:
            text.blit(
                surface, "-", theme.FONT_TINY, theme.TEXT_FAINT, (cx, centre_y - 4), "midbottom"
            )
        lag_label = "+1" if lag == "1" else lag
        text.blit(
            surface,
            f"lag {lag_label}",
            theme.FONT_TINY,
            theme.TEXT_DIM,
            (cx, plot.bottom + 2),
            "midtop",
        )
        for row, caption in enumerate(captions[lag]):
            at = (cx, plot.bottom + 22 + 17 * row)
            width = round(column_w) - 4
            fit_text(surface, text, caption, theme.FONT_TINY, theme.TEXT_FAINT, at, width, "midtop")


def percent_floor(percents: Sequence[float], target_percent: float | None = None) -> float:
    """The bottom of the sections plot: 10 points under the lowest value (or the target),
    down to a multiple of 10, so close sections still look different."""
    lowest = min([*percents, *(() if target_percent is None else (target_percent,))])
    return max(0.0, (lowest - 10.0) // 10.0 * 10.0)


def _height(plot_h: int, percent: float, floor: float) -> int:
    return round(plot_h * max(0.0, percent - floor) / (100.0 - floor))


def draw_section_sync(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: TextCache,
    coordination: Coordination,
    target_percent: float | None = None,
) -> None:
    """Right panel: one bar per section (width = its bars), height = its sync percent."""
    draw_plot_panel(surface, rect, text, "SYNC BY SECTION")
    sections = [s for s in coordination.sections if s.points]
    if not sections:
        text.blit(surface, NO_DATA, theme.FONT_TINY, theme.TEXT_FAINT, rect.center, "center")
        return
    plot = pygame.Rect(rect.x + 52, rect.y + 52, rect.width - 68, rect.height - 96)
    pygame.draw.line(surface, theme.TEXT_FAINT, plot.bottomleft, plot.bottomright)
    floor = percent_floor([s.percent or 0.0 for s in sections], target_percent)
    for value, anchor_y in ((floor, plot.bottom), (100.0, plot.y)):
        at = (plot.x - 6, anchor_y)
        text.blit(surface, f"{value:.0f}%", theme.FONT_TINY, theme.TEXT_FAINT, at, "midright")
    weakest = coordination.weakest_section()
    total_bars = sum(s.bars for s in sections)
    x = float(plot.x)
    for section in sections:
        w = plot.width * section.bars / total_bars
        column = pygame.Rect(round(x) + 2, plot.y, max(2, round(w) - 4), plot.height)
        percent = section.percent or 0.0
        h = _height(plot.height, percent, floor)
        colour = WEAK_COLOUR if section is weakest else SECTION_COLOUR
        if h:
            pygame.draw.rect(
                surface, colour, (column.x, plot.bottom - h, column.width, h), border_radius=3
            )
        label = f"{percent:.0f}"
        if text.size(label, theme.FONT_TINY)[0] <= column.width + 6:
            text.blit(
                surface,
                label,
                theme.FONT_TINY,
                theme.TEXT,
                (column.centerx, plot.bottom - h - 2),
                "midbottom",
            )
        ink = theme.TEXT if section is weakest else theme.TEXT_DIM
        at = (column.centerx, plot.bottom + 4)
        fit_text(surface, text, section.name, theme.FONT_TINY, ink, at, column.width + 4, "midtop")
        x += w
    if target_percent is not None:
        ty = plot.bottom - _height(plot.height, target_percent, floor)
        for dash_x in range(plot.x, plot.right, 10):
            pygame.draw.line(surface, theme.OI_YELLOW, (dash_x, ty), (dash_x + 5, ty))
        text.blit(
            surface,
            f"target {target_percent:.0f}%",
            theme.FONT_TINY,
            theme.OI_YELLOW,
            (rect.right - 16, rect.y + 10),
            "topright",
        )
