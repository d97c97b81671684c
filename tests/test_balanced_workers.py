"""Kept-alive connections spread evenly over gunicorn's worker processes (saxgraph.server.balancing)."""

import http.client
import os
import subprocess
import sys
import time

import pytest

from saxgraph.server.balancing import DECLINE_SECONDS, BalancedThreadWorker, ConnectionBoard
from tests.helpers.processes import free_port, wait_for


@pytest.fixture
def peers():
    """Live processes standing in for other workers."""
    started = [subprocess.Popen(["sleep", "60"]) for _ in range(2)]
    yield started
    for process in started:
        process.kill()
        process.wait()


def put(board: ConnectionBoard, pid: int, count: int) -> None:
    slot = next(i for i, p in enumerate(board._pids) if p == 0)
    board._pids[slot], board._counts[slot] = pid, count


def test_the_board_reports_the_fewest_connections_of_live_peers(peers):
    board = ConnectionBoard(slots=8)
    assert board.fewest_elsewhere() is None  # no peers: nothing to defer to
    board.publish(5)
    put(board, peers[0].pid, 3)
    put(board, peers[1].pid, 4)
    assert board.fewest_elsewhere() == 3
    peers[0].kill()
    peers[0].wait()
    assert board.fewest_elsewhere() == 4  # a dead worker's figure no longer counts


def test_a_slot_left_by_a_dead_worker_is_taken_again(peers):
    board = ConnectionBoard(slots=2)
    put(board, peers[0].pid, 0)
    put(board, peers[1].pid, 7)
    board.publish(1)  # the board is full of live workers: this one does not take part
    assert os.getpid() not in list(board._pids)
    peers[0].kill()
    peers[0].wait()
    board._owner = None
    board.publish(2)
    assert list(board._pids).index(os.getpid()) == 0 and board._counts[0] == 2
    board.leave()
    assert list(board._pids) == [0, peers[1].pid]


def worker(board, connections: int) -> BalancedThreadWorker:
    w = BalancedThreadWorker.__new__(BalancedThreadWorker)  # the decision alone, without a gunicorn arbiter
    w.board, w.nr_conns = board, connections
    return w


def test_a_worker_leaves_a_new_connection_to_a_less_loaded_peer_for_a_moment_only(peers):
    board = ConnectionBoard(slots=4)
    put(board, peers[0].pid, 2)
    assert not worker(board, 2)._should_decline()  # as loaded as the peer: accept
    busy = worker(board, 3)
    assert busy._should_decline()  # more loaded: the peer should take it
    time.sleep(DECLINE_SECONDS * 1.5)
    assert not busy._should_decline()  # the peer did not: accept rather than keep the client waiting


def established(port: int, pid: int) -> int:
    """Connections to `port` the process holds (its socket inodes against /proc/net/tcp*)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in open(table).read().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] == "01" and fields[9] in inodes:  # 01: ESTABLISHED
                count += 1
    return count


def workers_of(server) -> list[int]:
    """gunicorn's worker processes: the master's children (query processes are the workers' children)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == server.pid:
                found.append(int(entry))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/net"), reason="needs Linux /proc")
def test_kept_alive_connections_are_spread_evenly_over_the_workers(tmp_path, mini_build):
    port, log = free_port(), tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "saxgraph", "serve", "--port", str(port),
                                   "--workers", "2", "--build-dir", str(mini_build.dataset_path.parent)],
                                  stdout=out, stderr=out)
    clients = []
    try:
        wait_for(f"http://127.0.0.1:{port}/health", server, log)
        deadline = time.monotonic() + 30
        while len(workers_of(server)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)  # both workers in their event loops, on the board
        for _ in range(3):  # three bursts: without balancing, one in three or so lands 6/2, 7/1 or 8/0
            for _ in range(8):  # all at once, as a load generator or a browser opens them
                client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                client.connect()
                clients.append(client)
            for client in clients:  # each kept open after its request
                client.request("GET", "/health")
                assert client.getresponse().read()
            time.sleep(0.2)
            held = sorted(established(port, pid) for pid in workers_of(server))
            assert held[-2:] == [4, 4], f"connections per process: {held}"
            while clients:
                clients.pop().close()
            time.sleep(0.5)
    finally:
        for client in clients:
            client.close()
        server.terminate()
        server.wait(timeout=30)
