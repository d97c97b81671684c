"""`saxgraph serve` as a user starts it: a real process on a free port, on any RDF files."""

import json
import os
import subprocess
import sys
import time
from urllib.parse import quote

import pytest

from saxgraph.cli import parser
from tests.helpers.processes import free_port, get, wait_for

VALUES = " ".join(str(i) for i in range(60))
ENDLESS = "SELECT (COUNT(*) AS ?n) {" + " ".join(f"VALUES ?v{i} {{ {VALUES} }}" for i in range(8)) + "}"


def test_serve_defaults_to_loopback_port_8080():
    args = parser().parse_args(["serve"])
    assert (args.host, args.port, args.data) == ("127.0.0.1", 8080, None)


@pytest.fixture(params=["gunicorn", "waitress"])
def served(request, tmp_path):
    """`saxgraph serve --data a.nq b.ttl` with a 1 s query time limit set through the environment."""
    nq = tmp_path / "data.nq"
    nq.write_text('<http://e/a> <http://e/p> "in g1" <http://e/g1> .\n'
                  '<http://e/a> <http://e/p> "in g2" <http://e/g2> .\n'
                  '<http://e/b> <http://e/p> "default" <http://e/g2> .\n')  # also in more.ttl
    ttl = tmp_path / "more.ttl"
    ttl.write_text('<http://e/b> <http://e/p> "default" .\n')
    port, log = free_port(), tmp_path / "server.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "saxgraph", "serve", "--port", str(port), "--server", request.param,
             "--workers", "1", "--data", str(nq), str(ttl)],
            stdout=stderr, stderr=stderr, cwd=tmp_path, env={**os.environ, "SAXGRAPH_QUERY_TIMEOUT": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health", process, log)
        yield base, log
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_given_files_keeps_named_graphs(served):
    base, log = served
    assert f"{base}/sparql" in log.read_text()  # tells the user where it listens
    query = "SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?o"
    status, body = get(f"{base}/sparql?query={quote(query)}")
    rows = json.loads(body)["results"]["bindings"]
    assert [(r["g"]["value"], r["o"]["value"]) for r in rows] == [
        ("http://e/g1", "in g1"), ("http://e/g2", "default"), ("http://e/g2", "in g2")]
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    status, body = get(f"{base}/sparql?format=csv&query={quote(count)}")
    assert body.decode().split() == ["n", "3"]  # the union default graph: each triple once
    health = json.loads(get(f"{base}/health")[1])
    assert health["status"] == "ok" and health["triples"] == 3 and health["quads"] == 4


def test_served_time_limit_stops_a_runaway_query(served):
    base, log = served
    started = time.monotonic()
    status, body = get(f"{base}/sparql?query={quote(ENDLESS)}")
    assert status == 503 and b"time limit of 1 s" in body
    assert time.monotonic() - started < 5
    status, body = get(f"{base}/sparql?query={quote('ASK { ?s ?p ?o }')}")
    assert status == 200 and json.loads(body)["boolean"] is True
    assert "status=503" in log.read_text()
