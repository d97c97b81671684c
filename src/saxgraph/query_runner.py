"""Run SPARQL queries under the endpoint's limits: a time limit that really stops the work, a cap on the
result size, and SERVICE refused unless allow-listed.

pyoxigraph's `Store.query` cannot be interrupted, so queries run in worker processes forked from the process
that holds the loaded store (copy-on-write: nothing is reloaded). A worker that passes the time limit is
killed and replaced; one that dies is replaced too. The parent only ever waits on a pipe.
"""

import io
import logging
import os
import pickle
import queue
import re
import signal
import stat
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe
from typing import Protocol

import pyoxigraph as ox

from saxgraph import formats
from saxgraph.errors import (
    QueryEvaluationError,
    QueryRefusedError,
    QuerySyntaxError,
    QueryTimeoutError,
    ResultTooLargeError,
    SaxgraphError,
)
from saxgraph.results import WRITERS, OverBudget, TooManyRows, capped, serialize_capped
from saxgraph.sparql_text import classify, refused_services

log = logging.getLogger("saxgraph.query")

# pyoxigraph's parser recurses once per level of nesting and overflows the stack (the process dies) a few
# thousand levels down; real queries nest a few dozen levels at most.
MAX_NESTING = 256
# The same holds for a chain of operators that need no brackets (`1+1+...`, `!!!...true`, `a||b||...`):
# parsed and evaluated as a tree as deep as the chain is long, it kills the engine some 6000 operators in.
# Real queries use a few dozen.
MAX_OPERATORS = 2000
# SELECT answers up to this size are written by pyoxigraph (several times faster than our row-by-row
# writers); a larger one is written again by those, which the row cap can stop part-way.
NATIVE_WRITER_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class QueryRequest:
    sparql: str
    results_format: str = "json"  # for SELECT / ASK (formats.RESULTS names)
    graph_format: str = "turtle"  # for CONSTRUCT / DESCRIBE (formats.RDF names)
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None


@dataclass
class QueryOutcome:
    form: str  # "solutions", "boolean" or "graph"
    format_name: str  # a formats.RESULTS name for solutions and booleans, a formats.RDF name for graphs
    body: bytes
    size: int  # rows, 1 for a boolean, triples for a graph
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def format(self) -> formats.Format:  # resolved here: Format objects hold pyoxigraph enums (not picklable)
        return formats.by_name(self.format_name, formats.RDF if self.form == "graph" else formats.RESULTS)


def allowlist(setting) -> list[str]:
    """SERVICE_ALLOWLIST as IRI prefixes: a list, or (from the environment) a string of them separated by
    commas or spaces, never read character by character; an empty prefix would allow everything."""
    if setting is None:
        return []
    items = re.split(r"[\s,]+", setting) if isinstance(setting, str) else setting
    return [str(item).strip() for item in items if str(item).strip()]


def check_allowed(sparql: str, service_allowlist=()) -> None:
    """Refuse what a read-only, SSRF-safe endpoint must never run, before anything runs."""
    text = classify(sparql)
    if text.form == "UPDATE":
        raise QueryRefusedError("This endpoint is read-only: SPARQL Update is not accepted.")
    if text.depth > MAX_NESTING:
        raise QuerySyntaxError(f"The query nests brackets {text.depth} levels deep; this endpoint parses at "
                               f"most {MAX_NESTING} levels of {{ }}, ( ) and [ ].")
    if text.operators > MAX_OPERATORS:
        raise QuerySyntaxError(f"The query has {text.operators} operators (! + - * / && || = < > | ^); this "
                               f"endpoint evaluates queries with at most {MAX_OPERATORS}. Split the expression, "
                               "or use VALUES or IN ( ... ) for long lists.")
    refused = refused_services(sparql, allowlist(service_allowlist))
    if refused:
        raise QueryRefusedError(
            f"SERVICE (federated query) to {', '.join(refused)} is refused: this endpoint does not fetch "
            "remote data on a client's behalf. An operator can allow-list endpoint IRI prefixes with the "
            "SERVICE_ALLOWLIST setting (SAXGRAPH_SERVICE_ALLOWLIST).")


class QueryRunner(Protocol):
    def run(self, request: QueryRequest, timeout: float) -> QueryOutcome:
        """The serialised result, or QueryTimeoutError (503) when it takes longer than `timeout` seconds."""

    def retire(self, grace: float) -> None:
        """A newer runner serves from now on (a reload): wind down once running queries had `grace` s."""

    def close(self) -> None:
        """Stop now."""


