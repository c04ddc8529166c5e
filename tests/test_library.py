"""The song library: scanning the song folders into the SQLite index (rescans import only
what changed, unreadable files keep their reason), the command line, and free play's songs
list under the dummy video driver (the scan in the background, filter by typing, Enter
plays)."""

from __future__ import annotations

import json
import os
import shutil
import time

import pygame
import pytest
from game_support import dummy_screen, menu_context
from song_files import SONGS

from drumsync.cli import main
from drumsync.game.match.song_library import SongLibrary
from drumsync.game.screens.free_play.scene import SETTLE_S, FreePlayScene
from drumsync.storage import paths
from drumsync.storage.library import LibraryIndex
from drumsync.storage.library_scan import library_folders, scan_library


@pytest.fixture
def song_folder(data_dir):
    folder = paths.songs_dir()
    folder.mkdir(parents=True)
    for name in ("branches.tja", "taiko.osu", "pro_drums.chart", "double.tja"):
        shutil.copy(SONGS / name, folder / name)
    (folder / "broken.osu").write_text("osu file format v14\n[General]\nMode: 3\n")
    return folder


def test_scan_indexes_songs_and_reasons(song_folder):
    index = LibraryIndex()
    result = scan_library(index, library_folders())
    assert (result.files, result.imported, result.unreadable) == (5, 4, 1)
    entries = {os.path.basename(e.path): e for e in index.entries()}
    osu = entries["taiko.osu"]
    assert (osu.title, osu.artist, osu.source_format) == ("Taiko Test", "DrumSync", "osu!taiko")
    assert (osu.bpm_min, osu.bpm_max, osu.tempo_text) == (120.0, 240.0, "120-240 BPM")
    assert "Mode 3 (osu!mania) is not taiko" in entries["broken.osu"].error
    assert index.entries()[-1].path.endswith("broken.osu")  # unreadable ones last
    again = scan_library(index, library_folders())
    assert (again.imported, again.unchanged) == (0, 5)
    (song_folder / "double.tja").unlink()
    shutil.copy(SONGS / "taiko.osu", song_folder / "copy.osu")
    third = scan_library(index, library_folders())
    assert (third.imported, third.removed) == (1, 1)
    index.close()


def test_a_damaged_index_is_set_aside_and_rebuilt(song_folder):
    paths.library_path().write_bytes(b"this is not sqlite" * 100)
    index = LibraryIndex()
    assert index.warnings and "kept as library.sqlite3.corrupt-1" in index.warnings[0]
    assert scan_library(index, library_folders()).imported == 4
    index.close()


def test_library_command(song_folder, capsys):
    assert main(["library"]) == 0
    assert "no songs in the library (run 'drumsync library --scan')" in capsys.readouterr().out
    assert main(["library", "--scan"]) == 0
    out = capsys.readouterr().out
    assert "scanned 5 files: 4 imported, 0 unchanged, 0 removed, 1 unreadable" in out
    assert main(["library", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 5 and sum(1 for e in listed if e["error"]) == 1


def test_extra_folders_from_the_settings(song_folder, tmp_path):
    extra = tmp_path / "more songs"
    extra.mkdir()
    shutil.copy(SONGS / "taiko.osu", extra / "other.osu")
    assert library_folders([str(extra)])[1] == extra
    index = LibraryIndex()
    assert scan_library(index, library_folders([str(extra)])).files == 6
    index.close()


@pytest.fixture(scope="module")
def screen():
    with dummy_screen() as surface:
        yield surface


def key(scene, code, unicode=""):
    now = scene.ctx.timer.now()
    scene.handle(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=unicode), now)


def wait_for_scan(scene, library):
    deadline = time.monotonic() + 30
    while library.scanning and time.monotonic() < deadline:
        time.sleep(0.02)
    scene.ctx.timer.advance(SETTLE_S + 0.6)
    scene.update(scene.ctx.timer.now())
    scene.ctx.timer.advance(SETTLE_S + 0.05)
    scene.update(scene.ctx.timer.now())


def test_free_play_lists_filters_and_plays_songs(song_folder, screen):
    started, practised = [], []
    library = SongLibrary()
    scene = FreePlayScene(
        menu_context(50.0), "duet", on_start=lambda a: None, on_back=lambda: None,
        library=library, on_song=started.append, on_practice=practised.append,
    )  # fmt: skip
    scene.enter()
    key(scene, pygame.K_TAB)
    assert scene.view == "songs" and library.scan is not None
    wait_for_scan(scene, library)
    shown = scene.songs.list.shown
    assert len(shown) == 5 and not shown[-1].readable
    assert scene.songs.list.count_text() == "4 of 4 songs"  # the unreadable file is no song
    for char in "taiko":
        key(scene, 0, char)
    assert [e.title for e in scene.songs.list.shown] == ["Taiko Test"]
    assert scene.songs.list.count_text() == "1 of 4 songs"
    scene.ctx.timer.advance(SETTLE_S + 0.05)
    scene.update(scene.ctx.timer.now())
    assert scene.chart is not None and scene.chart.meta.title == "Taiko Test"
    scene.draw(screen)
    key(scene, pygame.K_RETURN)
    assert started == [str(song_folder / "taiko.osu")]
    key(scene, pygame.K_F6)
    assert practised == started
    key(scene, pygame.K_ESCAPE)  # clears the filter first
    assert scene.songs.list.filter == "" and len(scene.songs.list.shown) == 5
    key(scene, pygame.K_TAB)
    assert scene.view == "generate"
    library.close()


def test_a_scan_with_worker_processes_gives_the_same_index(song_folder, monkeypatch, tmp_path):
    import drumsync.storage.library_scan as library_scan

    one = LibraryIndex(tmp_path / "one.sqlite3")
    scan_library(one, library_folders())
    monkeypatch.setattr(library_scan, "MIN_JOBS_FOR_POOL", 2)
    two = LibraryIndex(tmp_path / "two.sqlite3")
    result = scan_library(two, library_folders(), workers=2)
    assert (result.imported, result.unreadable) == (4, 1) and one.entries() == two.entries()
    one.close()
    two.close()


def test_an_empty_library_says_where_the_songs_go(data_dir, screen):
    """A new player with no songs is told which folder to put them in (the list used to
    say only "the songs folder")."""
    library = SongLibrary()
    scene = FreePlayScene(
        menu_context(50.0), "duet", on_start=lambda a: None, on_back=lambda: None,
        library=library, on_song=lambda path: None, on_practice=lambda path: None,
    )  # fmt: skip
    scene.enter()
    key(scene, pygame.K_TAB)
    wait_for_scan(scene, library)
    assert scene.songs.list.shown == []
    assert scene.songs.empty_lines() == [
        "no songs yet: put .tja .osu .mid .chart files in",
        str(paths.songs_dir()),
    ]
    scene.draw(screen)
    for char in "zz":
        key(scene, 0, char)
    assert scene.songs.empty_lines() == ["no songs match the filter"]
    library.close()
