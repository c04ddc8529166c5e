"""Settings: defaults, round trip, forgiving loading with backups, atomic saving, bindings."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drumsync.core.voices import Player, Voice
from drumsync.storage import paths, toml_write
from drumsync.storage.key_names import BINDABLE_KEYS, normalize_key_name
from drumsync.storage.settings import (
    DEFAULT_KEYS,
    PlayerSettings,
    Settings,
    dumps_settings,
    load_settings,
    save_settings,
)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.toml"


def custom_settings() -> Settings:
    s = Settings()
    s = s.with_binding(Player.P1, Voice.KICK, "space")
    s = s.with_binding(Player.P2, Voice.CRASH, "[0]")
    s = s.with_offsets(Player.P1, audio_offset_ms=42.5, video_offset_ms=-12)
    s = s.with_offsets(Player.P2, audio_offset_ms=-300)
    s = s.with_name(Player.P1, 'Ana "S" \\ Lee')
    s = s.with_name(Player.P2, "Jürgen 🥁")
    return s.replace(
        windows="strict",
        scroll_speed=2.25,
        music_volume=0.0,
        drums_volume=0.35,
        fullscreen=True,
        audio_buffer_frames=256,
    )


def backups(settings_file: Path) -> list[Path]:
    return sorted(settings_file.parent.glob("settings.toml.bak-*"))


# --- defaults and round trip -------------------------------------------------------------


def test_a_missing_file_gives_defaults_silently(settings_file):
    loaded = load_settings(settings_file)
    assert loaded.settings == Settings()
    assert loaded.warnings == []
    assert loaded.backup_path is None
    assert not settings_file.exists()


def test_default_keys_give_each_player_separate_keys():
    s = Settings()
    p1 = set(s.player(Player.P1).keys)
    p2 = set(s.player(Player.P2).keys)
    assert len(p1) == len(p2) == 4 and not p1 & p2
    assert s.key_for(Player.P1, Voice.KICK) == DEFAULT_KEYS[Player.P1][Voice.KICK]
    assert s.key_rows() == (DEFAULT_KEYS[Player.P1], DEFAULT_KEYS[Player.P2])


def test_round_trip(settings_file):
    s = custom_settings()
    save_settings(s, settings_file)
    loaded = load_settings(settings_file)
    assert loaded.warnings == []
    assert loaded.settings == s
    assert loaded.settings.player(Player.P2).name == "Jürgen 🥁"
    assert loaded.settings.windows_preset.name == "strict"


def test_saved_file_is_readable_toml(settings_file):
    save_settings(custom_settings(), settings_file)
    data = tomllib.loads(settings_file.read_text("utf-8"))
    assert data["players"]["p1"]["keys"]["kick"] == "space"
    assert data["volume"] == {"music": 0.0, "drums": 0.35}


def test_default_path_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "cfg"))
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "data"))
    written = save_settings(Settings().replace(scroll_speed=1.5))
    assert written == tmp_path / "cfg" / "settings.toml"
    assert load_settings().settings.scroll_speed == 1.5
    assert paths.scores_path() == tmp_path / "data" / "scores.sqlite3"
    assert paths.replays_dir() == tmp_path / "data" / "replays"


def test_platform_dirs_are_used_without_overrides():
    env: dict[str, str] = {}
    assert paths.config_dir(env).name == "drumsync"
    assert paths.data_dir(env).name == "drumsync"


# --- invalid content ---------------------------------------------------------------------

BAD_VALUES = [
    ("windows", '"loose"', "windows"),
    ("scroll_speed", "9.5", "scroll_speed"),
    ("scroll_speed", '"fast"', "scroll_speed"),
    ("fullscreen", '"yes"', "fullscreen"),
    ("audio_buffer_frames", "300", "audio_buffer_frames"),
    ("audio_buffer_frames", "512.0", "audio_buffer_frames"),
    ("scroll_speed", "nan", "scroll_speed"),
    ("scroll_speed", "true", "scroll_speed"),
]


@pytest.mark.parametrize(("key", "text", "where"), BAD_VALUES)
def test_an_invalid_value_is_reported_once_and_replaced_by_its_default(
    settings_file, key, text, where
):
    save_settings(Settings().replace(music_volume=0.5), settings_file)
    original = settings_file.read_text("utf-8").replace(
        f"{key} = {toml_write.value_text(getattr(Settings(), key))}", f"{key} = {text}"
    )
    assert f"{key} = {text}" in original
    settings_file.write_text(original, "utf-8")
    loaded = load_settings(settings_file)
    problems = [w for w in loaded.warnings if where in w]
    assert len(problems) == 1, loaded.warnings
    assert "using default" in problems[0]
    assert getattr(loaded.settings, key) == getattr(Settings(), key)
    assert loaded.settings.music_volume == 0.5  # the valid values are kept
    assert loaded.backup_path is not None
    assert loaded.backup_path.read_text("utf-8") == original


def test_every_kind_of_problem_in_one_file(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(
        """
