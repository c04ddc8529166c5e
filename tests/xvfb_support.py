"""Real-window test support: a private Xvfb server, and an X client that finds a window,
focuses it, presses keys through XTEST and asks the window to close.

Where Xvfb or python-xlib is missing the tests that use :func:`xvfb` are skipped, unless
``DRUMSYNC_REQUIRE_XVFB=1`` (CI sets it): then they fail, so CI cannot pass by skipping them.
(xdotool is not needed: python-xlib does the window lookup, focus and XTEST presses.)
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

REQUIRE_ENV = "DRUMSYNC_REQUIRE_XVFB"
SCREEN = "1280x720x24"
START_TIMEOUT_S = 15.0


def missing_requirements() -> list[str]:
    """What the real-window tests need and this machine lacks."""
    missing = [] if shutil.which("Xvfb") else ["Xvfb"]
    if importlib.util.find_spec("Xlib") is None:
        missing.append("python-xlib")
    return missing


def unavailable(reason: str) -> None:
    """Skip the test, or fail it when ``DRUMSYNC_REQUIRE_XVFB=1``."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1: the real-window tests must run)")
    pytest.skip(reason)


@dataclass
class XvfbServer:
    """A running Xvfb on a display number it chose itself (``-displayfd``)."""

    process: subprocess.Popen
    display: str

    @classmethod
    def start(cls, screen: str = SCREEN, timeout_s: float = START_TIMEOUT_S) -> XvfbServer:
        read_fd, write_fd = os.pipe()
        try:
            process = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp"],
                pass_fds=(write_fd,),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        finally:
            os.close(write_fd)
        try:
            number = _read_display_number(read_fd, process, timeout_s)
        except Exception:
            _stop(process)
            raise
        finally:
            os.close(read_fd)
        return cls(process, f":{number}")

    def env(self, **extra: str) -> dict[str, str]:
        """The current environment pointed at this server (plus ``extra``). SDL is told to
        use X11: other test modules set ``SDL_VIDEODRIVER=dummy`` in this process."""
        env = dict(os.environ)
        env["DISPLAY"] = self.display
        env["SDL_VIDEODRIVER"] = "x11"
        env.update(extra)
        return env

    def stop(self) -> None:
        _stop(self.process)


def _read_display_number(fd: int, process: subprocess.Popen, timeout_s: float) -> int:
    """Xvfb writes its display number to ``fd`` once it accepts connections."""
    deadline = time.monotonic() + timeout_s
    data = b""
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0:
            raise RuntimeError(f"Xvfb did not report a display within {timeout_s:g} s")
        ready, _, _ = select.select([fd], [], [], min(left, 0.2))
        if ready:
            chunk = os.read(fd, 64)
            if not chunk:
                break
            data += chunk
        elif process.poll() is not None:
            break
    if not data.strip().isdigit():
        process.wait(timeout=5)
        err = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise RuntimeError(f"Xvfb failed to start (exit {process.returncode}): {err.strip()}")
    return int(data.strip())


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    if process.stderr is not None:
        process.stderr.close()


@pytest.fixture
def xvfb() -> Iterator[XvfbServer]:
    """A fresh Xvfb for one test (skips, or fails under ``DRUMSYNC_REQUIRE_XVFB=1``,
    when the tools are missing)."""
    missing = missing_requirements()
    if missing:
        unavailable(f"real-window test needs {', '.join(missing)}")
    try:
        server = XvfbServer.start()
    except (OSError, RuntimeError) as exc:
        unavailable(f"Xvfb could not start: {exc}")
    try:
        yield server
    finally:
        server.stop()


class XClient:
    """A python-xlib connection to one display: windows, focus, XTEST key presses."""

    def __init__(self, display_name: str) -> None:
        from Xlib import display

        self.display = display.Display(display_name)
        if not self.display.has_extension("XTEST"):
            self.display.close()
            raise RuntimeError(f"display {display_name} has no XTEST extension")
        self.root = self.display.screen().root

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.display.close()

    def __enter__(self) -> XClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- windows ------------------------------------------------------------------------------
    def window_of_pid(self, pid: int):
        """The viewable top-level window whose ``_NET_WM_PID`` is ``pid`` (None if none)."""
        from Xlib import X, Xatom, error

        atom = self.display.intern_atom("_NET_WM_PID")
        for window in self.root.query_tree().children:
            with contextlib.suppress(error.XError):
                prop = window.get_full_property(atom, Xatom.CARDINAL)
                if prop is None or not prop.value or int(prop.value[0]) != pid:
                    continue
                if window.get_attributes().map_state == X.IsViewable:
                    return window
        return None

    def wait_for_window(self, pid: int, timeout_s: float, alive=lambda: True, settle_s=1.0):
        """The window ``pid`` maps, once it has stayed the same for ``settle_s`` (the game may
        open a window, then replace it, e.g. when vsync is refused); None on timeout or when
        ``alive()`` turns False."""
        deadline = time.monotonic() + timeout_s
        seen, since = None, 0.0
        while time.monotonic() < deadline and alive():
            window = self.window_of_pid(pid)
            now = time.monotonic()
            if window is None or seen is None or window.id != seen.id:
                seen, since = window, now
            elif now - since >= settle_s:
                return window
            time.sleep(0.05)
        return None

    def focus(self, window) -> None:
        from Xlib import X

        window.raise_window()
        window.set_input_focus(X.RevertToParent, X.CurrentTime)
        self.display.sync()

    def request_close(self, window) -> None:
        """What a window manager's close button does: send WM_DELETE_WINDOW."""
        from Xlib import X
        from Xlib.protocol import event

        protocols = self.display.intern_atom("WM_PROTOCOLS")
        delete = self.display.intern_atom("WM_DELETE_WINDOW")
        message = event.ClientMessage(
            window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
        )
        window.send_event(message, event_mask=X.NoEventMask)
        self.display.sync()

    # -- keys ---------------------------------------------------------------------------------
    def keycode(self, keysym_name: str) -> int:
        """Key code of an X keysym name (``"a"``, ``"semicolon"``, ``"Escape"``)."""
        from Xlib import XK

        keysym = XK.string_to_keysym(keysym_name)
        code = self.display.keysym_to_keycode(keysym) if keysym else 0
        if not code:
            raise ValueError(f"no key code for keysym {keysym_name!r} on this display")
        return code

    def key_down(self, keycode: int) -> None:
        """Press a key through XTEST and wait until the server has processed it."""
        from Xlib import X
        from Xlib.ext import xtest

        xtest.fake_input(self.display, X.KeyPress, keycode)
        self.display.sync()

    def key_up(self, keycode: int) -> None:
        from Xlib import X
        from Xlib.ext import xtest

        xtest.fake_input(self.display, X.KeyRelease, keycode)
        self.display.sync()
