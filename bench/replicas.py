"""Two `saxgraph serve --backend` replicas on one Oxigraph server behind nginx with proxy_cache, on loopback
(a report, not a test; the figures in docs/deployment.md come from it).

    python bench/replicas.py [--requests 1500] [--concurrency 8] [--build-dir build]

Starts everything itself in a temporary folder (Oxigraph server from PyPI `oxigraph`, nginx from Debian
`nginx-light` or `nginx`), publishes the build with `saxgraph publish`, then runs the same request mix
(resource pages in HTML and Turtle, class pages, search, a SPARQL GROUP BY) in four phases:
  one replica     straight to one replica, no proxy
  2 replicas      through nginx, the cache bypassed: both replicas answer every request
  2 + cache       through nginx, the cache warm
  failover        through nginx, cache bypassed, one replica killed a third of the way in
and prints requests/s, median and 95th percentile latency, errors, cache hits and each replica's share.
"""

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG_TEMPLATE = ROOT / "docs" / "nginx-saxgraph.conf"
GROUP_BY = ("SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)")
MIX = [
    ("/id/cluster/cool-silicon", "text/html"),
    ("/id/cluster/cool-silicon", "text/turtle"),
    ("/id/cluster/silicon-saxony", "text/html"),
    ("/class/Cluster", "text/html"),
    ("/classes", "text/html"),
    ("/search?q=silicon&format=json", "application/json"),
    ("/sparql?" + urllib.parse.urlencode({"query": GROUP_BY}), "application/sparql-results+json"),
    ("/graph/semiconductor-regions-alliance.ttl", "text/turtle"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not come up")


def nginx_config(directory: Path, port: int, replicas: list[int]) -> Path:
    site = CONFIG_TEMPLATE.read_text()
    site = site.replace("server 127.0.0.1:8081", f"server 127.0.0.1:{replicas[0]}")
    site = site.replace("server 127.0.0.1:8082", f"server 127.0.0.1:{replicas[1]}")
    site = site.replace("listen 127.0.0.1:8080", f"listen 127.0.0.1:{port}")
    site = site.replace("/var/cache/nginx/saxgraph", str(directory / "cache"))
    # measurements only: a request header that skips the cache, to time the replicas themselves
    site = site.replace("proxy_cache saxgraph;",
                        "proxy_cache saxgraph;\n        proxy_cache_bypass $http_x_bench_bypass;"
                        "\n        proxy_no_cache $http_x_bench_bypass;")
    main = f"""worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {directory}/body; proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi; uwsgi_temp_path {directory}/uwsgi; scgi_temp_path {directory}/scgi;
{site}
}}
"""
    path = directory / "nginx.conf"
    path.write_text(main)
    return path


def run_load(port: int, requests: int, concurrency: int, headers: dict, during=None) -> dict:
    latencies, statuses, cache, upstream, failures = [], Counter(), Counter(), Counter(), Counter()
    lock, counter = threading.Lock(), iter(range(requests))

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for i in counter:
            path, accept = MIX[i % len(MIX)]
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": accept, **headers})
                response = connection.getresponse()
                body = response.read()
                status = response.status
                if status != 200:
                    failures[body[:200].decode(errors="replace").strip()] += 1
                hit, up = response.getheader("X-Cache-Status", "-"), response.getheader("X-Upstream", "-")
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status, hit, up = "connection error", "-", "-"
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1
                cache[hit] += 1
                upstream[up.split(",")[-1].strip()] += 1
            if during and i == requests // 3:
                during()
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    latencies.sort()
    return {"requests": requests, "seconds": seconds, "rps": requests / seconds,
            "p50": statistics.median(latencies) * 1000, "p95": latencies[int(len(latencies) * 0.95)] * 1000,
            "statuses": dict(statuses), "cache": dict(cache), "upstream": dict(upstream),
            "failures": dict(failures)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--build-dir", type=Path)
    args = parser.parse_args()
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    work = Path(tempfile.mkdtemp(prefix="saxgraph-replicas-"))
    os.chmod(work, 0o755)
    processes: list[subprocess.Popen] = []
    log = open(work / "processes.log", "ab")

    def start(command, **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(command, stdout=log, stderr=log, **kwargs)
        processes.append(process)
        return process

    try:
        store_port = free_port()
        # no --timeout-s: with it, Oxigraph 0.5.13 died under this load here (docs/deployment.md)
        start([oxigraph, "serve", "--location", str(work / "oxigraph"), "--bind", f"127.0.0.1:{store_port}"])
        wait_for(f"http://127.0.0.1:{store_port}/query?query=ASK%7B%7D")
        saxgraph = [sys.executable, "-m", "saxgraph"]
        publish = [*saxgraph, "publish", "--store", f"http://127.0.0.1:{store_port}/store"]
        if args.build_dir:
            publish += ["--build-dir", str(args.build_dir)]
        started = time.perf_counter()
        subprocess.run(publish, check=True, stdout=log, stderr=log)
        publish_seconds = time.perf_counter() - started

        replica_ports = [free_port(), free_port()]
        replicas = [start([*saxgraph, "serve", "--backend", f"http://127.0.0.1:{store_port}/query",
                           "--port", str(p), "--workers", "2"]) for p in replica_ports]
        for p in replica_ports:
            wait_for(f"http://127.0.0.1:{p}/health")
        proxy_port = free_port()
        start([nginx, "-p", str(work), "-c", str(nginx_config(work, proxy_port, replica_ports)),
               "-g", "daemon off;"])
        wait_for(f"http://127.0.0.1:{proxy_port}/health")

        bypass = {"X-Bench-Bypass": "1"}
        phases = [("one replica", replica_ports[0], {}, None),
                  ("2 replicas", proxy_port, bypass, None),
                  ("2 + cache", proxy_port, {}, None),
                  ("failover", proxy_port, bypass, lambda: replicas[0].send_signal(signal.SIGTERM))]
        print(f"publish: {publish_seconds:.1f} s (the build, {len(MIX)} URLs in the mix, "
              f"{args.concurrency} clients, {args.requests} requests per phase, {os.cpu_count()} CPUs)")
        print(f"{'phase':<12} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7}  statuses / cache / upstream share")
        # steady state: every replica's workers have looked up the mix's patterns once (a first view of a
        # resource page costs up to ~160 SPARQL round trips, see docs/deployment.md), the nginx cache is warm
        for p in replica_ports:
            run_load(p, len(MIX) * 8, 4, {})
        run_load(proxy_port, len(MIX) * 2, 1, {})
        for name, port, headers, during in phases:
            r = run_load(port, args.requests, args.concurrency, headers, during)
            shares = {k.rsplit(":", 1)[-1]: v for k, v in r["upstream"].items() if k != "-"}
            print(f"{name:<12} {r['rps']:>7.0f} {r['p50']:>7.1f} {r['p95']:>7.1f}  {r['statuses']} "
                  f"{ {k: v for k, v in r['cache'].items() if k != '-'} } {shares}")
            for message, n in r["failures"].items():
                print(f"    {n} x {message!r}")
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
