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
from ....core.voices import PLAYERS, Player
from ...runtime import theme
from ...runtime.scenes import Scene
from ...widgets.drummer_art import DrummerLook
from ...widgets.drummer_motion import pose_at
from ...widgets.drummer_stage import HAIR, SKINS, render_stage, title_timeline
from ...widgets.key_hints import render_hints
from ...widgets.text_fit import fit_paragraph, fit_text, fitted
from .layers import RING_RADIUS, DrummerLayer, RingSprites

IDLE_S = 30.0
#: Frames per second of the title: enough for its beat-synced animations (cinema runs at 24).
IDLE_FRAME_RATE_HZ = 24.0
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
#: Parts of the canvas the logo and the prompt can touch (restored from the stage each frame).
LOGO_AREA = pygame.Rect(240, 20, theme.CANVAS_W - 480, 150)
PROMPT_AREA = pygame.Rect(theme.CANVAS_W // 2 - 160, PROMPT_Y - 24, 320, 48)


class TitleScene(Scene):
    # Idle screen: no timing taps here (input can wait for the next frame), and its
    # animations need no more than 24 fps.
    poll_interval_s = None
    frame_rate_hz = IDLE_FRAME_RATE_HZ
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
        self._layer: DrummerLayer | None = None
        self._rings: RingSprites | None = None
        #: what the canvas held after the last frame (None: unknown, draw everything)
        self._drawn_state: tuple | None = None
        self.full_redraws = 0
        self._logos: dict[int, pygame.Surface] = {}  # the composed logo by spread (px)

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
        self._drawn_state = None  # whatever was on top left its pixels: draw everything

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
        """Only what moves is drawn again: the logo, the drummers (their own layer), the rings
        and the prompt. Everything is drawn when the title was covered, the canvas changed or
        a notice came or went."""
        t = self.now_s - self.origin_s
        loop_t = self.loop_time_s()
        notices_up = bool(self.notices) and self.now_s < self.notice_until_s
        on_top = self.stack is None or self.stack.top is self
        state = (id(canvas), canvas.get_size(), notices_up, len(self.notices))
        if not on_top or state != self._drawn_state or self._layer is None:
            canvas.blit(self._static, (0, 0))
            canvas.blit(self._hints, (0, theme.CANVAS_H - 34))
            if self._layer is None:
                self._layer = DrummerLayer(self._static, self.looks)
                self._rings = RingSprites([theme.PLAYER_COLOURS[p] for p in PLAYERS])
            self.full_redraws += 1
        else:  # the layer covers the drummers and rings; the logo and prompt are restored
            canvas.blit(self._static, PROMPT_AREA, PROMPT_AREA)  # the logo is opaque
        self._drawn_state = state if on_top else None
        beat_phase = (loop_t / self.timeline.beat_s) % 1.0
        self._draw_logo(canvas, beat_phase)
        self._layer.draw(
            canvas,
            loop_t,
            lambda at: pose_at(self.timeline, self.timeline.start_s + at),
            DRUMMER_X,
            FLOOR_Y,
            DRUMMER_SCALE,
        )
        self._draw_rings(canvas, beat_phase)
        self._draw_prompt(canvas, t)
        if notices_up:
            self._draw_notices(canvas)

    def _draw_logo(self, canvas: pygame.Surface, beat_phase: float) -> None:
        """The logo, its two coloured copies ``spread`` px apart; each whole-pixel spread is
        composed once over the stage and then blitted opaque (three alpha blits saved)."""
        spread = round(3.0 + 14.0 * min(1.0, beat_phase / 0.85) ** 2)  # apart, snap on the beat
        logo = self._logos.get(spread)
        if logo is None:
            logo = self._static.subsurface(LOGO_AREA).copy()
            text = self.ctx.text
            cx, y = theme.CANVAS_W // 2 - LOGO_AREA.x, LOGO_Y - LOGO_AREA.y
            for colour, dx in (
                (theme.PLAYER_COLOURS[Player.P1], -spread),
                (theme.PLAYER_COLOURS[Player.P2], spread),
            ):
                text.blit(logo, "DRUMSYNC", FONT_LOGO, colour, (cx + dx, y + 4), "center")
            text.blit(logo, "DRUMSYNC", FONT_LOGO, theme.TEXT, (cx, y), "center")
            self._logos[spread] = logo
        canvas.blit(logo, LOGO_AREA)

    def _draw_rings(self, canvas: pygame.Surface, beat_phase: float) -> None:
        """Two rings, one per player, drifting apart between beats and meeting on each."""
        x, y = RINGS_CENTRE
        apart = 26.0 * min(1.0, beat_phase / 0.85) ** 2
        glow = 1.0 - min(1.0, beat_phase / 0.3)
        if glow > 0:
            halo = round(RING_RADIUS + 10 + 18 * (1.0 - glow))
            pygame.draw.circle(
                canvas, theme.mix(theme.BACKGROUND, theme.TEXT, 0.25 * glow), (x, y), halo, 2
            )
        for index, dx in enumerate((-apart, apart)):
            self._rings.blit(canvas, index, (x + dx, y))
        if glow > 0:
            self._rings.blit_white(canvas, (x, y), glow)

    def _draw_prompt(self, canvas: pygame.Surface, t: float) -> None:
        if self.now_s < self.confirm_quit_until_s:
            fit_text(
                canvas,
                self.ctx.text,
                QUIT_QUESTION,
                theme.FONT_LABEL,
                theme.OI_ORANGE,
                (theme.CANVAS_W // 2, PROMPT_Y),
                theme.CANVAS_W - 80,
                anchor="center",
            )
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
