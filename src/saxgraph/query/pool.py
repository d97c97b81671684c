"""Query processes: the time limit that really stops the work, and fair waiting for a free process.

pyoxigraph's `Store.query` cannot be interrupted, so queries run in worker processes forked from the process
that holds the loaded store (copy-on-write: nothing is reloaded). A worker that passes the time limit is
killed and replaced; one that dies is replaced too. The parent only ever waits on a pipe, and waits for a
free worker only as long as the queue budget allows; free workers go first to the clients with the fewest
queries running, so one client's burst of slow queries does not hold everyone else's behind it.

A worker runs its queries on a thread with a deep stack (the engine recurses once per element of long flat
chains: thousands of BINDs or UNIONs overflowed the main thread's 8 MiB), may allocate QUERY_MEMORY beyond
what it was forked with, and without an allow-list cannot open network sockets (saxgraph.query.sandbox).
"""

import errno
import logging
import math
import os
import pickle
import select
import signal
import stat
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe

from saxgraph.errors import (
    BackendError,
    QueryEvaluationError,
    QueryMemoryError,
    QueryRefusedError,
    QuerySyntaxError,
    QueryTimeoutError,
    SaxgraphError,
    ServerBusyError,
)
from saxgraph.query import sandbox
from saxgraph.query.federation import service_targets
from saxgraph.query.runner import DEFAULT_LIMITS, Limits, QueryOutcome, QueryRequest, execute

log = logging.getLogger("saxgraph.query")

# The stack of the thread that runs queries in a worker (address space only; pages are used as touched).
# 5,000 BINDs, 10,000 UNION groups or 5,000 SELECT expressions crashed the engine on 8 MiB; on 512 MiB they
# run, and past MAX_QUERY_PATTERNS they are refused before that matters.
QUERY_STACK_BYTES = 512 * 1024 * 1024


def _busy(waited: float) -> ServerBusyError:
    return ServerBusyError("Every query process of this server stayed busy for as long as a query may wait "
                           f"(QUEUE_TIMEOUT; {waited:.1f} s here); try again shortly.", retry_after=2)


class _FairQueue:
    """Idle workers, handed to waiting requests fairly: first to the client with the fewest queries
    running, then the longest waiting. A request waits at most `timeout` seconds (ServerBusyError)."""

    def __init__(self):
        self._condition = threading.Condition()
        self._idle: list[_Worker] = []
        self._waiting: list[list] = []  # [client, arrival, granted worker or None]
        self._running: dict[str, int] = {}
        self._arrivals = 0

    def put(self, worker: "_Worker") -> None:
        with self._condition:
            self._idle.append(worker)
            self._grant()

    def take(self, client: str, timeout: float) -> "_Worker":
        if timeout <= 0:
            raise _busy(0)
        with self._condition:
            self._arrivals += 1
            ticket = [client, self._arrivals, None]
            self._waiting.append(ticket)
            self._grant()
            deadline = time.monotonic() + timeout
            while ticket[2] is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self._waiting.remove(ticket)
                    raise _busy(timeout)
                self._condition.wait(remaining)
            return ticket[2]

    def done(self, client: str) -> None:
        with self._condition:
            running = self._running.get(client, 0) - 1
            if running > 0:
                self._running[client] = running
            else:
                self._running.pop(client, None)

    def idle(self) -> list["_Worker"]:
        with self._condition:
            return list(self._idle)

    def drain(self) -> list["_Worker"]:
        with self._condition:
            idle, self._idle = self._idle, []
            return idle

    def _grant(self) -> None:
        granted = False
        while self._idle and self._waiting:
            ticket = min(self._waiting, key=lambda t: (self._running.get(t[0], 0), t[1]))
            self._waiting.remove(ticket)
            ticket[2] = self._idle.pop(0)  # first in, first out: each worker takes its turn
            self._running[ticket[0]] = self._running.get(ticket[0], 0) + 1
            granted = True
        if granted:
            self._condition.notify_all()


