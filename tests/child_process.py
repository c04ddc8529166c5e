"""Run a snippet of Python in a fresh interpreter (SDL reads its drivers when it starts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap


def run_child(code: str, env: dict[str, str]) -> dict:
    """Run ``code`` (dedented) with SDL's dummy video driver plus ``env``; the child prints one
    JSON object as its last line, which is returned. It must exit 0 with no traceback."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1", **env}
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])
