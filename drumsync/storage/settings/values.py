"""The player's settings as a value: validated on construction, changed by copying.

Player names are remembered here (``players.p1.name``), chosen at the start of a match.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from ...core.voices import PLAYERS, Player, Voice
from ...core.windows import DEFAULT_WINDOWS, WINDOW_PRESETS, Windows
from ...devices import DeviceProfile
from ..key_names import normalize_key_name
from . import checks

#: Default keys, indexed by voice (kick, snare, hihat, crash). Each player a separate half
#: of the home row, mirrored, kicks on the F and J bumps (the game's default bindings are these).
DEFAULT_KEYS: dict[Player, tuple[str, ...]] = {
    Player.P1: ("f", "s", "d", "a"),
    Player.P2: ("j", "l", "k", ";"),
}
DEFAULT_NAMES = {Player.P1: "Player 1", Player.P2: "Player 2"}


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
        object.__setattr__(self, "name", checks.player_name(self.name))
        object.__setattr__(self, "keys", tuple(normalize_key_name(k) for k in keys))
        object.__setattr__(self, "audio_offset_ms", checks.offset_ms(self.audio_offset_ms))
        object.__setattr__(self, "video_offset_ms", checks.offset_ms(self.video_offset_ms))

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
        checks.windows(self.windows)
        object.__setattr__(self, "scroll_speed", checks.scroll_speed(self.scroll_speed))
        object.__setattr__(self, "music_volume", checks.volume(self.music_volume))
        object.__setattr__(self, "drums_volume", checks.volume(self.drums_volume))
        checks.boolean(self.fullscreen)
        checks.audio_buffer(self.audio_buffer_frames)
        object.__setattr__(self, "song_folders", checks.folders(list(self.song_folders)))
        checks.boolean(self.how_to_play_seen)
        seen: dict[str, tuple[Player, Voice]] = {}
        for player, voice, name in self.bindings():
            if name in seen:
                both = f"{slot_name(*seen[name])} and {slot_name(player, voice)}"
                raise ValueError(f"key {name!r} is bound to both {both}")
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
            raise ValueError(f"key {name!r} is already bound to {slot_name(*other)}")
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


def slot_name(player: Player, voice: Voice) -> str:
    return f"{player.label} {voice.label}"
