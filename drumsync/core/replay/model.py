"""The replay as a value: which chart was played under which settings, and the hits.

Both classes check everything on construction (:mod:`.fields`), so a :class:`Replay` in hand
is always valid, whether built by the game, by a simulated drummer or read from a file.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..chart import Chart
from ..chart_identity import chart_hash
from ..errors import ReplayError
from ..events import EventArrays, InputEvent, sort_events
from ..voices import Player, Voice
from . import fields
from .fields import FORMAT_VERSION, MAX_ABS_TIME_S


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplayHeader:
    """Which chart was played, under which settings. Validated on construction."""

    format_version: int = FORMAT_VERSION
    chart_hash: str
    generator_args: dict | None
    windows: str = "standard"
    offsets_ms: tuple[float, float] = (0.0, 0.0)
    players: tuple[str, str] = ("P1", "P2")
    mode: str = "duet"

    def __post_init__(self) -> None:
        fields.version(self.format_version)
        fields.chart_hash(self.chart_hash)
        object.__setattr__(self, "generator_args", fields.generator_args(self.generator_args))
        fields.windows(self.windows)
        object.__setattr__(self, "offsets_ms", fields.offsets_ms(self.offsets_ms))
        object.__setattr__(self, "players", fields.players(self.players))
        fields.mode(self.mode)

    def to_json(self) -> dict:
        return {
            "chart_hash": self.chart_hash,
            "generator_args": self.generator_args,
            "windows": self.windows,
            "offsets_ms": list(self.offsets_ms),
            "players": list(self.players),
            "mode": self.mode,
        }


@dataclass(frozen=True, slots=True)
class Replay:
    """A header plus the events of both players, in time order (ties keep their order)."""

    header: ReplayHeader
    events: tuple[InputEvent, ...] = field(default=())
    _arrays: EventArrays | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.header, ReplayHeader):
            raise ReplayError("replay header must be a ReplayHeader")
        events = self.events if isinstance(self.events, tuple) else tuple(self.events)
        if len(events) > fields.MAX_EVENTS:
            raise ReplayError(f"replay has {len(events)} events (at most {fields.MAX_EVENTS:,})")
        checked = []
        previous = -math.inf
        known_sources: set[str] = set()
        for i, event in enumerate(events):
            fast = (
                type(event) is InputEvent
                and type(event.time_s) is float
                and -MAX_ABS_TIME_S <= event.time_s <= MAX_ABS_TIME_S
                and type(event.player) is Player
                and type(event.voice) is Voice
                and event.source in known_sources
                and event.velocity is None
            )
            if not fast:  # the full check: raises, or normalises the time to a float
                event = fields.event(i, event)
                known_sources.add(event.source)
            if event.time_s < previous:
                raise ReplayError(
                    f"events are not in time order: events[{i}] at {event.time_s!r} s "
                    f"comes after one at {previous!r} s"
                )
            previous = event.time_s
            checked.append(event)
        object.__setattr__(self, "events", tuple(checked))
        object.__setattr__(self, "_arrays", _columns(checked))

    def events_for(self, player: Player) -> tuple[InputEvent, ...]:
        return tuple(e for e in self.events if e.player == player)

    def arrays(self) -> EventArrays:
        """Column form of the events, for the batch scorer (built once, read-only)."""
        return self._arrays


_PLAYER_INDEX = {p: int(p) for p in Player}
_VOICE_INDEX = {v: int(v) for v in Voice}


def _columns(events: list[InputEvent]) -> EventArrays:
    """The events as read-only columns (one pass, no per-event conversions through enums)."""
    count = len(events)
    time_s = np.fromiter((e.time_s for e in events), dtype=np.float64, count=count)
    player = np.fromiter((_PLAYER_INDEX[e.player] for e in events), dtype=np.int8, count=count)
    voice = np.fromiter((_VOICE_INDEX[e.voice] for e in events), dtype=np.int8, count=count)
    for column in (time_s, player, voice):
        column.flags.writeable = False
    return EventArrays(time_s=time_s, player=player, voice=voice)


def check_replay_chart(replay: Replay, chart: Chart) -> None:
    """ReplayError naming both hashes (shortened) when ``replay`` belongs to another chart."""
    expected = chart_hash(chart)
    if replay.header.chart_hash != expected:
        raise ReplayError(
            f"replay belongs to another chart (replay chart {replay.header.chart_hash[:12]}..., "
            f"this chart {expected[:12]}...)"
        )


def devices_used(replay: Replay) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sources (devices) each player's hits came from, in order of first use."""
    used: tuple[dict[str, None], dict[str, None]] = ({}, {})
    for event in replay.events:
        used[int(event.player)].setdefault(event.source, None)
    return tuple(used[0]), tuple(used[1])


def replay_for(
    chart: Chart,
    events: Iterable[InputEvent],
    windows: str = "standard",
    offsets_ms: tuple[float, float] = (0.0, 0.0),
    players: tuple[str, str] = ("P1", "P2"),
    mode: str = "duet",
) -> Replay:
    """A replay of ``events`` (sorted by time, stably) played on ``chart``."""
    header = ReplayHeader(
        chart_hash=chart_hash(chart),
        generator_args=dict(chart.meta.generator_args()),
        windows=windows,
        offsets_ms=tuple(offsets_ms),
        players=tuple(players),
        mode=mode,
    )
    return Replay(header, tuple(sort_events(list(events))))
