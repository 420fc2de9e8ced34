"""uvicorn's h11 HTTP protocol with TCP_NODELAY set on each connection (see ``newsgraph serve --workers``)."""

from __future__ import annotations

import socket
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11Protocol(H11Protocol):
    """Sends each response at once: no Nagle wait for the client's delayed ACK on keep-alive connections."""

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except (OSError, AttributeError):  # not a TCP socket
                pass
        super().connection_made(transport)