windows = "standard"
colour = "blue"
[volume]
music = 1.5
drums = -0.1
[players.p1]
name = ""
audio_offset_ms = 301
video_offset_ms = -20
shoe_size = 44
[players.p1.keys]
kick = "ctrl-alt-delete"
snare = "escape"
hihat = 7
crash = "A"
[players.p2]
name = "this name is far too long"
[players.p2.keys]
kick = "a"
snare = "Left Shift"
[players.p3]
name = "who"
""",
        "utf-8",
    )
    loaded = load_settings(settings_file)
    text = "\n".join(loaded.warnings)
    s = loaded.settings
    for expected in (
        "colour: unknown setting",
        "volume.music",
        "volume.drums",
        "players.p1.name",
        "players.p1.audio_offset_ms",
        "players.p1.shoe_size: unknown setting",
        "players.p1.keys.kick: unknown key name",
        "players.p1.keys.snare: key 'escape' is reserved",
        "players.p1.keys.hihat",
        "players.p2.name",
        "players.p2.keys.kick: key 'a' is already bound to p1 crash",
        "players.p3: unknown setting",
    ):
        assert sum(expected in w for w in loaded.warnings) == 1, (expected, text)
    assert s.music_volume == Settings().music_volume
    assert s.player(Player.P1).video_offset_ms == -20.0
    assert s.player(Player.P1).audio_offset_ms == 0.0
    assert s.key_for(Player.P1, Voice.CRASH) == "a"  # case normalised, no warning
    assert s.key_for(Player.P2, Voice.KICK) == DEFAULT_KEYS[Player.P2][Voice.KICK]
    assert s.key_for(Player.P2, Voice.SNARE) == "left shift"
    assert s.player(Player.P2).name == "Player 2"
    assert all(w.count("\n") == 0 for w in loaded.warnings)
    assert loaded.backup_path is not None


def test_a_binding_that_cannot_take_its_default_resets_all_keys(settings_file):
    # p1 kick takes p1 snare's default; p1 snare duplicates it and its default is taken.
    settings_file.parent.mkdir(parents=True)
    kick, snare = DEFAULT_KEYS[Player.P1][Voice.KICK], DEFAULT_KEYS[Player.P1][Voice.SNARE]
    settings_file.write_text(f'[players.p1.keys]\nkick = "{snare}"\nsnare = "{snare}"\n', "utf-8")
    loaded = load_settings(settings_file)
    assert loaded.settings.key_rows() == Settings().key_rows()
    assert any("already bound to p1 kick" in w for w in loaded.warnings)
    assert any("all default keys" in w for w in loaded.warnings)
    assert kick != snare


def test_a_section_that_is_not_a_table(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('players = "everyone"\nvolume = 3\n', "utf-8")
    loaded = load_settings(settings_file)
    assert loaded.settings == Settings()
    assert sum("expected a table" in w for w in loaded.warnings) == 2


@pytest.mark.parametrize(
    "content",
    [
        b"windows = \n[[[",
        b'windows = "standard"\nwindows = "strict"\n',
        b"\xff\xfe\x00garbage\x80",
        b'name = "caf\xe9"\n',
        b"\x00" * 64,
    ],
)
def test_a_corrupt_file_gives_defaults_one_warning_and_a_backup(settings_file, content):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_bytes(content)
    loaded = load_settings(settings_file)
    assert loaded.settings == Settings()
    assert len([w for w in loaded.warnings if "using all defaults" in w]) == 1
    assert loaded.backup_path is not None
    assert loaded.backup_path.read_bytes() == content
    # Saving now replaces the file; the backup keeps what the user wrote.
    save_settings(loaded.settings, settings_file)
    assert load_settings(settings_file).warnings == []
    assert backups(settings_file) == [loaded.backup_path]
    assert loaded.backup_path.read_bytes() == content


def test_an_unreadable_path_gives_defaults_and_a_warning(settings_file):
    settings_file.mkdir(parents=True)  # a directory where the file should be
    loaded = load_settings(settings_file)
    assert loaded.settings == Settings()
    assert len(loaded.warnings) == 1 and "could not read" in loaded.warnings[0]
    with pytest.raises(OSError):
        save_settings(Settings(), settings_file)
    assert settings_file.is_dir()


def test_backups_are_never_overwritten_and_identical_ones_are_reused(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("scroll_speed = 99\n", "utf-8")
    first = load_settings(settings_file).backup_path
    again = load_settings(settings_file).backup_path
    assert first == again  # same content: no second copy
    settings_file.write_text("scroll_speed = 98\n", "utf-8")
    second = load_settings(settings_file).backup_path
    assert second != first
    assert first.read_text("utf-8") == "scroll_speed = 99\n"
    assert second.read_text("utf-8") == "scroll_speed = 98\n"
    assert backups(settings_file) == sorted([first, second])


def test_saving_over_an_invalid_file_backs_it_up_first(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("fullscreen = 1\n# my notes\n", "utf-8")
    save_settings(Settings(), settings_file)  # without loading first
    (backup,) = backups(settings_file)
    assert backup.read_text("utf-8") == "fullscreen = 1\n# my notes\n"
    save_settings(Settings(), settings_file)
    assert backups(settings_file) == [backup]  # a clean file needs no backup


# --- atomic write ------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(settings_file, monkeypatch):
    old = Settings().replace(scroll_speed=2.0)
    save_settings(old, settings_file)
    before = settings_file.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        save_settings(Settings().replace(scroll_speed=0.5), settings_file)
    monkeypatch.undo()
    assert settings_file.read_bytes() == before
    assert sorted(p.name for p in settings_file.parent.iterdir()) == ["settings.toml"]
    assert load_settings(settings_file).settings == old


def test_a_failed_first_write_leaves_no_file(settings_file, monkeypatch):
    def broken_replace(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_settings(Settings(), settings_file)
    monkeypatch.undo()
    assert list(settings_file.parent.iterdir()) == []


# --- bindings and validation -------------------------------------------------------------


def test_with_binding_refuses_a_key_bound_elsewhere_and_names_it():
    s = Settings()
    taken = s.key_for(Player.P2, Voice.SNARE)
    with pytest.raises(ValueError, match="already bound to p2 snare") as err:
        s.with_binding(Player.P1, Voice.KICK, taken)
    assert repr(taken) in str(err.value)
    assert s.with_binding(Player.P2, Voice.SNARE, taken) == s  # same slot: no change
    moved = s.with_binding(Player.P1, Voice.KICK, "G")
    assert moved.key_for(Player.P1, Voice.KICK) == "g"
    assert moved.binding_of("g") == (Player.P1, Voice.KICK)
    assert moved.binding_of(s.key_for(Player.P1, Voice.KICK)) is None


def test_with_binding_refuses_unknown_and_reserved_keys():
    with pytest.raises(ValueError, match="unknown key name"):
        Settings().with_binding(Player.P1, Voice.KICK, "hyper")
    with pytest.raises(ValueError, match="reserved"):
        Settings().with_binding(Player.P1, Voice.KICK, "F11")


def test_invalid_settings_cannot_be_built():
    with pytest.raises(ValueError, match="outside"):
        Settings().replace(scroll_speed=0.1)
    with pytest.raises(ValueError, match="outside"):
        Settings().with_offsets(Player.P1, audio_offset_ms=400)
    with pytest.raises(ValueError, match="characters"):
        Settings().with_name(Player.P1, " " * 3)
    with pytest.raises(ValueError, match="printable"):
        Settings().with_name(Player.P1, "a\tb")
    with pytest.raises(ValueError, match="bound to both"):
        Settings(players=(PlayerSettings("x", ("a", "a", "b", "c")), Settings().players[1]))
    with pytest.raises(ValueError, match="unknown windows"):
        Settings(windows="loose")


def test_names_are_trimmed():
    assert Settings().with_name(Player.P2, "  Mia  ").player(Player.P2).name == "Mia"


def test_every_bindable_key_is_a_pygame_key_name():
    # In a subprocess: pygame is initialised (dummy drivers) without touching this process.
    pytest.importorskip("pygame")
    code = (
        "import os, sys\n"
        "os.environ['SDL_VIDEODRIVER'] = 'dummy'; os.environ['SDL_AUDIODRIVER'] = 'dummy'\n"
        "os.environ['PYGAME_HIDE_SUPPORT_PROMPT'] = '1'\n"
        "import pygame\n"
        "pygame.display.init()\n"
        "from drumsync.storage.key_names import BINDABLE_KEYS\n"
        "bad = [n for n in BINDABLE_KEYS if pygame.key.name(pygame.key.key_code(n)) != n]\n"
        "print(len(BINDABLE_KEYS), bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"{len(BINDABLE_KEYS)} []"
    for name in BINDABLE_KEYS:
        assert normalize_key_name(name.upper()) == name


# --- the TOML writer ---------------------------------------------------------------------

scalars = (
    st.text(max_size=20).filter(lambda t: not any(0xD800 <= ord(c) <= 0xDFFF for c in t))
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
)
toml_keys = st.text(min_size=1, max_size=10).filter(
    lambda t: not any(0xD800 <= ord(c) <= 0xDFFF for c in t)
)
tables = st.recursive(
    st.dictionaries(toml_keys, scalars | st.lists(scalars, max_size=4), max_size=5),
    lambda children: st.dictionaries(
        toml_keys, children | scalars | st.lists(scalars, max_size=4), max_size=5
    ),
    max_leaves=20,
)


@given(tables)
def test_the_toml_writer_round_trips_through_tomllib(data):
    assert tomllib.loads(toml_write.dumps(data, header="a\nheader")) == data


def test_the_toml_writer_handles_special_floats_and_refuses_other_types():
    text = toml_write.dumps({"a": math.inf, "b": -math.inf, "c": math.nan})
    back = tomllib.loads(text)
    assert back["a"] == math.inf and back["b"] == -math.inf and math.isnan(back["c"])
    with pytest.raises(TypeError):
        toml_write.dumps({"a": object()})
    with pytest.raises(TypeError):
        toml_write.dumps({"a": [{"b": 1}]})
    with pytest.raises(ValueError, match="surrogate"):
        toml_write.dumps({"a": "\ud800"})


def test_the_saved_file_starts_with_a_comment():
    assert dumps_settings(Settings()).startswith("# DrumSync settings.")


# --- drum kits and controllers ----------------------------------------------------------------


def test_device_profiles_round_trip_through_the_file(tmp_path):
    from drumsync.devices import DeviceKind, DeviceProfile

    kit = (
        DeviceProfile(name='TD-17 "MIDI" 1', kind=DeviceKind.MIDI, player=Player.P1)
        .with_changes(threshold=8, debounce_ms=35.0, hihat_pedal=True, offset_ms=-6.5)
        .with_changes(thresholds={"note:42": 30})
        .with_binding("note:60", Voice.CRASH)
        .with_binding("note:38", None)
    )
    pad = DeviceProfile(name="Taiko Drum", kind=DeviceKind.CONTROLLER, player=Player.P2)
    settings = Settings().with_device(kit).with_device(pad)
    path = tmp_path / "settings.toml"
    save_settings(settings, path)
    loaded = load_settings(path)
    assert loaded.warnings == []
    assert loaded.settings.devices == settings.devices
    assert loaded.settings.device("Taiko Drum").preset == "taiko"
    assert (
        settings.with_device(pad.with_changes(offset_ms=9.0)).device("Taiko Drum").offset_ms == 9.0
    )


def test_bad_device_settings_fall_back_and_are_reported(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(
        """
