"""`newsgraph serve --workers N`: connections shared out between the worker processes
(`newsgraph.serve_accept`): the shared board of open connections, one accept at a time, leaving a
connection to a less loaded worker, and the real server with 2 workers."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph import serve_accept
from newsgraph.serve_accept import _SLOT, ConnectionBoard, OneAtATimeServer, balanced_loop


def _listener() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _set_slot(path: Path, slot: int, pid: int, count: int) -> None:
    """Pretend another worker process holds ``slot`` with ``count`` open connections."""
    data = bytearray(path.read_bytes())
    _SLOT.pack_into(data, slot * _SLOT.size, pid, count)
    path.write_bytes(bytes(data))


def _busier_than_an_idle_worker(path: Path) -> ConnectionBoard:
    """This process's board slot with 2 open connections, beside a live worker (the parent) with 0."""
    ConnectionBoard.create(path, slots=4)
    board = ConnectionBoard(path, slots=4)
    board.add(2)
    _set_slot(path, 1, os.getppid(), 0)
    return board


def _recording_protocol(made: list) -> type:
    """A protocol class that keeps each transport it is given in ``made``."""

    class Proto(asyncio.Protocol):
        def connection_made(self, transport):  # type: ignore[override]
            made.append(transport)

    return Proto


def test_board_counts_and_least_loaded(tmp_path):
    path = tmp_path / "board"
    ConnectionBoard.create(path, slots=4)
    board = ConnectionBoard(path, slots=4)
    assert board.slot == 0 and board.least_other() is None and board.should_accept()
    board.add(3)
    assert _SLOT.unpack_from(path.read_bytes(), 0) == (os.getpid(), 3)
    _set_slot(path, 2, os.getppid(), 1)  # a live process with fewer connections: leave it the next one
    assert board.least_other() == 1 and not board.should_accept()
    _set_slot(path, 2, os.getppid(), 3)  # as loaded as we are: accept
    assert board.should_accept()
    _set_slot(path, 2, _dead_pid(), 0)  # a dead worker's slot does not count
    assert board.least_other() is None and board.should_accept()
    board.add(-5)  # never below zero
    assert board.count == 0
    board.close()


def test_board_slots_are_claimed_per_process(tmp_path):
    path = tmp_path / "board"
    ConnectionBoard.create(path, slots=4)
    code = ("import sys, time; from pathlib import Path; from newsgraph.serve_accept import ConnectionBoard;"
            "b = ConnectionBoard(Path(sys.argv[1]), slots=4); b.add(2); print(b.slot, flush=True); time.sleep(30)")
    env = {**os.environ, "PYTHONPATH": str(Path(serve_accept.__file__).resolve().parents[1])}
    other = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert other.stdout is not None
        other_slot = int(other.stdout.readline())
        mine = ConnectionBoard(path, slots=4)
        assert mine.slot != other_slot  # the other process's lock keeps its slot
        assert mine.least_other() == 2
    finally:
        other.kill()
        other.wait()
    assert mine.least_other() is None  # it died: its slot no longer counts
    mine.close()


def test_accepts_one_connection_per_call():
    async def main() -> None:
        loop = asyncio.get_running_loop()
        made: list[asyncio.Transport] = []
        Proto = _recording_protocol(made)

        sock = _listener()
        server = OneAtATimeServer(loop, sock, Proto)
        server.close()  # accept only when told to
        clients = [socket.create_connection(sock.getsockname()) for _ in range(3)]
        try:
            assert server.accept_one() is not None
            await asyncio.sleep(0.05)
            assert len(made) == 1  # the other two are still waiting in the backlog
            assert server.accept_one() is not None and server.accept_one() is not None
            assert server.accept_one() is None  # nothing left
            await asyncio.sleep(0.05)
            assert len(made) == 3
        finally:
            for c in clients:
                c.close()
            for t in made:
                t.close()
            sock.close()

    asyncio.run(main())


