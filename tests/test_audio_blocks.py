"""Songs rendered and exported block by block: the same samples, bounded memory (issue 10)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from drumsync.audio import export as export_module
from drumsync.audio.export import AudioExportError, export_audio
from drumsync.audio.song import SongStream, render_song
from drumsync.audio.wav import read_wav
from drumsync.core import generate_chart

ALL_PARTS = ("backing", "click", "count-in", "drums", "guide")


@pytest.mark.parametrize("style", ["rock", "metal", "dance-pop", "euclidean"])
@pytest.mark.parametrize("rate", [1.0, 0.7])
def test_blocks_add_up_to_the_whole_song_bit_for_bit(style, rate):
    chart = generate_chart(seed=4, style=style, bpm=97, difficulty=4, bars=6)
    whole = render_song(chart, ALL_PARTS, rate=rate)
    stream = SongStream(chart, ALL_PARTS, rate=rate, block_frames=10_007)
    blocks = list(stream.blocks())
    assert max(len(b) for b in blocks) == 10_007
    assert np.array_equal(np.concatenate(blocks), whole)


def test_exporting_a_long_slow_chart_stays_under_300_mb(tmp_path):
    """256 bars at 40 bpm (26 minutes) peaked at 1.65 GB when rendered in one array."""
    code = f"""
        from drumsync.core import generate_chart
        from drumsync.audio.export import export_audio
        chart = generate_chart(seed=2, style="metal", bpm=40, difficulty=5, bars=256)
        info = export_audio(chart, {str(tmp_path / "long.wav")!r})
        with open("/proc/self/status") as status:  # this process's own high-water mark
            print(info.frames, next(l.split()[1] for l in status if l.startswith("VmHWM")))
    """
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    frames, peak_kib = map(int, out.stdout.split())
    assert (tmp_path / "long.wav").stat().st_size == 44 + 4 * frames
    assert peak_kib < 300 * 1024


def test_an_export_that_fails_half_way_keeps_the_previous_file(tmp_path, monkeypatch):
    chart = generate_chart(seed=1, style="rock", bpm=120, difficulty=2, bars=8)
    target = tmp_path / "song.wav"
    export_audio(chart, target, parts=("drums",))
    before = target.read_bytes()
    written = []

    class FailingWriter(export_module.WavWriter):
        def write(self, block):
            written.append(len(block))
            if len(written) == 2:
                raise OSError(28, "No space left on device")
            super().write(block)

    monkeypatch.setattr(export_module, "WavWriter", FailingWriter)
    with pytest.raises(AudioExportError, match="No space left"):
        export_audio(chart, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["song.wav"]


def test_an_exported_file_reads_back_as_the_rendered_song(tmp_path):
    chart = generate_chart(seed=7, style="euclidean", bpm=133, difficulty=3, bars=4)
    info = export_audio(chart, tmp_path / "s.wav", parts=("backing", "drums"))
    samples, rate_hz = read_wav(tmp_path / "s.wav")
    expected = render_song(chart, ("backing", "drums"))
    assert rate_hz == 44100 and samples.shape == expected.shape == (info.frames, 2)
    assert np.max(np.abs(samples - expected)) <= 1 / 32767 + 1e-6


def test_a_song_too_long_for_a_wav_is_one_clear_error(tmp_path):
    """2,000 bars of 16 beats at 40 bpm, at half speed: 26.7 hours, past a WAV's 4 GiB."""
    short = generate_chart(seed=1, style="rock", bpm=40, difficulty=1, bars=1)
    meta = dataclasses.replace(short.meta, bars=2000, beats_per_bar=16)
    chart = dataclasses.replace(short, meta=meta, sections=())
    with pytest.raises(AudioExportError, match="too long for a WAV"):
        export_audio(chart, tmp_path / "x.wav", rate=0.5)
    assert list(tmp_path.iterdir()) == []


def test_the_match_music_of_a_long_slow_chart_plays_from_a_file_in_bounded_memory(tmp_path):
    """The game's song audio for 256 bars at 40 bpm: streamed from disk, peak under 300 MB."""
    code = """
        import os, time
        from drumsync.core import generate_chart
        from drumsync.game.match.audio_link import open_song_audio
        chart = generate_chart(seed=2, style="metal", bpm=40, difficulty=5, bars=256)
        audio = open_song_audio(chart, enabled=True)
        assert audio.notice is None, audio.notice
        path = audio.song_buffer.path
        size = os.path.getsize(path)
        audio.start(time.perf_counter())
        for _ in range(40):
            time.sleep(0.01)
            song_s = audio.tick(time.perf_counter())
        audio.close()
        with open("/proc/self/status") as status:  # this process's own high-water mark
            peak_kib = next(l.split()[1] for l in status if l.startswith("VmHWM"))
        print(size, audio.song_buffer.frames, os.path.exists(path), song_s, peak_kib)
    """
    env = {**os.environ, "SDL_AUDIODRIVER": "dummy", "TMPDIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    size, frames, exists, song_s, peak_kib = out.stdout.split()
    assert int(size) == 44 + 4 * int(frames) and exists == "False"
    assert float(song_s) > 0.1  # the song clock ran with the music
    assert int(peak_kib) < 300 * 1024
    assert list(tmp_path.iterdir()) == []