[devices."Kit A"]
kind = "midi"
player = "p7"
preset = "casio"
threshold = 500
debounce_ms = 15.0
colour = "red"
[devices."Kit A".pads]
"note:60" = "cowbell"
"note:61" = "crash"
[devices."Kit A".thresholds]
"note:42" = 0
[devices."Kit B"]
kind = "theremin"
[devices.C]
kind = "keyboard"
""",
        encoding="utf-8",
    )
    loaded = load_settings(path)
    (kit,) = loaded.settings.devices
    assert kit.name == "Kit A" and kit.player is None and kit.preset == "gm"
    assert kit.threshold == 1 and kit.debounce_ms == 15.0
    assert dict(kit.bindings) == {"note:61": Voice.CRASH} and dict(kit.thresholds) == {}
    text = "\n".join(loaded.warnings)
    for part in ("p7", "casio", "500", "colour", "cowbell", "thresholds", "theremin", "keyboard"):
        assert part in text, part
    assert loaded.backup_path is not None  # the file as the user wrote it is kept


def test_a_hihat_pedal_that_is_not_true_or_false_is_refused_by_the_profile(tmp_path):
    from drumsync.devices import DeviceKind, DeviceProfile

    with pytest.raises(ValueError, match="true or false"):
        DeviceProfile(name="Kit", kind=DeviceKind.MIDI, hihat_pedal="yes")
    path = tmp_path / "settings.toml"
    path.write_text('[devices.Kit]\nkind = "midi"\nhihat_pedal = "yes"\n', encoding="utf-8")
    loaded = load_settings(path)
    (kit,) = loaded.settings.devices
    assert kit.hihat_pedal is False
    assert any("hihat_pedal: expected true or false" in w for w in loaded.warnings)
