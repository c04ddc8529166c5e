"""Keep the audio back-end's own messages off the terminal while the mixer opens.

When SDL opens audio through ALSA without a usable card, libasound prints its configuration
errors to the process's stderr ("ALSA lib confmisc.c:855:(parse_card) cannot find card '0'",
about eight lines at every open). The game says what matters itself, in one line ("no audio
device: ..."), from the error SDL returns; so while the device opens, file descriptor 2 points
at the null device and is put back right after.

Why not libasound's ``snd_lib_error_set_handler``: a handler written in Python runs on
whichever thread ALSA reports from, and SDL's audio thread can then wait for the interpreter
lock that the main thread holds while it waits for that thread (the game hung that way once
in a few opens). Redirecting the descriptor needs no callback, works for any back-end
(ALSA, PulseAudio, JACK), and does nothing where there is no descriptor 2.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """File descriptor 2 goes to the null device for the duration (restored even on error)."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield  # no descriptor 2 to quiet
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


__all__ = ["quiet_stderr"]
