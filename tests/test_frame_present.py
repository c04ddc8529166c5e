"""The frame pacer predicts when a frame will be shown, from what it measured."""

from __future__ import annotations

import pytest

from drumsync.game.runtime.loop import FramePacer


def test_without_vsync_a_frame_is_shown_after_its_drawing_and_flip():
    pacer = FramePacer(1 / 60)
    for k in range(200):  # each frame: 3 ms to draw, 2 ms to flip
        start = k / 60
        pacer.presented(start, start + 0.003, start + 0.005)
    assert pacer.present_at(10.0) == pytest.approx(10.005, abs=2e-4)


def test_with_vsync_it_is_the_next_refresh_on_the_measured_grid():
    pacer = FramePacer(1 / 60, vsync=True)
    refresh = 1 / 59.5  # the display's real rate differs from the nominal one
    for k in range(400):
        flip = k * refresh
        pacer.presented(flip - 0.006, flip - 0.004, flip)
    assert pacer.measured_interval_s == pytest.approx(refresh, rel=1e-3)
    last = 399 * refresh
    assert pacer.present_at(last + 0.002) == pytest.approx(last + refresh, abs=1e-4)
    assert pacer.present_at(last + refresh - 0.001) == pytest.approx(last + 2 * refresh, abs=1e-4)
