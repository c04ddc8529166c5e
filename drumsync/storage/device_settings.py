"""Device profiles in ``settings.toml``: one table per device name, loaded forgivingly.

    [devices."TD-17 MIDI 1"]
    kind = "midi"              # midi, controller or joystick
    player = "p1"              # p1, p2, or "" when no one plays on it
    preset = "roland-td"       # a note map (MIDI) or controller preset
    threshold = 1              # velocity threshold of every pad (1..127) ...
    debounce_ms = 20.0         # double-trigger window
    hihat_pedal = false
    offset_ms = 0.0            # this device's latency beyond the keyboard's

    [devices."TD-17 MIDI 1".pads]        # the player's own bindings
    "note:60" = "crash"                  # a voice, or "none" to silence a pad
    [devices."TD-17 MIDI 1".thresholds]  # ... and per pad
    "note:42" = 30

A bad value is reported and replaced by its default; a bad device table is dropped whole.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.voices import Player, Voice
from ..devices import DeviceKind, DeviceProfile

NO_VOICE = "none"
MAX_DEVICES = 32
MAX_PADS = 256
_SCALARS = ("kind", "player", "preset", "threshold", "debounce_ms", "hihat_pedal", "offset_ms")
_TABLES = ("pads", "thresholds")


def devices_to_toml(profiles: Iterable[DeviceProfile]) -> dict:
    data: dict = {}
    for profile in profiles:
        table: dict = {
            "kind": profile.kind.value,
            "player": profile.player.label if profile.player is not None else "",
            "preset": profile.preset,
            "threshold": int(profile.threshold),
            "debounce_ms": float(profile.debounce_ms),
            "hihat_pedal": bool(profile.hihat_pedal),
            "offset_ms": float(profile.offset_ms),
        }
        if profile.bindings:
            table["pads"] = {
                pad: voice.label if voice is not None else NO_VOICE
                for pad, voice in profile.bindings.items()
            }
        if profile.thresholds:
            table["thresholds"] = {pad: int(v) for pad, v in profile.thresholds.items()}
        data[profile.name] = table
    return data


def devices_from_toml(data: object, warnings: list[str]) -> tuple[DeviceProfile, ...]:
    """Profiles from the ``devices`` table; every problem appended to ``warnings``."""
    if not isinstance(data, dict):
        warnings.append("devices: expected a table; device settings ignored")
        return ()
    profiles = []
    for name, table in list(data.items())[:MAX_DEVICES]:
        where = f"devices.{name!r}"
        if not isinstance(table, dict):
            warnings.append(f"{where}: expected a table; device ignored")
            continue
        try:
            profiles.append(_profile(name, table, where, warnings))
        except ValueError as error:
            warnings.append(f"{where}: {error}; device ignored")
    if len(data) > MAX_DEVICES:
        warnings.append(f"devices: more than {MAX_DEVICES} devices; the rest are ignored")
    return tuple(profiles)


def _profile(name: str, table: dict, where: str, warnings: list[str]) -> DeviceProfile:
    for key in table:
        if key not in _SCALARS and key not in _TABLES:
            warnings.append(f"{where}.{key}: unknown setting, ignored")
    try:
        kind = DeviceKind(table.get("kind"))
    except ValueError:
        raise ValueError(f"unknown kind {table.get('kind')!r}") from None
    if kind is DeviceKind.KEYBOARD:
        raise ValueError("the keyboard is set up under [players]")
    profile = DeviceProfile(name=name, kind=kind)
    changes: dict = {}
    player = table.get("player", "")
    if player not in ("", None):
        try:
            changes["player"] = Player.parse(player)
        except ValueError as error:
            warnings.append(f"{where}.player: {error}; nobody plays on it")
    changes["bindings"] = _pads(table.get("pads", {}), f"{where}.pads", warnings)
    changes["thresholds"] = _thresholds(table.get("thresholds", {}), where, warnings)
    for key in ("preset", "threshold", "debounce_ms", "hihat_pedal", "offset_ms"):
        if key in table:
            changes[key] = table[key]
    # apply one by one so that a bad value only costs its own default
    for key, value in changes.items():
        try:
            profile = profile.with_changes(**{key: value})
        except (ValueError, TypeError) as error:
            warnings.append(f"{where}.{key}: {error}; using the default")
    return profile


def _pads(raw: object, where: str, warnings: list[str]) -> dict[str, Voice | None]:
    if not isinstance(raw, dict):
        warnings.append(f"{where}: expected a table; ignored")
        return {}
    pads: dict[str, Voice | None] = {}
    for pad, value in list(raw.items())[:MAX_PADS]:
        if value == NO_VOICE:
            pads[pad] = None
            continue
        try:
            pads[pad] = Voice.parse(value)
        except ValueError as error:
            warnings.append(f"{where}.{pad}: {error}; binding ignored")
    return pads


def _thresholds(raw: object, where: str, warnings: list[str]) -> dict[str, int]:
    if not isinstance(raw, dict):
        warnings.append(f"{where}.thresholds: expected a table; ignored")
        return {}
    clean = {}
    for pad, value in list(raw.items())[:MAX_PADS]:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 127:
            warnings.append(f"{where}.thresholds.{pad}: expected 1..127; ignored")
            continue
        clean[pad] = value
    return clean
