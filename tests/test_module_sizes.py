"""Small files with one job each: no module of the ``drumsync`` package is longer than 400
lines, in any of its packages (the game's rooms, the core, storage, tools...)."""

from __future__ import annotations

from pathlib import Path

import drumsync

PACKAGE_DIR = Path(drumsync.__file__).parent
MAX_LINES = 400


def oversized_modules(root: Path, max_lines: int = MAX_LINES) -> dict[str, int]:
    """Every Python module below ``root`` longer than ``max_lines``, with its line count."""
    sizes = {
        path.relative_to(root).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(root.rglob("*.py"))
    }
    return {name: lines for name, lines in sizes.items() if lines > max_lines}


def test_the_whole_package_is_measured():
    folders = {path.parent.name for path in PACKAGE_DIR.rglob("*.py")}
    assert {"core", "storage", "game", "net", "tools", "cli", "audio", "analysis"} <= folders


def test_every_module_stays_small():
    assert oversized_modules(PACKAGE_DIR) == {}


# --- the checker itself ---------------------------------------------------------------------


def test_a_long_module_is_caught_at_any_depth(tmp_path):
    files = {
        "__init__.py": "",
        "at_the_limit.py": "x = 1\n" * MAX_LINES,
        "core/__init__.py": "",
        "core/deep/one_too_long.py": "x = 1\n" * (MAX_LINES + 1),
        "storage/long_but_no_newline_at_end.py": "x = 1\n" * MAX_LINES + "y = 2",
        "notes.txt": "not a module\n" * 1000,
    }
    for name, text in files.items():
        path = tmp_path / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert oversized_modules(tmp_path / "pkg") == {
        "core/deep/one_too_long.py": MAX_LINES + 1,
        "storage/long_but_no_newline_at_end.py": MAX_LINES + 1,
    }
