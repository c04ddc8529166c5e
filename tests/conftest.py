"""Every test runs with its own config and data folders: no test touches the user's files."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("DRUMSYNC_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("DRUMSYNC_DATA_DIR", str(home / "data"))
    return home


@pytest.fixture
def data_dir(isolated_user_dirs):
    """The test's data folder (scores, replays, result pictures); not created in advance."""
    return isolated_user_dirs / "data"


@pytest.fixture
def front():
    """The game's front door on a virtual clock, names already confirmed (game tests)."""
    from drumsync.game.app import GameApp
    from drumsync.game.front import Front, front_options
    from drumsync.game.match.session import Session
    from drumsync.game.runtime.loop import VirtualTimer

    session = Session.open()
    app = GameApp(front_options(session, sound=False, vsync=False, fps=60.0), VirtualTimer(10.0))
    front = Front(app, session)
    front.names_confirmed = True  # the name prompt has its own test
    front.how_to_play_due = False  # so has the how-to-play card
    yield front
    app.stack.clear()
    session.close()
    app.close()


@pytest.fixture(scope="module", params=["compiled", "numpy"])
def both_scorers(request):
    """Runs a module's tests with the compiled scorer loops, then again with the numpy path."""
    import os

    from drumsync.core import kernel

    saved = os.environ.pop(kernel.DISABLE_ENV, None)
    if request.param == "numpy":
        os.environ[kernel.DISABLE_ENV] = "1"
    elif kernel.compiled() is None:
        pytest.skip(f"compiled scorer loops: {kernel.status()}")
    yield request.param
    os.environ.pop(kernel.DISABLE_ENV, None)
    if saved is not None:
        os.environ[kernel.DISABLE_ENV] = saved
