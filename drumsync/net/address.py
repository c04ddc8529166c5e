"""``ADDRESS[:PORT]`` as typed by a player: ``192.168.1.20``, ``host.lan:47474``, ``[::1]:5000``."""

from __future__ import annotations

import re

DEFAULT_PORT = 47474
MAX_ADDRESS_CHARS = 253

_HOST_RE = re.compile(r"[A-Za-z0-9._-]{1,253}")
_IPV6_RE = re.compile(r"[0-9A-Fa-f:.%A-Za-z]{2,60}")


class AddressError(ValueError):
    """An address the player typed that cannot be dialled; the text says why."""


def parse_port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise AddressError(f"port must be a number 1..65535, got {text[:12]!r}")
    return int(text)


def parse_address(text: str, default_port: int = DEFAULT_PORT) -> tuple[str, int]:
    """(host, port) from ``text``; :class:`AddressError` for anything else."""
    value = text.strip()
    if not value or len(value) > MAX_ADDRESS_CHARS + 8:
        raise AddressError("give the host's address, e.g. 192.168.1.20 or 192.168.1.20:47474")
    if value.startswith("["):
        close = value.find("]")
        if close < 0:
            raise AddressError(f"missing ']' in {value[:40]!r}")
        host, rest = value[1:close], value[close + 1 :]
        if not _IPV6_RE.fullmatch(host) or ":" not in host:
            raise AddressError(f"not an IPv6 address: {host[:40]!r}")
        if rest and not rest.startswith(":"):
            raise AddressError(f"unexpected {rest[:20]!r} after the address")
        return host, parse_port(rest[1:]) if rest else default_port
    if value.count(":") > 1:  # a bare IPv6 address, no port
        if not _IPV6_RE.fullmatch(value):
            raise AddressError(f"not an address: {value[:40]!r}")
        return value, default_port
    host, _, port = value.partition(":")
    if not _HOST_RE.fullmatch(host) or host.startswith(("-", ".")):
        raise AddressError(f"not a host name or address: {host[:40]!r}")
    return host, parse_port(port) if port else default_port


__all__ = ["DEFAULT_PORT", "AddressError", "parse_address", "parse_port"]
