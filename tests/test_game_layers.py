"""The game shell keeps its rooms apart (beside the core's purity test).

- ``runtime`` (loop, scene stack, window, input) knows no widget, screen, match or composition;
- ``widgets`` know no screen and no composition;
- ``match`` draws nothing: no widget, screen, drawing module of the runtime or pygame drawing;
- a screen uses another screen only through that screen's package (the entry point its
  ``__init__`` names), never its parts, and never the composition (``app``, ``front``, ``flow``);
- nothing loads modules by name (``importlib``): the import graph is the screen graph.

(No module anywhere in the package is longer than 400 lines: see test_module_sizes.py.)

Every import counts, also those inside functions and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import drumsync.game

GAME = "drumsync.game"
GAME_DIR = Path(drumsync.game.__file__).parent
COMPOSITION = {f"{GAME}.app", f"{GAME}.front", f"{GAME}.flow"}
#: Runtime modules that draw; the match may not use them.
RUNTIME_DRAWING = {f"{GAME}.runtime.{name}" for name in ("theme", "text", "sprites", "display")}
#: pygame's drawing parts; the match may not touch them.
PYGAME_DRAWING = {"draw", "font", "freetype", "gfxdraw", "transform", "display", "image", "Surface"}


def module_name(path: Path, root: Path, package: str) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def is_module(name: str, root: Path, package: str) -> bool:
    """Whether ``name`` (under ``package``, which lives at ``root``) is a module or package."""
    if name != package and not name.startswith(package + "."):
        return False
    rest = name[len(package) :].lstrip(".").split(".") if name != package else []
    where = root.joinpath(*rest) if rest else root
    return where.with_suffix(".py").is_file() or (where / "__init__.py").is_file()


def imports_of(path: Path, root: Path, package: str) -> Iterator[tuple[str, int]]:
    """Every module ``path`` imports (absolute names) with its line; ``pygame.<part>`` for each
    use of a drawing part of pygame."""
    me = module_name(path, root, package)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = me.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield target, node.lineno
            for alias in node.names:
                child = f"{target}.{alias.name}"
                if target == "pygame" or is_module(child, root, package):
                    yield child, node.lineno
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "pygame"
            and node.attr in PYGAME_DRAWING
        ):
            yield f"pygame.{node.attr}", node.lineno


def room_of(module: str) -> str:
    """``runtime``, ``match``, ``widgets``, ``screens.<name>``, ``screens`` or ``composition``."""
    parts = module.split(".")[2:]
    if not parts or module in COMPOSITION:
        return "composition"
    if parts[0] == "screens" and len(parts) > 1:
        return f"screens.{parts[1]}"
    return parts[0]


def why_not(importer: str, imported: str) -> str | None:
    """Why ``importer`` may not import ``imported`` (None when it may)."""
    room = room_of(importer)
    if imported.startswith(("importlib", "pygame.")) and imported != "importlib.resources":
        if imported.startswith("importlib"):
            return "loads modules by name"
        if room == "match" and imported.split(".")[1] in PYGAME_DRAWING:
            return "the match draws nothing"
        return None
    if not imported.startswith(GAME + "."):
        return None
    target = room_of(imported)
    if target == room or room == "composition":
        return None
    if target == "composition":
        return "only the composition wires screens together"
    if room == "runtime":
        return "the runtime knows no widget, screen or match"
    if room == "widgets" and target.startswith("screens"):
        return "widgets know no screen"
    if room == "match":
        if target == "widgets" or target.startswith("screens"):
            return "the match draws nothing"
        if imported in RUNTIME_DRAWING:
            return "the match draws nothing"
    if (
        room.startswith("screens.")
        and target.startswith("screens.")
        and imported != f"{GAME}.{target}"
    ):
        return f"a screen uses another only through its entry point ({GAME}.{target})"
    return None


def layer_violations(root: Path, package: str = GAME) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        importer = module_name(path, root, package)
        for imported, line in imports_of(path, root, package):
            reason = why_not(importer, imported)
            if reason is not None:
                found.append(f"{path.relative_to(root)}:{line} imports {imported}: {reason}")
    return found


# --- the rules hold -----------------------------------------------------------------------------


def test_the_game_has_its_rooms():
    rooms = {room_of(module_name(p, GAME_DIR, GAME)) for p in GAME_DIR.rglob("*.py")}
    assert {"composition", "runtime", "match", "widgets"} <= rooms
    assert len([r for r in rooms if r.startswith("screens.")]) >= 10


def test_the_game_keeps_its_layers():
    assert layer_violations(GAME_DIR) == []


# --- the checker itself catches each kind of violation ------------------------------------------


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


#: Two screens: calibration names its entry point; settings is written by each test.
TWO_SCREENS = {
    "__init__.py": "",
    "screens/__init__.py": "",
    "screens/calibration/__init__.py": "from .scene import CalibrationScene\n",
    "screens/calibration/scene.py": "class CalibrationScene: ...\n",
    "screens/settings/__init__.py": "",
}


def test_a_screen_importing_another_screens_part_is_caught(tmp_path):
    settings = {
        "screens/settings/scene.py": "from ..calibration.scene import CalibrationScene\n",
        "screens/settings/other.py": "from ..calibration import scene\n",
    }
    found = layer_violations(write_tree(tmp_path / "game", TWO_SCREENS | settings))
    assert len(found) == 2, found
    assert found[0].startswith("screens/settings/other.py:1 imports drumsync.game.screens.calib")
    assert "entry point" in found[1] and "screens/settings/scene.py:1" in found[1]


def test_a_screen_may_use_another_through_its_entry_point(tmp_path):
    settings = {"screens/settings/scene.py": "from ..calibration import CalibrationScene\n"}
    assert layer_violations(write_tree(tmp_path / "game", TWO_SCREENS | settings)) == []


def test_each_lower_room_looking_up_is_caught(tmp_path):
    root = write_tree(
        tmp_path / "game",
        {
            "__init__.py": "",
            "app.py": "",
            "runtime/__init__.py": "",
            "runtime/theme.py": "",
            "runtime/loop.py": "from ..widgets import header\n",
            "widgets/__init__.py": "",
            "widgets/header.py": "from drumsync.game.screens.play import scene\n",
            "match/__init__.py": "",
            "match/state.py": "from ..runtime import theme\n",
            "match/bots.py": "import pygame\n\npygame.draw.line(None, 0, 0, 0)\n",
            "screens/__init__.py": "",
            "screens/play/__init__.py": "",
            "screens/play/scene.py": "from ... import app\n",
            "screens/title/__init__.py": "",
            "screens/title/scene.py": "import importlib\n",
        },
    )
    found = "\n".join(layer_violations(root))
    assert "runtime/loop.py:1 imports drumsync.game.widgets" in found
    assert "widgets/header.py:1 imports drumsync.game.screens.play.scene" in found
    assert "match/state.py:1 imports drumsync.game.runtime.theme" in found
    assert "match/bots.py:3 imports pygame.draw" in found
    assert "screens/play/scene.py:1 imports drumsync.game.app" in found
    assert "screens/title/scene.py:1 imports importlib" in found
