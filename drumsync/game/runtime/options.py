"""What the game runs with, as records that each hold one concern: the window, the sound,
the input and the match (the one argument of :func:`drumsync.game.app.run_game`; no pygame)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...audio.timebase import MAX_RATE, MIN_RATE
from ...core.chart import Chart
from ...core.scoring import MATCH_MODES
from ...core.voices import PLAYERS, Player
from ...core.windows import WINDOW_PRESETS
from ...storage.settings import DEFAULT_NAMES, SCROLL_SPEED_RANGE, Settings
from .input.keyboard import DEFAULT_BINDINGS, Bindings

#: Partner for solo mode when no bot is named.
SOLO_PARTNER = "partner"


@dataclass(frozen=True, slots=True)
class WindowOptions:
    """The window and its frames. ``headless`` runs with SDL's dummy drivers on a virtual
    clock (as fast as the CPU allows) and without sound; ``fps`` None means the display's
    refresh rate (60 when unknown; 10 headless, where frames are only drawn to exercise the
    drawing code)."""

    headless: bool = False
    fullscreen: bool = False
    vsync: bool = True
    window_size: tuple[int, int] = (1280, 720)
    fps: float | None = None


@dataclass(frozen=True, slots=True)
class SoundOptions:
    """Whether the game makes sound, the mixer's buffer and the volumes."""

    enabled: bool = True
    buffer_frames: int = 512
    music_volume: float = 0.8
    drums_volume: float = 1.0


@dataclass(frozen=True, slots=True)
class PlayerOptions:
    """The two players: their names, their drum keys, and their calibrated offsets
    (``offsets_ms`` shift judging, ``video_offsets_ms`` the highway)."""

    names: tuple[str, str] = (DEFAULT_NAMES[Player.P1], DEFAULT_NAMES[Player.P2])
    bindings: Bindings = field(default=DEFAULT_BINDINGS)
    offsets_ms: tuple[float, float] = (0.0, 0.0)
    video_offsets_ms: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """A match to play: the chart, the rules (mode, timing windows, practice rate), the
    simulated drummers and what is kept (replays).

    ``p1_bot`` / ``p2_bot`` are drummer specs (``"steady"``, ``"metronome,mean_ms=30"``):
    that player's keys are pressed by a simulated drummer through the normal input path.
    ``replay_out`` gets a copy of the replay; ``save_replay`` also files it in the user data
    directory. ``scroll_speed`` is how fast the notes travel on this match's highways.
    """

    chart: Chart
    mode: str = "duet"
    windows: str = "standard"
    p1_bot: str | None = None
    p2_bot: str | None = None
    bot_seed: int = 0
    replay_out: Path | None = None
    save_replay: bool = True
    scroll_speed: float = 1.0
    rate: float = 1.0

    def __post_init__(self) -> None:
        if self.mode not in MATCH_MODES:
            known = ", ".join(MATCH_MODES)
            raise ValueError(f"unknown mode {self.mode!r} (known: {known})")
        if self.windows not in WINDOW_PRESETS:
            raise ValueError(f"unknown windows preset {self.windows!r}")
        low, high = SCROLL_SPEED_RANGE
        if not low <= self.scroll_speed <= high:
            raise ValueError(f"scroll speed must be {low:g}..{high:g}, got {self.scroll_speed:g}")
        if not MIN_RATE <= self.rate <= MAX_RATE:
            raise ValueError(f"rate must be {MIN_RATE:g}..{MAX_RATE:g}, got {self.rate:g}")
        if self.mode == "solo" and self.p1_bot is None and self.p2_bot is None:
            object.__setattr__(self, "p2_bot", SOLO_PARTNER)
        if self.replay_out is not None:
            object.__setattr__(self, "replay_out", Path(self.replay_out))

    def bots(self) -> dict[Player, str]:
        """Drummer spec per bot-played player."""
        found = {Player.P1: self.p1_bot, Player.P2: self.p2_bot}
        return {player: spec for player, spec in found.items() if spec is not None}


