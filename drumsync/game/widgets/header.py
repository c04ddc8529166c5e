"""The top band: chart title and tempo, the current section, elapsed time and a progress bar.

In the Summit Tour the title line names the stage ("Stage 3 · Nara") with the chart's own
title after it, dimmer, when both fit; the chart itself keeps its title (it is part of the
chart's identity), the stage label is only shown.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ...core.chart import Chart
from ..runtime import theme
from ..runtime.text import TextCache
from .text_fit import clock_text, elide

SECTION_FLASH_S = 1.2
TITLE_X, TITLE_Y = 40, 36
#: Between the stage label and the chart title on the title line.
TITLE_JOIN = "  ·  "
#: Room kept free between the title line and whatever is centred in the header.
CENTRE_GAP_PX = 24


def chart_title(chart: Chart) -> str:
    meta = chart.meta
    return meta.title or f"{meta.style} #{meta.seed}"


def title_parts(
    chart: Chart, stage_label: str, max_width: int, measure: Callable[[str], int]
) -> tuple[str, str]:
    """(main, secondary) text of the title line, together no wider than ``max_width``.

    Without a stage label: the chart's title and nothing. With one: the label (shortened if
    it must be) and, when it fits whole after it, the chart's title."""
    title = chart_title(chart)
    if not stage_label:
        return elide(title, max_width, measure), ""
    main = elide(stage_label, max_width, measure)
    secondary = f"{TITLE_JOIN}{title}"
    if main == stage_label and measure(main) + measure(secondary) <= max_width:
        return main, secondary
    return main, ""


def draw_title_line(
    surface: pygame.Surface,
    text: TextCache,
    chart: Chart,
    stage_label: str,
    max_width: int,
    pos: tuple[int, int] = (TITLE_X, TITLE_Y),
) -> tuple[str, str]:
    """Draw the title line at ``pos`` (top left); returns the (main, secondary) drawn."""
    size = theme.FONT_SMALL
    main, secondary = title_parts(chart, stage_label, max_width, lambda s: text.size(s, size)[0])
    rect = text.blit(surface, main, size, theme.TEXT, pos)
    if secondary:
        text.blit(surface, secondary, size, theme.TEXT_DIM, (rect.right, pos[1]))
    return main, secondary


class Header:
    def __init__(
        self,
        chart: Chart,
        text: TextCache,
        subtitle: str = "",
        stage_label: str = "",
        rate: float = 1.0,
    ) -> None:
        self.chart = chart
        self.text = text
        #: The playback rate (practice plays slower): the tempo and clock shown are as heard.
        self.rate = rate
        #: e.g. "Stage 3 · Nara" in the Summit Tour: shown instead of the chart's title first
        self.stage_label = stage_label
        #: (main, secondary) text of the title line as drawn
        self.title_line: tuple[str, str] = ("", "")
        self.bar = pygame.Rect(40, theme.PROGRESS_Y, theme.CANVAS_W - 80, theme.PROGRESS_H)
        self.start_s = chart.music_start_s
        self.length_s = max(1e-6, chart.duration_s - chart.music_start_s)
        self._total = clock_text(self.length_s / rate)
        self._background = self._render(subtitle)
        self._fill = self._render_fill()
        self._section_name = ""
        self._section_since_s = -1e9

    def _section_x(self, bar: int) -> int:
        beat = self.chart.bar_start_beat(bar)
        t = float(self.chart.beat_to_time(beat))
        return self.bar.x + round((t - self.start_s) / self.length_s * self.bar.width)

    def _render(self, subtitle: str) -> pygame.Surface:
        s = pygame.Surface((theme.CANVAS_W, theme.PROGRESS_Y + theme.PROGRESS_H + 2))
        s.fill(theme.BACKGROUND)
        pygame.draw.rect(s, theme.PANEL, (0, 0, theme.CANVAS_W, theme.HEADER_H))
        pygame.draw.line(s, theme.PANEL_EDGE, (0, theme.HEADER_H), (theme.CANVAS_W, theme.HEADER_H))
        meta = self.chart.meta
        self.text.blit(
            s, "DRUMSYNC", theme.FONT_BODY, theme.PLAYER_COLOURS[theme.Player.P1], (40, 10)
        )
        self.title_line = draw_title_line(
            s, self.text, self.chart, self.stage_label, self.title_width()
        )
        info = f"{meta.style}  ·  {self.chart.tempo_text_at(self.rate)}  ·  level {meta.difficulty}"
        if subtitle:
            info = f"{subtitle}  ·  {info}"
        self.text.blit(
            s, info, theme.FONT_SMALL, theme.TEXT_DIM, (theme.CANVAS_W - 40, 10), "topright"
        )
        pygame.draw.rect(s, theme.LANE_DARK, self.bar, border_radius=3)
        for section in self.chart.sections[1:]:
            x = self._section_x(section.start_bar)
            pygame.draw.line(s, theme.TEXT_FAINT, (x, self.bar.y - 2), (x, self.bar.bottom + 1))
        return s.convert() if pygame.display.get_surface() is not None else s

    def title_width(self) -> int:
        """Room for the title line: up to the widest section name shown in the middle."""
        names = [section.name.upper() for section in self.chart.sections if section.name]
        widest = max((self.text.size(n, theme.FONT_LABEL)[0] for n in names), default=0)
        return theme.CANVAS_W // 2 - widest // 2 - CENTRE_GAP_PX - TITLE_X

    def _render_fill(self) -> pygame.Surface:
        fill = pygame.Surface(self.bar.size, pygame.SRCALPHA)
        colour = theme.PLAYER_COLOURS[theme.Player.P1]
        pygame.draw.rect(fill, colour, fill.get_rect(), border_radius=3)
        return fill.convert_alpha() if pygame.display.get_surface() is not None else fill

    def reset(self) -> None:
        self._section_name = ""
        self._section_since_s = -1e9

    def draw_static(self, surface: pygame.Surface) -> None:
        """The parts that never change (drawn once into the play screen's static layer)."""
        surface.blit(self._background, (0, 0))

    def draw(self, surface: pygame.Surface, song_time_s: float) -> None:
        fraction = min(1.0, max(0.0, (song_time_s - self.start_s) / self.length_s))
        if fraction > 0:
            width = max(4, round(self.bar.width * fraction))
            surface.blit(self._fill, self.bar.topleft, (0, 0, width, self.bar.height))
        elapsed = clock_text((song_time_s - self.start_s) / self.rate)
        self.text.blit(
            surface,
            f"{elapsed} / {self._total}",
            theme.FONT_SMALL,
            theme.TEXT_DIM,
            (theme.CANVAS_W - 40, 36),
            "topright",
        )
        beat = float(self.chart.time_to_beat(song_time_s))
        section = self.chart.section_at(beat) if beat >= 0 else None
        name = section.name if section is not None else ""
        if name != self._section_name:
            self._section_name = name
            self._section_since_s = song_time_s
        if name:
            age = song_time_s - self._section_since_s
            flash = max(0.0, 1.0 - age / SECTION_FLASH_S) if age >= 0 else 0.0
            colour = theme.mix(theme.TEXT_DIM, theme.OI_YELLOW, flash)
            size = theme.FONT_LABEL
            self.text.blit(
                surface,
                name.upper(),
                size,
                colour,
                (theme.CANVAS_W // 2, theme.HEADER_H // 2),
                "center",
            )
