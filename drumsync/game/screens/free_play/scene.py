"""Free play: choose a generated chart (style, tempo, difficulty, length, parts, seed) and see
it before playing: its first bars, its computed rating, its facts and the best score on it.

The chart is generated only when a value changes, a short moment after the last change
(holding an arrow runs through values without generating each one); the values on the left
are always the ones shown, and Start uses exactly the chart on screen. "random" seeds are
drawn from the operating system once, when asked for, and shown, so a good chart can be
played again by typing its seed.

``on_start(generator_args)`` gets the arguments of ``core.generate_chart`` (seed, style, bpm,
difficulty, bars, parts); ``on_back()`` is called on Esc. With a song ``library``, Tab turns
to the local songs (:mod:`.song_view`): the list of the library, filtered by typing, and
``on_song(path)`` plays the chosen one, ``on_practice(path)`` practises it (F6). Whoever
pushed the scene decides where to go; if the scene is still on top of its stack after
``on_back`` it pops itself.

The rows are declared in :mod:`.free_play_rows`; the summary card (:mod:`.free_play_summary`)
shows the chart's :mod:`.chart_facts`.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

import pygame

from ....core.chart import Chart
from ....core.errors import DrumSyncError
from ....core.generator import generate_chart
from ....storage.scores_db import ScoresDB
from ...match.song_library import SongLibrary
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.scenes import Scene
from ...widgets.chart_preview import ChartPreview
from ...widgets.form.option_form import OptionForm
from ...widgets.form.rows import FormEvent
from ...widgets.key_hints import render_hints
from ...widgets.menu_frame import blit_hints, draw_header
from ...widgets.panels import draw_card
from ...widgets.status_line import StatusLine
from ...widgets.text_fit import clock_text, fit_paragraph
from .chart_facts import ChartFacts, best_text, chart_facts, rating_text
from .rows import free_play_rows, initial_args, row_hint
from .song_view import SongView
from .summary import draw_summary, draw_summary_footer

#: Songs are practised (F6) alone at this speed, the music slowed with its pitch kept.
SONG_PRACTICE_RATE = 0.75
#: A value change waits this long for the next one before the chart is generated.
SETTLE_S = 0.15
#: Random seeds are drawn below this, so they are short enough to read out and type.
RANDOM_SEED_LIMIT = 1_000_000
CACHE_CHARTS = 12

MODE_LABELS = {
    "duet": "Duet",
    "versus": "Versus",
    "solo": "Solo",
    "practice": "Practice",
    "demo": "Demo",
}

# Layout (1280x720 canvas).
FORM_PANEL = pygame.Rect(40, 72, 500, 302)
FORM_RECT = pygame.Rect(52, 82, 476, 288)
FORM_ROW_H = 36
PREVIEW_PANEL = pygame.Rect(40, 386, 1200, 304)
STRIP_POS = (52, 398)
STRIP_SIZE = (1176, 282)


class FreePlayScene(Scene):
    def __init__(
        self,
        ctx: GameContext,
        mode: str,
        on_start: Callable[[dict], None],
        on_back: Callable[[], None],
        initial: Mapping[str, Any] | None = None,
        seed_source: Callable[[], int] | None = None,
        scores: ScoresDB | None = None,
        library: SongLibrary | None = None,
        on_song: Callable[[str], None] | None = None,
        on_practice: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.mode = mode
        self.on_start = on_start
        self.on_back = on_back
        #: the game's scores database (None: the best line says it is unavailable)
        self.scores = scores
        self._seed_source = seed_source or (lambda: secrets.randbelow(RANDOM_SEED_LIMIT))
        self.status = StatusLine()
        self._now_s = ctx.timer.now()
        args, problem = initial_args(initial)
        self.seed_is_random = args["seed"] is None
        if self.seed_is_random:
            args["seed"] = self._seed_source()
        self.form = OptionForm(free_play_rows(self._length_text, self._seed_text), args)
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
        self.songs = SongView(library) if library is not None else None
        self.on_song = on_song
        self.on_practice = on_practice
        self.view = "generate"

    # -- how the length and the seed read ---------------------------------------------------
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
        """Generate (or fetch) the chart for the current values, or import the chosen song,
        and draw its strip."""
        self._changed_s = None
        if self.view == "songs" and self.songs is not None:
            chart, problem = self.songs.chart(self.generator_args())
            self._show(chart, problem)
            return
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
        self._show(chart, "")

    def _show(self, chart: Chart | None, problem: str) -> None:
        self.error = problem
        self.chart = chart
        if chart is None:
            self.facts, self.strip, self.best = None, None, ""
            return
        self.facts = chart_facts(chart)
        self.strip = self.preview.render(chart, STRIP_SIZE)
        self.best = best_text(self.scores, self.mode, chart)

    def toggle_view(self) -> None:
        """Between the generator's form and the song library (Tab)."""
        if self.songs is None:
            return
        self.view = "songs" if self.view == "generate" else "generate"
        if self.view == "songs":
            self.form.release_keys()
            self.songs.open(self._now_s)
        self._hints = None
        self.enter()
        self.refresh_preview()

    @property
    def rating_text(self) -> str:
        return rating_text(self.facts)

    # -- life cycle and input -------------------------------------------------------------------
    def enter(self) -> None:
        self._now_s = self.ctx.timer.now()
        if self._hints is None:
            tab = (("TAB", "songs" if self.view == "generate" else "generator"),)
            tab = tab if self.songs is not None else ()
            items = (
                (("UP/DOWN", "choose"), ("A-Z", "filter"), ("ENTER", "play"),
                 ("F6", f"practise at {SONG_PRACTICE_RATE:.0%}"), ("F5", "rescan"))
                if self.view == "songs"
                else (("UP/DOWN", "choose"), ("LEFT/RIGHT", "change"), ("ENTER", "type / start"),
                      ("R", "random seed"))
            )  # fmt: skip
            self._hints = render_hints(self.ctx.text, (*items, *tab, ("ESC", "back")), arrows=True)
        if self.chart is None:
            self.refresh_preview()

    def cover(self) -> None:
        self.form.release_keys()

    def uncover(self) -> None:
        """Back from a match: the best score may have changed."""
        self._now_s = self.ctx.timer.now()
        if self.chart is not None:
            self.best = best_text(self.scores, self.mode, self.chart)

    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_TAB and self.form.entry is None:
            self.toggle_view()
            return
        if self.view == "songs" and self.songs is not None:
            self._handle_song_key(event, stamp_s)
            return
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

    def _handle_song_key(self, event: Any, stamp_s: float) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F5:
            self.songs.rescan(self._now_s)
            return
        message = self.songs.correct(event, stamp_s, self.generator_args())
        if message:
            self.status.show(message, self._now_s)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F6:
            self.start_song(practice=True)
            return
        action = self.songs.handle(event)
        if action in ("moved", "filtered"):
            self._changed(stamp_s)
        elif action == "start":
            self.start()
        elif action == "back":
            self.back()

    def start(self) -> None:
        if self.view == "songs" and self.songs is not None:
            self.start_song()
            return
        if self.preview_pending:
            self.refresh_preview()
        if self.chart is None:
            self.status.show(f"Cannot start: {self.error}", self._now_s, error=True)
            return
        self.on_start(dict(self.chart.meta.generator_args()))

    def start_song(self, practice: bool = False) -> None:
        """Play the chosen song (or practise it alone, slower, with ``practice``)."""
        if self.preview_pending:
            self.refresh_preview()
        entry = self.songs.list.current
        if entry is not None and entry.needs_chart and self.chart is None and not practice:
            if self.songs.make(self.generator_args()):  # no chart yet: make one
                self.status.show("Finding the beat of this song…", self._now_s)
            return
        path = self.songs.chart_file(self.generator_args())
        go = self.on_practice if practice else self.on_song
        if self.chart is None or path is None or go is None:
            self.status.show(f"Cannot start: {self.error or 'no song'}", self._now_s, error=True)
            return
        go(path)

    def _job_done(self) -> None:
        report = self.songs.job_report() if self.songs is not None else None
        if report is not None:
            self.status.show(report[0], self._now_s, error=report[1])
            self._changed(self._now_s - SETTLE_S)

    def back(self) -> None:
        self.on_back()
        self.pop_self()

    def update(self, now_s: float) -> None:
        self._now_s = now_s
        for result in self.form.update(now_s):
            self._react(result, now_s)
        if self._changed_s is not None and now_s - self._changed_s >= SETTLE_S:
            self.refresh_preview()
        if self.view == "songs" and self.songs.update(now_s) and self.chart is None:
            self._changed(now_s)  # the list has (new) songs: show the chosen one
        self._job_done()

    # -- drawing --------------------------------------------------------------------------------
    def draw(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        canvas.fill(theme.BACKGROUND)
        mode = MODE_LABELS.get(self.mode, self.mode.title())
        title = self.facts.title if self.facts is not None and not self.preview_pending else ""
        draw_header(canvas, text, "FREE PLAY", f"{mode}  ·  {title}" if title else mode,
                    *self._header_lines())  # fmt: skip
        draw_card(canvas, FORM_PANEL)
        if self.view == "songs":
            self.songs.draw(canvas, text, FORM_RECT)
        else:
            self.form.draw(canvas, text, FORM_RECT, row_h=FORM_ROW_H)
        best_in = MODE_LABELS.get(self.mode, self.mode)
        stale = self.preview_pending
        draw_summary(canvas, text, self.facts, self.chart, stale, self.error, best_in, self.best)
        draw_summary_footer(canvas, text, self.status, self._now_s, self._row_hint())
        self._draw_preview(canvas)
        if self._hints is not None:
            blit_hints(canvas, self._hints)

    def _header_lines(self) -> tuple[str, str]:
        if self.view == "songs":
            entry = self.songs.list.current
            if entry is None or not entry.readable:
                return "LOCAL SONGS", "TAB: generated charts"
            if entry.needs_chart and self.chart is not None:
                made = f"chart made  ·  {self.chart.meta.bpm:g} BPM"
                return made, f"{entry.audio}  ·  TAB: generated charts"
            return (f"{entry.source_format}  ·  {entry.tempo_text}",
                    f"{entry.course or entry.audio or ''}  ·  TAB: generated charts")  # fmt: skip
        args = self.generator_args()
        return (
            f"{args['style']}  ·  {args['bpm']:g} BPM  ·  level {args['difficulty']}",
            f"{args['parts']}  ·  {args['bars']} bars  ·  seed {args['seed']}",
        )

    def _row_hint(self) -> str:
        if self.view == "songs":
            return self.songs.hint(self.chart is not None) or (
                "Type to filter; Enter plays the song with its own music; F5 scans again."
            )
        row = self.form.selected_row
        return row_hint(row, self.form.value(row.key))

    def _draw_preview(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        draw_card(canvas, PREVIEW_PANEL)
        if self.songs is not None and self.songs.making:
            self.songs.draw_job(canvas, text, PREVIEW_PANEL)
            return
        if self.strip is None:
            message = self.error or "generating…"
            room = PREVIEW_PANEL.inflate(-48, -24)
            fit_paragraph(canvas, text, message, theme.FONT_SMALL, theme.TEXT_DIM, room)
            return
        canvas.blit(self.strip, STRIP_POS)
        if self.preview_pending:
            if self._shade is None:
                self._shade = pygame.Surface(PREVIEW_PANEL.size, pygame.SRCALPHA)
                self._shade.fill((*theme.PANEL, 150))
            canvas.blit(self._shade, PREVIEW_PANEL.topleft)
