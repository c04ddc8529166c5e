"""Render cost of the play scene beside the floor of the same window, as a ratio."""

from __future__ import annotations

import os

import numpy as np

HEAVY_CHART = {"seed": 10, "style": "metal", "bpm": 200.0, "difficulty": 10, "bars": 24}


def render_figures(frames: int = 1200) -> dict:
    """p50/p99 of the play scene (both highways, difficulty 10, 200 bpm): update+draw alone,
    and update+draw+present+flip; beside the floor (clear, background blit, present, flip),
    measured one after the other on the same window. Ratios compare frames with the flip.

    Uses the real X11 window when ``DISPLAY`` is set (Xvfb), else SDL's dummy driver.
    """
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    # The game (and pygame) loads only for this benchmark: the others run without it.
    from ..core.generator import generate_chart
    from ..game.runtime.options import GameOptions
    from .snapshot import floor_frame_times_ms, play_frame_times_ms

    chart = generate_chart(**HEAVY_CHART)
    options = GameOptions.build(chart, vsync=False, sound=False, save_replay=False)
    start_s = chart.music_start_s
    floor = floor_frame_times_ms(options, frames=frames)
    draw = play_frame_times_ms(options, frames=frames, flip=False, start_s=start_s)
    scene = play_frame_times_ms(options, frames=frames, flip=True, start_s=start_s)
    import pygame

    driver = pygame.display.get_driver() if pygame.display.get_init() else None
    driver = driver or os.environ.get("SDL_VIDEODRIVER") or "x11"
    p50, p99 = np.percentile(scene, [50, 99])
    f50, f99 = np.percentile(floor, [50, 99])
    d50, d99 = np.percentile(draw, [50, 99])
    return {
        "frames": frames,
        "draw_p50_ms": float(d50),
        "draw_p99_ms": float(d99),
        "scene_p50_ms": float(p50),
        "scene_p99_ms": float(p99),
        "floor_p50_ms": float(f50),
        "floor_p99_ms": float(f99),
        "ratio_p50": float(p50 / f50),
        "ratio_p99": float(p99 / f99),
        "driver": driver,
    }
