"""Even sharing of connections between ``newsgraph serve``'s worker processes.

With ``--workers N`` uvicorn binds one listening socket and every worker accepts from it. uvloop
(libuv) and asyncio accept *all* pending connections each time the socket becomes readable, so
when a burst of clients connects at once (32 keep-alive connections opened together, say) the
worker that runs first takes most or all of them (measured on 2 workers: 26 of 32, 29 of 32, 32
of 32) while the other idles, and every request on those connections queues in one process.
Accepting one connection per turn of the loop is not enough on a busy machine: the other worker
is often not on a CPU while the burst arrives.

:func:`balanced_loop` is an event loop factory for uvicorn (``loop=`` import string) whose
``create_server(sock=...)`` returns a :class:`OneAtATimeServer`: it accepts one connection per
readiness event and, when the workers share a :class:`ConnectionBoard` (a small file of open
connection counts, one slot per worker process), leaves a pending connection to a less loaded
worker: it accepts only while it holds no more open connections than the least loaded live
worker, and otherwise looks again after :data:`DEFER_STEP` seconds, taking the connection itself
after :data:`MAX_DEFER` seconds (so a stalled worker costs new connections a few milliseconds,
never the connection: each pending connection waits at most that long). The board is used
on POSIX systems only. Everything else (protocols, TLS, binding) is the base loop's.
"""

from __future__ import annotations

import asyncio
import logging
import mmap
import os
import select
import socket
import struct
import time
from pathlib import Path
from typing import Any, Callable, Optional

logger = logging.getLogger("uvicorn.error")

#: Environment variable naming the board file shared by the workers of one server.
ENV_BOARD = "NEWSGRAPH_SERVE_BOARD"
#: Seconds to stop accepting after accept() fails (e.g. EMFILE: out of file descriptors).
RESOURCE_PAUSE = 0.5
#: How often a worker that leaves a connection to a less loaded one looks again, and for how long
#: at most before it accepts the connection itself (seconds).
DEFER_STEP = 0.001
MAX_DEFER = 0.02

_SLOT = struct.Struct("<qq")  # pid, open connections


