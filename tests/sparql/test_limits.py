"""Limits that protect the endpoint: a time limit that really stops the work, a result cap, a body cap,
and recovery when a query worker dies."""

import os
import signal
import time

import pytest

from saxgraph.web import create_app

VALUES = " ".join(str(i) for i in range(60))
ENDLESS = "SELECT (COUNT(*) AS ?n) {" + " ".join(f"VALUES ?v{i} {{ {VALUES} }}" for i in range(8)) + "}"


@pytest.fixture(scope="module")
def limited(mini_dataset):
    app = create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_TIMEOUT": 1, "MAX_RESULT_ROWS": 50,
                      "MAX_CONTENT_LENGTH": 4000, "QUERY_WORKERS": 1,
                      "RESULT_CACHE_BYTES": 0})  # every request reaches a worker
    return app


def test_a_runaway_query_is_stopped_at_the_time_limit(limited):
    client = limited.test_client()
    started = time.monotonic()
    response = client.get("/sparql", query_string={"query": ENDLESS})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "time limit of 1 s" in response.get_data(as_text=True)
    assert response.headers["Retry-After"]
    assert elapsed < 5
    # the worker was killed, not left running: the next query is answered at once
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    pool = limited.extensions["saxgraph.query_pool"]
    assert pool.restarts >= 1


def test_the_killed_worker_process_is_gone(limited):
    client = limited.test_client()
    client.get("/sparql", query_string={"query": "ASK {}"})
    pool = limited.extensions["saxgraph.query_pool"]
    before = set(pool.idle_pids())
    client.get("/sparql", query_string={"query": ENDLESS})
    for pid in before:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_results_beyond_the_row_cap_are_refused_with_advice(limited):
    query = "SELECT * { VALUES ?x { " + VALUES + " } }"
    response = limited.test_client().get("/sparql", query_string={"query": query})
    assert response.status_code == 413
    assert "LIMIT" in response.get_data(as_text=True)
    ok = limited.test_client().get("/sparql", query_string={"query": query + " LIMIT 50"})
    assert ok.status_code == 200 and ok.headers["X-Result-Size"] == "50"


def test_a_construct_beyond_the_cap_is_refused_too(limited):
    query = ("CONSTRUCT { ?i <http://e/p> ?x } WHERE { VALUES ?x { " + VALUES + " } "
             "BIND(IRI(CONCAT('http://e/', STR(?x))) AS ?i) }")
    assert limited.test_client().get("/sparql", query_string={"query": query}).status_code == 413


def test_an_oversized_body_is_413(limited):
    body = "ASK {} #" + "x" * 5000
    response = limited.test_client().post("/sparql", data=body, content_type="application/sparql-query")
    assert response.status_code == 413


def test_a_worker_that_dies_mid_query_is_replaced(limited):
    client = limited.test_client()
    client.get("/sparql", query_string={"query": "ASK {}"})
    pool = limited.extensions["saxgraph.query_pool"]
    os.kill(pool.idle_pids()[0], signal.SIGKILL)
    time.sleep(0.1)
    # the query never reached the dead worker: it is answered by a fresh one, not failed
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


ORPHAN_SCRIPT = """
import sys, threading, time
import pyoxigraph as ox
from saxgraph.query.pool import QueryPool
from saxgraph.query.runner import QueryRequest
from saxgraph.store.dataset import Store
pool = QueryPool(Store(ox.Store()), size=1)
pool._ensure_started()
print(pool.idle_pids()[0], flush=True)
pool.run(QueryRequest(sys.argv[1]), timeout=600)
"""


def test_a_busy_worker_does_not_outlive_its_server(tmp_path):
    """A server killed mid-query (gunicorn restarting a worker, an OOM kill) leaves no runaway query
    behind."""
    import subprocess
    import sys

    server = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT, ENDLESS], stdout=subprocess.PIPE,
                              text=True)
    worker = int(server.stdout.readline())
    time.sleep(1)
    os.kill(worker, 0)  # busy with the query
    server.kill()
    server.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(worker, signal.SIGKILL)
    pytest.fail("the query worker kept running after its server died")


@pytest.mark.parametrize("query", [
    "SELECT * {" * 20000,
    "SELECT * WHERE { " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000 + " }",
    "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
], ids=["unclosed", "groups", "parentheses"])
def test_a_query_nested_too_deep_for_the_parser_is_a_400(client, query):
    """pyoxigraph's parser would overflow its stack (the worker dies) a few thousand levels down."""
    response = client.post("/sparql", data=query, content_type="application/sparql-query")
    assert response.status_code == 400 and "levels deep" in response.get_data(as_text=True)
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_nesting_that_real_queries_use_is_fine(client):
    query = "SELECT * WHERE { " + "{ " * 200 + "?s ?p ?o" + " }" * 200 + " } LIMIT 1"
    response = client.post("/sparql", data=query, content_type="application/sparql-query")
    assert response.status_code == 200, response.get_data(as_text=True)


def test_an_engine_crash_is_a_logged_500_not_a_client_error(mini_dataset, caplog):
    """A worker that faults mid-query (simulated by SIGSEGV) is a server fault: 500, logged, replaced."""
    import faulthandler
    import threading

    app = create_app({"STORE": mini_dataset, "TESTING": False, "QUERY_TIMEOUT": 30, "QUERY_WORKERS": 1})
    client = app.test_client()
    enabled = faulthandler.is_enabled()
    # the worker inherits pytest's fault handler: no traceback dump for a planned crash
    faulthandler.disable()
    try:
        assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    finally:
        if enabled:
            faulthandler.enable()
    pool = app.extensions["saxgraph.query_pool"]
    threading.Timer(0.5, os.kill, (pool.idle_pids()[0], signal.SIGSEGV)).start()
    response = client.get("/sparql", query_string={"query": ENDLESS})
    assert response.status_code == 500
    assert any("SIGSEGV" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def open_files(pid: int) -> set[str]:
    found = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            found.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except FileNotFoundError:
            pass  # closed meanwhile (the process's own directory listing, for one)
    return found


def test_query_workers_do_not_hold_the_servers_connections_open():
    """Workers forked while a client is connected must not keep its socket: when the server closes the
    connection, the client sees the end of it at once."""
    import socket

    import pyoxigraph as ox

    from saxgraph.query.pool import QueryPool
    from saxgraph.query.runner import QueryRequest
    from saxgraph.store.dataset import Store

    server_side, client_side = socket.socketpair()
    pool = QueryPool(Store(ox.Store()), size=2)
    try:
        for _ in range(2):  # forks the workers now; each answers one (the idle queue is first in, first out)
            assert pool.run(QueryRequest("ASK { }"), timeout=30).body
        inode = f"socket:[{os.fstat(server_side.fileno()).st_ino}]"
        for pid in pool.idle_pids():
            assert inode not in open_files(pid), f"query worker {pid} holds the client connection"
        server_side.close()
        client_side.settimeout(5)
        assert client_side.recv(1) == b""  # end of stream, not a timeout
        assert pool.run(QueryRequest("ASK { }"), timeout=30).body  # the workers still answer
    finally:
        pool.close()
        client_side.close()
