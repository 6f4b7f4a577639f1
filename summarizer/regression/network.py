"""No network during a replay: a replay that reached a server would not be a replay.

vcrpy answers recorded requests inside the HTTP libraries, before any socket is opened, so a
replay never needs one. ``no_network`` makes every attempt to connect an error while it is
active (any host, loopback included), the same guard pytest-recording's ``--block-network``
puts on ``socket.socket``; what it blocked is counted, so a test can show the block held.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class NetworkBlocked(OSError):
    """A connection was attempted during an offline replay."""


@contextmanager
def no_network() -> Iterator[list[Any]]:
    """Block ``socket.connect`` while inside; yields the list of addresses it refused."""
    refused: list[Any] = []
    original = socket.socket.connect, socket.socket.connect_ex

    def connect(self: socket.socket, address: Any) -> None:
        if self.family == getattr(socket, "AF_UNIX", None):
            return original[0](self, address)  # local IPC (an event loop's self-pipe), not network
        refused.append(address)
        raise NetworkBlocked(f"network blocked during an offline replay: connect to {address!r}")

    def connect_ex(self: socket.socket, address: Any) -> int:
        connect(self, address)
        return 0

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign,assignment]
    try:
        yield refused
    finally:
        socket.socket.connect, socket.socket.connect_ex = original  # type: ignore[method-assign]
