"""The settings file: read forgivingly, kept aside when wrong, saved atomically.

Loading never stops the game: a missing file gives the defaults; invalid or unknown entries
are reported and replaced (see :mod:`.schema`); an unreadable file gives all defaults and one
warning. Whenever something was wrong, the original file is first copied to
``settings.toml.bak-<n>`` (an earlier backup is never overwritten; an identical one is reused)
so nothing the user wrote is lost when the game later saves. Saving is atomic.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ...core.atomic_file import atomic_write
from ...core.user_file import read_user_file, reason_of
from .. import paths
from .schema import dumps_settings, from_toml_data
from .values import Settings

BACKUP_TAG = "bak"
#: Settings are a few hundred bytes; a bigger file is not read (nor hangs, nor fills memory).
MAX_SETTINGS_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    """What :func:`load_settings` found: the settings, one line per problem, and the backup."""

    settings: Settings
    warnings: list[str]
    backup_path: Path | None


def load_settings(path: str | os.PathLike | None = None) -> LoadedSettings:
    """Read the settings file (default: the user's config dir). Never raises for bad content."""
    path = Path(path) if path is not None else paths.settings_path()
    try:
        raw = read_user_file(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return LoadedSettings(Settings(), [], None)
    except OSError as exc:
        return LoadedSettings(
            Settings(), [f"could not read {path}: {reason_of(exc)}; using defaults"], None
        )
    settings, warnings = _parse(raw)
    if not warnings:
        return LoadedSettings(settings, [], None)
    warnings = [f"{path.name}: {line}" for line in warnings]
    try:
        backup = _backup(path, raw)
    except OSError as exc:
        warnings.append(f"could not back up {path}: {exc.strerror or exc}")
        backup = None
    else:
        warnings.append(f"the original file is kept as {backup}")
    return LoadedSettings(settings, warnings, backup)


def _parse(raw: bytes) -> tuple[Settings, list[str]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Settings(), ["not UTF-8 text; using all defaults"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Settings(), [f"not valid TOML ({exc}); using all defaults"]
    except RecursionError:
        return Settings(), ["not valid settings (nested too deeply); using all defaults"]
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        reason = " ".join(str(exc).split())[:80]
        return Settings(), [f"not valid settings ({reason}); using all defaults"]
    return from_toml_data(data)


def save_settings(settings: Settings, path: str | os.PathLike | None = None) -> Path:
    """Write the settings atomically (temporary file, fsync, rename); returns the path.

    An existing file that does not load cleanly is backed up first; if that backup cannot be
    made, nothing is written (OSError).
    """
    if not isinstance(settings, Settings):
        raise TypeError("save_settings needs a Settings")
    path = Path(path) if path is not None else paths.settings_path()
    data = dumps_settings(settings).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    _backup_if_invalid(path)
    atomic_write(path, data)
    return path


def _backup_if_invalid(path: Path) -> None:
    try:
        raw = read_user_file(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return
    # Any other OSError propagates: a file that cannot be read cannot be backed up either.
    if _parse(raw)[1]:
        _backup(path, raw)


def _backup(path: Path, raw: bytes) -> Path:
    """Copy of ``raw`` as ``<name>.bak-<n>``: an identical existing backup is reused."""
    for candidate in sorted(path.parent.glob(f"{path.name}.{BACKUP_TAG}-*")):
        try:
            if candidate.is_file() and candidate.read_bytes() == raw:
                return candidate
        except OSError:
            continue
    while True:
        backup = paths.numbered_sibling(path, BACKUP_TAG)
        try:
            with open(backup, "xb") as out:
                out.write(raw)
                out.flush()
                os.fsync(out.fileno())
        except FileExistsError:
            continue  # taken meanwhile by another process: try the next number
        return backup
