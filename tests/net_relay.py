"""A small in-process asyncio relay for net tests: it forwards whole message lines between a
joiner and a host on loopback, each after a delay with jitter (so lines overtake each other),
sometimes twice, and can drop every connection at once (lines still in flight are lost).
Also :func:`send_garbage`, a hostile caller."""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass, field


@dataclass
class RelayStats:
    forwarded: int = 0
    duplicated: int = 0
    reordered: int = 0
    lost_in_flight: int = 0
    connections: int = 0
    drops: int = 0
    hits_seen: int = 0
    lines_by_type: dict[str, int] = field(default_factory=dict)


class _Pair:
    """One relayed connection: both sockets and the lines scheduled on each."""

    def __init__(self, down: asyncio.StreamWriter, up: asyncio.StreamWriter) -> None:
        self.writers = (down, up)
        self.open = True
        self.pending: set[asyncio.TimerHandle] = set()
        self.sent = [0, 0]
        self.delivered_max = [0, 0]
        self.in_flight = 0


class Relay:
    def __init__(
        self,
        target: tuple[str, int],
        delay_s: float = 0.08,
        jitter_s: float = 0.02,
        duplicate_p: float = 0.05,
        seed: int = 0,
        drop_after_hits: int | None = None,
    ) -> None:
        self.target = target
        self.delay_s, self.jitter_s, self.duplicate_p = delay_s, jitter_s, duplicate_p
        self.random = random.Random(seed)
        self.drop_after_hits = drop_after_hits
        self.stats = RelayStats()
        self._pairs: list[_Pair] = []
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task] = set()
        self.closed = False

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        return self._server.sockets[0].getsockname()[1]

    async def _accept(self, reader, writer) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except BaseException:  # refused, or cancelled at the end of the test
            writer.close()
            return
        if self.closed:  # closed while this connection was being set up
            writer.close()
            up_writer.close()
            return
        pair = _Pair(writer, up_writer)
        self._pairs.append(pair)
        self.stats.connections += 1
        for direction, source in ((1, reader), (0, up_reader)):
            task = asyncio.create_task(self._pump(pair, source, direction))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pump(self, pair: _Pair, reader: asyncio.StreamReader, direction: int) -> None:
        loop = asyncio.get_running_loop()
        while pair.open:
            try:
                line = await reader.readline()
            except (OSError, ValueError):
                break
            if not line:
                break
            self._count(line)
            pair.sent[direction] += 1
            copies = 2 if self.random.random() < self.duplicate_p else 1
            self.stats.duplicated += copies - 1
            for _ in range(copies):
                delay = self.delay_s + self.random.uniform(-self.jitter_s, self.jitter_s)
                number = pair.sent[direction]
                handle = loop.call_later(delay, self._deliver, pair, direction, line, number)
                pair.pending.add(handle)
                pair.in_flight += 1
            if self.drop_after_hits is not None and self.stats.hits_seen >= self.drop_after_hits:
                self.drop_after_hits = None
                loop.call_later(self.delay_s / 2, self.drop)
        # the sender closed: close the other side once what is in flight has arrived
        loop.call_later(self.delay_s + self.jitter_s + 0.01, self._close_pair, pair)

    def _count(self, line: bytes) -> None:
        kind = line.split(b'"type":"', 1)[-1].split(b'"', 1)[0].decode("ascii", "replace")
        self.stats.lines_by_type[kind] = self.stats.lines_by_type.get(kind, 0) + 1
        self.stats.hits_seen += kind == "hit"

    def _deliver(self, pair: _Pair, direction: int, line: bytes, number: int) -> None:
        pair.in_flight -= 1
        if not pair.open:
            self.stats.lost_in_flight += 1
            return
        if number < pair.delivered_max[direction]:
            self.stats.reordered += 1
        pair.delivered_max[direction] = max(pair.delivered_max[direction], number)
        with contextlib.suppress(Exception):
            pair.writers[direction].write(line)
            self.stats.forwarded += 1

    def _close_pair(self, pair: _Pair) -> None:
        if pair.open:
            pair.open = False
            for writer in pair.writers:
                writer.close()

    def drop(self) -> None:
        """Cut every connection now; lines in flight are lost."""
        self.stats.drops += 1
        for pair in self._pairs:
            for handle in pair.pending:
                handle.cancel()
            self.stats.lost_in_flight += pair.in_flight if pair.open else 0
            self._close_pair(pair)
        self._pairs = [p for p in self._pairs if p.open]

    async def close(self) -> None:
        self.closed = True
        for pair in self._pairs:
            self._close_pair(pair)
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        await asyncio.sleep(0.05)  # connections accepted meanwhile see ``closed`` and close
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


async def send_garbage(port: int, lines: list[bytes]) -> list:
    """Send ``lines`` on a fresh loopback connection; the messages answered until the other
    side hangs up (or a bounded wait)."""
    from drumsync.net.messages import decode_message

    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.writelines(lines)
    await writer.drain()
    replies = []
    while True:
        try:
            async with asyncio.timeout(15.0):
                reply = await reader.readline()
        except (TimeoutError, ConnectionError):
            break
        if not reply:
            break
        replies.append(decode_message(reply))
    writer.close()
    return replies
