"""The attract-mode demo: two simulated drummers play a match; any key ends it.

The demo owns a play scene whose two players are both bots (their key presses carry the
bots' source mark, so they are not "any key"). Everything is passed through to it except a
key from the keyboard or a click, which ends the demo; so does the end of the match. A strip
at the bottom says it is a demo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from ...match.bots import SOURCE_ATTR
from ...runtime import theme
from ...runtime.scenes import Scene
from ...widgets.text_fit import fit_text

STRIP_H = 34
#: After the match ends, the finished screen stays this long before the demo closes.
LINGER_S = 2.0
#: Frames per second of the demo.
DEMO_FRAME_RATE_HZ = 20.0
#: Seconds between input polls in the demo.
DEMO_POLL_INTERVAL_S = 0.008


class DemoScene(Scene):
    title_music = False  # the title loop is silent: a match's sound, or its own
    # Nobody plays: 20 frames a second are enough to watch, and the bots' key presses (stamped
    # by the polls like anyone's) need no millisecond polling: every 8 ms keeps them well
    # inside the 25 ms perfect window.
    frame_rate_hz = DEMO_FRAME_RATE_HZ
    poll_interval_s = DEMO_POLL_INTERVAL_S

    def __init__(
        self, ctx, make_play: Callable[[Callable], Scene], on_end: Callable[[], None]
    ) -> None:
        """``make_play(on_finished)`` builds the play scene (bots in both seats)."""
        super().__init__()
        self.ctx = ctx
        self.on_end = on_end
        self.play = make_play(self._finished)
        self.finished_at_s: float | None = None
        self.ended = False
        self.now_s = 0.0
        self._shade: pygame.Surface | None = None

    def enter(self) -> None:
        self.now_s = self.ctx.timer.now()
        self.play.enter()

    def exit(self) -> None:
        self.play.exit()

    def _finished(self, outcome) -> None:
        self.finished_at_s = self.ctx.timer.now()

    def end(self) -> None:
        if self.ended:
            return
        self.ended = True
        self.pop_self()
        self.on_end()

    def handle(self, event: Any, stamp_s: float) -> None:
        kind = event.type
        if (
            kind == pygame.KEYDOWN and not hasattr(event, SOURCE_ATTR)
        ) or kind == pygame.MOUSEBUTTONDOWN:
            self.end()
        elif kind in (pygame.KEYDOWN, pygame.KEYUP):
            self.play.handle(event, stamp_s)

    def update(self, now_s: float) -> None:
        self.now_s = now_s
        self.play.update(now_s)
        if self.finished_at_s is not None and now_s - self.finished_at_s >= LINGER_S:
            self.end()

    def draw(self, canvas: pygame.Surface) -> None:
        self.play.show_notice = False  # the strip below says it
        self.play.draw(canvas)
        strip = pygame.Rect(0, theme.CANVAS_H - STRIP_H, theme.CANVAS_W, STRIP_H)
        if self._shade is None:
            self._shade = pygame.Surface(strip.size, pygame.SRCALPHA)
            self._shade.fill((6, 7, 12, 215))
        canvas.blit(self._shade, strip)
        blink = int(self.now_s * 1.25) % 2 == 0
        colour = theme.OI_YELLOW if blink else theme.TEXT_DIM
        words = "DEMO  ·  PRESS ANY KEY"
        notice = getattr(self.play.audio, "notice", None)
        if notice:  # the play screen's own notice line would sit under this strip
            words = f"{words}  ·  {notice}"
        fit_text(
            canvas,
            self.ctx.text,
            words,
            theme.FONT_SMALL,
            colour,
            strip.center,
            strip.width - 40,
            anchor="center",
        )
