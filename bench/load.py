"""Load benchmark: the same data and query mix served in one run by `saxgraph serve`, `oxigraph
serve-read-only` and `rdflib-endpoint`, driven by wrk at several concurrency levels (a report, not a test).

    python bench/load.py             # seed data, 10k and 100k triples, concurrency 1 8 32, 10 s each
    python bench/load.py --with-1m   # and 1M triples (the build alone takes minutes)
    python bench/load.py --sizes 10000 --duration 5 --concurrency 8

Per size: the build pipeline (bench/build_pipeline.py), each server's cold start (process start to the first
answered query) and peak memory (PSS of its process tree), then for each concurrency requests/s, p50/p99
latency and errors (non-2xx/3xx, socket errors, timeouts) on the mix, and saxgraph's ratios to its peers.
saxgraph runs with its answer cache off for the comparison (every request runs its query); repeated queries
answered from the cache (LRU hit) and revalidated (If-None-Match -> 304) are reported on their own rows.
Needs: wrk (apt-get install wrk), and the [bench] extra (oxigraph, rdflib-endpoint).
"""

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_pipeline import build_at, table  # noqa: E402
from measure import PeakMemory, free_port, gib, wait_until_answering  # noqa: E402
from query_mix import Query, entity_paths, query_mix  # noqa: E402

from saxgraph.build.folder import DATASET_FILE
from saxgraph.store.open import open_build  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PROBE = "ASK { ?s ?p ?o }"

WRK_SCRIPT = """
local specs = {%s}
local requests = {}
local counter = 0
function setup(thread)
  thread:set("first", counter * 17)
  counter = counter + 1
end
function init(args)
  -- formatted here, not at load time: only now does wrk.headers carry the Host header
  for k, spec in ipairs(specs) do
    requests[k] = wrk.format("GET", spec[1], spec[2])
  end
  i = first or 0
end
function request()
  i = i %% #requests + 1
  return requests[i]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


@dataclass
class Server:
    name: str
    command: list[str]
    query_path: str  # the SPARQL GET path
    env: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None
    port: int = 0
    cold_start: float = 0.0
    memory: PeakMemory | None = None

    def url(self, sparql: str) -> str:
        return f"{self.query_path}?query={quote(sparql, safe='')}"

    def start(self) -> None:
        self.port = free_port()
        command = [part.replace("{port}", str(self.port)) for part in self.command]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env={**os.environ, **self.env})
        self.memory = PeakMemory(self.process.pid).__enter__()
        self.cold_start = wait_until_answering(self.port, self.url(PROBE), self.process,
                                               headers={"Accept": "application/sparql-results+json"})

    def load(self, requests: list[tuple[str, dict]], concurrency: int, duration: float) -> dict:
        """A wrk run, once the server has worked off requests a previous run left behind (wrk stops sending
        at the end of its window, not the server working)."""
        wait_until_answering(self.port, self.url(PROBE), self.process,
                             headers={"Accept": "application/sparql-results+json"})
        return run_wrk(self.port, requests, concurrency, duration)

    def stop(self) -> None:
        if self.memory:
            self.memory.__exit__()
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def check(server: Server, mix: list[Query]) -> dict[str, int]:
    """Each query once, outside the timing: HTTP status -> how many queries got it (a 200 everywhere is the
    precondition of a fair comparison)."""
    statuses: dict[str, int] = {}
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
    for query in mix:
        connection.request("GET", server.url(query.sparql), headers={"Accept": query.accept})
        response = connection.getresponse()
        response.read()
        statuses[str(response.status)] = statuses.get(str(response.status), 0) + 1
    connection.close()
    return statuses


def etags(server: Server, mix: list[Query]) -> list[str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
    found = []
    for query in mix:
        connection.request("GET", server.url(query.sparql), headers={"Accept": query.accept})
        response = connection.getresponse()
        response.read()
        found.append(response.getheader("ETag") or "")
    connection.close()
    return found


def lua_request(path: str, headers: dict[str, str]) -> str:
    pairs = ", ".join(f'["{k}"] = {json.dumps(v)}' for k, v in headers.items())
    return f'{{{json.dumps(path)}, {{{pairs}}}}}'


def run_wrk(port: int, requests: list[tuple[str, dict]], concurrency: int, duration: float) -> dict:
    script = WRK_SCRIPT % ",\n".join(lua_request(path, headers) for path, headers in requests)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        threads = min(concurrency, 2)
        completed = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(concurrency), "-d", f"{duration:g}s", "--timeout", "30s",
             "-s", handle.name, f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, timeout=duration + 120)
    finally:
        os.unlink(handle.name)
    line = next((ln for ln in completed.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result: {completed.stdout[-500:]} {completed.stderr[-500:]}")
    result = json.loads(line[len("RESULT "):])
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def servers_for(build_dir: Path, oxigraph_dir: Path, workers: int) -> list[Server]:
    dataset = build_dir / DATASET_FILE
    saxgraph = Server("saxgraph", [sys.executable, "-m", "saxgraph", "serve", "--port", "{port}",
                                   "--build-dir", str(build_dir), "--server", "gunicorn",
                                   "--workers", str(workers)],
                      "/sparql", env={"SAXGRAPH_RESULT_CACHE_BYTES": "0", "SAXGRAPH_QUERY_TIMEOUT": "60",
                                      "SAXGRAPH_MAX_RESULT_ROWS": "10000000"})
    oxigraph = Server("oxigraph", [shutil.which("oxigraph") or "oxigraph", "serve-read-only", "--location",
                                   str(oxigraph_dir), "--bind", "127.0.0.1:{port}", "--union-default-graph"],
                      "/query")
    rdflib = Server("rdflib-endpoint", [shutil.which("rdflib-endpoint") or "rdflib-endpoint", "serve",
                                        str(dataset), "--host", "127.0.0.1", "--port", "{port}"], "/")
    return [saxgraph, oxigraph, rdflib]


def load_oxigraph(dataset: Path, location: Path) -> float:
    """Oxigraph's own bulk loader into its on-disk store (its counterpart of our prebuilt store)."""
    if location.exists():
        shutil.rmtree(location)
    started = time.perf_counter()
    subprocess.run([shutil.which("oxigraph") or "oxigraph", "load", "--location", str(location),
                    "--file", str(dataset)], check=True, capture_output=True)
    return time.perf_counter() - started


