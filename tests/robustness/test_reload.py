"""`saxgraph serve` reloads a new build on SIGHUP without dropping a request (gunicorn and waitress), and
keeps serving the old data when the new data cannot be loaded."""

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import pytest

from saxgraph.build.folder import DATASET_FILE, MANIFEST_FILE, write_atomically
from tests.helpers.processes import free_port, get, wait_for

pytestmark = pytest.mark.server

QUERY = "SELECT ?o WHERE { <http://e/s> <http://e/p> ?o }"


def publish(build_dir, value: str) -> None:
    """What `saxgraph build` writes (the dataset and its manifest, each replaced atomically)."""
    nquads = f'<http://e/s> <http://e/p> "{value}" <http://e/g> .\n'.encode()
    manifest = {"hash": "sha256:" + hashlib.sha256(nquads).hexdigest(), "quads": 1}
    write_atomically(build_dir, {DATASET_FILE: nquads, MANIFEST_FILE: json.dumps(manifest).encode()})


@pytest.fixture(params=["gunicorn", "waitress"])
def server(request, tmp_path):
    build_dir = tmp_path / "build"
    publish(build_dir, "v1")
    port, log = free_port(), tmp_path / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "saxgraph", "serve", "--port", str(port), "--server", request.param,
             "--workers", "2", "--build-dir", str(build_dir)],
            stdout=out, stderr=out, cwd=tmp_path, env={**os.environ, "SAXGRAPH_QUERY_TIMEOUT": "5"})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health", process, log)
        yield base, process, build_dir, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def served_value(base: str) -> tuple[int, str | None]:
    status, body = get(f"{base}/sparql?query={quote(QUERY)}", timeout=30)
    if status != 200:
        return status, body.decode(errors="replace")
    rows = json.loads(body)["results"]["bindings"]
    return status, rows[0]["o"]["value"] if rows else None


class Client(threading.Thread):
    """Queries without pause from another thread, recording every answer."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base, self.answers, self.stop = base, [], threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                self.answers.append(served_value(self.base))
            except OSError as error:  # a refused or reset connection is a dropped request
                self.answers.append((0, repr(error)))


def test_sighup_serves_a_new_build_without_dropping_a_request(server):
    base, process, build_dir, log = server
    assert served_value(base) == (200, "v1")
    clients = [Client(base) for _ in range(3)]
    for client in clients:
        client.start()
    time.sleep(1)
    publish(build_dir, "v2")
    process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and served_value(base) != (200, "v2"):
        time.sleep(0.2)
    time.sleep(2)  # old workers finish and leave while the clients keep asking
    for client in clients:
        client.stop.set()
        client.join(60)
    answers = [a for client in clients for a in client.answers]
    failed = [a for a in answers if a[0] != 200]
    assert not failed, f"{len(failed)} of {len(answers)} requests failed during the reload: {failed[:5]}"
    assert {value for _, value in answers} <= {"v1", "v2"}
    assert all(client.answers[-1] == (200, "v2") for client in clients)
    assert served_value(base) == (200, "v2")
    health = json.loads(get(f"{base}/health")[1])
    assert health["dataset"] == json.loads((build_dir / MANIFEST_FILE).read_text())["hash"]
    assert "reloaded" in log.read_text()


def test_a_reload_that_cannot_load_keeps_the_old_data_served(server):
    base, process, build_dir, log = server
    (build_dir / DATASET_FILE).write_bytes(b"this is not N-Quads\n")  # by hand, no manifest update
    process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "reload failed" not in log.read_text():
        time.sleep(0.2)
    assert "reload failed" in log.read_text()
    for _ in range(5):
        assert served_value(base) == (200, "v1")
