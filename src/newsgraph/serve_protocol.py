"""uvicorn's HTTP protocols with TCP_NODELAY set on each connection (see ``newsgraph serve --workers``).

:func:`nodelay_protocol` picks the httptools parser (C, part of ``uvicorn[standard]``) when it is
installed, else the pure-Python h11 one.
"""

from __future__ import annotations

import socket
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol


def _set_nodelay(transport: Any) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except (OSError, AttributeError):  # not a TCP socket
            pass


class NoDelayH11Protocol(H11Protocol):
    """Sends each response at once: no Nagle wait for the client's delayed ACK on keep-alive connections."""

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        _set_nodelay(transport)
        super().connection_made(transport)


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # httptools not installed: h11 only
    HttpToolsProtocol = None  # type: ignore[assignment,misc]

if HttpToolsProtocol is not None:
    class NoDelayHttpToolsProtocol(HttpToolsProtocol):  # type: ignore[valid-type,misc]
        """As :class:`NoDelayH11Protocol`, on the httptools parser."""

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            _set_nodelay(transport)
            super().connection_made(transport)


def nodelay_protocol() -> type:
    """The fastest HTTP protocol class available, with TCP_NODELAY."""
    return NoDelayH11Protocol if HttpToolsProtocol is None else NoDelayHttpToolsProtocol
