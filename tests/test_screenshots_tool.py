"""``python -m drumsync.tools.screenshots OUT_DIR`` with SDL's dummy video driver writes
1280x720 pictures of the play, pause and results screens that are not blank."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import numpy as np
import pytest

pygame = pytest.importorskip("pygame")

SIZE = (1280, 720)
#: A flat picture has a pixel SD of 0; a screen full of lanes, notes and text is far above.
MIN_PIXEL_SD = 12.0


def has_results_scene() -> bool:
    return importlib.util.find_spec("drumsync.game.results_scene") is not None


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    out = tmp_path_factory.mktemp("screenshots")
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    run = subprocess.run(
        [sys.executable, "-m", "drumsync.tools.screenshots", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return out, run.stdout


def pixels(path) -> np.ndarray:
    surface = pygame.image.load(str(path))
    assert surface.get_size() == SIZE
    return pygame.surfarray.array3d(surface).astype(np.float64)


@pytest.mark.parametrize("name", ["play", "paused", "results"])
def test_each_screen_is_a_full_size_picture_with_content(shots, name):
    out, stdout = shots
    if name == "results" and not has_results_scene():
        assert "no results scene" in stdout
        assert not (out / "results.png").exists()
        return
    path = out / f"{name}.png"
    assert path.exists(), stdout
    assert f"wrote {path}" in stdout
    assert pixels(path).std() > MIN_PIXEL_SD


def test_the_pause_menu_dims_the_match_under_it(shots):
    out, _ = shots
    play, paused = pixels(out / "play.png"), pixels(out / "paused.png")
    assert paused.mean() < play.mean()
    corner = (slice(0, 200), slice(600, 720))  # the P1 pads, outside the menu panel
    assert paused[corner].mean() < play[corner].mean()
