"""The hits of a net match: what this side played and sent, what the partner's side sent.

Each side numbers its own hits 1, 2, 3, ... (``seq``). The receiver keeps each number once
(a duplicate or a re-send is ignored, a different hit under a known number is refused),
acknowledges the highest number up to which it holds every hit, and knows the partner's
list is complete when it holds 1..count after the partner's ``done``. The sender keeps every
hit until acknowledged and sends the unacknowledged ones again after a drop or a silence.
So a late, lost, duplicated or reordered message never changes what either side holds at
the end, and both build the same merged replay from the same two lists.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..core.chart import Chart
from ..core.events import InputEvent
from ..core.replay import Replay, dumps_replay, replay_for
from ..core.voices import Player, Voice

#: A receiver holds at most this many hits beyond the first gap (bounded memory).
MAX_AHEAD = 20_000


class LedgerError(ValueError):
    """A hit the partner sent that cannot be right (e.g. two different hits under one number)."""


@dataclass(frozen=True, slots=True)
class NetHit:
    """One hit as it travels: song time (as stamped, before the player's offset), drum, force."""

    seq: int
    time_s: float
    voice: Voice
    velocity: float = 1.0
    source: str = "keyboard"

    def to_fields(self) -> dict:
        return {
            "seq": self.seq,
            "time_s": self.time_s,
            "voice": self.voice.label,
            "velocity": self.velocity,
            "source": self.source,
        }

    @classmethod
    def from_fields(cls, fields) -> NetHit:
        return cls(
            int(fields["seq"]),
            float(fields["time_s"]),
            Voice.parse(fields["voice"]),
            float(fields["velocity"]),
            str(fields["source"]),
        )

    def event(self, player: Player) -> InputEvent:
        return InputEvent(self.time_s, player, self.voice, self.source)


class Outbox:
    """This side's hits, numbered in the order played, kept until the partner acknowledges."""

    def __init__(self) -> None:
        self.hits: list[NetHit] = []
        self.acked = 0

    def add(self, time_s: float, voice: Voice, velocity: float, source: str) -> NetHit:
        hit = NetHit(len(self.hits) + 1, float(time_s), Voice(voice), float(velocity), source)
        self.hits.append(hit)
        return hit

    def ack(self, seq: int) -> None:
        """The partner holds every hit up to ``seq`` (acks only ever move forward)."""
        self.acked = max(self.acked, min(int(seq), len(self.hits)))

    def unacked(self) -> list[NetHit]:
        return self.hits[self.acked :]

    @property
    def count(self) -> int:
        return len(self.hits)

    @property
    def all_acked(self) -> bool:
        return self.acked == len(self.hits)


class Inbox:
    """The partner's hits by number: duplicates dropped, gaps waited for."""

    def __init__(self) -> None:
        self._by_seq: dict[int, NetHit] = {}
        self.contiguous = 0  # every hit 1..contiguous is held
        self.expected: int | None = None  # the partner's total, once it said "done"
        self.duplicates = 0

    def add(self, hit: NetHit) -> bool:
        """Keep ``hit``; False if it was already held (a duplicate or re-send)."""
        known = self._by_seq.get(hit.seq)
        if known is not None:
            if known != hit:
                raise LedgerError(f"hit {hit.seq} was sent twice with different contents")
            self.duplicates += 1
            return False
        if hit.seq > self.contiguous + MAX_AHEAD:
            raise LedgerError(f"hit {hit.seq} is too far ahead of hit {self.contiguous + 1}")
        if self.expected is not None and hit.seq > self.expected:
            raise LedgerError(f"hit {hit.seq} comes after the partner's last hit {self.expected}")
        self._by_seq[hit.seq] = hit
        while self.contiguous + 1 in self._by_seq:
            self.contiguous += 1
        return True

    def finish(self, count: int) -> None:
        """The partner played ``count`` hits in all."""
        if self.expected is not None and self.expected != count:
            raise LedgerError(f"the partner's hit count changed from {self.expected} to {count}")
        if max(self._by_seq, default=0) > count:
            raise LedgerError(f"the partner says {count} hits but sent hit {max(self._by_seq)}")
        self.expected = int(count)

    @property
    def complete(self) -> bool:
        return self.expected is not None and self.contiguous == self.expected

    def hits(self) -> list[NetHit]:
        """Every hit held, by number (gaps skipped)."""
        return [self._by_seq[seq] for seq in sorted(self._by_seq)]

    def __len__(self) -> int:
        return len(self._by_seq)


def merged_replay(
    chart: Chart,
    hits: dict[Player, list[NetHit]],
    names: tuple[str, str],
    offsets_ms: tuple[float, float],
    windows: str,
    mode: str = "duet",
) -> Replay:
    """One replay holding both players' hits; the same two lists give the same replay.

    Events are ordered by time, ties by player then sequence number, so the order does not
    depend on which side merges."""
    ordered = sorted(
        (
            (hit.time_s, int(player), hit.seq, hit.event(player))
            for player, got in hits.items()
            for hit in got
        ),
        key=lambda row: row[:3],
    )
    return replay_for(
        chart,
        [row[3] for row in ordered],
        windows=windows,
        offsets_ms=offsets_ms,
        players=names,
        mode=mode,
    )


def replay_digest(replay: Replay) -> str:
    """SHA-256 of the replay as saved: both sides compare it before they say goodbye."""
    return hashlib.sha256(dumps_replay(replay).encode("utf-8")).hexdigest()


__all__ = ["Inbox", "LedgerError", "NetHit", "Outbox", "merged_replay", "replay_digest"]
