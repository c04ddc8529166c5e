"""A wheel built from the repo carries seeds/ and assets/ and works from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _run(cmd, cwd, env=None):
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(REPO)], REPO
    )
    wheels = list(work.glob("drumsync-*.whl"))
    assert len(wheels) == 1
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], work)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheels[0])], work)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DRUMSYNC_"))}
    return wheels[0], venv / "bin", work, env


def test_wheel_carries_the_article_and_assets(installed):
    wheel, *_ = installed
    names = zipfile.ZipFile(wheel).namelist()
    article = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    assert article, "the repo has no article"
    for name in article:
        assert f"drumsync/_data/seeds/{name}" in names
    assert any(n.startswith("drumsync/_data/assets/") for n in names)


def test_wheel_carries_the_compiled_scorer_where_there_is_a_compiler(installed):
    import shutil

    if not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler on this machine")
    wheel, bin_dir, work, env = installed
    assert "drumsync/core/kernel/_judge_kernel.bin" in zipfile.ZipFile(wheel).namelist()
    assert "-py3-none-any" not in wheel.name  # a wheel with compiled code names its platform
    probe = "from drumsync.core import kernel; print(kernel.status())"
    assert _run([str(bin_dir / "python"), "-c", probe], work, env).strip() == "compiled"


def test_installed_wheel_generates_a_chart_from_another_directory(installed):
    _, bin_dir, work, env = installed
    elsewhere = work / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    out = _run(
        [str(bin_dir / "drumsync"), "generate", "--seed", "7", "-o", "c.json"], elsewhere, env
    )
    assert "wrote c.json" in out
    assert json.loads((elsewhere / "c.json").read_text())["format"] == "drumsync-chart"


def test_installed_wheel_reads_captions_from_its_own_copy_of_the_article(installed):
    _, bin_dir, work, env = installed
    out = _run([str(bin_dir / "drumsync"), "captions", "--scene", "results"], work, env)
    article = " ".join((REPO / "seeds").glob("*.txt").__next__().read_text().split())
    caption = " ".join(out.splitlines()[1].split())
    speaker, _, said = caption.partition(": “")  # the quote card: speaker, then the words
    assert speaker in article and len(said) > 20 and said.rstrip("”") in article
    out = _run([str(bin_dir / "python"), "-m", "drumsync", "--help"], work, env)
    assert "generate" in out
