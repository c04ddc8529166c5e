"""The results screen: how each player did, and how close they came to the same rhythm.

The whole picture (header, player cards, sync headline, team or versus result, the two plots,
the article's quote) is composed once on :meth:`ResultsScene.enter`; a frame is one blit plus
the key hints and, for a few seconds after S, a toast. Keys: Enter plays the same chart again,
Esc or Q goes back, S saves the picture as PNG under ``<data dir>/results``, Tab swaps the
bottom row between the timing plots and the "together" view (how the pair got there: who
followed whom, corrections, drift, the cross-correlations and sync by section). When the
caller offers duet practice, P loops the section where the pair was least together at the
speed Left/Right choose, until the sync there reaches the target.

By default "play again" restarts the play scene under this one (the app pushes the results
over the finished match) and "back" leaves both; callers may pass their own callbacks.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pygame

from ....core.atomic_file import atomic_write
from ....core.captions import caption
from ....core.scoring import versus_result
from ....core.voices import PLAYERS, Player
from ...match.plan import PAIR_PRACTICE_RATE, PAIR_TARGET_PERCENT
from ...match.practice_chart import pair_practice_section
from ...match.state import MatchOutcome
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.scenes import Scene
from ...widgets.header import CENTRE_GAP_PX, TITLE_X, TITLE_Y, draw_title_line
from ...widgets.key_hints import render_hints
from ...widgets.menu_frame import draw_header
from ...widgets.text_fit import elide
from .calibrate_panel import MatchCalibrationPanel
from .panels import (
    draw_caption,
    draw_player_card,
    draw_result_box,
    draw_sync_panel,
)
from .picture_files import free_path, picture_name, results_folder
from .plot_geometry import delta_histogram
from .plots import draw_delta_histogram, draw_offset_plot
from .together import draw_section_sync, draw_together_words

#: Keys are ignored this long after the screen appears (drummers may still be hitting).
INPUT_GRACE_S = 0.6
TOAST_S = 4.0
PLAY_AGAIN_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
BACK_KEYS = (pygame.K_ESCAPE, pygame.K_q)
#: Saving the picture: a key no drum can be bound to (see ``storage.key_names``).
SAVE_KEY = pygame.K_F12
VIEW_KEY = pygame.K_TAB
PRACTICE_KEY = pygame.K_p
RATE_KEYS = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}
#: Duet practice speeds offered (song time per second of music).
PRACTICE_RATES = (0.5, 0.6, 0.75, 0.9, 1.0)
CALIBRATE_KEY = pygame.K_c

# Layout of the 1280x720 canvas.
MARGIN = 40
CARD_W, CARD_H, GAP = 360, 340, 16
TOP = theme.HEADER_H + 12
CARD_RECTS = {
    Player.P1: pygame.Rect(MARGIN, TOP, CARD_W, CARD_H),
    Player.P2: pygame.Rect(theme.CANVAS_W - MARGIN - CARD_W, TOP, CARD_W, CARD_H),
}
CENTRE_X = MARGIN + CARD_W + GAP
CENTRE_W = theme.CANVAS_W - 2 * CENTRE_X
RESULT_H = 56
SYNC_RECT = pygame.Rect(CENTRE_X, TOP, CENTRE_W, CARD_H - RESULT_H - 12)
RESULT_RECT = pygame.Rect(CENTRE_X, TOP + CARD_H - RESULT_H, CENTRE_W, RESULT_H)
PLOTS_Y = TOP + CARD_H + 12
PLOTS_H = 202
OFFSET_RECT = pygame.Rect(MARGIN, PLOTS_Y, CENTRE_X + CENTRE_W - MARGIN, PLOTS_H)
HISTOGRAM_RECT = pygame.Rect(CARD_RECTS[Player.P2].x, PLOTS_Y, CARD_W, PLOTS_H)
CAPTION_RECT = pygame.Rect(150, PLOTS_Y + PLOTS_H + 4, theme.CANVAS_W - 300, 48)
FOOTER_Y = theme.CANVAS_H - 16
HEADER_CENTRE = "RESULTS"


class ResultsScene(Scene):
    title_music = False  # the title loop is silent: a match's sound, or its own

    def __init__(
        self,
        ctx: GameContext,
        outcome: MatchOutcome,
        on_play_again: Callable[[], None] | None = None,
        on_back: Callable[[], None] | None = None,
        quote: str | None = None,
        badge: str = "",
        stage_label: str | None = None,
        on_practice: Callable[[object, float], None] | None = None,
        on_settings: Callable[[Any], None] | None = None,
        notice: str = "",
    ) -> None:
        """``on_settings(settings)``: told when "calibrate from this match" saved offsets."""
        super().__init__()
        self.ctx = ctx
        self.on_settings = on_settings
        self.outcome = outcome
        #: e.g. "Stage 3 · Nara" in the Summit Tour (default: the outcome's), before the title
        self.stage_label = outcome.stage_label if stage_label is None else stage_label
        #: (main, secondary) text of the header's title line, once drawn
        self.title_line: tuple[str, str] = ("", "")
        #: e.g. "NEW BEST": a pill on the result box
        self.badge = badge
        header = outcome.replay.header
        self.mode = header.mode
        self.names = tuple(header.players)
        self.quote = caption("results") if quote is None else quote
        self.on_play_again = on_play_again
        self.on_back = on_back
        #: ``(section, rate)``: start duet practice on a section (None: not offered)
        self.on_practice = on_practice
        self.practice_rate = PAIR_PRACTICE_RATE
        #: "timing" (the plots) or "together" (how the pair got there)
        self.view = "timing"
        self.pictures: dict[str, pygame.Surface] = {}
        self.picture: pygame.Surface | None = None
        self._hints: pygame.Surface | None = None
        self._entered_s = 0.0
        self._now_s = 0.0
        self.toast = ""
        self.toast_error = False
        self._toast_until_s = -1.0
        #: a storage problem ("replay not saved: ..."), shown until the player leaves
        self.notice = notice
        self.saved: list[Path] = []

    # -- life cycle ---------------------------------------------------------------------------
    def enter(self) -> None:
        if self.picture is None:
            self.pictures["timing"] = self._render_picture()
            if self.view == "together":
                self.pictures["together"] = self._render_together(self.pictures["timing"])
            self.picture = self.pictures[self.view]
            self._hints = self._render_hints()
        self._entered_s = self._now_s = self.ctx.timer.now()

    # -- input --------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type != pygame.KEYDOWN or stamp_s - self._entered_s < INPUT_GRACE_S:
            return
        if self.is_drum_key(event.key):
            return  # a player still drumming after the song triggers nothing
        if event.key in PLAY_AGAIN_KEYS:
            self.play_again()
        elif event.key in BACK_KEYS:
            self.back()
        elif event.key == SAVE_KEY:
            self.save_picture()
        elif event.key == VIEW_KEY:
            self.show("together" if self.view == "timing" else "timing")
        elif event.key == PRACTICE_KEY:
            self.practise()
        elif event.key in RATE_KEYS and self.practice_section() is not None:
            self.step_rate(RATE_KEYS[event.key])
        elif event.key == CALIBRATE_KEY and self.stack is not None:
            panel = MatchCalibrationPanel(self.ctx, self.outcome, self.names, self.on_settings)
            self.stack.push(panel)

    # -- the together view and duet practice ----------------------------------------------------
    def show(self, view: str) -> None:
        if view == "together" and view not in self.pictures and "timing" in self.pictures:
            self.pictures[view] = self._render_together(self.pictures["timing"])  # on first Tab
        if view in self.pictures:
            self.view = view
            self.picture = self.pictures[view]
            self._hints = self._render_hints()

    def practice_section(self):
        """The section duet practice would loop (the pair's weakest; an imported song's
        whole length), None if not offered."""
        coordination = self.outcome.report.coordination
        if self.on_practice is None or coordination is None:
            return None
        return pair_practice_section(self.outcome.chart, coordination.weakest_section())

    def step_rate(self, step: int) -> None:
        rates = PRACTICE_RATES
        nearest = min(range(len(rates)), key=lambda i: abs(rates[i] - self.practice_rate))
        self.practice_rate = rates[max(0, min(len(rates) - 1, nearest + step))]
        self._hints = self._render_hints()

    def practise(self) -> None:
        section = self.practice_section()
        if section is None:
            self._show_toast("duet practice starts from a duet's results", error=True)
            return
        self.on_practice(section, self.practice_rate)

    def is_drum_key(self, key: int) -> bool:
        keymap = getattr(self.ctx, "keymap", None)
        return keymap is not None and keymap.lookup(key) is not None

    def _scene_below(self) -> Scene | None:
        if self.stack is None:
            return None
        scenes = self.stack.scenes
        index = scenes.index(self) if self in scenes else -1
        return scenes[index - 1] if index >= 1 else None

    def play_again(self) -> None:
        """Play the same chart again: the callback, or restart the play scene below."""
        if self.on_play_again is not None:
            self.on_play_again()
            return
        below = self._scene_below()
        restart = getattr(below, "restart", None)
        if self.stack is None or restart is None:
            self._show_toast("there is no match to restart here", error=True)
            return
        self.stack.pop()
        restart()

    def back(self) -> None:
        """Leave the results: the callback, or pop this scene and the finished match under it
        (back to whatever started the match; with nothing left the game ends)."""
        if self.on_back is not None:
            self.on_back()
            return
        stack = self.stack
        if stack is None:
            self.ctx.quit()
            return
        below = self._scene_below()
        stack.pop()
        if below is not None and hasattr(below, "restart") and stack.top is below:
            stack.pop()
        if not stack:
            self.ctx.quit()

    # -- saving -------------------------------------------------------------------------------
    def save_picture(self, folder: Path | None = None) -> Path | None:
        """Write the results picture as PNG; shows where it went, or why it could not."""
        if self.picture is None:
            return None
        try:
            folder = results_folder() if folder is None else Path(folder)
            folder.mkdir(parents=True, exist_ok=True)
            path = free_path(folder, picture_name(self.outcome, self.mode, datetime.now()))
            buffer = io.BytesIO()
            pygame.image.save(self._picture_for_file(), buffer, path.name)
            atomic_write(path, buffer.getvalue())
        except (OSError, pygame.error) as error:
            self._show_toast(f"Could not save the picture: {error}", error=True)
            return None
        self.saved.append(path)
        self._show_toast(f"Saved to {path}")
        return path

    def _picture_for_file(self) -> pygame.Surface:
        picture = self.picture.copy()
        when = datetime.now()
        line = f"DrumSync  ·  {when:%Y-%m-%d %H:%M}"
        self.ctx.text.blit(
            picture,
            line,
            theme.FONT_TINY,
            theme.TEXT_FAINT,
            (theme.CANVAS_W // 2, FOOTER_Y),
            "center",
        )
        return picture

    def _fit_line(self, message: str) -> str:
        measure = lambda s: self.ctx.text.size(s, theme.FONT_SMALL)[0]  # noqa: E731
        return elide(message, theme.CANVAS_W - 200, measure, middle=True)

    def _show_toast(self, message: str, error: bool = False) -> None:
        self.toast = self._fit_line(message)
        self.toast_error = error
        self._toast_until_s = self.ctx.timer.now() + TOAST_S

    def toast_visible(self) -> bool:
        return bool(self.toast) and self._now_s < self._toast_until_s

    # -- time and drawing ---------------------------------------------------------------------
    def update(self, now_s: float) -> None:
        self._now_s = now_s

    def draw(self, canvas: pygame.Surface) -> None:
        if self.picture is None:
            return
        canvas.blit(self.picture, (0, 0))
        canvas.blit(self._hints, (0, FOOTER_Y - self._hints.get_height() // 2))
        if self.toast_visible():
            self._draw_toast(canvas, self.toast, self.toast_error)
        elif self.notice:
            self._draw_toast(canvas, self._fit_line(self.notice), True)

    def _draw_toast(self, canvas: pygame.Surface, message: str, error: bool) -> None:
        text = self.ctx.text
        colour = theme.OI_VERMILLION if error else theme.OI_GREEN
        w, h = text.size(message, theme.FONT_SMALL)
        box = pygame.Rect(0, 0, w + 40, h + 20)
        box.center = CAPTION_RECT.center
        pygame.draw.rect(canvas, theme.PANEL, box, border_radius=10)
        pygame.draw.rect(canvas, colour, box, 2, border_radius=10)
        text.blit(canvas, message, theme.FONT_SMALL, theme.TEXT, box.center, "center")

    # -- composing the picture once -----------------------------------------------------------
    def _render_picture(self) -> pygame.Surface:
        outcome, text = self.outcome, self.ctx.text
        report = outcome.report
        picture = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H))
        picture.fill(theme.BACKGROUND)
        self._draw_header(picture)
        points = (report.players[0].points, report.players[1].points)
        winner = versus_result(*points).leader if self.mode == "versus" else None
        for player in PLAYERS:
            draw_player_card(
                picture,
                CARD_RECTS[player],
                text,
                player,
                self.names[int(player)],
                report.player(player),
                badge="WINNER" if winner is player else "",
            )
        draw_sync_panel(picture, SYNC_RECT, text, report.sync, self.names)
        draw_result_box(
            picture, RESULT_RECT, text, self.mode, report.players, report.team, self.names
        )
        if self.badge:
            self._draw_badge(picture)
        draw_offset_plot(picture, OFFSET_RECT, text, outcome.chart, outcome.judgements, self.names)
        deltas = np.asarray(outcome.pair_deltas_ms)
        draw_delta_histogram(
            picture, HISTOGRAM_RECT, text, delta_histogram(deltas), report.sync.mean_delta_ms
        )
        draw_caption(picture, CAPTION_RECT, text, self.quote, theme.FONT_TINY)
        return picture.convert() if pygame.display.get_surface() is not None else picture

    def _draw_badge(self, picture: pygame.Surface) -> None:
        text = self.ctx.text
        w, h = text.size(self.badge, theme.FONT_TINY)
        pill = pygame.Rect(0, 0, w + 24, h + 10)
        pill.center = RESULT_RECT.midtop
        pygame.draw.rect(picture, theme.OI_YELLOW, pill, border_radius=pill.height // 2)
        text.blit(picture, self.badge, theme.FONT_TINY, theme.BACKGROUND, pill.center, "center")

    def _draw_header(self, picture: pygame.Surface) -> None:
        text = self.ctx.text
        meta = self.outcome.chart.meta
        info = (
            f"{self.mode.upper()}  ·  {meta.style}  ·  {self.outcome.chart.tempo_text}  ·  "
            f"level {meta.difficulty}"
        )
        windows = f"{self.outcome.report.windows} windows  ·  seed {meta.seed}"
        draw_header(picture, text, HEADER_CENTRE, right_top=info, right_bottom=windows)
        centre_w = text.size(HEADER_CENTRE, theme.FONT_LABEL)[0]
        room = theme.CANVAS_W // 2 - centre_w // 2 - CENTRE_GAP_PX - TITLE_X
        self.title_line = draw_title_line(
            picture, text, self.outcome.chart, self.stage_label, room, (TITLE_X, TITLE_Y)
        )

    def _render_together(self, timing: pygame.Surface) -> pygame.Surface:
        """The timing picture with its bottom row swapped for the together view."""
        picture = timing.copy()
        coordination = self.outcome.report.coordination
        row = OFFSET_RECT.union(HISTOGRAM_RECT)
        picture.fill(theme.BACKGROUND, row)
        if coordination is not None:
            text = self.ctx.text
            draw_together_words(picture, OFFSET_RECT, text, coordination, self.names)
            target = PAIR_TARGET_PERCENT if self.on_practice is not None else None
            draw_section_sync(picture, HISTOGRAM_RECT, text, coordination, target)
        return picture

    def _render_hints(self) -> pygame.Surface:
        other = "timing" if self.view == "together" else "together"
        items = [("ENTER", "play again"), ("TAB", other)]
        section = self.practice_section()
        if section is not None:
            speed = f"{round(self.practice_rate * 100)}%"
            items += [("P", f"practise {section.name} together"), ("LEFT/RIGHT", f"at {speed}")]
        items += [("F12", "save picture"), ("C", "calibrate from match"), ("ESC", "back")]
        return render_hints(self.ctx.text, tuple(items), gap=28, arrows=True)
