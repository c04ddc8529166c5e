"""Practice setup: one player, a Summit Tour chart, a section to loop and a slower speed.

Rows: the chart (the tour's open stages), the section (the whole song or one of its named
sections), the speed (50-100 %, the music slowed with its pitch kept), which keys you play
(Player 1's or Player 2's; a metronome drummer takes the other seat), and Start. The panel
shows the chart's notes for your part with the looped bars lit. Each pass ends on a short
summary and the loop starts again (see :mod:`.practice_lap`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pygame

from ....audio.timebase import MAX_RATE, MIN_RATE
from ....core.chart import Chart
from ....core.generator import generate_chart
from ....core.voices import Player, Voice
from ...match.plan import MatchPlan
from ...match.practice_chart import LoopRange, loop_ranges
from ...runtime import theme
from ...runtime.input.keyboard import LANE_ORDER
from ...runtime.scenes import Scene
from ...runtime.sprites import render_note
from ...widgets.key_hints import render_hints
from ...widgets.menu_backdrop import FOOTER_Y, render_menu_backdrop
from ...widgets.menu_list import MenuAction, MenuItem, MenuList

RATE_STEP = 0.05
RATES = tuple(
    round(MIN_RATE + i * RATE_STEP, 2) for i in range(round((MAX_RATE - MIN_RATE) / RATE_STEP) + 1)
)
DEFAULT_RATE = 0.75
SEATS = ("Player 1", "Player 2")
LIST_RECT = pygame.Rect(60, 96, 560, 400)
PANEL_RECT = pygame.Rect(60, 470, theme.CANVAS_W - 120, 200)
ROLL_NOTE = 14


def rate_label(rate: float) -> str:
    return f"{round(rate * 100)}%"


class PracticeScene(Scene):
    def __init__(
        self,
        ctx,
        session,
        on_start: Callable[[MatchPlan], None],
        on_back: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.session = session
        self.on_start = on_start
        self.on_back = on_back
        stages = session.stages
        progress = session.progress
        self.stages = [s for i, s in enumerate(stages) if progress.is_unlocked(stages, i)]
        self.chart: Chart | None = None
        self.loops: list[tuple[str, LoopRange]] = []
        self.menu = MenuList(self._items(0))
        self._load_chart()
        self.passes: list = []
        self._backdrop: pygame.Surface | None = None
        self._roll: pygame.Surface | None = None
        self._hints = None
        self._notes = {
            v: render_note(theme.VOICE_SHAPES[v], ROLL_NOTE, theme.VOICE_COLOURS[v]) for v in Voice
        }

    def _items(self, chart_index: int) -> list[MenuItem]:
        names = tuple(f"{i + 1}. {s.name}" for i, s in enumerate(self.stages))
        sections = tuple(name for name, _ in self.loops) or ("Whole song",)
        return [
            MenuItem("chart", "Chart", choices=names, choice=chart_index),
            MenuItem("section", "Section", choices=sections),
            MenuItem(
                "rate",
                "Speed",
                choices=tuple(rate_label(r) for r in RATES),
                choice=RATES.index(DEFAULT_RATE),
            ),
            MenuItem("seat", "Your keys", choices=SEATS),
            MenuItem("start", "Start practice"),
        ]

    # -- the chosen values ----------------------------------------------------------------------
    @property
    def stage(self):
        names = self.menu.items[0].choices
        return self.stages[names.index(self.menu.value("chart"))]

    @property
    def loop(self) -> LoopRange:
        chosen = self.menu.value("section")
        for name, loop in self.loops:
            if name == chosen:
                return loop
        return self.loops[0][1]

    @property
    def rate(self) -> float:
        return RATES[self.menu.items[2].choices.index(self.menu.value("rate"))]

    @property
    def player(self) -> Player:
        return Player.P1 if self.menu.value("seat") == SEATS[0] else Player.P2

    def plan(self) -> MatchPlan:
        loop = self.loop
        whole = self.chart is not None and loop == LoopRange(0, self.chart.meta.bars)
        return MatchPlan(
            "practice",
            self.stage.generator_args(),
            rate=self.rate,
            loop=None if whole else loop,
            practice_player=self.player,
        )

    def _load_chart(self) -> None:
        self.chart = generate_chart(**self.stage.generator_args())
        self.loops = loop_ranges(self.chart)
        sections = tuple(name for name, _ in self.loops)
        self.menu.with_item("section", choices=sections, choice=0)
        self.menu.set_value("section", sections[0])
        self._roll = None

    # -- life cycle ---------------------------------------------------------------------------
    def enter(self) -> None:
        self._backdrop = render_menu_backdrop(self.ctx.text, "PRACTICE", "one player, your pace")
        self._hints = render_hints(
            self.ctx.text,
            (("UP/DOWN", "row"), ("LEFT/RIGHT", "change"), ("ENTER", "start"), ("ESC", "back")),
        )

    def uncover(self) -> None:
        self.passes = []

    # -- input --------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        action = self.menu.handle(event)
        if action is not None:
            self._act(action)

    def _act(self, action: MenuAction) -> None:
        if action.kind == "back":
            self.go_back(self.on_back)
        elif action.kind == "change":
            if action.key == "chart":
                self._load_chart()
            elif action.key in ("section", "seat"):
                self._roll = None
        elif action.kind == "choose":
            self.on_start(self.plan())

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, canvas: pygame.Surface) -> None:
        canvas.blit(self._backdrop, (0, 0))
        text = self.ctx.text
        self.menu.draw(canvas, text, LIST_RECT)
        self._draw_summary(canvas)
        if self._roll is None:
            self._roll = self._render_roll()
        canvas.blit(self._roll, PANEL_RECT)
        canvas.blit(self._hints, (0, FOOTER_Y - self._hints.get_height() // 2))

    def _draw_summary(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        x, y = LIST_RECT.right + 50, LIST_RECT.y + 8
        stage = self.stage
        loop = self.loop
        bpm = stage.bpm * self.rate
        lines = (
            ("STAGE", stage.name),
            ("STYLE", f"{stage.style}  ·  level {stage.difficulty}"),
            ("TEMPO", f"{bpm:.0f} BPM at {rate_label(self.rate)} (from {stage.bpm:g})"),
            ("LOOP", f"{loop.label}  ·  {loop.bars} bars, again and again"),
        )
        for label, value in lines:
            text.blit(canvas, label, theme.FONT_TINY, theme.TEXT_FAINT, (x, y))
            text.blit(canvas, value, theme.FONT_BODY, theme.TEXT, (x, y + 20))
            y += 66

    def _render_roll(self) -> pygame.Surface:
        """The player's notes over the whole song, four lanes, the looped bars lit."""
        chart, text = self.chart, self.ctx.text
        surface = pygame.Surface(PANEL_RECT.size, pygame.SRCALPHA)
        box = surface.get_rect()
        pygame.draw.rect(surface, theme.PANEL, box, border_radius=14)
        pygame.draw.rect(surface, theme.PANEL_EDGE, box, 2, border_radius=14)
        player = self.player
        text.blit(
            surface,
            f"YOUR PART  ·  {SEATS[int(player)].upper()}",
            theme.FONT_TINY,
            theme.PLAYER_COLOURS[player],
            (24, 14),
        )
        area = pygame.Rect(24, 44, box.width - 48, box.height - 64)
        bars = chart.meta.bars
        per_bar = chart.meta.beats_per_bar
        bar_w = area.width / bars
        loop = self.loop
        lit = pygame.Rect(
            round(area.x + loop.start_bar * bar_w),
            area.y - 6,
            round(loop.bars * bar_w),
            area.height + 12,
        )
        pygame.draw.rect(
            surface, theme.mix(theme.PANEL, theme.OI_YELLOW, 0.12), lit, border_radius=6
        )
        pygame.draw.rect(surface, theme.OI_YELLOW, lit, 1, border_radius=6)
        lanes = LANE_ORDER[player]
        lane_h = area.height / len(lanes)
        for bar in range(bars + 1):
            x = round(area.x + bar * bar_w)
            pygame.draw.line(surface, theme.BEAT_LINE, (x, area.y), (x, area.bottom))
        part = chart.part(player)
        beats = np.asarray(part.beat)
        voices = np.asarray(part.voice)
        for lane, voice in enumerate(lanes):
            cy = area.y + lane_h * (lane + 0.5)
            sprite = self._notes[voice]
            mask = voices == int(voice)
            xs = area.x + beats[mask] / per_bar * bar_w
            inside = (beats[mask] >= loop.start_bar * per_bar) & (
                beats[mask] < (loop.start_bar + loop.bars) * per_bar
            )
            for x, keep in zip(xs.tolist(), inside.tolist(), strict=True):
                if keep:
                    surface.blit(sprite, sprite.get_rect(center=(round(x), round(cy))))
                else:
                    pygame.draw.circle(surface, theme.MISSED_NOTE, (round(x), round(cy)), 3)
        return surface.convert_alpha() if pygame.display.get_surface() is not None else surface