class QueryPool:
    """Forked query workers sharing the parent's loaded store; created lazily in the serving process."""

    def __init__(self, store, size: int = 2, limits: Limits = DEFAULT_LIMITS):
        self.store, self.size, self.limits = store, max(1, size), limits
        self._queue = _FairQueue()
        self._pid = None
        self._lock = threading.Lock()
        self.restarts = 0
        self._retired = False

    def _ensure_started(self) -> None:
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid == os.getpid():
                return
            self._queue = _FairQueue()  # workers inherited from another process are not ours
            for _ in range(self.size):
                self._queue.put(self._spawn())
            self._pid = os.getpid()

    def _spawn(self) -> "_Worker":
        parent_end, child_end = Pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            parent_end.close()
            _release_inherited(keep=child_end.fileno())
            _worker_main(self.store, child_end, self.limits)
            os._exit(0)
        child_end.close()
        return _Worker(pid, parent_end)

    def run(self, request: QueryRequest, timeout: float, client: str = "",
            queue_timeout: float | None = None) -> QueryOutcome:
        """`queue_timeout`: what is left of the queue budget (QUEUE_TIMEOUT) for this request."""
        self._ensure_started()
        budget = self.limits.queue_timeout if queue_timeout is None else queue_timeout
        worker = self._take(client, budget)
        try:
            try:
                worker.conn.send_bytes(pickle.dumps(request))
            except OSError:  # it died while idle (killed from outside): the query has not run; a fresh one
                self._replace(worker)
                worker = self._take(client, budget, queued=True)
                worker.conn.send_bytes(pickle.dumps(request))
            if not worker.readable(timeout):
                self._replace(worker)
                worker = None
                raise QueryTimeoutError(f"The query ran longer than the time limit of {timeout:g} s and "
                                        "was stopped. Narrow it (LIMIT, more specific patterns) or raise "
                                        "QUERY_TIMEOUT if you run this server.")
            status, payload = pickle.loads(worker.conn.recv_bytes())
        except (EOFError, OSError):
            # the worker died mid-query: replace it. Out of the memory it may use (the engine aborts when an
            # allocation fails): 503, retryable with a smaller query; crashed otherwise (pyoxigraph faulted):
            # a server fault, logged and answered 500, not blamed on the client.
            wait_status = self._replace(worker) if worker is not None else None
            worker = None
            crash = _crash_signal(wait_status)
            if crash == "SIGABRT" and self.limits.memory:
                raise QueryMemoryError(
                    f"The query needed more memory than a query may use here ({self.limits.memory // 2**20} "
                    "MiB, QUERY_MEMORY) and was stopped. Narrow it (LIMIT, more specific patterns, no ORDER "
                    "BY over large intermediate results).") from None
            if crash:
                raise RuntimeError(f"the query engine crashed ({crash}) on: {request.sparql[:500]!r}") \
                    from None
            raise QueryTimeoutError("The query process stopped unexpectedly; it has been replaced. "
                                    "Try again.") from None
        finally:
            self._queue.done(client)
            if worker is not None:
                if self._retired and self._pid is None:
                    worker.kill()  # the pool closed while this query ran
                else:
                    self._queue.put(worker)
        if status == "ok":
            return payload
        error_class, message = payload
        raise error_class(message)

    def idle_pids(self) -> list[int]:
        """The process ids of the workers waiting for a query, in the order they will take one."""
        return [worker.pid for worker in self._queue.idle()]

    def _take(self, client: str, budget: float, queued: bool = False) -> "_Worker":
        """An idle worker that is alive (one that died while idle is replaced first)."""
        if queued:
            self._queue.done(client)
        while True:
            worker = self._queue.take(client, budget)
            if not worker.readable(0):  # an idle worker writes nothing: readable means its end closed
                return worker
            self._queue.done(client)
            self._replace(worker)

    def _replace(self, worker: "_Worker") -> int | None:
        wait_status = worker.kill()
        self.restarts += 1
        self._queue.put(self._spawn())
        return wait_status

    def retire(self, grace: float) -> None:
        """A newer pool serves from now on: close this one once queries already running have had `grace`
        seconds to finish (a worker still busy then is killed when it comes back)."""
        self._retired = True
        timer = threading.Timer(grace, self.close)
        timer.daemon = True
        timer.start()

    def close(self) -> None:
        if self._pid != os.getpid():
            return
        for worker in self._queue.drain():
            worker.kill()
        self._pid = None


def _crash_signal(wait_status: int | None) -> str | None:
    if wait_status is None or not os.WIFSIGNALED(wait_status):
        return None
    number = os.WTERMSIG(wait_status)
    crashes = (signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGILL, signal.SIGFPE)
    return signal.Signals(number).name if number in crashes else None


