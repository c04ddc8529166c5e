"""A song's own audio is never held whole: decoded, stretched, mixed and analysed a block at a
time, from files on disk, with a cache bounded by bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import wave

import numpy as np
import pytest
from song_files import pygame_data

from drumsync.analysis.mono_stream import analysis_signal
from drumsync.analysis.spectrum import reduce_rate, to_mono
from drumsync.audio import song_decode, song_file
from drumsync.audio.pcm_file import PcmFile
from drumsync.audio.resample import Resampler, resample
from drumsync.audio.song import SongStream
from drumsync.audio.stretch import stretch_blocks, time_stretch
from drumsync.core.importers import import_song

RATE_HZ = 44100


def write_wav(path, seconds: float, rate_hz: int = RATE_HZ, channels: int = 2, freq=440.0):
    """A 16-bit WAV of a tone, written a second at a time."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate_hz)
        second = np.sin(2 * np.pi * freq * np.arange(rate_hz) / rate_hz) * 0.5
        pcm = np.repeat((second * 32767).astype("<i2")[:, None], channels, axis=1).tobytes()
        for _ in range(int(seconds)):
            out.writeframes(pcm)
    return path


def song_chart(folder, audio_name: str, seconds: float):
    bars = int(seconds / 2)  # 4/4 at 120 bpm: 2 s a bar
    chart = folder / "song.tja"
    chart.write_text(
        f"TITLE:Long\nBPM:120\nOFFSET:0\nWAVE:{audio_name}\n#START\n" + "1010,\n" * bars + "#END\n"
    )
    return import_song(chart)[0]


def test_decoding_writes_bounded_blocks_to_disk(tmp_path, monkeypatch):
    path = write_wav(tmp_path / "tone.wav", 20, rate_hz=48000)  # resampled to 44.1 kHz
    written: list[int] = []
    real_write = PcmFile.write
    monkeypatch.setattr(
        PcmFile, "write", lambda self, b: (written.append(len(b)), real_write(self, b))
    )
    pcm = song_file.song_pcm(path)
    assert isinstance(pcm, PcmFile) and pcm.path.is_file() and pcm.dtype == np.dtype("<i2")
    assert pcm.frames == round(20 * 48000 * RATE_HZ / 48000)
    assert len(written) > 10 and max(written) <= song_decode.BLOCK_FRAMES
    assert pcm.nbytes == pcm.frames * 4  # 16-bit stereo on disk, nothing in memory
    block = pcm.read(RATE_HZ, 4096)
    spectrum = np.abs(np.fft.rfft(block[:, 0] * np.hanning(len(block))))
    assert abs(np.argmax(spectrum) * RATE_HZ / len(block) - 440.0) < 11  # 440 Hz stays 440 Hz


def test_song_stream_reads_the_song_a_block_at_a_time(tmp_path, monkeypatch):
    write_wav(tmp_path / "tone.wav", 30)
    chart = song_chart(tmp_path, "tone.wav", 30)
    reads: list[int] = []
    real_read = PcmFile.read
    monkeypatch.setattr(
        PcmFile, "read", lambda self, s, n: (reads.append(n), real_read(self, s, n))[1]
    )
    stream = SongStream(chart, ("backing", "count-in"), block_frames=8192)
    blocks = list(stream.blocks())
    assert sum(len(b) for b in blocks) == stream.frames
    assert len(reads) > 100 and max(reads) <= 8192


def test_stretch_streams_and_matches_the_whole_song():
    rng = np.random.default_rng(3)
    audio = (rng.standard_normal((200_000, 2)) * 0.2).astype(np.float32)
    spans: list[int] = []

    def read(start, count):
        spans.append(count)
        out = np.zeros((count, 2), np.float32)
        lo, hi = max(0, start), min(len(audio), start + count)
        out[lo - start : hi - start] = audio[lo:hi]
        return out

    blocks = list(stretch_blocks(read, len(audio), 2, 0.5))
    assert np.array_equal(np.concatenate(blocks), time_stretch(audio, 0.5))
    assert max(spans) < 256 * 512 + 2048 and max(len(b) for b in blocks) <= 260 * 512


def test_practice_stretch_is_kept_on_disk(tmp_path):
    shutil.copy(pygame_data("house_lo.ogg"), tmp_path / "house_lo.ogg")
    from drumsync.audio.song_track import song_audio_at_rate

    slow = song_audio_at_rate(str(tmp_path / "house_lo.ogg"), 0.5)
    whole = song_file.decode_song_audio(tmp_path / "house_lo.ogg")
    assert isinstance(slow, PcmFile) and slow.dtype == np.dtype("<f4")
    assert np.array_equal(slow.read(0, slow.frames), time_stretch(whole, 0.5))


