"""Writes that respect what is there: modes, links, devices, read-only files, names (issue 10)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest

from drumsync.core.atomic_file import (
    atomic_write,
    remove_stale_temps,
    write_new_file,
)


@pytest.fixture
def umask_077():
    old = os.umask(0o077)
    yield
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_follows_the_umask(tmp_path, umask_077):
    atomic_write(tmp_path / "private.json", b"{}")
    assert _mode(tmp_path / "private.json") == 0o600


def test_an_existing_file_keeps_its_mode(tmp_path):
    path = tmp_path / "shared.toml"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new" and _mode(path) == 0o640


def test_a_read_only_file_is_not_replaced(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_bytes(b"mine")
    os.chmod(path, 0o444)
    with pytest.raises(PermissionError, match="read-only"):
        atomic_write(path, b"theirs")
    assert path.read_bytes() == b"mine"


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_device_is_written_into_never_replaced(tmp_path):
    atomic_write("/dev/null", b"discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(OSError):
        atomic_write("/dev/full", b"no room")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert not [p for p in os.listdir("/dev") if p.startswith(".full.")]


def test_a_named_pipe_without_reader_is_refused_at_once(tmp_path):
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="no reader"):
        atomic_write(fifo, b"x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_same_second_saves_each_get_their_own_name(tmp_path):
    def save(i: int):
        return write_new_file(tmp_path, "20260101-120000-abc", ".json", f"{i}".encode())

    with ThreadPoolExecutor(8) as pool:
        paths = list(pool.map(save, range(40)))
    assert len(set(paths)) == 40
    assert sorted(p.read_text() for p in paths) == sorted(str(i) for i in range(40))
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_temporary_files_of_a_killed_writer_are_removed_at_the_next_write(tmp_path):
    code = f"""
        import os, signal
        from drumsync.core.atomic_file import atomic_output
        with atomic_output({str(tmp_path / "song.wav")!r}) as out:
            out.write(b"half")
            out.flush()
            os.kill(os.getpid(), signal.SIGKILL)
    """
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=False, timeout=60)
    assert out.returncode == -signal.SIGKILL
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1
    assert remove_stale_temps(tmp_path) == leftovers
    assert list(tmp_path.iterdir()) == []


def test_a_live_writers_temporary_file_is_left_alone(tmp_path):
    mine = tmp_path / f".x.json.{os.getpid()}-abc123.tmp"
    mine.write_bytes(b"in progress")
    assert remove_stale_temps(tmp_path) == []
    assert mine.exists()


def test_every_start_removes_what_a_killed_save_left_in_the_user_folders(data_dir):
    replays = data_dir / "replays"
    replays.mkdir(parents=True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    left = [data_dir / f".scores.json.{pid}-abc.tmp", replays / f".x.json.{pid}-def.tmp"]
    for path in left:
        path.write_bytes(b"half")
    from drumsync.cli import main

    assert main(["generate", "--bars", "2"]) == 0
    assert not any(path.exists() for path in left)
