"""Reading a file the user named, safely: regular files and pipes only, never past a limit.

``read_user_file`` opens the path without blocking (a named pipe with no writer would
otherwise hang ``open`` for ever), then checks what it opened:

* a regular file is read whole, up to ``limit_bytes`` (one byte more tells "too large");
* an anonymous pipe (``cat r.json | drumsync replay /dev/stdin``, ``<(...)``) is read once,
  up to the same limit, so ``/dev/stdin`` works and an endless writer cannot fill memory;
* anything else (a directory, a device such as ``/dev/zero``, a named pipe, a socket) is
  refused with :class:`NotRegularFileError`, whose message is one line for the user.

The size is never taken from ``stat()`` (0 for devices); the read itself is bounded.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_CHUNK_BYTES = 1 << 20


class NotRegularFileError(OSError):
    """The path names something that is not a regular file (or an anonymous pipe).

    ``strerror`` is the reason ("a device, not a regular file"), ``filename`` the path.
    """

    def __init__(self, reason: str, filename: str | os.PathLike) -> None:
        super().__init__(errno.EINVAL, reason, os.fspath(filename))


class FileTooLargeError(OSError):
    """The file holds more than the reader accepts (``strerror`` says the limit)."""

    def __init__(self, reason: str, filename: str | os.PathLike) -> None:
        super().__init__(errno.EFBIG, reason, os.fspath(filename))


def kind_of_mode(mode: int) -> str:
    """A short name for a file type, for messages: "a directory", "a device", ..."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _is_named_pipe(path: Path) -> bool:
    """True when ``path`` (symlinks followed) is a FIFO that lives in a folder."""
    try:
        real = Path(os.path.realpath(path))
        return stat.S_ISFIFO(os.stat(real).st_mode)
    except OSError:
        return False  # e.g. /proc/self/fd/0 -> "pipe:[123]": an anonymous pipe


def _open_checked(target: Path, pipes: bool) -> int:
    """A blocking descriptor on ``target`` once it is known to be a regular file (or, with
    ``pipes``, an anonymous pipe); opened without waiting, so a named pipe cannot hang it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(target, flags)
    except IsADirectoryError:
        raise NotRegularFileError("a directory, not a file", target) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISFIFO(mode) and (not pipes or _is_named_pipe(target)):
            raise NotRegularFileError(f"{kind_of_mode(mode)}, not a regular file", target)
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise NotRegularFileError(f"{kind_of_mode(mode)}, not a regular file", target)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_user_file(path: str | os.PathLike, limit_bytes: int, pipes: bool = True) -> bytes:
    """The bytes of ``path`` (at most ``limit_bytes``); OSError subclasses otherwise.

    Raises FileNotFoundError/PermissionError like ``open``, NotRegularFileError for what is
    not a regular file or (with ``pipes``) an anonymous pipe, FileTooLargeError past
    ``limit_bytes``.
    """
    target = Path(os.fspath(path))
    fd = _open_checked(target, pipes=pipes)
    try:
        data = _read_bounded(fd, limit_bytes)
    finally:
        os.close(fd)
    if len(data) > limit_bytes:
        raise FileTooLargeError(f"larger than {_size_text(limit_bytes)}", target)
    return data


def read_file_head(path: str | os.PathLike, count: int) -> bytes:
    """The first ``count`` bytes of the regular file ``path`` (NotRegularFileError for
    anything else, a pipe included)."""
    fd = _open_checked(Path(os.fspath(path)), pipes=False)
    try:
        return os.read(fd, count)
    finally:
        os.close(fd)


def _read_bounded(fd: int, limit_bytes: int) -> bytes:
    """Read until end of file or one byte past ``limit_bytes``."""
    parts: list[bytes] = []
    remaining = limit_bytes + 1
    while remaining > 0:
        chunk = os.read(fd, min(_CHUNK_BYTES, remaining))
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def _size_text(limit_bytes: int) -> str:
    if limit_bytes >= 1024 * 1024 and limit_bytes % (1024 * 1024) == 0:
        return f"{limit_bytes // (1024 * 1024)} MiB"
    if limit_bytes >= 1024 and limit_bytes % 1024 == 0:
        return f"{limit_bytes // 1024} KiB"
    return f"{limit_bytes} bytes"


def reason_of(error: OSError) -> str:
    """One line saying why a user file could not be read (without the path)."""
    return error.strerror or str(error) or type(error).__name__


__all__ = [
    "FileTooLargeError",
    "NotRegularFileError",
    "kind_of_mode",
    "read_file_head",
    "read_user_file",
    "reason_of",
]