@pytest.mark.parametrize(("from_hz", "to_hz"), [(48000, 44100), (11025, 44100), (96000, 44100)])
def test_resampling_keeps_pitch_and_does_not_depend_on_blocks(from_hz, to_hz):
    tone = np.sin(2 * np.pi * 1000.0 * np.arange(from_hz) / from_hz).astype(np.float32)
    audio = np.stack([tone, tone * 0.5], axis=1)
    whole = resample(audio, from_hz, to_hz)
    assert len(whole) == to_hz
    expected = np.sin(2 * np.pi * 1000.0 * np.arange(to_hz) / to_hz)
    assert np.max(np.abs(whole[200:-200, 0] - expected[200:-200])) < 1e-3
    resampler = Resampler(from_hz, to_hz)
    parts = [p for s in range(0, from_hz, 3001) for p in resampler.feed(audio[s : s + 3001])]
    assert np.array_equal(np.concatenate([*parts, *resampler.finish()]), whole)


def test_downsampling_does_not_alias():
    tone = np.sin(2 * np.pi * 23_000.0 * np.arange(48000) / 48000).astype(np.float32)
    out = resample(tone[:, None], 48000, 44100)  # 23 kHz cannot exist at 44.1 kHz
    assert np.sqrt(np.mean(out[1000:-1000] ** 2)) < 0.1 * np.sqrt(0.5)


@pytest.mark.parametrize(("rate_hz", "block"), [(44100, 4097), (44100, 65536), (88200, 999)])
def test_analysis_signal_is_the_whole_songs(rate_hz, block):
    rng = np.random.default_rng(5)
    song = rng.standard_normal((100_001, 2)).astype(np.float32)
    blocks = (song[s : s + block] for s in range(0, len(song), block))
    mono, rate = analysis_signal(blocks, len(song), rate_hz)
    expected, expected_rate = reduce_rate(to_mono(song), rate_hz)
    assert rate == expected_rate and np.array_equal(mono, expected)


def test_cache_is_bounded_by_bytes(tmp_path, monkeypatch):
    song_file.clear_cache()
    first = song_file.song_pcm(write_wav(tmp_path / "a.wav", 3))
    path = first.path
    monkeypatch.setattr(song_file, "CACHE_BYTES", first.nbytes + 1000)
    del first
    song_file.song_pcm(write_wav(tmp_path / "b.wav", 3))
    assert song_file.cache_bytes() <= song_file.CACHE_BYTES
    assert not path.exists()  # dropped, and nothing reads it: removed from disk
    song_file.clear_cache()


def test_long_wavpack_is_refused_from_its_header(tmp_path):
    data = bytearray(pygame_data("house_lo.wv").read_bytes())
    assert song_decode.wavpack_length_s(pygame_data("house_lo.wv")) == pytest.approx(7.1, abs=0.2)
    data[12:16] = (44100 * 60 * 16).to_bytes(4, "little")  # 16 minutes at 44.1 kHz...
    data[24:28] = (int.from_bytes(data[24:28], "little") & ~(0xF << 23) | 9 << 23).to_bytes(
        4, "little"
    )
    (tmp_path / "long.wv").write_bytes(bytes(data))
    with pytest.raises(song_decode.SongAudioError, match="WavPack audio is played up to 15"):
        song_file.song_pcm(tmp_path / "long.wv")


def test_analysis_refuses_a_long_song_before_decoding(tmp_path, monkeypatch):
    from drumsync.songmaker import make

    path = write_wav(tmp_path / "long.wav", 21 * 60, rate_hz=8000, channels=1)
    monkeypatch.setattr(song_file, "song_pcm", lambda *a: pytest.fail("decoded"))
    with pytest.raises(make.SongChartError, match="longer than 20 minutes"):
        make.analyse_song(path, None)


_PEAK = """
    import sys
    from drumsync.core.importers import import_song
    from drumsync.audio.export import export_audio
    chart = import_song(sys.argv[1])[0]
    export_audio(chart, sys.argv[2], parts=("backing", "click", "drums"), rate=float(sys.argv[3]))
    with open("/proc/self/status") as status:
        print(next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) // 1024)
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads /proc")
@pytest.mark.parametrize(("seconds", "rate"), [(600, "1.0"), (120, "0.5")])
def test_a_long_song_exports_in_bounded_memory(tmp_path, seconds, rate):
    """Held whole, ten minutes of song peaked at 460 MB in export and two minutes slowed to
    50 % at over 600 MB; block by block both stay near the interpreter's own memory."""
    write_wav(tmp_path / "song.wav", seconds)
    song_chart(tmp_path, "song.wav", seconds)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_PEAK), str(tmp_path / "song.tja"),
         str(tmp_path / "out.wav"), rate],
        capture_output=True, text=True, timeout=600, check=True,
        env={**os.environ, "SDL_AUDIODRIVER": "dummy", "TMPDIR": str(tmp_path)},
    )  # fmt: skip
    assert int(done.stdout.split()[-1]) < 200, done.stdout


def test_a_full_temporary_disk_is_one_line(tmp_path, monkeypatch):
    import errno

    def full(self, block):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    song_file.clear_cache()
    monkeypatch.setattr(PcmFile, "write", full)
    with pytest.raises(song_decode.SongAudioError, match="no room to decode the audio"):
        song_file.song_pcm(write_wav(tmp_path / "a.wav", 2))
    assert not [p for p in os.listdir(tempfile.gettempdir()) if f".{os.getpid()}-" in p
                and p.startswith(".song.pcm")]  # fmt: skip
