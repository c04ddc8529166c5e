"""ALSA's own error lines never reach the terminal when the mixer cannot open a device."""

from __future__ import annotations

import os
import subprocess
import sys

from drumsync.audio.quiet_backend import quiet_stderr

CHILD = """
import drumsync, pygame
from drumsync.audio.mixer import open_mixer, no_device_reason
for _ in range(3):
    try:
        open_mixer(48000, 512)
    except pygame.error as error:
        print(no_device_reason(error))
import sys
print("after the opens", file=sys.stderr)
"""


def test_opening_audio_prints_no_alsa_lines(tmp_path):
    env = {
        "SDL_AUDIODRIVER": "alsa",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "AUDIODEV": "drumsync-no-such-card",
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "ALSA lib" not in done.stderr
    assert "after the opens" in done.stderr  # stderr is back afterwards


def test_stderr_is_restored_even_after_an_error(capfd):
    try:
        with quiet_stderr():
            os.write(2, b"hidden\n")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    os.write(2, b"shown\n")
    err = capfd.readouterr().err
    assert "hidden" not in err and "shown" in err
