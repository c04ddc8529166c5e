"""Reading files the user names: regular files and pipes only, bounded, read once (issue 10)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from drumsync.core import ChartError, ReplayError, generate_chart, load_chart, load_replay
from drumsync.core.chart_io import dumps_chart
from drumsync.core.drummers import parse_spec
from drumsync.core.replay import dumps_replay
from drumsync.core.simulate import simulate
from drumsync.core.user_file import (
    FileTooLargeError,
    NotRegularFileError,
    read_user_file,
)
from drumsync.storage.settings import load_settings


def _run(code: str, stdin: bytes | None = None, timeout: float = 20.0):
    """Run ``code`` in a fresh interpreter capped at 1 GiB of memory and ``timeout`` s."""
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
    return subprocess.run(
        [sys.executable, "-c", limit + textwrap.dedent(code)],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def _chart():
    return generate_chart(seed=3, style="rock", bpm=120, difficulty=2, bars=2)


def _replay_bytes(chart) -> bytes:
    model = parse_spec("metronome")
    return dumps_replay(simulate(chart, model, model, seed=1)).encode("utf-8")


def test_a_device_is_refused_at_once_not_read_until_memory_runs_out():
    out = _run(
        """
        from drumsync.core import load_replay, ReplayError
        try:
            load_replay('/dev/zero')
        except ReplayError as e:
            print(e)
        """
    )
    assert out.returncode == 0, out.stderr.decode()
    assert "a device, not a regular file" in out.stdout.decode()


@pytest.mark.parametrize("what", ["chart", "replay", "settings"])
def test_a_named_pipe_without_writer_is_refused_not_waited_on(tmp_path, what):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    call = {
        "chart": "from drumsync.core import load_chart as f",
        "replay": "from drumsync.core import load_replay as f",
        "settings": "from drumsync.storage.settings import load_settings as f",
    }[what]
    out = _run(
        f"""
        {call}
        try:
            result = f({str(fifo)!r})
            print(getattr(result, 'warnings', result))
        except Exception as e:
            print(type(e).__name__, e)
        """
    )
    assert out.returncode == 0, out.stderr.decode()
    assert "named pipe" in out.stdout.decode()


def test_stdin_pipe_is_read_once(tmp_path):
    """``cat r.json | drumsync replay /dev/stdin`` works: the pipe is read a single time."""
    data = _replay_bytes(generate_chart(seed=1, style="dance-pop", bpm=120, difficulty=3, bars=16))
    out = subprocess.run(
        [sys.executable, "-m", "drumsync", "replay", "/dev/stdin"],
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr.decode()
    assert b"sync" in out.stdout.lower()


def test_a_pipe_is_read_only_up_to_the_limit():
    read, write = os.pipe()
    os.write(write, b"x" * 5000)
    os.close(write)
    with pytest.raises(FileTooLargeError, match="larger than 4 KiB"):
        read_user_file(f"/proc/self/fd/{read}", 4096)
    os.close(read)


def test_directories_and_missing_files_are_one_line_errors(tmp_path):
    with pytest.raises(NotRegularFileError, match="a directory"):
        read_user_file(tmp_path, 100)
    with pytest.raises(ChartError, match="a directory"):
        load_chart(tmp_path)
    with pytest.raises(ReplayError, match="No such file"):
        load_replay(tmp_path / "missing.json")


def test_documented_error_types_hold():
    with pytest.raises(ChartError):
        load_chart("a\0b")
    with pytest.raises(ReplayError):
        load_replay("a\0b")
    with pytest.raises(ChartError, match="bpm"):
        generate_chart(seed=1, style="rock", bpm=10**400, difficulty=2, bars=2)
    with pytest.raises(ChartError, match="seed"):
        generate_chart(seed=10**5000, style="rock", bpm=120, difficulty=2, bars=2)


def test_a_chart_with_a_utf8_bom_loads(tmp_path):
    chart = _chart()
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps_chart(chart).encode("utf-8"))
    assert load_chart(path) == chart


@pytest.mark.parametrize(
    "title",
    [
        "a\x00b",
        "red\x1b[31mtitle",
        "lone \udc80 surrogate",
        "bell\x07",
        "rtl\u202eeman",
        "a\u2028b",
    ],
)
def test_unsafe_text_in_titles_and_section_names_is_refused(tmp_path, title):
    chart = _chart()
    text = dumps_chart(chart)
    name = chart.sections[0].name
    for field, old in (("meta.title", chart.meta.title), ("sections[0].name", name)):
        import json

        bad = text.replace(json.dumps(old, ensure_ascii=False), json.dumps(title), 1)
        path = tmp_path / "bad.json"
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(ChartError, match=field.replace("[", r"\[").replace("]", r"\]")):
            load_chart(path)


def test_accented_and_emoji_titles_stay_fine(tmp_path):
    chart = _chart()
    import json

    text = dumps_chart(chart).replace(
        json.dumps(chart.meta.title, ensure_ascii=False), json.dumps("Café 東京 🥁"), 1
    )
    path = tmp_path / "ok.json"
    path.write_text(text, encoding="utf-8")
    assert load_chart(path).meta.title == "Café 東京 🥁"


@pytest.mark.parametrize(
    "text",
    [
        "scroll_speed = " + "9" * 320 + "\n",
        "[volume]\nmusic = 1" + "0" * 400 + "\n",
        "x = " + "[" * 3000 + "\n",
        "windows = " + "7" * 5000 + "\n",
    ],
)
def test_damaged_settings_numbers_and_nesting_fall_back_with_a_backup(tmp_path, text):
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="ascii")
    loaded = load_settings(path)
    assert loaded.warnings
    assert loaded.backup_path is not None and loaded.backup_path.read_text() == text


def test_deeply_nested_tour_progress_is_kept_aside(tmp_path):
    from drumsync.storage.tour_progress import load_progress

    path = tmp_path / "tour_progress.json"
    path.write_text("[" * 50_000, encoding="ascii")
    loaded = load_progress(path)
    assert loaded.progress.cleared == frozenset()
    assert "nested too deeply" in loaded.warnings[0]
    assert (tmp_path / "tour_progress.json.corrupt-1").read_text() == "[" * 50_000
