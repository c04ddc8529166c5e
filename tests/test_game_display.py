"""The window: the logical canvas letterboxed into the window, resizes followed, F11."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame
import pytest

from drumsync.game.runtime.display import Display


@pytest.fixture
def video():
    pygame.display.init()
    yield
    pygame.display.quit()


def test_at_the_logical_size_the_canvas_is_the_window(video):
    display = Display((1280, 720), vsync=False)
    assert display.canvas is display.window
    assert display.viewport.is_identity()
    display.present()  # nothing to scale
    display.flip()


def test_other_sizes_are_letterboxed(video):
    display = Display((1000, 800), vsync=False)
    assert display.canvas.get_size() == (1280, 720)
    assert display.viewport.rect == (0, 119, 1000, 562)
    display.window.fill((255, 255, 255))
    display.canvas.fill((200, 40, 40))
    display.present()
    r, g, b = display.window.get_at((500, 400))[:3]
    assert abs(r - 200) <= 3 and abs(g - 40) <= 3 and abs(b - 40) <= 3  # smoothscale rounding
    assert display.window.get_at((500, 5))[:3] == (0, 0, 0)  # bar above
    assert display.window.get_at((500, 795))[:3] == (0, 0, 0)  # bar below


def test_a_resize_event_moves_the_viewport(video):
    display = Display((1280, 720), vsync=False)
    pygame.display.set_mode((1920, 1080), pygame.RESIZABLE)  # what a window resize does
    assert display.handle(pygame.event.Event(pygame.WINDOWSIZECHANGED, x=1920, y=1080))
    assert display.viewport.rect == (0, 0, 1920, 1080)
    assert display.canvas.get_size() == (1280, 720) and display.canvas is not display.window
    display.canvas.fill((10, 200, 30))
    display.present()
    r, g, b = display.window.get_at((1900, 1070))[:3]
    assert abs(r - 10) <= 3 and abs(g - 200) <= 3 and abs(b - 30) <= 3


def test_f11_toggles_fullscreen_and_back(video):
    display = Display((1000, 700), vsync=False)
    assert display.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F11, mod=0))
    assert display.fullscreen
    display.toggle_fullscreen()
    assert not display.fullscreen and display.window.get_size() == (1000, 700)


def test_other_events_are_not_the_displays(video):
    display = Display((1280, 720), vsync=False)
    assert not display.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_f, mod=0))


def test_vsync_falls_back_quietly_where_sdl_cannot_provide_it(video):
    display = Display((1280, 720), vsync=True)  # the dummy driver has no fast renderer
    assert display.vsync is False
    assert display.vsync_note.startswith("vsync unavailable")
    assert display.window.get_size() == (1280, 720)
