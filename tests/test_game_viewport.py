"""Letterboxing maths: the logical 1280x720 canvas keeps its aspect ratio in any window."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drumsync.game.runtime.viewport import LOGICAL_SIZE, fit_viewport


@pytest.mark.parametrize(
    ("window", "rect", "scale"),
    [
        ((1280, 720), (0, 0, 1280, 720), 1.0),
        ((1920, 1080), (0, 0, 1920, 1080), 1.5),
        ((640, 360), (0, 0, 640, 360), 0.5),
        ((1000, 800), (0, 119, 1000, 562), 1000 / 1280),  # bars top and bottom
        ((1280, 1024), (0, 152, 1280, 720), 1.0),
        ((2560, 1080), (320, 0, 1920, 1080), 1.5),  # ultrawide: bars left and right
        ((800, 600), (0, 75, 800, 450), 0.625),
    ],
)
def test_known_window_sizes(window, rect, scale):
    viewport = fit_viewport(window)
    assert viewport.rect == rect
    assert viewport.scale == pytest.approx(scale)


def test_identity_only_at_the_logical_size():
    assert fit_viewport(LOGICAL_SIZE).is_identity()
    assert not fit_viewport((1920, 1080)).is_identity()


def test_window_positions_map_back_to_logical_positions():
    viewport = fit_viewport((2560, 1080))
    assert viewport.to_logical(320, 0) == (0.0, 0.0)
    assert viewport.to_logical(320 + 1920, 1080) == pytest.approx((1280.0, 720.0))


@given(st.integers(1, 8000), st.integers(1, 8000))
def test_viewport_fits_is_centred_and_keeps_the_aspect(width, height):
    v = fit_viewport((width, height))
    assert v.x >= 0 and v.y >= 0
    assert v.x + v.width <= width and v.y + v.height <= height
    # centred within a pixel
    assert abs(v.x - (width - v.x - v.width)) <= 1
    assert abs(v.y - (height - v.y - v.height)) <= 1
    # one side fills the window
    assert v.width == width or v.height == height
    # aspect within rounding of one pixel on each side
    if v.width >= 16 and v.height >= 9:
        assert abs(v.width * 9 - v.height * 16) <= 16 + 9
