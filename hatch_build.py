"""Build hook: compile the scorer's C loops (drumsync/core/kernel/*.c) into one library.

The library is loaded with ctypes, so only a C compiler is needed, not Python's headers.
An editable install builds it in place, beside its source; a wheel carries it (and is then
tagged for this platform). Without a compiler the build goes on with a warning, and
scoring uses the numpy path, which gives the same results more slowly.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

KERNEL = "drumsync/core/kernel"
LIBRARY = f"{KERNEL}/_judge_kernel.bin"
FLAGS = ["-O2", "-shared", "-fPIC", "-ffp-contract=off", "-fno-fast-math"]


def compiler() -> list[str] | None:
    """The C compiler command: $CC, Python's own, or cc / gcc / clang on the PATH."""
    for candidate in (os.environ.get("CC"), sysconfig.get_config_var("CC"), "cc", "gcc", "clang"):
        if candidate:
            command = shlex.split(candidate)
            if command and shutil.which(command[0]):
                return command
    return None


def compile_library(sources: list[Path], target: Path) -> str:
    """Compile ``sources`` into the shared library ``target``; "" when done, else why not."""
    command = compiler()
    if command is None:
        return "no C compiler found"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    done = subprocess.run(
        [*command, *FLAGS, "-o", str(partial), *map(str, sources), "-lm"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        return f"{command[0]} failed: {done.stderr.strip().splitlines()[-1:]}"
    partial.replace(target)
    return ""


class KernelBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        if version == "editable":
            target = root / LIBRARY
        else:
            self._scratch = tempfile.mkdtemp(prefix="drumsync-kernel-")
            target = Path(self._scratch) / Path(LIBRARY).name
        why_not = compile_library(sorted((root / KERNEL).glob("*.c")), target)
        if why_not:
            self.app.display_warning(
                f"drumsync: the compiled scorer was not built ({why_not}); "
                "scoring uses numpy instead (same results, slower)"
            )
            return
        if version != "editable":
            build_data["force_include"][str(target)] = LIBRARY
            build_data["pure_python"] = False
            build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