@dataclass
class _Worker:
    pid: int
    conn: Connection
    _poller: object = None  # a select.poll on the pipe, made on first use

    def readable(self, timeout: float) -> bool:
        """Whether the worker has written (or its end closed) within `timeout` seconds: Connection.poll
        with one poll object per worker instead of a new selector per call (a tenth of a millisecond
        of every query at seed size)."""
        if self._poller is None:
            self._poller = select.poll()
            self._poller.register(self.conn.fileno(), select.POLLIN)
        deadline = time.monotonic() + timeout
        while True:
            try:
                return bool(self._poller.poll(max(0, math.ceil(timeout * 1000))))
            except InterruptedError:  # pragma: no cover  (PEP 475 retries; kept for safety)
                timeout = deadline - time.monotonic()

    def kill(self) -> int | None:
        """Kill and reap the worker; its wait status (how it ended, if it had ended already)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            wait_status = os.waitpid(self.pid, 0)[1]
        except ChildProcessError:
            wait_status = None
        self.conn.close()
        return wait_status


def _exit_with_parent(parent: int) -> None:
    """A server process that dies (killed, or restarted by gunicorn) cannot kill a worker busy with a
    runaway query, so the worker watches for it; pyoxigraph releases the GIL while it evaluates."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _release_inherited(keep: int) -> None:
    """Workers are forked while the server serves, so they inherit its sockets and pipes: client
    connections open at that moment, the listening socket, the other workers' pipes. A connection the server
    closes stays open while a worker holds it (the client never sees the end of the response). Each is
    pointed at /dev/null instead: its number stays taken, so that a Python object of the server's that still
    owns it can never close a file the worker opened later (the store's), and the standard streams and the
    store's own files are left alone."""
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        for name in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else ():
            fd = int(name)
            if fd <= 2 or fd in (keep, devnull):
                continue
            try:
                mode = os.fstat(fd).st_mode
            except OSError:
                continue  # the directory listing's own descriptor, already closed
            if stat.S_ISSOCK(mode) or stat.S_ISFIFO(mode):
                os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _worker_main(store, conn: Connection, limits: Limits) -> None:
    """The worker process: confined (no network unless allowed, bounded memory), then its loop on a thread
    with a deep stack."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which then kills us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sandboxed = not limits.network and sandbox.forbid_network()
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    confined = threading.Event()
    loop = threading.Thread(target=_worker_loop, args=(store, conn, limits, sandboxed, confined),
                            name="saxgraph-query")
    threading.stack_size(QUERY_STACK_BYTES)  # read when the thread starts
    try:
        loop.start()
    finally:
        threading.stack_size(0)
    if limits.memory:  # counted from now, so that the stack's mapping (mostly never touched) is not
        sandbox.limit_memory(limits.memory)
    confined.set()
    loop.join()


def _worker_loop(store, conn: Connection, limits: Limits, sandboxed: bool, confined: threading.Event) -> None:
    confined.wait()
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return  # the server went away
        try:
            reply = ("ok", execute(store, request, limits))
        except SaxgraphError as error:
            reply = ("error", (type(error), str(error)))
        except (ValueError, TypeError) as error:  # pyoxigraph: e.g. an invalid IRI in default-graph-uri
            reply = ("error", (QuerySyntaxError, str(error)))
        except MemoryError:
            reply = ("error", (QueryMemoryError, "The query needed more memory than a query may use here "
                                                 "(QUERY_MEMORY) and was stopped. Narrow it."))
        except OSError as error:
            reply = ("error", _network_error(request.sparql, error, sandboxed))
        except RuntimeError as error:  # pyoxigraph's evaluation errors caused by the query itself
            if service_targets(request.sparql) and "service" in str(error).lower():
                reply = ("error", (BackendError, f"The SERVICE endpoint did not answer as SPARQL: {error}"))
            else:
                reply = ("error", (QueryEvaluationError, f"The query cannot be evaluated: {error}"))
        except Exception as error:  # a fault, not bad input: the server logs it and answers 500
            reply = ("error", (RuntimeError, f"{type(error).__name__}: {error}"))
        conn.send_bytes(pickle.dumps(reply))


def _network_error(sparql: str, error: OSError, sandboxed: bool) -> tuple[type, str]:
    """What an OSError from the engine means: a connection the sandbox stopped (a SERVICE the text check
    should have refused), a SERVICE endpoint that could not be reached (502), or a fault of the store."""
    # pyoxigraph's I/O errors carry no errno, only its text: "Permission denied (os error 13)"
    denied = error.errno in (errno.EACCES, errno.EPERM) or \
        f"(os error {errno.EACCES})" in str(error) or f"(os error {errno.EPERM})" in str(error)
    if sandboxed and denied:
        log.error("a query tried to open a network connection and was stopped: %r", sparql[:500])
        return QueryRefusedError, ("The query tried to make this server open a network connection (SERVICE); "
                                   "this endpoint does not fetch remote data on a client's behalf.")
    if service_targets(sparql):
        return BackendError, f"The SERVICE endpoint could not be queried: {error}"
    return RuntimeError, f"the store could not be read: {error}"
