"""The player's settings: a validated value, saved as TOML, loaded forgivingly.

Loading never stops the game: a missing file gives the defaults; every invalid value (wrong
type, out of range, unknown key name, a key bound twice) is reported once and replaced by its
default; unknown settings are reported and ignored; an unreadable file gives all defaults and
one warning. Whenever something was wrong, the original file is first copied to
``settings.toml.bak-<n>`` (an earlier backup is never overwritten; an identical one is reused)
so nothing the user wrote is lost when the game later saves. Saving is atomic.

Player names are remembered here (``players.p1.name``), chosen at the start of a match.

File layout::

    windows = "standard"
    scroll_speed = 1.0
    fullscreen = false
    audio_buffer_frames = 512

    [volume]
    music = 0.8
    drums = 1.0

    [library]
    folders = []          # song folders scanned besides the data folder's "songs"

    [players.p1]
    name = "Player 1"
    audio_offset_ms = 0.0
    video_offset_ms = 0.0

    [players.p1.keys]
    kick = "f"
    ...

    [devices."TD-17 MIDI 1"]   # drum kits and controllers: see device_settings.py
    player = "p1"
    ...
"""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.atomic_file import atomic_write
from ..core.user_file import read_user_file, reason_of
from ..core.voices import PLAYERS, Player, Voice
from ..core.windows import DEFAULT_WINDOWS, WINDOW_PRESETS, Windows
from ..devices import DeviceProfile
from . import paths, toml_write
from .device_settings import devices_from_toml, devices_to_toml
from .key_names import normalize_key_name

OFFSET_RANGE_MS = (-300.0, 300.0)
SCROLL_SPEED_RANGE = (0.5, 3.0)
VOLUME_RANGE = (0.0, 1.0)
AUDIO_BUFFER_CHOICES = (256, 512)
NAME_MAX_CHARS = 16
BACKUP_TAG = "bak"
#: Settings are a few hundred bytes; a bigger file is not read (nor hangs, nor fills memory).
MAX_SETTINGS_BYTES = 1024 * 1024

#: Default keys, indexed by voice (kick, snare, hihat, crash). Each player a separate half
#: of the home row, mirrored, kicks on the F and J bumps (the game's default bindings are these).
DEFAULT_KEYS: dict[Player, tuple[str, ...]] = {
    Player.P1: ("f", "s", "d", "a"),
    Player.P2: ("j", "l", "k", ";"),
}
DEFAULT_NAMES = {Player.P1: "Player 1", Player.P2: "Player 2"}

_HEADER = "DrumSync settings. Edit while the game is closed; invalid values fall back to defaults."


# --- value checks: each returns the normalised value or raises ValueError(reason) ------------


