"""A picture of a chart's first bars: both players' notes per lane, bar lines and fills.

The strip reads left to right like drum notation, in lines of :data:`BARS_PER_LINE` bars.
Each line has a lane per voice for Player 1 and again for Player 2 (cymbals on top, kick at
the bottom), in the lane colours and note shapes of the play screen; quiet (ghost) notes are
smaller and dimmer. Fill bars (the last bar of every phrase) are tinted and tagged, section
names and bar numbers run along the top of each line.

Geometry is pure (:func:`strip_geometry`, :func:`note_centres`), so tests check where notes
land without drawing; :class:`ChartPreview` draws the picture once per chart.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pygame

from ...core.chart import Chart
from ...core.generator import fill_bars
from ...core.voices import PLAYERS, Player, Voice
from ..runtime import theme
from ..runtime.sprites import render_note
from ..runtime.text import TextCache

PREVIEW_BARS = 8
BARS_PER_LINE = 4
#: Lanes top to bottom, as on a drum staff: cymbals over drums, the kick at the bottom.
ROW_ORDER: tuple[Voice, ...] = (Voice.CRASH, Voice.HIHAT, Voice.SNARE, Voice.KICK)
LABEL_H = 20
LANE_H = 13
PLAYER_GAP = 6
LINE_GAP = 14
GUTTER_W = 78
#: Space between the lanes' left and right edges and the first and last bar line.
INSET = 12
NOTE_PX = 13
GHOST_PX = 9
#: Notes quieter than this are drawn as ghost notes.
GHOST_VELOCITY = 0.5
FILL_TINT = (*theme.OI_YELLOW, 30)


@dataclass(frozen=True, slots=True)
class StripGeometry:
    """Where things go in a strip ``width`` x ``height`` px showing ``bars`` bars."""

    width: int
    height: int
    bars: int
    beats_per_bar: int

    @property
    def lines(self) -> int:
        return max(1, -(-self.bars // BARS_PER_LINE))

    @property
    def block_h(self) -> int:
        return LANE_H * len(ROW_ORDER)

    @property
    def line_h(self) -> int:
        return LABEL_H + 2 * self.block_h + PLAYER_GAP

    @property
    def bar_w(self) -> float:
        return (self.width - GUTTER_W - 2 * INSET) / BARS_PER_LINE

    @property
    def beat_w(self) -> float:
        return self.bar_w / self.beats_per_bar

    def line_y(self, line: int) -> int:
        return line * (self.line_h + LINE_GAP)

    def block_y(self, line: int, player: Player) -> int:
        return self.line_y(line) + LABEL_H + int(player) * (self.block_h + PLAYER_GAP)

    def lane_centre_y(self, line: int, player: Player, voice: Voice) -> float:
        return self.block_y(line, player) + LANE_H * (ROW_ORDER.index(voice) + 0.5)

    def bar_x(self, bar: int) -> float:
        return GUTTER_W + INSET + (bar % BARS_PER_LINE) * self.bar_w

    def beat_position(self, beat: float) -> tuple[int, float]:
        """(line, x) of a beat counted from the chart's first bar."""
        bar = int(beat // self.beats_per_bar)
        inside = beat - bar * self.beats_per_bar
        return bar // BARS_PER_LINE, self.bar_x(bar) + inside * self.beat_w

    @property
    def used_height(self) -> int:
        return self.line_y(self.lines - 1) + self.line_h


def strip_geometry(size: tuple[int, int], chart: Chart, bars: int = PREVIEW_BARS) -> StripGeometry:
    return StripGeometry(size[0], size[1], min(bars, chart.meta.bars), chart.meta.beats_per_bar)


@dataclass(frozen=True, slots=True)
class NoteMark:
    """One drawn note: its centre, whose it is, which drum, and whether it is a ghost note."""

    x: float
    y: float
    player: Player
    voice: Voice
    ghost: bool


def note_centres(chart: Chart, geometry: StripGeometry) -> list[NoteMark]:
    """Every note of both players inside the shown bars, at its centre in the strip."""
    end_beat = geometry.bars * geometry.beats_per_bar
    marks: list[NoteMark] = []
    for player in PLAYERS:
        part = chart.part(player)
        shown = np.flatnonzero(np.asarray(part.beat) < end_beat - 1e-9)
        for i in shown.tolist():
            beat = float(part.beat[i])
            if beat < 0:
                continue
            voice = Voice(int(part.voice[i]))
            line, x = geometry.beat_position(beat)
            y = geometry.lane_centre_y(line, player, voice)
            marks.append(NoteMark(x, y, player, voice, float(part.velocity[i]) < GHOST_VELOCITY))
    return marks


def shown_fill_bars(chart: Chart, geometry: StripGeometry) -> tuple[int, ...]:
    return tuple(bar for bar in fill_bars(chart) if bar < geometry.bars)


def rating_colour(rating: float) -> theme.Colour:
    """Green for easy, through yellow and orange, to vermilion and purple for the hardest."""
    stops = (
        (0.0, theme.OI_GREEN),
        (3.0, theme.OI_GREEN),
        (5.0, theme.OI_YELLOW),
        (7.0, theme.OI_ORANGE),
        (8.5, theme.OI_VERMILLION),
        (10.0, theme.OI_PURPLE),
    )
    if rating <= stops[0][0]:
        return stops[0][1]
    for (r0, c0), (r1, c1) in itertools.pairwise(stops):
        if rating <= r1:
            return theme.mix(c0, c1, (rating - r0) / (r1 - r0))
    return stops[-1][1]


class ChartPreview:
    """Draws strips; the note sprites are made once."""

    def __init__(self, text: TextCache) -> None:
        self.text = text
        self.notes = {
            v: render_note(theme.VOICE_SHAPES[v], NOTE_PX, theme.VOICE_COLOURS[v]) for v in Voice
        }
        self.ghosts = {
            v: render_note(
                theme.VOICE_SHAPES[v], GHOST_PX, theme.darken(theme.VOICE_COLOURS[v], 0.3)
            )
            for v in Voice
        }
        self.icons = {
            v: render_note(theme.VOICE_SHAPES[v], LANE_H - 3, theme.VOICE_COLOURS[v]) for v in Voice
        }

    def render(self, chart: Chart, size: tuple[int, int], bars: int = PREVIEW_BARS):
        """The strip for ``chart`` (a transparent surface of ``size``)."""
        geometry = strip_geometry(size, chart, bars)
        strip = pygame.Surface(size, pygame.SRCALPHA)
        fills = shown_fill_bars(chart, geometry)
        for line in range(geometry.lines):
            self._draw_line(strip, chart, geometry, line, fills)
        for mark in note_centres(chart, geometry):
            sprite = self.ghosts[mark.voice] if mark.ghost else self.notes[mark.voice]
            half = sprite.get_width() // 2
            strip.blit(sprite, (round(mark.x) - half, round(mark.y) - half))
        return strip.convert_alpha() if pygame.display.get_surface() is not None else strip

    def _draw_line(
        self,
        strip: pygame.Surface,
        chart: Chart,
        geometry: StripGeometry,
        line: int,
        fills: tuple[int, ...],
    ) -> None:
        text = self.text
        first_bar = line * BARS_PER_LINE
        bars_here = min(BARS_PER_LINE, geometry.bars - first_bar)
        x0 = GUTTER_W
        end_x = round(geometry.bar_x(first_bar) + bars_here * geometry.bar_w)
        x1 = end_x + INSET
        for player in PLAYERS:
            top = geometry.block_y(line, player)
            colour = theme.PLAYER_COLOURS[player]
            label = "P1" if player is Player.P1 else "P2"
            text.blit(
                strip, label, theme.FONT_SMALL, colour, (8, top + geometry.block_h // 2), "midleft"
            )
            for row, voice in enumerate(ROW_ORDER):
                y = top + row * LANE_H
                shade = theme.LANE_LIGHT if row % 2 else theme.LANE_DARK
                tint = theme.mix(shade, theme.VOICE_COLOURS[voice], 0.08)
                pygame.draw.rect(strip, tint, (x0, y, x1 - x0, LANE_H))
                icon = self.icons[voice]
                strip.blit(icon, (GUTTER_W - icon.get_width() - 8, y + 1))
            pygame.draw.rect(strip, colour, (x0 - 3, top, 3, geometry.block_h))
        block_top = geometry.block_y(line, Player.P1)
        block_bottom = geometry.block_y(line, Player.P2) + geometry.block_h
        tint = pygame.Surface((round(geometry.bar_w), block_bottom - block_top), pygame.SRCALPHA)
        tint.fill(FILL_TINT)
        label_y = geometry.line_y(line) + LABEL_H // 2
        sections = {s.start_bar: s.name for s in chart.sections}
        for i in range(bars_here):
            bar = first_bar + i
            bx = round(geometry.bar_x(bar))
            if bar in fills:
                strip.blit(tint, (bx, block_top))
                tag_x = round(bx + geometry.bar_w) - 6
                text.blit(
                    strip, "FILL", theme.FONT_TINY, theme.OI_YELLOW, (tag_x, label_y), "midright"
                )
            for beat in range(1, geometry.beats_per_bar):
                x = round(bx + beat * geometry.beat_w)
                pygame.draw.line(strip, theme.BEAT_LINE, (x, block_top), (x, block_bottom - 1))
            pygame.draw.line(strip, theme.BAR_LINE, (bx, block_top - 4), (bx, block_bottom - 1), 2)
            name = sections.get(bar, "")
            caption = f"{bar + 1}  {name.upper()}" if name else f"{bar + 1}"
            colour = theme.TEXT_DIM if name else theme.TEXT_FAINT
            text.blit(strip, caption, theme.FONT_TINY, colour, (bx + 5, label_y), "midleft")
        pygame.draw.line(
            strip, theme.BAR_LINE, (end_x, block_top - 4), (end_x, block_bottom - 1), 2
        )


def bar_note_counts(chart: Chart) -> np.ndarray:
    """Notes per bar of each player: an int array of shape (2, bars)."""
    bars = chart.meta.bars
    counts = np.zeros((len(PLAYERS), bars), dtype=np.int64)
    for player in PLAYERS:
        bar = np.floor(np.asarray(chart.part(player).beat) / chart.meta.beats_per_bar)
        bar = bar[(bar >= 0) & (bar < bars)].astype(np.int64)
        counts[int(player)] = np.bincount(bar, minlength=bars)
    return counts


def draw_song_shape(
    surface: pygame.Surface, rect: pygame.Rect, chart: Chart, shown_bars: int = PREVIEW_BARS
) -> None:
    """The whole song as a column per bar, as tall as its busier player's notes: fill bars in
    yellow, the bars the strip shows brighter than the rest."""
    counts = bar_note_counts(chart).max(axis=0)
    bars = len(counts)
    if bars == 0:
        return
    pygame.draw.rect(surface, theme.LANE_DARK, rect, border_radius=4)
    peak = max(1, int(counts.max()))
    fills = set(fill_bars(chart))
    width = rect.width / bars
    gap = 1 if width >= 3 else 0
    for bar, count in enumerate(counts.tolist()):
        height = max(1, round((rect.height - 4) * count / peak)) if count else 0
        if not height:
            continue
        x0 = rect.x + round(bar * width)
        x1 = rect.x + round((bar + 1) * width) - gap
        base = theme.OI_YELLOW if bar in fills else theme.TEXT_DIM
        colour = base if bar < shown_bars else theme.mix(theme.LANE_DARK, base, 0.45)
        pygame.draw.rect(surface, colour, (x0, rect.bottom - 2 - height, max(1, x1 - x0), height))
