"""A real `saxgraph serve` on a loopback port, the memory of its process tree, and a load of concurrent
clients: shared by the robustness tests and bench/soak.py."""

import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from tests.helpers.processes import fetch, free_port, wait_for


@dataclass
class Server:
    base: str
    port: int
    process: subprocess.Popen
    log: Path

    def rss_mb(self) -> float:
        return tree_rss_mb(self.process.pid)


@contextmanager
def serve(build_dir: Path, workdir: Path, server: str = "gunicorn", workers: int = 2,
          env: dict | None = None):
    """`saxgraph serve --build-dir` as a user starts it, stopped afterwards."""
    port, log = free_port(), workdir / f"server-{server}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "saxgraph", "serve", "--port", str(port), "--server", server,
             "--workers", str(workers), "--build-dir", str(build_dir)],
            stdout=out, stderr=out, cwd=workdir, env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health", process, log, seconds=60)
        yield Server(base, port, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- memory -----------------------------------------------------------------------------------------------

def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def process_tree(pid: int) -> list[int]:
    tree, stack = [], [pid]
    while stack:
        current = stack.pop()
        tree.append(current)
        stack.extend(children(current))
    return tree


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    """Resident memory of the server and every process under it (gunicorn workers, query workers).
    Forked processes share pages copy-on-write, so this sum over-counts: an upper bound."""
    return sum(rss_kb(p) for p in process_tree(pid)) / 1024


# --- requests ---------------------------------------------------------------------------------------------

def sparql(base: str, query: str, timeout: float = 60, **params) -> tuple[int, bytes]:
    extra = "".join(f"&{k}={quote(v)}" for k, v in params.items())
    return fetch(f"{base}/sparql?query={quote(query)}{extra}", timeout=timeout)


# What a soak client asks for: a mix of the routes people use, each with the status it must get.
WORKLOAD = [
    ("/sparql?query=" + quote("SELECT ?c ?l WHERE { ?c a <https://w3id.org/saxgraph/ontology#Cluster> ; "
                              "<http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 50"), 200),
    ("/sparql?format=csv&query=" + quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), 200),
    ("/sparql?query=" + quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 200"), 200),
    ("/sparql?query=" + quote("ASK { ?s ?p ?o }"), 200),
    ("/sparql?query=" + quote("SELECT * WHERE { ?s ?p }"), 400),
    ("/id/cluster/cool-silicon", 200),
    ("/id/cluster/cool-silicon.ttl", 200),
    ("/id/cluster/no-such-cluster", 404),
    ("/search?q=silicon&format=json", 200),
    ("/classes", 200),
    ("/health", 200),
    ("/.well-known/void", 200),
    ("/", 200),
]


@dataclass
class LoadResult:
    requests: int = 0
    errors: list = field(default_factory=list)
    seconds: float = 0.0
    rss_mb: list = field(default_factory=list)  # (seconds since start, MB)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load(server: Server, seconds: float, clients: int = 8, max_requests: int = 1_000_000,
         sample_every: float = 5.0, seed: int = 0) -> LoadResult:
    """`clients` threads ask for the workload without pause for `seconds` (or until `max_requests`);
    any status other than the expected one, or a failed connection, is an error."""
    result, lock, stop = LoadResult(), threading.Lock(), threading.Event()
    started = time.monotonic()

    def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        while not stop.is_set():
            path, expected = rng.choice(WORKLOAD)
            try:
                status, _ = fetch(server.base + path, timeout=60)
                error = None if status == expected else f"{status} (expected {expected}) for {path}"
            except OSError as failure:
                error = f"{failure!r} for {path}"
            with lock:
                result.requests += 1
                if error:
                    result.errors.append(error)
                if result.requests >= max_requests:
                    stop.set()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    while not stop.is_set() and time.monotonic() - started < seconds:
        result.rss_mb.append((round(time.monotonic() - started, 1), round(server.rss_mb(), 1)))
        stop.wait(min(sample_every, max(0.0, seconds - (time.monotonic() - started))))
    stop.set()
    for thread in threads:
        thread.join(90)
    result.seconds = time.monotonic() - started
    result.rss_mb.append((round(result.seconds, 1), round(server.rss_mb(), 1)))
    return result


def raw_request(server: Server, data: bytes, timeout: float = 30) -> bytes:
    """Send raw bytes on a new connection; everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except OSError:
            pass  # the server may close before the whole oversized body is sent
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except OSError:
            pass
    return b"".join(chunks)


def health(server: Server) -> dict:
    return json.loads(fetch(f"{server.base}/health")[1])
