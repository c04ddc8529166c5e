"""Writing user files without losing what is there.

* :func:`atomic_output` / :func:`atomic_write` replace a file all at once: the data goes to
  a temporary file in the same folder (``.<name>.<pid>-<random>.tmp``), is flushed to disk,
  then renamed over the target, so a crash leaves the old file or the new one, whole. The new
  file gets the existing file's permission bits, or ``0666`` less the umask for a new file
  (never more open than the user asked for). A symlink is followed (its target is replaced,
  the link stays); a device or pipe is written through, never replaced; a read-only file is
  refused (PermissionError), never silently overwritten.
* :func:`write_new_file` creates a file under a name nobody else holds: ``name.json``, else
  ``name-1.json``, ``name-2.json``... chosen atomically, so two saves in the same second
  never overwrite each other.
* :func:`remove_stale_temps` deletes temporary files left by a process that was killed.

OSError propagates everywhere; callers turn it into their own one-line error.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_TEMP_RE = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[^.]+\.tmp$")


def current_umask() -> int:
    """The process umask (read without changing it where Linux allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _resolved_target(path: Path) -> Path:
    """The file a write to ``path`` must change: symlinks followed to their final target."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _writable_mode(path: Path) -> int | None:
    """Permission bits to give the new file; None when ``path`` must be written through."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return 0o666 & ~current_umask()
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        return None  # /dev/null, a pipe: write into it, never replace the node
    if not stat.S_ISREG(info.st_mode):
        raise PermissionError(errno.EPERM, "not a regular file; not replaced", str(path))
    if not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only; not replaced", str(path))
    return stat.S_IMODE(info.st_mode)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write; on leaving the block it replaces ``path`` all at once.

    An exception inside the block leaves ``path`` untouched and removes the temporary file.
    """
    target = _resolved_target(Path(os.fspath(path)))
    mode = _writable_mode(target)
    if mode is None:
        with _write_through(target) as out:
            yield out
        return
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temps(folder, target.name)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


@contextlib.contextmanager
def _write_through(target: Path) -> Iterator[BinaryIO]:
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a named pipe nobody reads
            raise OSError(errno.ENXIO, "a pipe with no reader", str(target)) from None
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as out:
        yield out


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once (see :func:`atomic_output`)."""
    with atomic_output(path) as out:
        out.write(data)


def write_new_file(folder: str | os.PathLike, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` under a name not taken yet in ``folder``; returns the path.

    The whole file is written under a temporary name first, then hard-linked to the first
    free name (linking never replaces an existing file), so a reader never sees half a file
    and two writers never share a name.
    """
    where = Path(os.fspath(folder))
    mode = 0o666 & ~current_umask()
    remove_stale_temps(where)
    fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{stem}{suffix}.{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        counter = 0
        while True:
            name = f"{stem}{suffix}" if counter == 0 else f"{stem}-{counter}{suffix}"
            candidate = where / name
            try:
                _link_new(tmp, candidate)
            except FileExistsError:
                counter += 1
                continue
            break
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _fsync_dir(where)
    return candidate


def _link_new(tmp: str, candidate: Path) -> None:
    """Give ``tmp`` the name ``candidate``; FileExistsError if that name is taken."""
    try:
        os.link(tmp, candidate)
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system: claim the name exclusively, then copy in.
        with open(candidate, "xb") as out, open(tmp, "rb") as source:
            out.write(source.read())
            out.flush()
            os.fsync(out.fileno())


def remove_stale_temps(folder: str | os.PathLike, name: str | None = None) -> list[Path]:
    """Delete temporary files of our writes (of ``name`` only, if given) whose process is gone.

    A temporary file of a live process (a save in progress elsewhere) is left alone.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_RE.match(entry.name)
        if match is None or (name is not None and match["name"] != name):
            continue
        if _process_alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process (or cannot tell): leave its file alone
    return True


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform (Windows); the rename is still atomic
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
