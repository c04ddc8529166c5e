"""What the menus remember between runs: free play's last chart choices and where the modes
menu last sent the players (the Summit Tour or free play).

Kept in ``menus.json`` beside ``settings.toml``. A missing file is a first run; a damaged
one is ignored with one warning (the menus start from their defaults) and replaced on the
next save. Writing is atomic, so a crash never leaves half a file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..core.atomic_file import atomic_write
from ..core.user_file import read_user_file, reason_of
from .paths import config_dir

MENUS_FILE = "menus.json"
WHERE_CHOICES = ("tour", "free")
FREE_PLAY_KEYS = ("seed", "style", "bpm", "difficulty", "bars", "parts")
MAX_MENUS_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class MenuMemory:
    where: str = "tour"
    #: free play's last arguments (``seed`` None: a random seed was used)
    free_play: Mapping = field(default_factory=dict)


def menus_path() -> Path:
    return config_dir() / MENUS_FILE


def _parsed(data: object) -> MenuMemory:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    where = data.get("where", "tour")
    if where not in WHERE_CHOICES:
        raise ValueError(f"unknown 'where' {where!r}")
    free = data.get("free_play", {})
    if not isinstance(free, dict):
        raise ValueError("'free_play' is not an object")
    return MenuMemory(where, {k: free[k] for k in FREE_PLAY_KEYS if k in free})


def load_menu_memory(path: Path | None = None) -> tuple[MenuMemory, list[str]]:
    """The remembered choices and warnings (a damaged file: defaults and one warning)."""
    path = path or menus_path()
    try:
        raw = read_user_file(path, MAX_MENUS_BYTES)
    except FileNotFoundError:
        return MenuMemory(), []
    except OSError as error:
        return MenuMemory(), [_not_used(path, reason_of(error))]
    try:
        return _parsed(json.loads(raw.decode("utf-8"))), []
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        return MenuMemory(), [_not_used(path, str(error))]


def _not_used(path: Path, reason: str) -> str:
    return f"menu choices in {path} not used ({reason}); starting fresh"


def save_menu_memory(memory: MenuMemory, path: Path | None = None) -> None:
    """Write ``memory`` (OSError when the folder cannot be written)."""
    path = path or menus_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"where": memory.where, "free_play": dict(memory.free_play)}
    atomic_write(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"))


__all__ = ["MenuMemory", "load_menu_memory", "menus_path", "save_menu_memory"]
