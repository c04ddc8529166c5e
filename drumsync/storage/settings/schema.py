"""Where each setting lives in ``settings.toml``, and reading it back forgivingly.

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

Reading never fails: every invalid value (wrong type, out of range, unknown key name, a key
bound twice) is reported once and replaced by its default; unknown settings are reported and
ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...core.voices import PLAYERS, Player, Voice
from .. import toml_write
from ..device_settings import devices_from_toml, devices_to_toml
from ..key_names import normalize_key_name
from . import checks
from .values import PlayerSettings, Settings, slot_name

_HEADER = "DrumSync settings. Edit while the game is closed; invalid values fall back to defaults."


@dataclass(frozen=True, slots=True)
class _Field:
    path: tuple[str, ...]
    check: Callable[[object], object]
    get: Callable[[Settings], object]


def _player_fields(player: Player) -> list[_Field]:
    i, base = int(player), ("players", player.label)
    return [
        _Field((*base, "name"), checks.player_name, lambda s: s.players[i].name),
        _Field(
            (*base, "audio_offset_ms"), checks.offset_ms, lambda s: s.players[i].audio_offset_ms
        ),
        _Field(
            (*base, "video_offset_ms"), checks.offset_ms, lambda s: s.players[i].video_offset_ms
        ),
    ]


_FIELDS: list[_Field] = [
    _Field(("windows",), checks.windows, lambda s: s.windows),
    _Field(("scroll_speed",), checks.scroll_speed, lambda s: s.scroll_speed),
    _Field(("fullscreen",), checks.boolean, lambda s: s.fullscreen),
    _Field(("audio_buffer_frames",), checks.audio_buffer, lambda s: s.audio_buffer_frames),
    _Field(("how_to_play_seen",), checks.boolean, lambda s: s.how_to_play_seen),
    _Field(("volume", "music"), checks.volume, lambda s: s.music_volume),
    _Field(("volume", "drums"), checks.volume, lambda s: s.drums_volume),
    _Field(("library", "folders"), checks.folders, lambda s: list(s.song_folders)),
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
                        f"{slot_name(*owner[name])}; using default {default!r}"
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
                got = checks.type_name(value)
                warnings.append(f"{_dotted(here)}: expected a table, got {got}; using defaults")


def _dotted(path: tuple[str, ...]) -> str:
    return ".".join(toml_write.key(p) for p in path)
