"""The documented deployment (docs/nginx-saxgraph.conf, docs/deployment.md) as it runs: nginx in front of two
`saxgraph serve` replicas with TRUSTED_PROXIES=1. The replicas see each client's own address, nginx caches
what the app says may be cached, and a replica that dies is skipped."""

import http.client
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import require_or_skip
from tests.helpers.processes import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
REQUIRE = "SAXGRAPH_REQUIRE_STORES"


def _replicas_bench():
    """bench/replicas.py renders the documented nginx config for given ports (one place for it)."""
    spec = importlib.util.spec_from_file_location("replicas_bench", ROOT / "bench" / "replicas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nginx_binary() -> str | None:  # Debian installs it in /usr/sbin, which a user's PATH may lack
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@pytest.fixture(scope="module")
def deployment(mini_build):
    nginx = nginx_binary()
    require_or_skip(nginx is not None, "nginx is not installed (apt-get install nginx)", REQUIRE)
    # nginx's worker processes run as another user when started by root: a folder they can enter
    work = Path(tempfile.mkdtemp(prefix="saxgraph-nginx-"))
    work.chmod(0o755)
    log = work / "replicas.log"
    processes, ports = [], [free_port(), free_port()]
    env = {"SAXGRAPH_TRUSTED_PROXIES": "1"}
    with log.open("w") as out:
        for port in ports:
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "saxgraph", "serve", "--port", str(port), "--workers", "1",
                 "--build-dir", str(mini_build.dataset_path.parent)],
                stdout=out, stderr=out, env={**os.environ, **env}))
    proxy_port = free_port()
    config = _replicas_bench().nginx_config(work, proxy_port, ports)
    proxy = subprocess.Popen([nginx, "-p", str(work), "-c", str(config), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for process, port in zip(processes, ports, strict=True):
            wait_for(f"http://127.0.0.1:{port}/health", process, log)
        wait_for(f"http://127.0.0.1:{proxy_port}/health", proxy, work / "error.log")
        yield {"port": proxy_port, "replicas": processes, "log": log}
    finally:
        proxy.terminate()
        for process in processes:
            process.terminate()
        for process in [proxy, *processes]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)


def through_proxy(deployment, path: str, source: str = "127.0.0.1", headers=None):
    client = http.client.HTTPConnection("127.0.0.1", deployment["port"], timeout=30,
                                        source_address=(source, 0))
    try:
        client.request("GET", path, headers=headers or {})
        response = client.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        client.close()


def test_the_replicas_see_each_clients_own_address(deployment):
    """nginx on loopback, clients from 127.0.0.7 and 127.0.0.9: the replicas log those, not nginx's."""
    for source in ("127.0.0.7", "127.0.0.9"):  # a query of its own each: not answered from nginx's cache
        query = "/sparql?query=" + quote(f"ASK {{ ?s ?p '{source}' }}")
        status, headers, body = through_proxy(deployment, query, source=source)
        assert status == 200, (headers, body[:500])
    time.sleep(0.5)
    logged = deployment["log"].read_text()
    assert "remote=127.0.0.7" in logged and "remote=127.0.0.9" in logged


def test_answers_are_cached_as_the_app_allows(deployment):
    path = "/sparql?query=" + quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    first = through_proxy(deployment, path, headers={"Accept": "text/csv"})
    second = through_proxy(deployment, path, headers={"Accept": "text/csv"})
    assert first[0] == second[0] == 200 and first[2] == second[2]
    assert (first[1]["X-Cache-Status"], second[1]["X-Cache-Status"]) == ("MISS", "HIT")
    other = through_proxy(deployment, path, headers={"Accept": "application/sparql-results+json"})
    assert other[1]["X-Cache-Status"] == "MISS"  # Accept is part of the key: another representation


def test_a_replica_that_dies_is_skipped(deployment):
    deployment["replicas"][0].kill()
    deployment["replicas"][0].wait()
    queries = ["/sparql?query=" + quote(f"ASK {{ ?s ?p {n} }}") for n in range(12)]  # none cached yet
    statuses = [through_proxy(deployment, query)[0] for query in queries]
    assert statuses == [200] * 12