def _number(low: float, high: float) -> Callable[[object], float]:
    def check(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number, got {_type_name(value)}")
        try:
            number = float(value)  # OverflowError for an integer of hundreds of digits
        except OverflowError:
            number = math.inf
        if not math.isfinite(number) or not low <= number <= high:
            raise ValueError(f"{_shown(value)} is outside {low:g}..{high:g}")
        return number

    return check


def _choice(options: tuple, kind: str) -> Callable[[object], object]:
    def check(value: object) -> object:
        if isinstance(value, bool) or value not in options:
            known = ", ".join(repr(o) for o in options)
            raise ValueError(f"unknown {kind} {_shown(value)} (known: {known})")
        return value

    return check


MAX_SONG_FOLDERS = 32


def _folders(value: object) -> tuple[str, ...]:
    """Extra song folders: a list of up to 32 non-empty paths."""
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected a list of folders, got {_type_name(value)}")
    if len(value) > MAX_SONG_FOLDERS:
        raise ValueError(f"at most {MAX_SONG_FOLDERS} folders")
    folders = []
    for item in value:
        if not isinstance(item, str) or not item.strip() or "\0" in item:
            raise ValueError(f"a folder is a path as text, got {item!r}"[:120])
        folders.append(item.strip())
    return tuple(folders)


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {_type_name(value)}")
    return value


def player_name(value: object) -> str:
    """A player name with blanks trimmed: 1..16 printable characters; ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"a name is text, got {_type_name(value)}")
    name = value.strip()
    if not 1 <= len(name) <= NAME_MAX_CHARS:
        raise ValueError(f"a name has 1..{NAME_MAX_CHARS} characters, got {len(name)}")
    if not name.isprintable():
        raise ValueError("a name may only hold printable characters")
    return name


_offset = _number(*OFFSET_RANGE_MS)
_scroll_speed = _number(*SCROLL_SPEED_RANGE)
_volume = _number(*VOLUME_RANGE)
_windows = _choice(tuple(WINDOW_PRESETS), "windows preset")
_audio_buffer_choice = _choice(AUDIO_BUFFER_CHOICES, "audio buffer size")


def _audio_buffer(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number of frames, got {_type_name(value)}")
    return int(_audio_buffer_choice(value))


def _shown(value: object) -> str:
    """A short repr for warnings (an integer of thousands of digits cannot even be printed)."""
    if isinstance(value, int) and not -(10**30) < value < 10**30:
        return "a huge number"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: object) -> str:
    return {bool: "a boolean", str: "text", dict: "a table", list: "a list"}.get(
        type(value), type(value).__name__
    )


# --- the values ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlayerSettings:
    """One player's name, offsets (ms, positive = their hits/eyes are late) and keys by voice."""

    name: str
    keys: tuple[str, ...]
    audio_offset_ms: float = 0.0
    video_offset_ms: float = 0.0

    def __post_init__(self) -> None:
        keys = tuple(self.keys)
        if len(keys) != len(Voice):
            raise ValueError(f"a player needs {len(Voice)} keys (one per voice), got {len(keys)}")
        object.__setattr__(self, "name", player_name(self.name))
        object.__setattr__(self, "keys", tuple(normalize_key_name(k) for k in keys))
        object.__setattr__(self, "audio_offset_ms", _offset(self.audio_offset_ms))
        object.__setattr__(self, "video_offset_ms", _offset(self.video_offset_ms))

    def key_for(self, voice: Voice) -> str:
        return self.keys[int(voice)]

    @classmethod
    def default(cls, player: Player) -> PlayerSettings:
        return cls(name=DEFAULT_NAMES[player], keys=DEFAULT_KEYS[player])


def _default_players() -> tuple[PlayerSettings, PlayerSettings]:
    return (PlayerSettings.default(Player.P1), PlayerSettings.default(Player.P2))


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the player can set. Constructing one validates it (ValueError otherwise)."""

    players: tuple[PlayerSettings, PlayerSettings] = dataclasses.field(
        default_factory=_default_players
    )
    windows: str = DEFAULT_WINDOWS
    scroll_speed: float = 1.0
    music_volume: float = 0.8
    drums_volume: float = 1.0
    fullscreen: bool = False
    audio_buffer_frames: int = 512
    #: Drum kits and controllers, by device name (the keyboard is set up in ``players``).
    devices: tuple[DeviceProfile, ...] = ()
    song_folders: tuple[str, ...] = ()
    #: The how-to-play card was read (Enter) once: it is no longer shown before a match.
    how_to_play_seen: bool = False

    def __post_init__(self) -> None:
        devices = tuple(self.devices)
        if not all(isinstance(d, DeviceProfile) for d in devices):
            raise ValueError("devices must be DeviceProfile values")
        if len({d.name for d in devices}) != len(devices):
            raise ValueError("a device is listed twice")
        object.__setattr__(self, "devices", devices)
        players = tuple(self.players)
        if len(players) != len(PLAYERS) or not all(isinstance(p, PlayerSettings) for p in players):
            raise ValueError("settings need one PlayerSettings per player")
        object.__setattr__(self, "players", players)
        _windows(self.windows)
        object.__setattr__(self, "scroll_speed", _scroll_speed(self.scroll_speed))
        object.__setattr__(self, "music_volume", _volume(self.music_volume))
        object.__setattr__(self, "drums_volume", _volume(self.drums_volume))
        _boolean(self.fullscreen)
        _audio_buffer(self.audio_buffer_frames)
        object.__setattr__(self, "song_folders", _folders(list(self.song_folders)))
        _boolean(self.how_to_play_seen)
        seen: dict[str, tuple[Player, Voice]] = {}
        for player, voice, name in self.bindings():
            if name in seen:
                raise ValueError(
                    f"key {name!r} is bound to both {_slot(*seen[name])} and {_slot(player, voice)}"
                )
            seen[name] = (player, voice)

    # reading

    def player(self, player: Player) -> PlayerSettings:
        return self.players[int(player)]

    def key_for(self, player: Player, voice: Voice) -> str:
        return self.players[int(player)].keys[int(voice)]

    def bindings(self) -> Iterator[tuple[Player, Voice, str]]:
        """Every (player, voice, key name), P1 first, voices in enum order."""
        for player in PLAYERS:
            for voice in Voice:
                yield player, voice, self.key_for(player, voice)

    def key_rows(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Key names as ``rows[player][voice]`` (the shape of ``game.keys.Bindings.keys``)."""
        return (self.players[0].keys, self.players[1].keys)

    def binding_of(self, key_name: str) -> tuple[Player, Voice] | None:
        """Which (player, voice) a key is bound to, or None."""
        name = normalize_key_name(key_name)
        for player, voice, bound in self.bindings():
            if bound == name:
                return player, voice
        return None

    @property
    def windows_preset(self) -> Windows:
        return WINDOW_PRESETS[self.windows]

    # changing (each returns a new, validated Settings)

    def with_binding(self, player: Player, voice: Voice, key_name: str) -> Settings:
        """Bind a key; ValueError naming the other binding if the key is already taken."""
        name = normalize_key_name(key_name)
        other = self.binding_of(name)
        if other is not None and other != (player, voice):
            raise ValueError(f"key {name!r} is already bound to {_slot(*other)}")
        keys = list(self.player(player).keys)
        keys[int(voice)] = name
        return self.with_player(player, keys=tuple(keys))

    def with_player(self, player: Player, **changes) -> Settings:
        """A copy with fields of one player's settings changed (name, keys, offsets)."""
        players = list(self.players)
        players[int(player)] = dataclasses.replace(players[int(player)], **changes)
        return dataclasses.replace(self, players=tuple(players))

    def with_offsets(
        self,
        player: Player,
        audio_offset_ms: float | None = None,
        video_offset_ms: float | None = None,
    ) -> Settings:
        """A copy with one player's calibrated offsets (None keeps the current value)."""
        changes = {}
        if audio_offset_ms is not None:
            changes["audio_offset_ms"] = audio_offset_ms
        if video_offset_ms is not None:
            changes["video_offset_ms"] = video_offset_ms
        return self.with_player(player, **changes)

    def device(self, name: str) -> DeviceProfile | None:
        return next((d for d in self.devices if d.name == name), None)

    def with_device(self, profile: DeviceProfile) -> Settings:
        """A copy with ``profile`` stored under its device name (replacing the old one)."""
        others = tuple(d for d in self.devices if d.name != profile.name)
        return dataclasses.replace(self, devices=(*others, profile))

    def with_name(self, player: Player, name: str) -> Settings:
        return self.with_player(player, name=name)

    def replace(self, **changes) -> Settings:
        """A copy with top-level fields changed (``windows``, ``scroll_speed``, ...)."""
        return dataclasses.replace(self, **changes)


def _slot(player: Player, voice: Voice) -> str:
    return f"{player.label} {voice.label}"


# --- TOML mapping ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    path: tuple[str, ...]
    check: Callable[[object], object]
    get: Callable[[Settings], object]


def _player_fields(player: Player) -> list[_Field]:
    i, base = int(player), ("players", player.label)
    return [
        _Field((*base, "name"), player_name, lambda s: s.players[i].name),
        _Field((*base, "audio_offset_ms"), _offset, lambda s: s.players[i].audio_offset_ms),
        _Field((*base, "video_offset_ms"), _offset, lambda s: s.players[i].video_offset_ms),
    ]


_FIELDS: list[_Field] = [
    _Field(("windows",), _windows, lambda s: s.windows),
    _Field(("scroll_speed",), _scroll_speed, lambda s: s.scroll_speed),
    _Field(("fullscreen",), _boolean, lambda s: s.fullscreen),
    _Field(("audio_buffer_frames",), _audio_buffer, lambda s: s.audio_buffer_frames),
    _Field(("how_to_play_seen",), _boolean, lambda s: s.how_to_play_seen),
    _Field(("volume", "music"), _volume, lambda s: s.music_volume),
    _Field(("volume", "drums"), _volume, lambda s: s.drums_volume),
    _Field(("library", "folders"), _folders, lambda s: list(s.song_folders)),
    *_player_fields(Player.P1),
    *_player_fields(Player.P2),
]


def _key_path(player: Player, voice: Voice) -> tuple[str, ...]:
    return ("players", player.label, "keys", voice.label)


def to_toml_data(settings: Settings) -> dict:
    """The nested dict written to ``settings.toml``."""
    data: dict = {}
    for field in _FIELDS:
        _put(data, field.path, field.get(settings))
    for player, voice, name in settings.bindings():
        _put(data, _key_path(player, voice), name)
    if settings.devices:
        data["devices"] = devices_to_toml(settings.devices)
    return data


def dumps_settings(settings: Settings) -> str:
    return toml_write.dumps(to_toml_data(settings), header=_HEADER)


def from_toml_data(data: dict) -> tuple[Settings, list[str]]:
    """Settings from parsed TOML, each invalid or unknown entry replaced and reported."""
    warnings: list[str] = []
    defaults = Settings()
    schema = to_toml_data(defaults)
    data = dict(data)
    devices = devices_from_toml(data.pop("devices"), warnings) if "devices" in data else ()
    _report_unknown(data, schema, (), warnings)
    values = {}
    for field in _FIELDS:
        raw = _lookup(data, field.path)
        default = field.get(defaults)
        values[field.path] = default
        if raw is _MISSING:
            continue
        try:
            values[field.path] = field.check(raw)
        except ValueError as exc:
            warnings.append(f"{_dotted(field.path)}: {exc}; using default {default!r}")
    keys = _load_keys(data, defaults, warnings)
    players = tuple(
        PlayerSettings(
            name=values[("players", p.label, "name")],
            keys=keys[p],
            audio_offset_ms=values[("players", p.label, "audio_offset_ms")],
            video_offset_ms=values[("players", p.label, "video_offset_ms")],
        )
        for p in PLAYERS
    )
    settings = Settings(
        players=players,
        windows=values[("windows",)],
        scroll_speed=values[("scroll_speed",)],
        fullscreen=values[("fullscreen",)],
        audio_buffer_frames=values[("audio_buffer_frames",)],
        how_to_play_seen=values[("how_to_play_seen",)],
        music_volume=values[("volume", "music")],
        drums_volume=values[("volume", "drums")],
        devices=devices,
        song_folders=tuple(values[("library", "folders")]),
    )
    return settings, warnings


def _load_keys(data: dict, defaults: Settings, warnings: list[str]) -> dict[Player, tuple]:
    chosen: dict[tuple[Player, Voice], str] = {}
    owner: dict[str, tuple[Player, Voice]] = {}
    for player, voice, default in defaults.bindings():
        path = _key_path(player, voice)
        raw = _lookup(data, path)
        name = default
        if raw is not _MISSING:
            try:
                name = normalize_key_name(raw)
            except ValueError as exc:
                warnings.append(f"{_dotted(path)}: {exc}; using default {default!r}")
            else:
                if name in owner:
                    warnings.append(
                        f"{_dotted(path)}: key {name!r} is already bound to "
                        f"{_slot(*owner[name])}; using default {default!r}"
                    )
                    name = default
        chosen[(player, voice)] = name
        owner.setdefault(name, (player, voice))
    if len(set(chosen.values())) < len(chosen):
        warnings.append("key bindings still conflict after the fixes above; using all default keys")
        chosen = {(p, v): name for p, v, name in defaults.bindings()}
    return {p: tuple(chosen[(p, v)] for v in Voice) for p in PLAYERS}


_MISSING = object()


def _lookup(data: dict, path: tuple[str, ...]) -> object:
    node: object = data
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return _MISSING
        node = node[part]
    return node


def _put(data: dict, path: tuple[str, ...], value: object) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value


def _report_unknown(data: dict, schema: dict, path: tuple[str, ...], warnings: list[str]) -> None:
    for name, value in data.items():
        here = (*path, name)
        if name not in schema:
            warnings.append(f"{_dotted(here)}: unknown setting, ignored")
        elif isinstance(schema[name], dict):
            if isinstance(value, dict):
                _report_unknown(value, schema[name], here, warnings)
            else:
                warnings.append(
                    f"{_dotted(here)}: expected a table, got {_type_name(value)}; using defaults"
                )


def _dotted(path: tuple[str, ...]) -> str:
    return ".".join(toml_write.key(p) for p in path)


# --- files -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    """What :func:`load_settings` found: the settings, one line per problem, and the backup."""

    settings: Settings
    warnings: list[str]
    backup_path: Path | None


def load_settings(path: str | os.PathLike | None = None) -> LoadedSettings:
    """Read the settings file (default: the user's config dir). Never raises for bad content."""
    path = Path(path) if path is not None else paths.settings_path()
    try:
        raw = read_user_file(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return LoadedSettings(Settings(), [], None)
    except OSError as exc:
        return LoadedSettings(
            Settings(), [f"could not read {path}: {reason_of(exc)}; using defaults"], None
        )
    settings, warnings = _parse(raw)
    if not warnings:
        return LoadedSettings(settings, [], None)
    warnings = [f"{path.name}: {line}" for line in warnings]
    try:
        backup = _backup(path, raw)
    except OSError as exc:
        warnings.append(f"could not back up {path}: {exc.strerror or exc}")
        backup = None
    else:
        warnings.append(f"the original file is kept as {backup}")
    return LoadedSettings(settings, warnings, backup)


def _parse(raw: bytes) -> tuple[Settings, list[str]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Settings(), ["not UTF-8 text; using all defaults"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Settings(), [f"not valid TOML ({exc}); using all defaults"]
    except RecursionError:
        return Settings(), ["not valid settings (nested too deeply); using all defaults"]
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        reason = " ".join(str(exc).split())[:80]
        return Settings(), [f"not valid settings ({reason}); using all defaults"]
    return from_toml_data(data)


def save_settings(settings: Settings, path: str | os.PathLike | None = None) -> Path:
    """Write the settings atomically (temporary file, fsync, rename); returns the path.

    An existing file that does not load cleanly is backed up first; if that backup cannot be
    made, nothing is written (OSError).
    """
    if not isinstance(settings, Settings):
        raise TypeError("save_settings needs a Settings")
    path = Path(path) if path is not None else paths.settings_path()
    data = dumps_settings(settings).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    _backup_if_invalid(path)
    atomic_write(path, data)
    return path


def _backup_if_invalid(path: Path) -> None:
    try:
        raw = read_user_file(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return
    # Any other OSError propagates: a file that cannot be read cannot be backed up either.
    if _parse(raw)[1]:
        _backup(path, raw)


def _backup(path: Path, raw: bytes) -> Path:
    """Copy of ``raw`` as ``<name>.bak-<n>``: an identical existing backup is reused."""
    for candidate in sorted(path.parent.glob(f"{path.name}.{BACKUP_TAG}-*")):
        try:
            if candidate.is_file() and candidate.read_bytes() == raw:
                return candidate
        except OSError:
            continue
    while True:
        backup = paths.numbered_sibling(path, BACKUP_TAG)
        try:
            with open(backup, "xb") as out:
                out.write(raw)
                out.flush()
                os.fsync(out.fileno())
        except FileExistsError:
            continue  # taken meanwhile by another process: try the next number
        return backup
