"""The window: a fixed 1280x720 logical canvas, letterboxed into any window size.

Scenes always draw on :attr:`Display.canvas`. When the window is exactly the logical size the
canvas *is* the window surface (no copy); otherwise the canvas is scaled into the centred
viewport (:func:`~drumsync.game.runtime.viewport.fit_viewport`) and the bars are cleared.

Vsync is asked for where the platform offers it (pygame-ce 2.2+ supports it without
OPENGL/SCALED); when SDL cannot provide it the window opens without. Vsync goes through an
SDL renderer: on a machine without a GPU that is Mesa's llvmpipe, which was measured here
(Xvfb, 2 cores) at ~95 % CPU for a 60 Hz flip loop, blocking ~15 ms per flip, during which
no input is polled. So the first flips are timed, and if they cost more CPU than
:data:`SOFTWARE_FLIP_CPU_S` the window reopens without vsync (``vsync_note`` says why).

On Linux, SDL may also back the plain window surface with a GL texture; with llvmpipe that
costs ~12 ms per flip against ~0.9 ms for X11's shared-memory framebuffer (measured), so
``SDL_FRAMEBUFFER_ACCELERATION`` defaults to 0 there (a value set by the user wins).
"""

from __future__ import annotations

import os
import sys
import time
import warnings

import pygame

from .viewport import LOGICAL_SIZE, Viewport, fit_viewport

BAR_COLOUR = (0, 0, 0)
TITLE = "DrumSync"
#: A vsync flip using more CPU than this is a software renderer: drop vsync.
SOFTWARE_FLIP_CPU_S = 0.004
PROBE_FLIPS = 6


def prefer_native_framebuffer() -> None:
    """On Linux, use the X11 shared-memory framebuffer unless the user chose otherwise."""
    if sys.platform.startswith("linux"):
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


def flip_cpu_s(surface: pygame.Surface, flips: int = PROBE_FLIPS) -> float:
    """Mean process CPU time (all threads, the renderer's included) of one flip."""
    surface.fill(BAR_COLOUR)
    pygame.display.flip()  # the first flip may set things up
    start = time.process_time()
    for _ in range(flips):
        surface.fill(BAR_COLOUR)
        pygame.display.flip()
        pygame.event.pump()
    return (time.process_time() - start) / flips


def _open(size: tuple[int, int], flags: int, vsync: bool) -> tuple[pygame.Surface, bool, str]:
    """The window, whether vsync is on, and why not (empty when on or not asked for)."""
    note = ""
    if vsync:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                surface = pygame.display.set_mode(size, flags, vsync=1)
            except pygame.error as error:
                surface, note = None, f"vsync unavailable: {error}"
        if surface is not None and caught:
            note = f"vsync unavailable: {caught[0].message}"
        elif surface is not None:
            cost = flip_cpu_s(surface)
            if cost <= SOFTWARE_FLIP_CPU_S:
                return surface, True, ""
            note = f"vsync off: software renderer ({cost * 1000:.1f} ms CPU per flip)"
    return pygame.display.set_mode(size, flags), False, note


class Display:
    def __init__(
        self,
        window_size: tuple[int, int] = LOGICAL_SIZE,
        fullscreen: bool = False,
        vsync: bool = True,
        smooth: bool = True,
    ) -> None:
        prefer_native_framebuffer()
        pygame.display.set_caption(TITLE)
        self.vsync_requested = vsync
        self.smooth = smooth
        self.fullscreen = False
        self.windowed_size = (max(320, window_size[0]), max(180, window_size[1]))
        self.window, self.vsync, self.vsync_note = _open(
            self.windowed_size, pygame.RESIZABLE, vsync
        )
        self._own_canvas: pygame.Surface | None = None
        self._resized()
        if fullscreen:
            self.toggle_fullscreen()

    @property
    def refresh_hz(self) -> float:
        rate = pygame.display.get_current_refresh_rate()
        return float(rate) if rate and rate > 0 else 60.0

    def _resized(self) -> None:
        self.window = pygame.display.get_surface()
        self.viewport_window_size = self.window.get_size()
        self.viewport: Viewport = fit_viewport(self.viewport_window_size)
        if self.viewport.is_identity():
            self.canvas = self.window
            self._target: pygame.Surface | None = None
            self._bars: list[pygame.Rect] = []
            return
        if self._own_canvas is None:
            self._own_canvas = pygame.Surface(LOGICAL_SIZE).convert()
        self.canvas = self._own_canvas
        self._target = self.window.subsurface(self.viewport.rect)
        w, h = self.window.get_size()
        v = self.viewport
        self._bars = [
            r
            for r in (
                pygame.Rect(0, 0, w, v.y),
                pygame.Rect(0, v.y + v.height, w, h - v.y - v.height),
                pygame.Rect(0, 0, v.x, h),
                pygame.Rect(v.x + v.width, 0, w - v.x - v.width, h),
            )
            if r.width > 0 and r.height > 0
        ]

    def handle(self, event) -> bool:
        """Window events: resizes and F11. True when the event was the display's."""
        if event.type in (pygame.WINDOWSIZECHANGED, pygame.VIDEORESIZE):
            if pygame.display.get_surface().get_size() != self.viewport_window_size:
                self._resized()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return True
        return False

    def toggle_fullscreen(self) -> None:
        """Windowed <-> fullscreen (desktop size)."""
        if self.fullscreen:
            size, flags = self.windowed_size, pygame.RESIZABLE
        else:
            self.windowed_size = self.window.get_size()
            size, flags = (0, 0), pygame.FULLSCREEN
        self.window, self.vsync, self.vsync_note = _open(size, flags, self.vsync_requested)
        self.fullscreen = not self.fullscreen
        self._resized()

    def present(self) -> None:
        """Copy the canvas into the window (scaled, letterboxed) ready for :meth:`flip`."""
        if self._target is None:
            return
        for bar in self._bars:
            self.window.fill(BAR_COLOUR, bar)
        scale = pygame.transform.smoothscale if self.smooth else pygame.transform.scale
        scale(self.canvas, self.viewport.size, self._target)

    def flip(self) -> None:
        pygame.display.flip()

    def screenshot(self, path) -> None:
        """Save what the window shows (after :meth:`present`)."""
        pygame.image.save(self.window, str(path))
