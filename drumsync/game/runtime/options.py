"""What to play and how: the one argument of :func:`drumsync.game.app.run_game` (no pygame)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.chart import Chart
from ...core.voices import Player
from ...core.windows import WINDOW_PRESETS
from .input.keyboard import DEFAULT_BINDINGS, Bindings

if TYPE_CHECKING:
    from ...storage.settings import Settings

MODES = ("duet", "versus", "solo")
#: Practice rate: song time per second of music (the music is rendered slower, same pitch).
MIN_RATE, MAX_RATE = 0.5, 1.0
MIN_SCROLL_SPEED, MAX_SCROLL_SPEED = 0.5, 3.0
#: Partner for solo mode when no bot is named.
SOLO_PARTNER = "partner"


@dataclass(frozen=True, slots=True)
class GameOptions:
    """A match to play.

    ``p1_bot`` / ``p2_bot`` are drummer specs (``"steady"``, ``"metronome,mean_ms=30"``):
    that player's keys are pressed by a simulated drummer through the normal input path.
    ``headless`` runs with SDL's dummy drivers on a virtual clock (as fast as the CPU allows)
    and without sound; it needs a bot for each player. ``fps`` None means the display's
    refresh rate (60 when unknown; 10 headless, where frames are only drawn to exercise the
    drawing code). ``replay_out`` gets a copy of the replay; ``save_replay`` also files it in
    the user data directory.
    """

    chart: Chart
    mode: str = "duet"
    windows: str = "standard"
    offsets_ms: tuple[float, float] = (0.0, 0.0)
    video_offsets_ms: tuple[float, float] = (0.0, 0.0)
    names: tuple[str, str] = ("Player 1", "Player 2")
    p1_bot: str | None = None
    p2_bot: str | None = None
    bot_seed: int = 0
    replay_out: Path | None = None
    save_replay: bool = True
    headless: bool = False
    fullscreen: bool = False
    vsync: bool = True
    window_size: tuple[int, int] = (1280, 720)
    scroll_speed: float = 1.0
    rate: float = 1.0
    sound: bool = True
    audio_buffer_frames: int = 512
    music_volume: float = 0.8
    drums_volume: float = 1.0
    fps: float | None = None
    bindings: Bindings = field(default=DEFAULT_BINDINGS)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r} (known: {', '.join(MODES)})")
        if self.windows not in WINDOW_PRESETS:
            raise ValueError(f"unknown windows preset {self.windows!r}")
        if not MIN_SCROLL_SPEED <= self.scroll_speed <= MAX_SCROLL_SPEED:
            raise ValueError(
                f"scroll speed must be {MIN_SCROLL_SPEED:g}..{MAX_SCROLL_SPEED:g}, "
                f"got {self.scroll_speed:g}"
            )
        if not MIN_RATE <= self.rate <= MAX_RATE:
            raise ValueError(f"rate must be {MIN_RATE:g}..{MAX_RATE:g}, got {self.rate:g}")
        if self.mode == "solo" and self.p1_bot is None and self.p2_bot is None:
            object.__setattr__(self, "p2_bot", SOLO_PARTNER)
        if self.headless and (self.p1_bot is None or self.p2_bot is None):
            raise ValueError("a headless match needs a bot for each player (p1_bot and p2_bot)")
        if self.replay_out is not None:
            object.__setattr__(self, "replay_out", Path(self.replay_out))

    def bots(self) -> dict[Player, str]:
        """Drummer spec per bot-played player."""
        found = {Player.P1: self.p1_bot, Player.P2: self.p2_bot}
        return {player: spec for player, spec in found.items() if spec is not None}

    def player_names(self) -> tuple[str, str]:
        """Names for the screen and the replay header (``bot-<preset>`` for a bot)."""
        return (
            self.names[0] if self.p1_bot is None else _bot_name(self.p1_bot),
            self.names[1] if self.p2_bot is None else _bot_name(self.p2_bot),
        )


def options_from_settings(chart: Chart, settings: Settings, **overrides) -> GameOptions:
    """Options carrying the player's saved settings (``drumsync.storage.settings.Settings``):
    keys, windows, scroll speed, fullscreen, audio buffer and volumes, names and per-player
    offsets (``audio_offset_ms`` shifts judging, ``video_offset_ms`` the highway). Keyword
    arguments override any field."""
    values: dict = {
        "windows": settings.windows,
        "scroll_speed": settings.scroll_speed,
        "fullscreen": settings.fullscreen,
        "audio_buffer_frames": settings.audio_buffer_frames,
        "music_volume": settings.music_volume,
        "drums_volume": settings.drums_volume,
        "offsets_ms": tuple(p.audio_offset_ms for p in settings.players),
        "video_offsets_ms": tuple(p.video_offset_ms for p in settings.players),
        "names": tuple(p.name for p in settings.players),
        "bindings": Bindings(settings.key_rows()),
    }
    values.update(overrides)
    return GameOptions(chart=chart, **values)


def _bot_name(spec: str) -> str:
    return ("bot-" + spec.split(",")[0].strip())[:32]
