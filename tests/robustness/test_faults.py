"""Faults: a query worker or a gunicorn worker killed mid-query, and a build killed mid-write. The server
answers what it can (a retryable 503 for the query whose worker died), replaces what died, leaves no
process behind, and never serves a half-written build."""

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from saxgraph.build.folder import DATASET_FILE, MANIFEST_FILE
from saxgraph.store.open import open_build
from tests.helpers import live
from tests.helpers.processes import wait_until

pytestmark = pytest.mark.server

VALUES = " ".join(str(i) for i in range(60))
ENDLESS = "SELECT (COUNT(*) AS ?n) {" + " ".join(f"VALUES ?v{i} {{ {VALUES} }}" for i in range(8)) + "}"


@pytest.fixture(scope="module")
def server(real_build, tmp_path_factory):
    env = {"SAXGRAPH_QUERY_TIMEOUT": "20", "SAXGRAPH_QUERY_WORKERS": "1"}
    with live.serve(real_build.dataset_path.parent, tmp_path_factory.mktemp("faults"), env=env) as running:
        yield running


def gunicorn_workers(server) -> list[int]:
    return live.children(server.process.pid)


def busy_query_workers(server) -> list[int]:
    """Query worker processes (children of gunicorn workers) with a thread using CPU now (a query runs on a
    thread of its own, not the main one)."""
    found = []
    for worker in gunicorn_workers(server):
        for pid in live.children(worker):
            states = []
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    states.append(open(task / "stat").read().rsplit(")", 1)[1].split()[0])
                except OSError:
                    continue
            if "R" in states:
                found.append(pid)
    return found


def in_background(fn):
    result = {}

    def run():
        try:
            result["value"] = fn()
        except OSError as error:  # the connection went down with the process serving it
            result["value"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def good(server) -> bool:
    status, body = live.sparql(server.base, "ASK { ?s ?p ?o }", timeout=30)
    return status == 200 and b"true" in body


def test_a_query_worker_killed_mid_query_is_a_503_and_is_replaced(server):
    assert good(server)
    thread, result = in_background(lambda: live.sparql(server.base, ENDLESS, timeout=60))
    busy = wait_until(lambda: busy_query_workers(server), 20)
    assert busy, "the query never started"
    os.kill(busy[0], signal.SIGKILL)
    thread.join(60)
    status, body = result["value"]
    assert status == 503 and b"Try again" in body
    assert all(good(server) for _ in range(5))
    with pytest.raises(ProcessLookupError):
        os.kill(busy[0], 0)  # reaped, not a zombie left behind


def test_a_gunicorn_worker_killed_mid_query_is_replaced_and_others_keep_serving(server):
    assert good(server)
    before = gunicorn_workers(server)
    assert len(before) == 2
    thread, result = in_background(lambda: live.sparql(server.base, ENDLESS, timeout=60))
    busy = wait_until(lambda: busy_query_workers(server), 20)
    assert busy
    victim = next(w for w in before if busy[0] in live.children(w))
    os.kill(victim, signal.SIGKILL)
    thread.join(60)
    # the client of the killed worker loses its connection (nothing else could answer it); nothing else fails
    assert isinstance(result["value"], OSError), result["value"]
    replaced = wait_until(lambda: len(gunicorn_workers(server)) == 2
                          and victim not in gunicorn_workers(server))
    assert replaced, gunicorn_workers(server)
    assert all(good(server) for _ in range(10))
    # the killed worker's query process does not outlive it
    assert wait_until(lambda: not os.path.exists(f"/proc/{busy[0]}") or
                      open(f"/proc/{busy[0]}/stat").read().rsplit(")", 1)[1].split()[0] == "Z", 10)


WRITER = """
import sys
from pathlib import Path
from saxgraph.build.folder import write_atomically
out = Path(sys.argv[1])
big = b'<http://e/s> <http://e/p> "new" <http://e/g> .\\n' * 6_000_000
write_atomically(out, {"saxgraph.nq": big, "manifest.json": b'{"hash": "sha256:x"}'})
"""


def test_a_build_killed_mid_write_leaves_the_last_good_build_served(tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    old = b'<http://e/s> <http://e/p> "old" <http://e/g> .\n'
    (out / DATASET_FILE).write_bytes(old)
    manifest = json.dumps({"hash": "sha256:" + hashlib.sha256(old).hexdigest()}).encode()
    (out / MANIFEST_FILE).write_bytes(manifest)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(out)])
    started = wait_until(lambda: [p for p in out.iterdir() if p.name.startswith(".")]
                         or writer.poll() is not None)
    assert writer.poll() is None and started, "the writer finished before it could be interrupted"
    writer.kill()
    writer.wait()
    assert (out / DATASET_FILE).read_bytes() == old
    assert (out / MANIFEST_FILE).read_bytes() == manifest
    store = open_build(out, build_if_missing=False)
    assert store.select("SELECT ?o { ?s ?p ?o }") == [{"o": "old"}]
    # the next build clears what the killed one left half-written
    from saxgraph.build.folder import write_atomically

    write_atomically(out, {DATASET_FILE: old, MANIFEST_FILE: manifest})
    assert sorted(p.name for p in out.iterdir()) == sorted([DATASET_FILE, MANIFEST_FILE])
