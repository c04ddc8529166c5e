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
