"""Where the article (``seeds/``) and ``assets/`` live, installed or in a checkout.

A wheel carries both folders inside the package as ``drumsync/_data/``; a source checkout
(or an editable install) has them at the top of the repository. ``DRUMSYNC_SEEDS`` overrides
the article folder (tests swap in another article this way).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent


def _data_dir(name: str) -> Path:
    packaged = Path(str(resources.files("drumsync"))) / "_data" / name
    if packaged.is_dir():
        return packaged
    return _REPO_ROOT / name


def seeds_dir() -> Path:
    """Folder holding the article text files (``*.txt``)."""
    override = os.environ.get("DRUMSYNC_SEEDS")
    return Path(override) if override else _data_dir("seeds")


def assets_dir() -> Path:
    """Folder holding the game's assets."""
    return _data_dir("assets")
