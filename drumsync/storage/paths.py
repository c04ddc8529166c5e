"""Where DrumSync keeps its files, and how it names backups without overwriting any.

Settings live in the user's config directory, scores and replays in the user's data
directory (platformdirs). ``DRUMSYNC_CONFIG_DIR`` and ``DRUMSYNC_DATA_DIR`` override them, for
tests and for portable use (e.g. a game folder on a USB stick).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import platformdirs

APP_NAME = "drumsync"
CONFIG_DIR_ENV = "DRUMSYNC_CONFIG_DIR"
DATA_DIR_ENV = "DRUMSYNC_DATA_DIR"
SETTINGS_FILE = "settings.toml"
SCORES_FILE = "scores.sqlite3"
REPLAYS_DIR = "replays"
SONGS_DIR = "songs"
LIBRARY_FILE = "library.sqlite3"


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder holding ``settings.toml`` (not created here)."""
    env = os.environ if environ is None else environ
    override = env.get(CONFIG_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder holding the scores database and replays (not created here)."""
    env = os.environ if environ is None else environ
    override = env.get(DATA_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def settings_path(environ: Mapping[str, str] | None = None) -> Path:
    return config_dir(environ) / SETTINGS_FILE


def scores_path(environ: Mapping[str, str] | None = None) -> Path:
    return data_dir(environ) / SCORES_FILE


def replays_dir(environ: Mapping[str, str] | None = None) -> Path:
    return data_dir(environ) / REPLAYS_DIR


def songs_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The song library's own folder: songs dropped here are found by the next scan."""
    return data_dir(environ) / SONGS_DIR


def library_path(environ: Mapping[str, str] | None = None) -> Path:
    return data_dir(environ) / LIBRARY_FILE


def remove_leftover_temps(environ: Mapping[str, str] | None = None) -> list[Path]:
    """Delete temporary files that a killed save left in the config, data and replays folders,
    and songs a killed game left in the temporary folder (run at start; files of a process
    still running are left alone)."""
    import tempfile

    from ..core.atomic_file import remove_stale_temps

    removed: list[Path] = []
    for folder in (config_dir(environ), data_dir(environ), replays_dir(environ)):
        removed.extend(remove_stale_temps(folder))
    # songs rendered for the mixer to stream (see drumsync.audio.streamed_song), and songs
    # decoded or stretched to disk (drumsync.audio.pcm_file)
    for name in ("song.wav", "song.pcm"):
        removed.extend(remove_stale_temps(tempfile.gettempdir(), name))
    return removed


def numbered_sibling(path: Path, tag: str, taken: Callable[[Path], bool] | None = None) -> Path:
    """The first ``<name>.<tag>-<n>`` (n = 1, 2, ...) beside ``path`` that is not taken.

    ``taken`` defaults to "exists"; callers that reserve several names at once (a database
    and its ``-wal``/``-shm`` files) pass their own test.
    """
    is_taken = taken or (lambda candidate: os.path.lexists(candidate))
    n = 1
    while True:
        candidate = path.with_name(f"{path.name}.{tag}-{n}")
        if not is_taken(candidate):
            return candidate
        n += 1


def move_without_overwriting(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst``; FileExistsError instead of replacing an existing ``dst``.

    Uses a hard link (atomic, refuses to overwrite) where the file system allows it.
    """
    try:
        os.link(src, dst)
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (some file systems): check, then rename.
        if os.path.lexists(dst):
            raise FileExistsError(f"{dst} already exists") from None
        os.rename(src, dst)
        return
    os.unlink(src)
