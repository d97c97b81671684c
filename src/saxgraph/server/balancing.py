"""Connections spread evenly over gunicorn's worker processes.

The worker processes share one listening socket and whichever wakes first accepts. Clients keep their
connections alive (HTTP libraries, wrk, YASGUI), so where a connection lands decides which process serves
all its requests, and a process serves its connections under one GIL: 8 clients were spread 4/4, 6/2 or
0/8 over two workers from one run to the next, and throughput on the same build swung between 1,000 and
2,450 req/s with it. Here each worker publishes how many connections it holds on a board in shared memory
(made in the master, inherited by fork); a worker holding more than its least-loaded live peer stops
accepting for a moment, so that the peer takes the connection. It declines for at most DECLINE_SECONDS at
a time: a peer that is stuck, or a stale figure, never keeps a client waiting longer than that.
"""

import multiprocessing
import os
import time

from saxgraph.server.request_reading import DeadlineThreadWorker

SLOTS = 64  # worker processes that can take part at once (more just accept as gunicorn does)
DECLINE_SECONDS = 0.02


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class ConnectionBoard:
    """Open connections per worker process, in shared memory: one (pid, count) slot per worker."""

    def __init__(self, slots: int = SLOTS):
        self._pids = multiprocessing.RawArray("i", slots)
        self._counts = multiprocessing.RawArray("i", slots)
        self._lock = multiprocessing.Lock()
        self._slot: int | None = None
        self._owner: int | None = None  # the process the slot was taken for (a fork has to take its own)

    def _my_slot(self) -> int | None:
        pid = os.getpid()
        if self._owner == pid:
            return self._slot
        with self._lock:
            slot = next((i for i, p in enumerate(self._pids) if p == pid), None)
            if slot is None:  # a free slot, or one left by a worker that has died
                slot = next((i for i, p in enumerate(self._pids) if p == 0 or not _alive(p)), None)
            if slot is not None:
                self._pids[slot], self._counts[slot] = pid, 0
        self._slot, self._owner = slot, pid
        return slot

    def publish(self, connections: int) -> None:
        slot = self._my_slot()
        if slot is not None:
            self._counts[slot] = connections

    def fewest_elsewhere(self) -> int | None:
        """The fewest connections a live peer holds; None without peers."""
        me, fewest = os.getpid(), None
        for slot, pid in enumerate(self._pids):
            if pid and pid != me and _alive(pid):
                count = self._counts[slot]
                fewest = count if fewest is None else min(fewest, count)
        return fewest

    def leave(self) -> None:
        if self._owner == os.getpid() and self._slot is not None:
            with self._lock:
                self._pids[self._slot], self._counts[self._slot] = 0, 0
            self._owner = None


BOARD = ConnectionBoard()  # made when gunicorn's master imports the worker class, before any fork


class BalancedThreadWorker(DeadlineThreadWorker):
    """gthread (with the request read deadline) that leaves a new connection to a less-loaded peer.

    Decided only when a connection is waiting (accept), so a request on a kept-alive connection costs one
    comparison more; declining stops listening until gunicorn's loop turns again, when it listens anew."""

    board = BOARD
    _decline_until: float | None = None  # the end of the current pause in accepting
    _published = -1

    def _should_decline(self) -> bool:
        """Whether to leave the waiting connection to a peer: only while this worker holds more than the
        least-loaded one (looked up each time: the peers' figures change as they accept), and for at most
        DECLINE_SECONDS in a row."""
        fewest = self.board.fewest_elsewhere()
        if fewest is None or self.nr_conns <= fewest:
            return False
        now = time.monotonic()
        if self._decline_until is None:
            self._decline_until = now + DECLINE_SECONDS
        return now < self._decline_until

    def accept(self, *args):
        if self._should_decline():
            self.set_accept_enabled(False)
            return
        self._decline_until = None
        super().accept(*args)
        self._publish()

    def wait_for_and_dispatch_events(self, timeout):
        self._publish()
        if self._decline_until is not None:
            if time.monotonic() > self._decline_until + DECLINE_SECONDS:
                self._decline_until = None  # a peer took the connection
            else:
                timeout = min(timeout, DECLINE_SECONDS / 4)
        return super().wait_for_and_dispatch_events(timeout)

    def _publish(self) -> None:
        if self.nr_conns != self._published:
            self.board.publish(self.nr_conns)
            self._published = self.nr_conns

    def run(self):
        try:
            super().run()
        finally:
            self.board.leave()