def test_leaves_connection_to_less_loaded_worker_then_takes_it(tmp_path, monkeypatch):
    """With a live worker holding fewer connections on the board, a pending connection is left
    alone for up to MAX_DEFER, then accepted anyway (a stalled worker never strands it)."""
    monkeypatch.setattr(serve_accept, "MAX_DEFER", 0.2)
    board = _busier_than_an_idle_worker(tmp_path / "board")

    async def main() -> None:
        loop = asyncio.get_running_loop()
        got = loop.create_future()

        class Proto(asyncio.Protocol):
            def connection_made(self, transport):  # type: ignore[override]
                if not got.done():
                    got.set_result((time.monotonic(), board.count))
                transport.close()

        sock = _listener()
        server = OneAtATimeServer(loop, sock, Proto, board=board)
        t0 = time.monotonic()
        client = socket.create_connection(sock.getsockname())
        try:
            accepted_at, open_then = await asyncio.wait_for(got, 5)
            assert accepted_at - t0 >= 0.15  # left for the idle worker first
            assert open_then == 3  # counted while open
            await asyncio.sleep(0.05)
            assert board.count == 2  # and no longer once closed
        finally:
            server.close()
            client.close()
            sock.close()

    asyncio.run(main())
    board.close()


def test_balanced_loop_serves_and_falls_back_for_host_port():
    loop = balanced_loop()
    try:
        async def main() -> bytes:
            class Echo(asyncio.Protocol):
                def connection_made(self, transport):  # type: ignore[override]
                    self.t = transport

                def data_received(self, data):  # type: ignore[override]
                    self.t.write(data.upper())

            sock = _listener()
            server = await loop.create_server(Echo, sock=sock)
            assert isinstance(server, OneAtATimeServer)
            plain = await loop.create_server(Echo, "127.0.0.1", 0)  # host and port: the base loop's server
            assert not isinstance(plain, OneAtATimeServer)
            plain.close()
            reader, writer = await asyncio.open_connection(*sock.getsockname())
            writer.write(b"ping")
            reply = await reader.readexactly(4)
            writer.close()
            server.close()
            await server.wait_closed()
            sock.close()
            return reply

        assert loop.run_until_complete(main()) == b"PING"
    finally:
        loop.close()


def test_serve_two_workers_answer_a_burst_and_stop(tmp_path):
    """The real command: 2 worker processes answer 16 simultaneous keep-alive connections, and
    stop on SIGTERM (no orphaned workers)."""
    from newsgraph.api.samples import build_sample_db

    db = tmp_path / "corpus.db"
    build_sample_db(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = str(Path(serve_accept.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src}
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", str(port),
                             "--workers", "2", "--log-level", "warning"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 40
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.1)

        async def one() -> list[int]:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            statuses = []
            for _ in range(3):
                writer.write(f"GET /api/counts HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(next(ln.split(b":")[1] for ln in head.split(b"\r\n")
                                   if ln.lower().startswith(b"content-length")))
                await reader.readexactly(length)
                statuses.append(int(head.split()[1]))
            writer.close()
            return statuses

        async def burst() -> list[list[int]]:
            return await asyncio.gather(*(one() for _ in range(16)))

        results = asyncio.run(burst())
        assert all(s == [200, 200, 200] for s in results)
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail("serve did not stop on SIGTERM")
    assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")


def test_a_deferral_ends_when_another_worker_takes_the_connection(tmp_path):
    """After a deferral whose connection was taken elsewhere, the next connection is deferred for
    its own full MAX_DEFER (a stale deferral must not let it through at once)."""
    board = _busier_than_an_idle_worker(tmp_path / "board")

    async def main() -> None:
        loop = asyncio.get_running_loop()
        made: list[asyncio.Transport] = []
        Proto = _recording_protocol(made)

        sock = _listener()
        server = OneAtATimeServer(loop, sock, Proto, board=board)
        other = socket.socket(fileno=os.dup(sock.fileno()))  # "another worker" on the same socket
        client = socket.create_connection(sock.getsockname())
        await asyncio.sleep(0.005)
        assert server._deferred_since is not None and not made  # left for the less loaded worker
        other.setblocking(True)
        taken, _ = other.accept()  # which takes it
        await asyncio.sleep(0.01)
        assert server._deferred_since is None  # deferral over
        late = socket.create_connection(sock.getsockname())
        await asyncio.sleep(0.005)
        assert not made  # deferred again, not let through on the old deferral's clock
        await asyncio.sleep(serve_accept.MAX_DEFER + 0.05)
        assert len(made) == 1  # then taken after its own MAX_DEFER
        for s in (client, late, taken, other):
            s.close()
        for t in made:
            t.close()
        server.close()
        sock.close()

    asyncio.run(main())
    board.close()