def bench_size(triples: int, args) -> dict:
    report = {"build": build_at(args.work, triples, reuse=args.reuse, quoted=args.quoted)}
    build_dir = Path(report["build"]["build_dir"])
    store = open_build(build_dir, build_if_missing=False)
    mix, pages = query_mix(store), entity_paths(store)
    del store
    oxigraph_dir = build_dir.parent / "oxigraph-store"
    report["oxigraph_load_seconds"] = load_oxigraph(build_dir / DATASET_FILE, oxigraph_dir)
    report["mix"] = {kind: sum(1 for q in mix if q.kind == kind)
                     for kind in dict.fromkeys(q.kind for q in mix)}
    report["systems"] = {}
    for server in servers_for(build_dir, oxigraph_dir, args.workers):
        if server.name == "rdflib-endpoint" and triples > args.rdflib_max_triples:
            continue
        print(f"  {size_label(triples)}: {server.name} ...", file=sys.stderr, flush=True)
        entry = report["systems"][server.name] = {}
        try:
            server.start()
            entry["cold_start_seconds"] = server.cold_start
            entry["check"] = check(server, mix)
            requests = [(server.url(q.sparql), {"Accept": q.accept}) for q in mix]
            entry["runs"] = {c: server.load(requests, c, args.duration) for c in args.concurrency}
            if server.name == "saxgraph":
                entry["linked_data"] = server.load([(p, {"Accept": "text/html"}) for p in pages],
                                                   max(args.concurrency), args.duration)
        except Exception as error:  # noqa: BLE001  (reported in the table; the others still run)
            entry["failure"] = str(error)[:300]
        finally:
            server.stop()
            entry["peak_bytes"] = server.memory.peak if server.memory else 0
    report["cache"] = cache_runs(build_dir, mix, args) if not args.no_cache_runs else None
    return report


def cache_runs(build_dir: Path, mix: list[Query], args) -> dict:
    """saxgraph with its answer cache on: cold (first pass), LRU hits, and 304 revalidations."""
    server = servers_for(build_dir, build_dir, args.workers)[0]
    server.env = {**server.env, "SAXGRAPH_RESULT_CACHE_BYTES": "256000000"}
    concurrency = max(args.concurrency)
    try:
        server.start()
        tags = etags(server, mix)  # also fills the cache of the process that answered
        for _ in range(3 * args.workers):  # every gunicorn worker process has its own cache: warm them all
            etags(server, mix)
        requests = [(server.url(q.sparql), {"Accept": q.accept}) for q in mix]
        revalidate = [(server.url(q.sparql), {"Accept": q.accept, "If-None-Match": t})
                      for q, t in zip(mix, tags, strict=True)]
        return {"lru_hit": server.load(requests, concurrency, args.duration),
                "revalidated_304": server.load(revalidate, concurrency, args.duration),
                "concurrency": concurrency}
    finally:
        server.stop()


