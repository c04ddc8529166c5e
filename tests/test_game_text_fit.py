"""Text fitting shared by every screen: clock times (the play header, free play's length and
the results plot's time axis all use the one formatter)."""

from __future__ import annotations

import numpy as np

from drumsync.game.screens.results.plot_geometry import time_ticks
from drumsync.game.widgets.text_fit import clock_text


def test_clock_text_is_whole_minutes_and_seconds():
    assert clock_text(0.0) == "0:00"
    assert clock_text(59.99) == "0:59"  # elapsed time: a second shows once it is over
    assert clock_text(60.0) == "1:00"
    assert clock_text(187.4) == "3:07"
    assert clock_text(-2.0) == "0:00"


def test_the_plot_ticks_are_whole_seconds_so_their_labels_are_exact():
    for length_s in (3.0, 47.5, 130.0, 1200.0):
        ticks = time_ticks(0.0, length_s)
        assert np.all(ticks == np.round(ticks))
        assert [clock_text(t) for t in ticks] == [
            f"{int(t) // 60}:{int(t) % 60:02d}" for t in ticks
        ]


def test_small_text_is_measured_as_drawn_and_empty_text_is_safe():
    import game_support  # noqa: F401  (dummy drivers)
    import pygame

    from drumsync.game.runtime.text import SUPERSAMPLE_MAX_SIZE, TextCache

    pygame.font.init()
    cache = TextCache()
    for size in (12, 18, SUPERSAMPLE_MAX_SIZE):  # the sizes drawn at twice their size
        for words in ("President Lee", "山田", " ", "x" * 200):
            assert cache.render(words, size, (255, 255, 255)).get_size() == cache.size(words, size)
    assert cache.render("", 18, (255, 255, 255)).get_height() > 0
