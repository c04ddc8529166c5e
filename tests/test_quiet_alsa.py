"""ALSA's own error lines never reach the terminal when the mixer cannot open a device."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHILD = """
import drumsync, pygame
from drumsync.audio.mixer import open_mixer, no_device_reason
for _ in range(3):
    try:
        open_mixer(48000, 512)
    except pygame.error as error:
        print(no_device_reason(error))
"""


def test_opening_audio_prints_no_alsa_lines(tmp_path):
    pytest.importorskip("ctypes")
    env = {"SDL_AUDIODRIVER": "alsa", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "ALSA_CONFIG_PATH": "/usr/share/alsa/alsa.conf", "AUDIODEV": "drumsync-no-such-card"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "ALSA lib" not in done.stderr


def test_silencing_twice_or_without_libasound_is_safe(monkeypatch):
    from drumsync.audio import quiet_alsa

    first = quiet_alsa.silence_alsa_messages()
    assert quiet_alsa.silence_alsa_messages() == first
    monkeypatch.setattr(quiet_alsa, "_state", {})
    monkeypatch.setattr(quiet_alsa.ctypes.util, "find_library", lambda name: "libnot-there.so.9")
    assert quiet_alsa.silence_alsa_messages() is False
