"""Listening (the host) and dialling (the joiner), with one-line errors for everything the
network can do wrong: a bad address, a refused connection, a timeout."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Callable

from ..core.errors import DrumSyncError
from .link import READ_LIMIT, Link

CONNECT_TIMEOUT_S = 5.0
#: Connections waiting for the session to look at them; more are turned away.
BACKLOG = 4


class NetError(DrumSyncError):
    """The network failed (address, connection, timeout, the other side); one line."""


def _reason(error: OSError) -> str:
    return (error.strerror or str(error) or error.__class__.__name__).rstrip(".")


async def dial(host: str, port: int, clock: Callable[[], float], timeout_s: float) -> Link:
    """Connect to ``host:port``; :class:`NetError` with one line if that cannot be done."""
    try:
        async with asyncio.timeout(timeout_s):
            reader, writer = await asyncio.open_connection(host, port, limit=READ_LIMIT)
    except TimeoutError:
        raise NetError(f"no answer from {host}:{port} within {timeout_s:g} s") from None
    except socket.gaierror as error:
        raise NetError(f"cannot find the address {host!r}: {_reason(error)}") from None
    except ConnectionRefusedError:
        raise NetError(
            f"{host}:{port} refused the connection (is the host waiting, on that port?)"
        ) from None
    except (OSError, UnicodeError, ValueError) as error:
        reason = _reason(error) if isinstance(error, OSError) else str(error)
        raise NetError(f"cannot connect to {host}:{port}: {reason}") from None
    return Link(reader, writer, clock)


#: A documentation address (RFC 5737): "connecting" a UDP socket to it only asks the system
#: which local address its route would leave from; no packet is sent.
_ROUTE_PROBE = ("192.0.2.1", 9)


def local_addresses() -> list[str]:
    """This machine's IPv4 addresses another machine could dial (loopback only when there is
    nothing else): the address of the default route, then the host name's entries. No
    traffic is sent."""
    found: list[str] = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(_ROUTE_PROBE)
        found.append(str(probe.getsockname()[0]))
    with contextlib.suppress(OSError, UnicodeError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    usable = [a for a in dict.fromkeys(found) if not a.startswith(("127.", "0."))]
    return usable or ["127.0.0.1"]


class Listener:
    """A listening socket whose new connections wait in :attr:`incoming` as :class:`Link`s."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._server: asyncio.Server | None = None
        self.incoming: asyncio.Queue[Link] = asyncio.Queue(BACKLOG)
        self.closed = False

    async def start(self, bind: str, port: int) -> tuple[str, int]:
        """Listen on ``bind:port`` (port 0: any free port); returns the address bound."""
        try:
            self._server = await asyncio.start_server(
                self._accept, bind, port, limit=READ_LIMIT, reuse_address=True
            )
        except socket.gaierror as error:
            raise NetError(f"cannot listen on {bind!r}: {_reason(error)}") from None
        except OSError as error:
            raise NetError(f"cannot listen on {bind}:{port}: {_reason(error)}") from None
        name = self._server.sockets[0].getsockname()
        return str(name[0]), int(name[1])

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        link = Link(reader, writer, self._clock)
        if self.closed:  # accepted just as the listener closed
            await link.close()
            return
        try:
            self.incoming.put_nowait(link)
        except asyncio.QueueFull:
            await link.send("error", reason="the host is busy; try again in a moment")
            await link.close()

    async def next_link(self, timeout_s: float) -> Link | None:
        """The next connection within ``timeout_s``, or None."""
        try:
            async with asyncio.timeout(timeout_s):
                return await self.incoming.get()
        except TimeoutError:
            return None

    async def close(self) -> None:
        self.closed = True
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                async with asyncio.timeout(1.0):
                    await self._server.wait_closed()
        await asyncio.sleep(0.01)  # connections accepted meanwhile see ``closed`` and close
        while not self.incoming.empty():
            await self.incoming.get_nowait().close()


__all__ = ["CONNECT_TIMEOUT_S", "Listener", "NetError", "dial", "local_addresses"]
