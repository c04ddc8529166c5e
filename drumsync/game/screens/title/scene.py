"""The title: the game's name, two drummers playing a beat together, a caption from the article.

The drummers play a short generated loop (both the same part: they are in sync), and the
logo's two coloured shadows close in on the white letters on every beat. The loop is the one
the title music plays (``drumsync.audio.title_loop``): given the music's position
(``music_clock``), the drummers and the beat follow what is heard. Enter (or a click)
starts, Esc quits; after :data:`IDLE_S` seconds without a key the demo starts. Notices (a
settings file that had to be repaired, a scores database moved aside) are shown for a while.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pygame

from ....core.captions import caption
from ....core.voices import Player
from ...runtime import theme
from ...runtime.scenes import Scene
from ...widgets.drummer_art import DrummerLook, draw_drummer
from ...widgets.drummer_motion import pose_at
from ...widgets.drummer_stage import HAIR, SKINS, render_stage, title_timeline
from ...widgets.key_hints import render_hints
from ...widgets.text_fit import fit_paragraph, fit_text, fitted

IDLE_S = 30.0
START_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
QUIT_KEYS = (pygame.K_ESCAPE,)
#: How long the title waits for the second Esc that confirms quitting.
CONFIRM_QUIT_S = 4.0
QUIT_QUESTION = "QUIT DRUMSYNC?  ESC AGAIN QUITS, ANY OTHER KEY STAYS"
NOTICE_S = 8.0
NOTICE_MAX_W = theme.CANVAS_W - 80

LOGO_Y = 96
FONT_LOGO = 132
DRUMMER_X = (392, 888)
FLOOR_Y = 556
DRUMMER_SCALE = 1.08
CAPTION_RECT = pygame.Rect(170, 622, theme.CANVAS_W - 340, 56)
PROMPT_Y = 590
RINGS_CENTRE = (theme.CANVAS_W // 2, 400)


class TitleScene(Scene):
    #: The title music plays while the title (or a menu over it) is shown.
    title_music = True

    def __init__(
        self,
        ctx,
        on_start: Callable[[], None],
        on_demo: Callable[[], None] | None = None,
        on_quit: Callable[[], None] | None = None,
        notices: Sequence[str] = (),
        idle_s: float = IDLE_S,
        music_clock: Callable[[float], float | None] | None = None,
    ) -> None:
        """``music_clock(now_s)``: seconds into the loop being heard, or None (no music)."""
        super().__init__()
        self.ctx = ctx
        self.on_start = on_start
        self.on_demo = on_demo
        self.on_quit = on_quit or ctx.quit
        self.notices = list(notices)
        self.idle_s = idle_s
        self.music_clock = music_clock
        self.caption = caption("title")
        self.timeline = title_timeline()
        self.looks = (
            DrummerLook(theme.PLAYER_COLOURS[Player.P1], skin=SKINS[0], hair=HAIR[0]),
            DrummerLook(theme.PLAYER_COLOURS[Player.P2], skin=SKINS[1], hair=HAIR[1]),
        )
        self.now_s = 0.0
        self.origin_s = 0.0
        self.last_input_s = 0.0
        self.notice_until_s = 0.0
        self.notice_from_s = 0.0
        #: Esc was pressed once: the title asks before quitting until this time.
        self.confirm_quit_until_s = 0.0
        self._static: pygame.Surface | None = None
        self._hints: pygame.Surface | None = None

    def add_notice(self, notice: str) -> None:
        """Show ``notice`` on the title for the next NOTICE_S (e.g. "no audio device")."""
        if notice not in self.notices:
            self.notices.append(notice)
        now = self.ctx.timer.now()
        if now >= self.notice_until_s:
            self.notice_from_s = now
        self.notice_until_s = self.notice_from_s + NOTICE_S * len(self.notices)

    # -- life cycle ---------------------------------------------------------------------------
    def enter(self) -> None:
        now = self.ctx.timer.now()
        self.now_s = self.origin_s = self.last_input_s = now
        self.notice_from_s = now
        self.notice_until_s = now + NOTICE_S * len(self.notices)
        if self._static is None:
            self._static = self._render_static()
            self._hints = render_hints(
                self.ctx.text, (("ENTER", "play"), ("ESC", "quit"), ("F11", "fullscreen"))
            )

    def uncover(self) -> None:
        self.last_input_s = self.now_s = self.ctx.timer.now()

    @property
    def idle_for_s(self) -> float:
        return self.now_s - self.last_input_s

    # -- input --------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        kind = event.type
        if kind == pygame.KEYDOWN:
            self.last_input_s = max(self.last_input_s, stamp_s)
            asking = stamp_s < self.confirm_quit_until_s
            self.confirm_quit_until_s = 0.0
            if event.key in QUIT_KEYS:
                if asking:
                    self.on_quit()
                else:  # ask first: a stray Esc should not close the game
                    self.confirm_quit_until_s = stamp_s + CONFIRM_QUIT_S
            elif asking:
                return  # any other key: stay
            elif event.key in START_KEYS:
                self.on_start()
        elif kind == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1:
            self.last_input_s = max(self.last_input_s, stamp_s)
            self.on_start()
        elif kind == pygame.MOUSEMOTION:
            self.last_input_s = max(self.last_input_s, stamp_s)

    def update(self, now_s: float) -> None:
        self.now_s = now_s
        if self.on_demo is not None and self.idle_for_s >= self.idle_s:
            self.last_input_s = now_s
            self.on_demo()

    # -- drawing ------------------------------------------------------------------------------
    def loop_time_s(self) -> float:
        """Seconds into the drummers' loop: the music's when it plays, else since entering."""
        heard = self.music_clock(self.now_s) if self.music_clock is not None else None
        return self.now_s - self.origin_s if heard is None else heard

    def draw(self, canvas: pygame.Surface) -> None:
        t = self.now_s - self.origin_s
        loop_t = self.loop_time_s()
        canvas.blit(self._static, (0, 0))
        beat_phase = (loop_t / self.timeline.beat_s) % 1.0
        self._draw_logo(canvas, beat_phase)
        pose = pose_at(self.timeline, self.timeline.start_s + loop_t)
        for i, look in enumerate(self.looks):
            draw_drummer(canvas, look, pose, (DRUMMER_X[i], FLOOR_Y), DRUMMER_SCALE, mirror=i == 1)
        self._draw_rings(canvas, beat_phase)
        self._draw_prompt(canvas, t)
        canvas.blit(self._hints, (0, theme.CANVAS_H - 34))
        if self.notices and self.now_s < self.notice_until_s:
            self._draw_notices(canvas)

    def _draw_logo(self, canvas: pygame.Surface, beat_phase: float) -> None:
        text = self.ctx.text
        cx = theme.CANVAS_W // 2
        spread = 3.0 + 14.0 * min(1.0, beat_phase / 0.85) ** 2  # apart, then snap on the beat
        for colour, dx in (
            (theme.PLAYER_COLOURS[Player.P1], -spread),
            (theme.PLAYER_COLOURS[Player.P2], spread),
        ):
            text.blit(canvas, "DRUMSYNC", FONT_LOGO, colour, (cx + dx, LOGO_Y + 4), "center")
        text.blit(canvas, "DRUMSYNC", FONT_LOGO, theme.TEXT, (cx, LOGO_Y), "center")

    def _draw_rings(self, canvas: pygame.Surface, beat_phase: float) -> None:
        """Two rings, one per player, drifting apart between beats and meeting on each."""
        x, y = RINGS_CENTRE
        apart = 26.0 * min(1.0, beat_phase / 0.85) ** 2
        glow = 1.0 - min(1.0, beat_phase / 0.3)
        radius = 46
        if glow > 0:
            halo = round(radius + 10 + 18 * (1.0 - glow))
            pygame.draw.circle(
                canvas, theme.mix(theme.BACKGROUND, theme.TEXT, 0.25 * glow), (x, y), halo, 2
            )
        for colour, dx in (
            (theme.PLAYER_COLOURS[Player.P1], -apart),
            (theme.PLAYER_COLOURS[Player.P2], apart),
        ):
            pygame.draw.aacircle(canvas, colour, (round(x + dx), y), radius, 5)
        if glow > 0:
            pygame.draw.aacircle(
                canvas, theme.mix(theme.BACKGROUND, theme.TEXT, glow), (x, y), radius, 5
            )

    def _draw_prompt(self, canvas: pygame.Surface, t: float) -> None:
        if self.now_s < self.confirm_quit_until_s:
            fit_text(canvas, self.ctx.text, QUIT_QUESTION, theme.FONT_LABEL, theme.OI_ORANGE,
                     (theme.CANVAS_W // 2, PROMPT_Y), theme.CANVAS_W - 80, anchor="center")
            return
        pulse = 0.5 + 0.5 * math.cos(2 * math.pi * t / 1.6)
        alpha = round(120 + 135 * pulse)
        self.ctx.text.blit(
            canvas,
            "PRESS ENTER",
            theme.FONT_LABEL,
            theme.OI_YELLOW,
            (theme.CANVAS_W // 2, PROMPT_Y),
            "center",
            alpha=alpha,
        )

    def current_notice(self) -> str:
        """The notices take turns, one at a time above the logo (never stacked over it)."""
        if not self.notices or self.now_s >= self.notice_until_s:
            return ""
        turn = int((self.now_s - self.notice_from_s) // NOTICE_S)
        return self.notices[min(max(0, turn), len(self.notices) - 1)]

    def _draw_notices(self, canvas: pygame.Surface) -> None:
        notice = self.current_notice()
        if not notice:
            return
        text = self.ctx.text
        shown, size = fitted(text, notice, theme.FONT_TINY, NOTICE_MAX_W - 32)
        w, h = text.size(shown, size)
        box = pygame.Rect(0, 8, w + 32, h + 12)
        box.centerx = theme.CANVAS_W // 2
        pygame.draw.rect(canvas, theme.PANEL, box, border_radius=8)
        pygame.draw.rect(canvas, theme.OI_ORANGE, box, 2, border_radius=8)
        text.blit(canvas, shown, size, theme.TEXT, box.center, "center")

    def _render_static(self) -> pygame.Surface:
        w = theme.CANVAS_W
        surface = render_stage(DRUMMER_X, FLOOR_Y)
        text = self.ctx.text
        text.blit(
            surface,
            "A RHYTHM GAME FOR TWO DRUMMERS",
            theme.FONT_SMALL,
            theme.TEXT_DIM,
            (w // 2, LOGO_Y + 74),
            "center",
        )
        fit_paragraph(surface, text, self.caption, theme.FONT_TINY, theme.TEXT_DIM, CAPTION_RECT)
        return surface.convert() if pygame.display.get_surface() is not None else surface
