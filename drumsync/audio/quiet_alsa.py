"""Keep ALSA's own messages off the terminal.

When SDL opens audio through ALSA, libasound prints its configuration errors to stderr
("ALSA lib confmisc.c:855:(parse_card) cannot find card '0'", about eight lines each time
the mixer opens, and again at every reopen). The game already says what matters in one
line ("no audio device: ..."), so those lines are noise. libasound lets a program replace
its error printer (``snd_lib_error_set_handler``); this installs one that drops them.

It is done once per process, before the first open. Without libasound (another system,
another back-end) there is nothing to silence and nothing happens. The library is kept
loaded (the handle is held here), so SDL's later ``dlopen`` of it finds the same copy
with the handler in place.
"""

from __future__ import annotations

import ctypes
import ctypes.util

# void handler(const char *file, int line, const char *function, int err, const char *fmt, ...)
_HANDLER_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
_state: dict[str, object] = {}


def _ignore(file, line, function, err, fmt) -> None:  # noqa: ARG001 (the C signature)
    return None


def silence_alsa_messages() -> bool:
    """Install the silent ALSA error handler (once); False when libasound is not there."""
    if "done" in _state:
        return bool(_state["done"])
    _state["done"] = False
    name = ctypes.util.find_library("asound") or "libasound.so.2"
    try:
        library = ctypes.CDLL(name)
        set_handler = library.snd_lib_error_set_handler
    except (OSError, AttributeError):
        return False
    handler = _HANDLER_TYPE(_ignore)
    set_handler.argtypes = [_HANDLER_TYPE]
    set_handler.restype = ctypes.c_int
    if set_handler(handler) != 0:
        return False
    _state.update(library=library, handler=handler, done=True)
    return True


__all__ = ["silence_alsa_messages"]
