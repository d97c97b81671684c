"""`saxgraph serve` as a user starts it: a real process on a free port, on any RDF files."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.stderr.read()}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server not up at {url}")


@pytest.mark.parametrize("server", ["gunicorn", "waitress"])
def test_serve_given_files_keeps_named_graphs(tmp_path, server):
    nq = tmp_path / "data.nq"
    nq.write_text('<http://e/a> <http://e/p> "in g1" <http://e/g1> .\n<http://e/a> <http://e/p> "in g2" <http://e/g2> .\n')
    ttl = tmp_path / "more.ttl"
    ttl.write_text('<http://e/b> <http://e/p> "default" .\n')
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "saxgraph", "serve", "--port", str(port), "--server", server,
                                "--workers", "1", "--data", str(nq), str(ttl)],
                               stderr=subprocess.PIPE, text=True, cwd=tmp_path, env={**os.environ})
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/health", process)
        query = "SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
        with urllib.request.urlopen(f"{base}/sparql?query={quote(query)}") as response:
            rows = json.loads(response.read())["results"]["bindings"]
        assert [(r["g"]["value"], r["o"]["value"]) for r in rows] == [("http://e/g1", "in g1"), ("http://e/g2", "in g2")]
        count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
        with urllib.request.urlopen(f"{base}/sparql?format=csv&query={quote(count)}") as response:
            assert response.read().decode().split() == ["n", "3"]
    finally:
        process.terminate()
        process.wait(timeout=20)