class ConnectionBoard:
    """Open-connection counts of the worker processes of one server, in a shared file.

    Each process claims a free slot (an advisory lock on the slot's byte range, released by the
    kernel when the process dies) and writes only its own slot; it reads the others' counts.
    """

    def __init__(self, path: Path, slots: int = 64) -> None:
        self.path = Path(path)
        self.slots = slots
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        size = slots * _SLOT.size
        if os.fstat(self._fd).st_size < size:
            os.ftruncate(self._fd, size)
        self._map = mmap.mmap(self._fd, size)
        self.slot = self._claim()
        self.count = 0
        self._write()

    @staticmethod
    def create(path: Path, slots: int = 64) -> None:
        """Make an empty board file (the server's parent process does this before starting workers)."""
        with open(path, "wb") as fh:
            fh.write(b"\0" * slots * _SLOT.size)

    def _claim(self) -> int:
        import fcntl  # POSIX only: serve uses a board only there

        for i in range(self.slots):
            try:
                fcntl.lockf(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB, _SLOT.size, i * _SLOT.size)
            except OSError:
                continue
            return i
        raise RuntimeError(f"no free slot in {self.path} ({self.slots} worker processes at most)")

    def _write(self) -> None:
        _SLOT.pack_into(self._map, self.slot * _SLOT.size, os.getpid(), self.count)

    def add(self, n: int) -> None:
        self.count = max(0, self.count + n)
        self._write()

    def least_other(self) -> Optional[int]:
        """The fewest open connections held by another live worker (None when there is none)."""
        best: Optional[int] = None
        for i in range(self.slots):
            if i == self.slot:
                continue
            pid, count = _SLOT.unpack_from(self._map, i * _SLOT.size)
            if pid <= 0 or not _alive(pid):
                continue
            best = count if best is None else min(best, count)
        return best

    def should_accept(self) -> bool:
        """True when no live worker holds fewer open connections than this one."""
        least = self.least_other()
        return least is None or self.count <= least

    def close(self) -> None:
        self.count = 0
        self._write()
        self._map.close()
        os.close(self._fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process reusing the pid
        return True
    return True


class OneAtATimeServer:
    """Serves ``protocol_factory`` on the listening ``sock``, one accepted connection per readiness
    event, leaving connections to less loaded workers when a ``board`` is given (see the module
    docstring). Has the parts of :class:`asyncio.Server` uvicorn uses."""

    def __init__(self, loop: asyncio.AbstractEventLoop, sock: socket.socket,
                 protocol_factory: Callable[[], asyncio.Protocol], backlog: int = 100,
                 board: Optional[ConnectionBoard] = None) -> None:
        self._loop, self._sock, self._factory, self.board = loop, sock, protocol_factory, board
        self._tasks: set[asyncio.Task[Any]] = set()
        self._serving = self._closed = False
        self._deferred_since: Optional[float] = None
        self.sockets = (sock,)
        sock.setblocking(False)
        sock.listen(backlog)  # as asyncio's create_server(sock=...) does
        self._start()

    def _start(self) -> None:
        if not self._serving and not self._closed and self._sock.fileno() >= 0:
            self._loop.add_reader(self._sock.fileno(), self._ready)
            self._serving = True

    def _pause(self, seconds: float, then: Optional[Callable[[], None]] = None) -> None:
        if self._serving:
            self._serving = False
            if self._sock.fileno() >= 0:
                self._loop.remove_reader(self._sock.fileno())
        if not self._closed:
            self._loop.call_later(seconds, then or self._start)

    def _resume_after_defer(self) -> None:
        """Listen again; when nothing is pending any more (another worker took the connection),
        the deferral is over and the next connection gets a full :data:`MAX_DEFER` of its own."""
        if self._sock.fileno() >= 0 and not select.select([self._sock], [], [], 0)[0]:
            self._deferred_since = None
        self._start()

    def _ready(self) -> None:
        if self.board is not None and not self.board.should_accept():
            now = time.monotonic()
            if self._deferred_since is None:
                self._deferred_since = now
            if now - self._deferred_since < MAX_DEFER:
                self._pause(DEFER_STEP, self._resume_after_defer)  # a less loaded worker should take it
                return
        self._deferred_since = None
        self.accept_one()

    def accept_one(self) -> Optional[socket.socket]:
        """Accept one pending connection (None when there is none) and start serving it."""
        try:
            conn, _ = self._sock.accept()
        except (BlockingIOError, InterruptedError, ConnectionAbortedError):
            return None
        except OSError as exc:  # out of descriptors or buffers (as asyncio does: wait, then accept again)
            logger.error("accept failed (%s); pausing for %.1f s", exc, RESOURCE_PAUSE)
            self._pause(RESOURCE_PAUSE)
            return None
        conn.setblocking(False)
        task = self._loop.create_task(self._connect(conn))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return conn

    def _counted(self) -> asyncio.Protocol:
        protocol = self._factory()
        board = self.board
        if board is not None:
            board.add(1)
            lost = protocol.connection_lost

            def connection_lost(exc: Optional[Exception]) -> None:
                board.add(-1)
                lost(exc)

            protocol.connection_lost = connection_lost  # type: ignore[method-assign]
        return protocol

    async def _connect(self, conn: socket.socket) -> None:
        try:
            await self._loop.connect_accepted_socket(self._counted, conn)
        except OSError:  # the client went away before the transport was made
            conn.close()

    def is_serving(self) -> bool:
        return self._serving

    def close(self) -> None:
        """Stop accepting (open connections are the protocol's business, as with asyncio)."""
        self._closed = True
        if self._serving:
            self._serving = False
            if self._sock.fileno() >= 0:
                self._loop.remove_reader(self._sock.fileno())

    async def wait_closed(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)


class _OneAtATimeMixin:
    """``create_server(sock=<listening TCP socket>)`` returns a :class:`OneAtATimeServer`."""

    _board: Optional[ConnectionBoard] = None

    async def create_server(self, protocol_factory: Callable[[], asyncio.Protocol], host: Any = None,
                            port: Any = None, *, sock: Optional[socket.socket] = None, **kw: Any) -> Any:
        if sock is None or kw.get("ssl") is not None or sock.type != socket.SOCK_STREAM:
            return await super().create_server(  # type: ignore[misc]
                protocol_factory, host, port, sock=sock, **kw)
        board_path = os.environ.get(ENV_BOARD)
        if board_path and self._board is None:
            self._board = ConnectionBoard(Path(board_path))
        return OneAtATimeServer(self, sock, protocol_factory, kw.get("backlog", 100), self._board)  # type: ignore[arg-type]


def _base_loop() -> type:
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency where it builds
        return asyncio.SelectorEventLoop
    return uvloop.Loop


BalancedLoop: type = type("BalancedLoop", (_OneAtATimeMixin, _base_loop()), {
    "__doc__": "uvloop's loop (asyncio's without it) with :class:`OneAtATimeServer` for given sockets."})


def balanced_loop() -> asyncio.AbstractEventLoop:
    """A new :data:`BalancedLoop` (uvicorn calls this in each worker: ``loop="newsgraph.serve_accept:balanced_loop"``)."""
    return BalancedLoop()


#: The import string for uvicorn's ``loop`` option.
LOOP = f"{__name__}:balanced_loop"
