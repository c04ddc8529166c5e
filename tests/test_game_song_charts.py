"""Free play makes a chart for a library song that has none: the audio file is listed,
Enter analyses it in the background with a progress bar, and the chart made plays."""

from __future__ import annotations

import time

import numpy as np
import pygame
import pytest
from game_support import dummy_screen, menu_context

from drumsync.audio.wav import write_wav
from drumsync.bench.beat_songs import band_song
from drumsync.core import load_chart
from drumsync.game.match.song_library import SongLibrary
from drumsync.game.screens.free_play.scene import SETTLE_S, FreePlayScene
from drumsync.storage import paths
from drumsync.storage.library import LibraryIndex
from drumsync.storage.library_scan import library_folders, scan_library


@pytest.fixture(scope="module")
def screen():
    with dummy_screen() as surface:
        yield surface


@pytest.fixture
def song_folder(data_dir):
    folder = paths.songs_dir()
    folder.mkdir(parents=True)
    song = band_song(6, "dance-pop", 128.0, 16)
    write_wav(folder / "groove.wav", np.repeat(song.samples[:, None], 2, axis=1), song.rate_hz)
    (folder / "hum.ogg").write_bytes(b"not audio at all")
    return folder


def key(scene, code, unicode=""):
    now = scene.ctx.timer.now()
    scene.handle(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=unicode), now)


def settle(scene):
    scene.ctx.timer.advance(SETTLE_S + 0.05)
    scene.update(scene.ctx.timer.now())


def wait(scene, condition, limit_s=60.0):
    deadline = time.monotonic() + limit_s
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
        settle(scene)
    settle(scene)


def test_audio_files_are_songs_without_a_chart(song_folder):
    (song_folder / "beside.tja").write_text("TITLE:x\n")
    (song_folder / "beside.ogg").write_bytes(b"")
    index = LibraryIndex()
    scan_library(index, library_folders())
    entries = {e.path.rsplit("/", 1)[-1]: e for e in index.entries()}
    assert entries["groove.wav"].needs_chart
    assert entries["groove.wav"].tempo_text == "no chart yet"
    assert "beside.ogg" not in entries  # the TJA's own song, not a song without a chart
    assert {n for n, e in entries.items() if e.needs_chart} == {"groove.wav", "hum.ogg"}


@pytest.fixture
def songs_scene(song_folder):
    """Free play on its Songs side, the scan done; ``started`` collects what Enter plays."""
    started: list[str] = []
    library = SongLibrary()
    scene = FreePlayScene(
        menu_context(50.0), "duet", on_start=lambda a: None, on_back=lambda: None,
        library=library, on_song=started.append,
    )  # fmt: skip
    scene.enter()
    key(scene, pygame.K_TAB)
    wait(scene, lambda: not library.scanning)
    yield scene, started
    library.close()


def choose(scene, name: str) -> None:
    for char in name:
        key(scene, 0, char)
    settle(scene)


def make_chart(scene) -> None:
    key(scene, pygame.K_RETURN)
    assert scene.songs.making
    wait(scene, lambda: not scene.songs.making)
    settle(scene)


def test_free_play_makes_a_chart_for_a_song_and_plays_it(songs_scene, screen):
    scene, started = songs_scene
    choose(scene, "groove")
    assert scene.chart is None and "no chart yet" in scene.error
    assert "make a chart" in scene._row_hint()
    key(scene, pygame.K_RETURN)  # make one
    assert scene.songs.making and started == []
    scene.draw(screen)  # the progress bar
    wait(scene, lambda: not scene.songs.making)
    settle(scene)
    assert scene.chart is not None, scene.error
    assert scene.chart.audio_file is not None and scene.chart.audio_file.endswith("groove.wav")
    assert "Chart made" in scene.status.text
    scene.draw(screen)
    key(scene, pygame.K_RETURN)  # play it
    assert len(started) == 1 and started[0].endswith(".json")
    chart = load_chart(started[0])
    assert chart.meta.bpm == pytest.approx(128.0, rel=0.02)
    assert chart.meta.style == scene.generator_args()["style"]


def test_the_player_moves_the_downbeat_and_taps_the_tempo(songs_scene):
    scene, _ = songs_scene
    choose(scene, "groove")
    make_chart(scene)
    first_s = float(scene.chart.beat_to_time(0) - scene.chart.tempo_map.audio_offset_s)
    assert "Left/Right" in scene._row_hint()
    key(scene, pygame.K_RIGHT)  # the first downbeat one beat later
    wait(scene, lambda: not scene.songs.making)
    settle(scene)
    moved_s = float(scene.chart.beat_to_time(0) - scene.chart.tempo_map.audio_offset_s)
    assert moved_s - first_s == pytest.approx(60.0 / 128.0, abs=0.02)
    # five taps at half the song's tempo: the chart follows the tapped level
    for _ in range(5):
        now = scene.ctx.timer.now()
        scene.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F7, mod=0, unicode=""), now)
        scene.ctx.timer.advance(60.0 / 64.0)
    assert scene.songs.making and "64 BPM" in scene.status.text
    wait(scene, lambda: not scene.songs.making)
    settle(scene)
    assert scene.chart.meta.bpm == pytest.approx(64.0, rel=0.02)


def test_a_song_that_cannot_be_read_says_why(songs_scene, screen):
    scene, _ = songs_scene
    choose(scene, "hum")
    key(scene, pygame.K_RETURN)
    wait(scene, lambda: not scene.songs.making)
    assert scene.chart is None
    assert "No chart" in scene.status.text and "hum.ogg" in scene.status.text
    scene.draw(screen)
