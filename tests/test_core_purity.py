"""The rules engine stays pure: no pygame, no wall clock, no global random state."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import drumsync.analysis
import drumsync.core

CORE = Path(drumsync.core.__file__).parent
# Song analysis is held to the same rules: numpy and the standard library only.
ANALYSIS = Path(drumsync.analysis.__file__).parent
CORE_FILES = sorted(CORE.rglob("*.py")) + sorted(ANALYSIS.rglob("*.py"))

FORBIDDEN_MODULES = {"pygame", "random", "time", "datetime"}
# Module-level numpy.random functions use the hidden global generator.
GLOBAL_RNG_CALLS = {
    "seed",
    "rand",
    "randn",
    "randint",
    "random",
    "choice",
    "shuffle",
    "permutation",
    "normal",
    "uniform",
}


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0], node.lineno


def test_core_has_modules_to_check():
    assert len(CORE_FILES) > 10


def test_core_imports_no_pygame_clock_or_stdlib_random():
    offenders = []
    for path in CORE_FILES:
        tree = ast.parse(path.read_text(), filename=str(path))
        for module, line in _imports(tree):
            if module in FORBIDDEN_MODULES:
                offenders.append(f"{path.name}:{line} imports {module}")
    assert offenders == []


def test_core_never_uses_numpy_global_random_state():
    offenders = []
    for path in CORE_FILES:
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            # np.random.<fn>(...) where fn draws from the global generator
            if (
                isinstance(node, ast.Attribute)
                and node.attr in GLOBAL_RNG_CALLS
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "random"
            ):
                offenders.append(f"{path.name}:{node.lineno} np.random.{node.attr}")
    assert offenders == []


def test_importing_the_whole_core_loads_no_pygame():
    code = (
        "import sys, pkgutil, importlib, drumsync.core as c, drumsync.analysis as a\n"
        "for m in pkgutil.walk_packages(c.__path__, 'drumsync.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "for m in pkgutil.walk_packages(a.__path__, 'drumsync.analysis.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('pygame' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_command_line_help_loads_no_pygame():
    code = (
        "import sys\n"
        "from drumsync.cli import main\n"
        "try:\n    main(['generate', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('pygame' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip().splitlines()[-1] == "False"