def size_label(size: int) -> str:
    return "seed" if size == 0 else f"{size:,}"


def render(reports: dict[int, dict], args) -> str:
    out = [f"# saxgraph load benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
           "", f"command: `python bench/load.py {' '.join(sys.argv[1:])}`; {os.cpu_count()} cores, shared; "
           f"wrk, {args.duration:g} s per cell; saxgraph serve --workers {args.workers} (gunicorn gthread, "
           "answer cache off unless stated)", ""]
    out += ["## Build pipeline (seconds)", "", table([r["build"] for r in reports.values()]), ""]
    out += ["## Cold start and memory", "",
            "| size | system | cold start (s) | peak memory | queries answered 200 |",
            "| --- | --- | --- | --- | --- |"]
    for size, r in reports.items():
        for name, s in r["systems"].items():
            ok = s.get("check", {}).get("200", 0)
            out.append(f"| {size_label(size)} | {name} | {s.get('cold_start_seconds', float('nan')):.2f} | "
                       f"{gib(s['peak_bytes'])} | {ok}/{sum(r['mix'].values())} |")
        out.append(f"| {size_label(size)} | (oxigraph load into its store) | "
                   f"{r['oxigraph_load_seconds']:.2f} | | |")
    out += ["", "## Throughput on the query mix", "",
            "mix per size: " + ", ".join(f"{k} {v}" for k, v in next(iter(reports.values()))["mix"].items()),
            "",
            "| size | concurrency | system | req/s | p50 ms | p99 ms | errors | saxgraph ÷ system |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for size, r in reports.items():
        ours = r["systems"].get("saxgraph", {}).get("runs", {})
        for c in args.concurrency:
            for name, s in r["systems"].items():
                run = s.get("runs", {}).get(c)
                if run is None:
                    out.append(f"| {size_label(size)} | {c} | {name} | "
                               f"failed: {s.get('failure', '-')} | | | | |")
                    continue
                ratio = "" if name == "saxgraph" or c not in ours else \
                    f"{ours[c]['rps'] / run['rps']:.2f}x" if run["rps"] else "∞ (none completed)"
                out.append(f"| {size_label(size)} | {c} | {name} | {run['rps']:.1f} | "
                           f"{run['p50_us'] / 1000:.1f} | {run['p99_us'] / 1000:.1f} | {run['errors']} | "
                           f"{ratio} |")
    out += ["", "## saxgraph: repeated queries (answer cache) and entity pages", "",
            "| size | requests | concurrency | req/s | p50 ms | p99 ms | errors |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for size, r in reports.items():
        cache = r["cache"]
        if cache is None:  # --no-cache-runs
            continue
        rows = [("query mix, answer cache off (cold)", r["systems"].get("saxgraph", {}).get("runs", {})
                 .get(cache["concurrency"])),
                ("query mix, repeated: LRU hit", cache["lru_hit"]),
                ("query mix, repeated: If-None-Match -> 304", cache["revalidated_304"]),
                ("entity pages (HTML)", r["systems"].get("saxgraph", {}).get("linked_data"))]
        for label, run in rows:
            if run:
                out.append(f"| {size_label(size)} | {label} | {cache['concurrency']} | {run['rps']:.1f} | "
                           f"{run['p50_us'] / 1000:.1f} | {run['p99_us'] / 1000:.1f} | {run['errors']} |")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 10_000, 100_000],
                        help="triples to generate; 0 is the project's own data (the seed documents)")
    parser.add_argument("--with-1m", action="store_true", help="add 1,000,000 triples")
    parser.add_argument("--quoted", type=float, default=1.0,
                        help="share of the generated documents quoting their text (generate.py --quoted)")
    parser.add_argument("--no-cache-runs", action="store_true",
                        help="leave out the answer-cache runs (at 10M each warming reruns heavy queries)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--duration", type=float, default=10, help="seconds of load per cell")
    parser.add_argument("--workers", type=int, default=2, help="saxgraph serve --workers")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "saxgraph-bench")
    parser.add_argument("--reuse", action="store_true", help="reuse builds made by an earlier run")
    parser.add_argument("--rdflib-max-triples", type=int, default=1_000_000,
                        help="leave rdflib-endpoint out above this size")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    sizes = args.sizes + ([1_000_000] if args.with_1m else [])
    reports = {}
    for size in sizes:
        reports[size] = bench_size(size, args)
        text = render(reports, args)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "load.md").write_text(text)
        (args.out / "load.json").write_text(json.dumps(reports, indent=2, default=str) + "\n")
    print(text)


if __name__ == "__main__":
    main()
