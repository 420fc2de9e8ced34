"""`newsgraph serve`'s HTTP protocol: the C parser when installed, TCP_NODELAY on every connection."""

from __future__ import annotations

import socket

import pytest

from newsgraph import serve_protocol


class _Transport:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def get_extra_info(self, name: str):
        return self.sock if name == "socket" else None


def test_nodelay_is_set_on_accepted_connections():
    with socket.create_server(("127.0.0.1", 0)) as server:
        client = socket.create_connection(server.getsockname())
        conn, _ = server.accept()
        with client, conn:
            assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
            serve_protocol._set_nodelay(_Transport(conn))
            assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_nodelay_ignores_non_tcp_sockets():
    a, b = socket.socketpair()
    with a, b:
        serve_protocol._set_nodelay(_Transport(a))  # a Unix socket: no error
    serve_protocol._set_nodelay(_Transport(None))  # type: ignore[arg-type]


def test_protocol_prefers_httptools():
    pytest.importorskip("httptools")
    cls = serve_protocol.nodelay_protocol()
    assert cls.__name__ == "NoDelayHttpToolsProtocol"
    assert cls.__module__ == "newsgraph.serve_protocol"  # importable by name in worker processes
