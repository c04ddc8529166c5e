"""``python -m drumsync.tools.screenshots OUT_DIR`` with SDL's dummy video driver writes
1280x720 pictures of the play, pause and results screens and of the menus (title, Summit
Tour, free play, settings, calibration) that are not blank and not alike, and leaves the
user's own settings, scores and tour progress alone."""

from __future__ import annotations

import hashlib
import itertools
import os
import subprocess
import sys

import numpy as np
import pytest

pygame = pytest.importorskip("pygame")

SIZE = (1280, 720)
#: A flat picture has a pixel SD of 0; a screen full of lanes, notes and text is far above.
MIN_PIXEL_SD = 12.0
#: Two different screens differ by far more than this (mean absolute difference per channel).
MIN_DIFFERENCE = 3.0
MATCH_SHOTS = ("play", "paused", "results")
MENU_SHOTS = ("title", "tour", "free_play", "settings", "calibration")


def folder_digest(folder) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """One run of the tool, with a "user" whose own files must neither show nor change."""
    out = tmp_path_factory.mktemp("screenshots")
    user = tmp_path_factory.mktemp("user")
    (user / "config").mkdir()
    (user / "data").mkdir()
    (user / "config" / "settings.toml").write_text('[players.p1]\nname = "Zed"\n')
    (user / "data" / "tour_progress.json").write_text('{"version": 1, "cleared": []}\n')
    before = folder_digest(user)
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env.update(
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        DRUMSYNC_CONFIG_DIR=str(user / "config"),
        DRUMSYNC_DATA_DIR=str(user / "data"),
    )
    run = subprocess.run(
        [sys.executable, "-m", "drumsync.tools.screenshots", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert folder_digest(user) == before
    return out, run.stdout


def pixels(path) -> np.ndarray:
    surface = pygame.image.load(str(path))
    assert surface.get_size() == SIZE
    return pygame.surfarray.array3d(surface).astype(np.float64)


@pytest.mark.parametrize("name", [*MATCH_SHOTS, *MENU_SHOTS])
def test_each_screen_is_a_full_size_picture_with_content(shots, name):
    out, stdout = shots
    path = out / f"{name}.png"
    assert path.exists(), stdout
    assert f"wrote {path}" in stdout
    assert pixels(path).std() > MIN_PIXEL_SD


def test_every_picture_shows_another_screen(shots):
    out, _ = shots
    found = {path.stem: pixels(path)[::4, ::4] for path in sorted(out.glob("*.png"))}
    assert set(MENU_SHOTS) <= set(found)
    for (a, first), (b, second) in itertools.combinations(found.items(), 2):
        assert np.abs(first - second).mean() > MIN_DIFFERENCE, (a, b)


def test_the_pause_menu_dims_the_match_under_it(shots):
    out, _ = shots
    play, paused = pixels(out / "play.png"), pixels(out / "paused.png")
    assert paused.mean() < play.mean()
    corner = (slice(0, 200), slice(600, 720))  # the P1 pads, outside the menu panel
    assert paused[corner].mean() < play[corner].mean()
