"""Free play: choose a generated chart (style, tempo, difficulty, length, parts, seed) and see
it before playing: its first bars, its computed rating, its facts and the best score on it.

The chart is generated only when a value changes, a short moment after the last change
(holding an arrow runs through values without generating each one); the values on the left
are always the ones shown, and Start uses exactly the chart on screen. "random" seeds are
drawn from the operating system once, when asked for, and shown, so a good chart can be
played again by typing its seed.

``on_start(generator_args)`` gets the arguments of ``core.generate_chart`` (seed, style, bpm,
difficulty, bars, parts); ``on_back()`` is called on Esc. Whoever pushed the scene decides
where to go; if the scene is still on top of its stack after ``on_back`` it pops itself.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pygame

from ..core.chart import MAX_DIFFICULTY, MIN_DIFFICULTY, PART_MODES, STYLES, Chart
from ..core.chart_identity import chart_hash
from ..core.errors import DrumSyncError
from ..core.generator import fill_bars, generate_chart
from ..core.generator.args import MAX_BARS, MAX_BPM, MAX_SEED, MIN_BPM, validate_args
from ..core.rating import rate_chart
from ..core.voices import PLAYERS
from . import theme
from .chart_preview import PREVIEW_BARS, ChartPreview, draw_song_shape, rating_colour
from .context import GameContext
from .header import clock_text
from .option_form import (
    Action,
    Choice,
    FormEvent,
    OptionForm,
    Range,
    Row,
    StatusLine,
    blit_hints,
    draw_card,
    draw_header,
    render_hints,
)
from .scenes import Scene

#: A value change waits this long for the next one before the chart is generated.
SETTLE_S = 0.15
#: Random seeds are drawn below this, so they are short enough to read out and type.
RANDOM_SEED_LIMIT = 1_000_000
CACHE_CHARTS = 12
MIN_FREE_BARS = 4
MAX_FREE_BARS = min(256, MAX_BARS)
DEFAULT_ARGS = {"style": "rock", "bpm": 120.0, "difficulty": 5, "bars": 32, "parts": "unison"}

MODE_LABELS = {
    "duet": "Duet",
    "versus": "Versus",
    "solo": "Solo",
    "practice": "Practice",
    "demo": "Demo",
}
STYLE_LABELS = {
    "dance-pop": "Dance-pop",
    "rock": "Rock",
    "metal": "Metal",
    "euclidean": "Euclidean",
}
STYLE_HINTS = {
    "dance-pop": "Four-on-the-floor kick, off-beat hi-hats, claps on 2 and 4.",
    "rock": "Straight hi-hats, kick on 1 and usually 3, snare backbeat on 2 and 4.",
    "metal": "Double-kick runs, driving cymbals, backbeat, half-time or skank snare.",
    "euclidean": "Every drum a rotation of an evenly spread Euclidean rhythm E(k, n).",
}
PART_LABELS = {"unison": "Unison", "split": "Split"}
PART_HINTS = {
    "unison": "Both players play the same notes: every note is a chance to sync.",
    "split": "Each player gets their own part; the shared beats are where sync counts.",
}
ROW_HINTS = {
    "bpm": "Left/Right: 1 BPM, Shift: 10.  Enter: type a tempo.",
    "difficulty": "The generator aims its rating at this level.",
    "bars": "Left/Right: 4 bars, Shift: 16.  Enter: type a length.",
    "seed": "Same seed, same settings: the same chart, for everybody.  Enter: type a seed.",
    "roll": "Draw a new random seed (R does it from anywhere).",
    "start": "Play this chart.",
}

# Layout (1280x720 canvas).
FORM_PANEL = pygame.Rect(40, 72, 500, 302)
FORM_RECT = pygame.Rect(52, 82, 476, 288)
FORM_ROW_H = 36
SUMMARY_PANEL = pygame.Rect(556, 72, 684, 302)
PREVIEW_PANEL = pygame.Rect(40, 386, 1200, 304)
STRIP_POS = (52, 398)
STRIP_SIZE = (1176, 282)
PIPS = 10


@dataclass(frozen=True, slots=True)
class ChartFacts:
    """What the summary card says about a chart."""

    title: str
    rating: float
    notes: tuple[int, int]
    length_s: float
    notes_per_s: float
    sections: int
    fills: int


def chart_facts(chart: Chart) -> ChartFacts:
    length_s = max(0.0, chart.duration_s - chart.music_start_s)
    notes = tuple(len(chart.part(p)) for p in PLAYERS)
    busiest = max(notes) if notes else 0
    return ChartFacts(
        title=chart.meta.title or f"{chart.meta.style} #{chart.meta.seed}",
        rating=rate_chart(chart),
        notes=notes,  # type: ignore[arg-type]
        length_s=length_s,
        notes_per_s=busiest / length_s if length_s > 0 else 0.0,
        sections=len(chart.sections),
        fills=len(fill_bars(chart)),
    )


def best_text(mode: str, chart: Chart) -> str:
    """The best result on this chart in this mode, from the scores database."""
    from ..storage.scores_db import ScoresDB, ScoresError

    try:
        with ScoresDB() as db:
            record = db.best(mode, chart_hash(chart))
    except (ScoresError, OSError) as error:
        return f"unavailable ({error})"
    if record is None:
        return "not played yet"
    if record.team_percent is not None:
        return f"{record.team_percent:.1f}%"
    return f"{record.total_score:,}"


class FreePlayScene(Scene):
    def __init__(
        self,
        ctx: GameContext,
        mode: str,
        on_start: Callable[[dict], None],
        on_back: Callable[[], None],
        initial: Mapping[str, Any] | None = None,
        seed_source: Callable[[], int] | None = None,
        show_best: bool = True,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.mode = mode
        self.on_start = on_start
        self.on_back = on_back
        self.show_best = show_best
        self._seed_source = seed_source or (lambda: secrets.randbelow(RANDOM_SEED_LIMIT))
        self.status = StatusLine()
        self._now_s = ctx.timer.now()
        args, problem = self._initial_args(initial)
        self.seed_is_random = args["seed"] is None
        if self.seed_is_random:
            args["seed"] = self._seed_source()
        self.form = OptionForm(self._rows(), args)
        if problem:
            self.status.show(problem, self._now_s, error=True)
        self.preview = ChartPreview(ctx.text)
        self.chart: Chart | None = None
        self.facts: ChartFacts | None = None
        self.best = ""
        self.strip: pygame.Surface | None = None
        self.error = ""
        self.generations = 0
        self._cache: OrderedDict[tuple, Chart] = OrderedDict()
        self._changed_s: float | None = None
        self._hints = None
        self._shade: pygame.Surface | None = None

    # -- set-up -------------------------------------------------------------------------------
    @staticmethod
    def _initial_args(initial: Mapping[str, Any] | None) -> tuple[dict, str]:
        """Values to start from (seed None: draw one) and a message if ``initial`` was bad."""
        args: dict[str, Any] = {**DEFAULT_ARGS, "seed": None}
        if not initial:
            return args, ""
        merged = {**args, **dict(initial)}
        try:
            checked = validate_args(
                0 if merged["seed"] is None else merged["seed"],
                merged["style"],
                merged["bpm"],
                merged["difficulty"],
                merged["bars"],
                merged["parts"],
            )
        except DrumSyncError as error:
            return args, f"Could not use the last chart: {error}"
        return {
            "seed": merged["seed"] if merged["seed"] is None else checked.seed,
            "style": checked.style,
            "bpm": checked.bpm,
            "difficulty": checked.difficulty,
            "bars": min(MAX_FREE_BARS, max(MIN_FREE_BARS, checked.bars)),
            "parts": checked.parts,
        }, ""

    def _rows(self) -> list[Row]:
        return [
            Row("style", "Style", Choice(STYLES, tuple(STYLE_LABELS[s] for s in STYLES))),
            Row(
                "bpm",
                "Tempo",
                Range(MIN_BPM, MAX_BPM, 1, 10, name="tempo"),
                fmt=lambda v: f"{v:g} BPM",
            ),
            Row(
                "difficulty",
                "Difficulty",
                Range(MIN_DIFFICULTY, MAX_DIFFICULTY, 1, 3, name="difficulty"),
                fmt=lambda v: f"level {v}",
            ),
            Row(
                "bars",
                "Length",
                Range(MIN_FREE_BARS, MAX_FREE_BARS, 4, 16, name="length"),
                fmt=self._length_text,
            ),
            Row("parts", "Parts", Choice(PART_MODES, tuple(PART_LABELS[p] for p in PART_MODES))),
            Row("seed", "Seed", Range(0, MAX_SEED, 1, 100, name="seed"), fmt=self._seed_text),
            Row("roll", "New random seed", Action()),
            Row("start", "Start", Action(button=True), accent=theme.OI_GREEN),
        ]

    def _length_text(self, bars: int) -> str:
        seconds = bars * 4 * 60.0 / float(self.form.value("bpm"))
        return f"{bars} bars · {clock_text(seconds)}"

    def _seed_text(self, seed: int) -> str:
        return f"{seed} · random" if self.seed_is_random else f"{seed}"

    # -- values -------------------------------------------------------------------------------
    def generator_args(self) -> dict:
        """The arguments of the chart the form describes (what Start passes on)."""
        values = self.form.values
        return {
            "seed": int(values["seed"]),
            "style": values["style"],
            "bpm": float(values["bpm"]),
            "difficulty": int(values["difficulty"]),
            "bars": int(values["bars"]),
            "parts": values["parts"],
        }

    def roll_seed(self) -> int:
        seed = int(self._seed_source())
        self.form.set_value("seed", seed)
        self.seed_is_random = True
        self._changed(self._now_s)
        return seed

    def _changed(self, when_s: float) -> None:
        self._changed_s = when_s

    @property
    def preview_pending(self) -> bool:
        return self._changed_s is not None or self.chart is None

    def refresh_preview(self) -> None:
        """Generate (or fetch) the chart for the current values and draw its strip."""
        self._changed_s = None
        args = self.generator_args()
        key = tuple(sorted(args.items()))
        chart = self._cache.get(key)
        if chart is None:
            try:
                chart = generate_chart(**args)
            except DrumSyncError as error:
                self.chart, self.facts, self.strip = None, None, None
                self.error = str(error)
                self.status.show(f"Cannot generate this chart: {error}", self._now_s, error=True)
                return
            self.generations += 1
            self._cache[key] = chart
            if len(self._cache) > CACHE_CHARTS:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        self.error = ""
        self.chart = chart
        self.facts = chart_facts(chart)
        self.strip = self.preview.render(chart, STRIP_SIZE)
        self.best = best_text(self.mode, chart) if self.show_best else ""

    @property
    def rating_text(self) -> str:
        return "" if self.facts is None else f"{self.facts.rating:.2f}"

    # -- life cycle and input -------------------------------------------------------------------
    def enter(self) -> None:
        self._now_s = self.ctx.timer.now()
        if self._hints is None:
            self._hints = render_hints(
                self.ctx.text,
                (
                    ("UP/DOWN", "choose"),
                    ("LEFT/RIGHT", "change"),
                    ("ENTER", "type / start"),
                    ("R", "random seed"),
                    ("ESC", "back"),
                ),
            )
        if self.chart is None:
            self.refresh_preview()

    def cover(self) -> None:
        self.form.release_keys()

    def uncover(self) -> None:
        """Back from a match: the best score may have changed."""
        self._now_s = self.ctx.timer.now()
        if self.chart is not None and self.show_best:
            self.best = best_text(self.mode, self.chart)

    def handle(self, event: Any, stamp_s: float) -> None:
        if (
            event.type == pygame.KEYDOWN
            and event.key == pygame.K_r
            and self.form.entry is None
            and not getattr(event, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_ALT)
        ):
            self.roll_seed()
            return
        result = self.form.handle(event, stamp_s)
        if result is not None:
            self._react(result, stamp_s)

    def _react(self, result: FormEvent, when_s: float) -> None:
        if result.kind == "changed":
            if result.key == "seed":
                self.seed_is_random = False
            self._changed(when_s)
        elif result.kind == "refused":
            self.status.show(self.form.message, self._now_s, error=True)
        elif result.kind == "activated":
            if result.key == "roll":
                self.roll_seed()
            elif result.key == "start":
                self.start()
        elif result.kind == "back":
            self.back()

    def start(self) -> None:
        if self.preview_pending:
            self.refresh_preview()
        if self.chart is None:
            self.status.show(f"Cannot start: {self.error}", self._now_s, error=True)
            return
        self.on_start(dict(self.chart.meta.generator_args()))

    def back(self) -> None:
        self.on_back()
        self.pop_self()

    def update(self, now_s: float) -> None:
        self._now_s = now_s
        for result in self.form.update(now_s):
            self._react(result, now_s)
        if self._changed_s is not None and now_s - self._changed_s >= SETTLE_S:
            self.refresh_preview()

    # -- drawing --------------------------------------------------------------------------------
    def draw(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        canvas.fill(theme.BACKGROUND)
        args = self.generator_args()
        mode = MODE_LABELS.get(self.mode, self.mode.title())
        title = self.facts.title if self.facts is not None and not self.preview_pending else ""
        draw_header(
            canvas,
            text,
            "FREE PLAY",
            subtitle=f"{mode}  ·  {title}" if title else mode,
            right_top=f"{args['style']}  ·  {args['bpm']:g} BPM  ·  level {args['difficulty']}",
            right_bottom=f"{args['parts']}  ·  {args['bars']} bars  ·  seed {args['seed']}",
        )
        draw_card(canvas, FORM_PANEL)
        self.form.draw(canvas, text, FORM_RECT, row_h=FORM_ROW_H)
        self._draw_summary(canvas)
        self._draw_preview(canvas)
        if self._hints is not None:
            blit_hints(canvas, self._hints)

    def _row_hint(self) -> str:
        row = self.form.selected_row
        if row.key == "style":
            return STYLE_HINTS[self.form.value("style")]
        if row.key == "parts":
            return PART_HINTS[self.form.value("parts")]
        return ROW_HINTS.get(row.key, "")

    def _draw_summary(self, canvas: pygame.Surface) -> None:
        text, panel, facts = self.ctx.text, SUMMARY_PANEL, self.facts
        colour = rating_colour(facts.rating) if facts is not None else theme.TEXT_FAINT
        draw_card(canvas, panel, colour)
        x, y = panel.x + 24, panel.y + 22
        stale = self.preview_pending
        if facts is None:
            message = self.error or "generating…"
            text.blit(canvas, "NO CHART", theme.FONT_TINY, theme.TEXT_FAINT, (x, y))
            text.blit(canvas, message, theme.FONT_SMALL, theme.TEXT_DIM, (x, y + 26))
        else:
            alpha = 110 if stale else 255
            text.blit(
                canvas, facts.title.upper(), theme.FONT_TINY, theme.TEXT_DIM, (x, y), alpha=alpha
            )
            level = self.chart.meta.difficulty if self.chart is not None else 0
            label = f"RATING  ·  ASKED FOR LEVEL {level}"
            text.blit(canvas, label, theme.FONT_TINY, theme.TEXT_FAINT, (x, y + 28), alpha=alpha)
            text.blit(canvas, self.rating_text, 96, colour, (x - 4, y + 44), alpha=alpha)
            self._draw_pips(canvas, (x, y + 140), facts.rating, colour, alpha)
            self._draw_facts(canvas, facts, alpha)
            low_y = y + 174
            if self.show_best:
                label = f"BEST IN {MODE_LABELS.get(self.mode, self.mode).upper()}"
                text.blit(canvas, label, theme.FONT_TINY, theme.TEXT_FAINT, (x, low_y), alpha=alpha)
                best = self.best[:40]
                text.blit(canvas, best, theme.FONT_BODY, theme.TEXT, (x, low_y + 20), alpha=alpha)
            if self.chart is not None:
                shape = pygame.Rect(SUMMARY_PANEL.x + 330, low_y + 22, 330, 34)
                label = "SONG SHAPE  ·  NOTES PER BAR"
                text.blit(canvas, label, theme.FONT_TINY, theme.TEXT_FAINT, (shape.x, low_y))
                draw_song_shape(canvas, shape, self.chart, PREVIEW_BARS)
        hint_y = panel.bottom - 26
        pygame.draw.line(
            canvas, theme.PANEL_EDGE, (panel.x + 16, hint_y - 18), (panel.right - 16, hint_y - 18)
        )
        if self.status.visible(self._now_s):
            self.status.draw(canvas, text, (panel.centerx, hint_y - 2), panel.width - 20)
        else:
            hint = self._row_hint()
            text.blit(
                canvas, hint, theme.FONT_TINY, theme.TEXT_DIM, (panel.centerx, hint_y), "center"
            )

    def _draw_pips(self, canvas, pos, rating: float, colour, alpha: int) -> None:
        x, y = pos
        for i in range(PIPS):
            fill = min(1.0, max(0.0, rating - i))
            pip = pygame.Rect(x + i * 25, y, 21, 10)
            pygame.draw.rect(canvas, theme.LANE_DARK, pip, border_radius=3)
            if fill > 0:
                part = pip.copy()
                part.width = max(4, round(pip.width * fill))
                shade = colour if alpha == 255 else theme.mix(theme.PANEL, colour, 0.4)
                pygame.draw.rect(canvas, shade, part, border_radius=3)

    def _draw_facts(self, canvas: pygame.Surface, facts: ChartFacts, alpha: int) -> None:
        text = self.ctx.text
        p1, p2 = facts.notes
        items = [
            ("NOTES  P1 / P2", f"{p1} / {p2}"),
            ("LENGTH", clock_text(facts.length_s)),
            ("NOTES PER SECOND", f"{facts.notes_per_s:.1f}"),
            ("SECTIONS  ·  FILLS", f"{facts.sections}  ·  {facts.fills}"),
        ]
        col_x = (SUMMARY_PANEL.x + 330, SUMMARY_PANEL.x + 520)
        y0 = SUMMARY_PANEL.y + 22
        for i, (label, value) in enumerate(items):
            x, y = col_x[i % 2], y0 + (i // 2) * 56
            text.blit(canvas, label, theme.FONT_TINY, theme.TEXT_FAINT, (x, y), alpha=alpha)
            text.blit(canvas, value, theme.FONT_BODY, theme.TEXT, (x, y + 20), alpha=alpha)

    def _draw_preview(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        draw_card(canvas, PREVIEW_PANEL)
        if self.strip is None:
            message = self.error or "generating…"
            text.blit(
                canvas, message, theme.FONT_SMALL, theme.TEXT_DIM, PREVIEW_PANEL.center, "center"
            )
            return
        canvas.blit(self.strip, STRIP_POS)
        if self.preview_pending:
            if self._shade is None:
                self._shade = pygame.Surface(PREVIEW_PANEL.size, pygame.SRCALPHA)
                self._shade.fill((*theme.PANEL, 150))
            canvas.blit(self._shade, PREVIEW_PANEL.topleft)
