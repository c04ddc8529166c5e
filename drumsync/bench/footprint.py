"""Memory and idle CPU, measured on the real program in child processes.

* Peak memory of exporting, and of preparing a match's music for, a long slow chart (256
  bars at 40 bpm, 26 minutes; ``--quick``: 16 bars): both are rendered a block at a time,
  so the peak no longer grows with the song. The peak is ``VmHWM``, the process's own
  high-water mark (``ru_maxrss`` would include the parent's memory, which Linux carries
  over a fork and exec).
* The game at its title and in its demo under a private Xvfb (when installed): the share of
  one core used over a stretch of seconds (user + system time from ``/proc/<pid>/stat``) and
  the resident memory at the title, with what holds it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

_EXPORT = """
    import sys
    from drumsync.core import generate_chart
    from drumsync.audio.export import export_audio
    chart = generate_chart(seed=2, style="metal", bpm=40, difficulty=5, bars=int(sys.argv[1]))
    info = export_audio(chart, sys.argv[2])
    with open("/proc/self/status") as status:
        peak_kib = next(int(l.split()[1]) for l in status if l.startswith("VmHWM"))
    print(info.duration_s, peak_kib)
"""
_MUSIC = """
    import sys
    from drumsync.core import generate_chart
    from drumsync.game.match.audio_link import open_song_audio
    chart = generate_chart(seed=2, style="metal", bpm=40, difficulty=5, bars=int(sys.argv[1]))
    audio = open_song_audio(chart, enabled=True)
    duration_s = audio.song_buffer.duration_s
    audio.close()
    with open("/proc/self/status") as status:
        peak_kib = next(int(l.split()[1]) for l in status if l.startswith("VmHWM"))
    print(duration_s, peak_kib)
"""
_GAME = """
    import sys
    from drumsync.game.front import run_front
    run_front(sound=True, idle_s=float(sys.argv[1]))
"""
# What the title keeps in memory besides the interpreter and its libraries.
_HOLDERS = """
    import json
    def rss_mb():
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024
    base = rss_mb()
    import numpy, pygame
    libraries = rss_mb()
    from drumsync.audio.kit import get_kit
    from drumsync.audio.title_loop import cached_title_loop
    kit = get_kit()
    loop = cached_title_loop()
    print(json.dumps({
        "interpreter_mb": base,
        "numpy_pygame_mb": libraries - base,
        "kit_mb": sum(a.nbytes for v in kit.layers.values() for a in v) / 2**20,
        "title_loop_mb": loop.samples.nbytes / 2**20,
        "canvas_surfaces_mb": 4 * 1280 * 720 * 4 / 2**20,
    }))
"""


def _child(code: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=1800,
        env={**os.environ, **(env or {})},
        check=False,
    )


def peak_memory(bars: int) -> dict:
    """Seconds of audio and peak MB of exporting / preparing the music of ``bars`` at 40 bpm."""
    out: dict = {"bars": bars}
    with tempfile.TemporaryDirectory() as folder:
        done = _child(_EXPORT, str(bars), str(Path(folder) / "song.wav"))
        seconds, kib = done.stdout.split()
        out["song_s"] = float(seconds)
        out["export_peak_mb"] = int(kib) / 1024
        done = _child(_MUSIC, str(bars), env={"SDL_AUDIODRIVER": "dummy", "TMPDIR": folder})
        _, kib = done.stdout.split()
        out["music_peak_mb"] = int(kib) / 1024
    return out


@contextlib.contextmanager
def _xvfb() -> Iterator[str | None]:
    if shutil.which("Xvfb") is None:
        yield None
        return
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        yield f":{number}" if number else None
    finally:
        server.terminate()
        server.wait(timeout=10)


def _cpu_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def _resident_by_kind(pid: int) -> dict:
    """Resident MB of a process by what maps it: the GL stack (Mesa's software renderer,
    loaded when vsync is tried), other shared libraries, and heap/anonymous memory."""
    kinds = {"gl_stack_mb": 0.0, "libraries_mb": 0.0, "heap_and_anonymous_mb": 0.0}
    path = ""
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            head = line.split()
            if "-" in head[0] and not line.endswith(":\n") and len(head) >= 5:
                path = head[5] if len(head) > 5 else ""
            elif head[0] == "Rss:":
                mb = int(head[1]) / 1024
                if "LLVM" in path or "/dri/" in path or "gallium" in path or "libGL" in path:
                    kinds["gl_stack_mb"] += mb
                elif path.startswith("/"):
                    kinds["libraries_mb"] += mb
                else:
                    kinds["heap_and_anonymous_mb"] += mb
    return kinds


def idle_figures(seconds: float = 10.0) -> dict | None:
    """CPU share of one core at the title and in the demo, and RSS at the title (None: no
    Xvfb here). The demo starts after 2 s at the title; both are sampled after warming up."""
    if not os.path.exists("/proc/self/stat"):
        return None
    with _xvfb() as display, tempfile.TemporaryDirectory() as home:
        if display is None:
            return None
        env = {
            "DISPLAY": display,
            "DRUMSYNC_CONFIG_DIR": str(Path(home) / "config"),
            "DRUMSYNC_DATA_DIR": str(Path(home) / "data"),
            "SDL_VIDEODRIVER": "x11",
        }
        figures: dict = {"seconds": seconds}
        for what, idle_s, warm_s in (("title", 10_000.0, 5.0), ("demo", 2.0, 8.0)):
            game = subprocess.Popen(
                [sys.executable, "-c", textwrap.dedent(_GAME), str(idle_s)],
                env={**os.environ, **env},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                time.sleep(warm_s)
                start = _cpu_ticks(game.pid)
                time.sleep(seconds)
                used = (_cpu_ticks(game.pid) - start) / os.sysconf("SC_CLK_TCK")
                figures[f"{what}_cpu_percent"] = 100.0 * used / seconds
                if what == "title":
                    figures["title_rss_mb"] = _rss_mb(game.pid)
                    figures["title_resident"] = _resident_by_kind(game.pid)
            finally:
                game.terminate()
                game.wait(timeout=10)
        done = _child(_HOLDERS)
        figures["holders"] = json.loads(done.stdout)
    return figures


__all__ = ["idle_figures", "peak_memory"]