def execute(store, request: QueryRequest, max_rows: int | None = None, **options) -> QueryOutcome:
    """Run one query in this process and serialise its result (`options`: the store's own, e.g. timeout)."""
    started = time.perf_counter()

    def run():
        return store.query(request.sparql, default_graphs=_list(request.default_graphs),
                           named_graphs=_list(request.named_graphs), base_iri=request.base_iri, **options)

    result = run()
    out = io.BytesIO()
    if isinstance(result, ox.QuerySolutions):
        fmt = formats.by_name(request.results_format, formats.RESULTS)
        try:
            try:
                body, size = serialize_capped(result, fmt.name, fmt.ox_format, max_rows, NATIVE_WRITER_BYTES)
            except OverBudget:
                result = run()  # the first run's solutions went into the abandoned answer
                size = WRITERS[fmt.name]([v.value for v in result.variables], capped(result, max_rows), out)
                body = out.getvalue()
        except TooManyRows as error:
            raise ResultTooLargeError(_too_large(error.limit, "rows")) from None
        return QueryOutcome("solutions", fmt.name, body, size, time.perf_counter() - started)
    if isinstance(result, ox.QueryBoolean):
        fmt = formats.by_name(request.results_format, formats.RESULTS)
        result.serialize(out, format=fmt.ox_format)
        form, size = "boolean", 1
    else:
        fmt = formats.by_name(request.graph_format, formats.RDF)
        try:
            triples = list(capped(result, max_rows))
        except TooManyRows as error:
            raise ResultTooLargeError(_too_large(error.limit, "triples")) from None
        ox.serialize(triples, out, format=fmt.ox_format)
        form, size = "graph", len(triples)
    return QueryOutcome(form, fmt.name, out.getvalue(), size, time.perf_counter() - started)


def _list(graphs):
    return list(graphs) if graphs is not None else None


def _too_large(limit: int, what: str) -> str:
    return (f"The result has more than {limit} {what}, the limit of this endpoint (MAX_RESULT_ROWS). "
            "Add LIMIT/OFFSET to page through it, or download the data dumps.")


class DirectRunner:
    """For a store that enforces the time limit itself (a remote endpoint, by HTTP timeout): run in the
    request's thread."""

    def __init__(self, store, max_rows: int | None = None):
        self.store, self.max_rows = store, max_rows

    def run(self, request: QueryRequest, timeout: float) -> QueryOutcome:
        return execute(self.store, request, self.max_rows, timeout=timeout)

    def retire(self, grace: float) -> None:
        pass  # nothing of its own to wind down: queries already running finish in their requests' threads

    def close(self) -> None:
        pass


# --- worker processes --------------------------------------------------------------------------------

class QueryPool:
    """Forked query workers sharing the parent's loaded store; created lazily in the serving process."""

    def __init__(self, store, size: int = 2, max_rows: int | None = None):
        self.store, self.size, self.max_rows = store, max(1, size), max_rows
        self._idle: queue.Queue = queue.Queue()
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
            self._idle = queue.Queue()  # workers inherited from another process are not ours
            for _ in range(self.size):
                self._idle.put(self._spawn())
            self._pid = os.getpid()

    def _spawn(self) -> "_Worker":
        parent_end, child_end = Pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            parent_end.close()
            _release_inherited(keep=child_end.fileno())
            _worker_loop(self.store, child_end, self.max_rows)
            os._exit(0)
        child_end.close()
        return _Worker(pid, parent_end)

    def run(self, request: QueryRequest, timeout: float) -> QueryOutcome:
        self._ensure_started()
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeoutError(f"All {self.size} query workers stayed busy for {timeout:g} s; "
                                    "try again shortly.") from None
        try:
            worker.conn.send_bytes(pickle.dumps(request))
            remaining = max(0.0, deadline - time.monotonic())
            if not worker.conn.poll(remaining):
                self._replace(worker)
                worker = None
                raise QueryTimeoutError(f"The query ran longer than the time limit of {timeout:g} s and "
                                        "was stopped. Narrow it (LIMIT, more specific patterns) or raise "
                                        "QUERY_TIMEOUT if you run this server.")
            status, payload = pickle.loads(worker.conn.recv_bytes())
        except (EOFError, OSError, BrokenPipeError):
            # the worker died mid-query: replace it. Killed from outside (out of memory): a retryable 503;
            # crashed (pyoxigraph faulted): a server fault, logged and answered 500, not blamed on the client.
            wait_status = self._replace(worker) if worker is not None else None
            worker = None
            crash = _crash_signal(wait_status)
            if crash:
                raise RuntimeError(f"the query engine crashed ({crash}) on: {request.sparql[:500]!r}") \
                    from None
            raise QueryTimeoutError("The query worker stopped unexpectedly; it has been replaced. "
                                    "Try again.") from None
        finally:
            if worker is not None:
                if self._retired and self._pid is None:
                    worker.kill()  # the pool closed while this query ran
                else:
                    self._idle.put(worker)
        if status == "ok":
            return payload
        error_class, message = payload
        raise error_class(message)

    def _replace(self, worker: "_Worker") -> int | None:
        wait_status = worker.kill()
        self.restarts += 1
        self._idle.put(self._spawn())
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
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                break
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


def _worker_loop(store, conn: Connection, max_rows) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which then kills us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return  # the server went away
        try:
            reply = ("ok", execute(store, request, max_rows))
        except (QuerySyntaxError, ResultTooLargeError, QueryRefusedError, SaxgraphError) as error:
            reply = ("error", (type(error), str(error)))
        except (ValueError, TypeError) as error:  # pyoxigraph: e.g. an invalid IRI in default-graph-uri
            reply = ("error", (QuerySyntaxError, str(error)))
        except RuntimeError as error:  # pyoxigraph's evaluation errors caused by the query itself
            reply = ("error", (QueryEvaluationError, f"The query cannot be evaluated: {error}"))
        except Exception as error:  # a fault, not bad input: the server logs it and answers 500
            reply = ("error", (RuntimeError, f"{type(error).__name__}: {error}"))
        conn.send_bytes(pickle.dumps(reply))