#: Which record each field belongs to, for :meth:`GameOptions.build` (field name there ->
#: (record, field name in the record)).
_FIELDS: dict[str, tuple[str, str]] = {
    **{name: ("window", name) for name in WindowOptions.__dataclass_fields__},
    "sound": ("sound", "enabled"),
    "audio_buffer_frames": ("sound", "buffer_frames"),
    "music_volume": ("sound", "music_volume"),
    "drums_volume": ("sound", "drums_volume"),
    **{name: ("players", name) for name in PlayerOptions.__dataclass_fields__},
    **{name: ("match", name) for name in MatchOptions.__dataclass_fields__},
}


@dataclass(frozen=True, slots=True)
class GameOptions:
    """What the game runs with: the window, the sound, the players and, when one is chosen,
    the match (None in the menus: the front door needs no chart)."""

    match: MatchOptions | None = None
    window: WindowOptions = field(default_factory=WindowOptions)
    sound: SoundOptions = field(default_factory=SoundOptions)
    players: PlayerOptions = field(default_factory=PlayerOptions)

    def __post_init__(self) -> None:
        if self.window.headless and self.match is not None and len(self.match.bots()) < 2:
            raise ValueError("a headless match needs a bot for each player (p1_bot and p2_bot)")

    @property
    def plays_sound(self) -> bool:
        """Sound is wanted and there is a window to play it with (headless is silent)."""
        return self.sound.enabled and not self.window.headless

    def player_names(self) -> tuple[str, str]:
        """Names for the screen and the replay header (``bot-<preset>`` for a bot)."""
        bots = self.match.bots() if self.match is not None else {}
        return tuple(  # type: ignore[return-value]
            _bot_name(bots[player]) if player in bots else self.players.names[int(player)]
            for player in PLAYERS
        )

    @classmethod
    def build(cls, chart: Chart | None = None, **fields) -> GameOptions:
        """Options from field names of any record (``headless``, ``sound``,
        ``audio_buffer_frames``, ``bindings``, ``mode``...); a match when ``chart`` is given."""
        parts: dict[str, dict] = {"window": {}, "sound": {}, "players": {}, "match": {}}
        for name, value in fields.items():
            if name not in _FIELDS:
                raise TypeError(f"unknown option {name!r}")
            record, field_name = _FIELDS[name]
            parts[record][field_name] = value
        if chart is None and parts["match"]:
            raise TypeError(f"match options without a chart: {', '.join(parts['match'])}")
        return cls(
            match=MatchOptions(chart, **parts["match"]) if chart is not None else None,
            window=WindowOptions(**parts["window"]),
            sound=SoundOptions(**parts["sound"]),
            players=PlayerOptions(**parts["players"]),
        )


def options_from_settings(chart: Chart | None, settings: Settings, **overrides) -> GameOptions:
    """Options carrying the player's saved settings (``drumsync.storage.settings.Settings``):
    keys, windows, scroll speed, fullscreen, audio buffer and volumes, names and per-player
    offsets (``audio_offset_ms`` shifts judging, ``video_offset_ms`` the highway). Keyword
    arguments override any field (see :meth:`GameOptions.build`). Without a chart there is
    no match: the settings' match fields (windows, scroll speed) are then left out."""
    values: dict = {
        "fullscreen": settings.fullscreen,
        "audio_buffer_frames": settings.audio_buffer_frames,
        "music_volume": settings.music_volume,
        "drums_volume": settings.drums_volume,
        "bindings": Bindings(settings.key_rows()),
        "offsets_ms": tuple(p.audio_offset_ms for p in settings.players),
        "video_offsets_ms": tuple(p.video_offset_ms for p in settings.players),
        "names": tuple(p.name for p in settings.players),
    }
    if chart is not None:
        values |= {"windows": settings.windows, "scroll_speed": settings.scroll_speed}
    values.update(overrides)
    return GameOptions.build(chart, **values)


def _bot_name(spec: str) -> str:
    return ("bot-" + spec.split(",")[0].strip())[:32]
