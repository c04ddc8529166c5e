"""One connection to the other side: asyncio streams carrying checked message lines.

A received line is stamped with our clock the moment it is read (clock alignment needs the
arrival time, not the time it was handled). A malformed message is answered with an
``error`` message and skipped; after :data:`MAX_BAD_MESSAGES` of them, or one line over the
size limit, the link closes. Nothing the peer sends can raise out of :meth:`Link.receive`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from .messages import MAX_MESSAGE_BYTES, Message, ProtocolError, decode_message, encode_message

MAX_BAD_MESSAGES = 5
#: asyncio's reader limit: a longer line ends the link (checked again by decode_message).
READ_LIMIT = MAX_MESSAGE_BYTES + 2
WRITE_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class Received:
    message: Message
    arrived_s: float  # our clock when the line was read


class Link:
    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        clock: Callable[[], float],
    ) -> None:
        self._reader = reader
        self._writer = writer
        self._clock = clock
        self.bad_messages = 0
        self.closed = False
        self.last_error = ""

    @property
    def peer(self) -> str:
        info = self._writer.get_extra_info("peername")
        return f"{info[0]}:{info[1]}" if isinstance(info, tuple) and len(info) >= 2 else "?"

    async def receive(self, timeout_s: float | None = None) -> Received | None:
        """The next good message, or None when the link is closed, broken or silent for
        ``timeout_s`` (then it is closed)."""
        while not self.closed:
            try:
                async with asyncio.timeout(timeout_s):
                    line = await self._reader.readline()
            except TimeoutError:
                self.last_error = f"nothing heard for {timeout_s:g} s"
                break
            except ValueError:  # longer than the reader's limit
                self.last_error = f"message longer than {MAX_MESSAGE_BYTES} bytes"
                await self.send("error", reason=self.last_error)
                break
            except (ConnectionError, OSError) as error:
                self.last_error = f"connection broken ({error.__class__.__name__})"
                break
            arrived_s = self._clock()
            if not line:
                self.last_error = "the other side closed the connection"
                break
            if not line.endswith(b"\n"):
                self.last_error = "the connection ended inside a message"
                break
            try:
                return Received(decode_message(line), arrived_s)
            except ProtocolError as error:
                self.bad_messages += 1
                self.last_error = f"bad message: {error}"
                await self.send("error", reason=str(error)[:200] or "bad message")
                if self.bad_messages >= MAX_BAD_MESSAGES:
                    break
        await self.close()
        return None

    async def send(self, message_type: str, /, **fields: object) -> bool:
        """Send one message and wait until it is handed over; False if the link is down."""
        return self.post(message_type, **fields) and await self.flush()

    def post(self, message_type: str, /, **fields: object) -> bool:
        """Queue one message for sending without waiting; False once the link is down."""
        if self.closed or self._writer.is_closing():
            return False
        try:
            self._writer.write(encode_message(message_type, **fields))
        except (ConnectionError, OSError, RuntimeError):
            self.last_error = self.last_error or "could not send"
            return False
        return True

    async def flush(self) -> bool:
        """Wait until what was posted is handed to the system; False if the link broke."""
        if self.closed:
            return False
        try:
            async with asyncio.timeout(WRITE_TIMEOUT_S):
                await self._writer.drain()
        except (ConnectionError, OSError, TimeoutError, RuntimeError):
            self.last_error = self.last_error or "could not send"
            await self.close()
            return False
        return True

    async def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(Exception):
            self._writer.close()
            async with asyncio.timeout(1.0):
                await self._writer.wait_closed()


__all__ = ["MAX_BAD_MESSAGES", "READ_LIMIT", "Link", "Received"]
