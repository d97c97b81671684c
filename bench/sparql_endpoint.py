"""The SPARQL endpoint's response times beside its peers', same data, same run (a report, not a test).

    python bench/sparql_endpoint.py                      # the project's build (built when missing)
    python bench/sparql_endpoint.py --build-dir /tmp/synth-100k/build --repeat 30

For a handful of queries, the median time of (all with the result serialised as the endpoint sends it):
  pyoxigraph    the engine in-process on the same store (saxgraph.Store.query + serialisation): the floor
  endpoint      /sparql through Flask's test client: negotiation, SERVICE check, the forked query worker, pipe
  HTTP          `saxgraph serve` (gunicorn) over a loopback socket, keep-alive connection
  oxigraph      Oxigraph's own server (`pip install oxigraph`), in memory, --union-default-graph, if installed
  rdflib        rdflib's SPARQL engine in-process on the same N-Quads (union default graph)
and the endpoint's overhead per query (endpoint - pyoxigraph, HTTP - pyoxigraph) for the simple SELECT.
Rows are each engine's own count, so a disagreement shows (Oxigraph's union repeats a triple per graph).
"""

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from saxgraph.build.folder import DATASET_FILE
from saxgraph.build.sources import default_build_dir
from saxgraph.namespaces import SPARQL_PREFIXES
from saxgraph.query.runner import QueryRequest, execute
from saxgraph.store.dataset import Store
from saxgraph.web import create_app

QUERIES = [
    ("simple SELECT", "SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 10"),
    ("ASK", "ASK { ?s a sg:Cluster }"),
    ("COUNT triples", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
    ("GROUP BY class", "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } "
                       "GROUP BY ?class ORDER BY DESC(?n)"),
    ("join + FILTER + ORDER", "SELECT ?org ?name ?member WHERE { ?org org:hasMember ?member ; "
                              'rdfs:label ?name FILTER(LANG(?name) = "en") } ORDER BY ?name ?member'),
    ("OPTIONAL + regex", "SELECT ?s ?label ?country WHERE { ?s rdfs:label ?label "
                         'FILTER(REGEX(?label, "^S", "i")) OPTIONAL { ?s sg:country ?country } }'),
    ("CONSTRUCT clusters", "CONSTRUCT { ?s ?p ?o } WHERE { ?s a sg:Cluster ; ?p ?o }"),
    ("all triples", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"),
]
JSON = "application/sparql-results+json"
TURTLE = "text/turtle"


def median_ms(run, repeat: int, budget: float) -> tuple[float, int]:
    """Median wall time in ms over `repeat` runs (fewer when one run is slow) after one warm-up whose
    answer is counted (outside the timing)."""
    size = count(*run())
    times, started = [], time.perf_counter()
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
        if time.perf_counter() - started > budget and len(times) >= 3:
            break
    return statistics.median(times) * 1000, size


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server on port {port} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not come up")


class HttpPeer:
    """A SPARQL endpoint over a keep-alive loopback connection (POST application/sparql-query)."""

    def __init__(self, port: int, path: str):
        self.port, self.path = port, path
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def __call__(self, query: str, accept: str) -> tuple[bytes, str]:
        for attempt in (1, 2):
            try:
                headers = {"Content-Type": "application/sparql-query", "Accept": accept}
                self.connection.request("POST", self.path, body=query.encode(), headers=headers)
                response = self.connection.getresponse()
                body = response.read()
                break
            except (http.client.HTTPException, OSError):
                # the server closed the idle keep-alive connection: reconnect (not timed: warm-up run)
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt == 2:
                    raise
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {body[:200]!r}")
        return body, response.getheader("Content-Type")


def count(body: bytes, content_type: str) -> int:
    """Solutions, 1 for an ASK, or triples, read back from a response body."""
    media_type = content_type.split(";")[0].strip()
    if media_type == TURTLE:
        return len(list(ox.parse(body, format=ox.RdfFormat.TURTLE)))
    result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    return 1 if isinstance(result, ox.QueryBoolean) else sum(1 for _ in result)


def start_saxgraph(build_dir: Path, timeout: float) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "saxgraph", "serve", "--port", str(port), "--workers", "1",
         "--server", "gunicorn", "--build-dir", str(build_dir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "SAXGRAPH_QUERY_TIMEOUT": str(timeout), "SAXGRAPH_MAX_RESULT_ROWS": "10000000"})
    wait_for(port, process)
    return process, port


def start_oxigraph(dataset: Path) -> tuple[subprocess.Popen, int] | None:
    binary = shutil.which("oxigraph")
    if binary is None:
        return None
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(port, process)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.request("POST", "/store", body=dataset.read_bytes(),
                       headers={"Content-Type": "application/n-quads"})
    response = connection.getresponse()
    response.read()
    if response.status >= 300:
        process.terminate()
        raise SystemExit(f"Oxigraph server did not take the data: HTTP {response.status}")
    return process, port


def rdflib_runner(dataset: Path):
    from rdflib import Dataset

    graph = Dataset(default_union=True)
    graph.parse(dataset, format="nquads")

    def run(query: str, _accept: str) -> tuple[bytes, str]:
        result = graph.query(query)
        if result.type == "CONSTRUCT":
            return result.serialize(format="turtle"), TURTLE
        return result.serialize(format="json"), JSON

    return run


def measure(peers, args) -> dict[str, dict[str, tuple[float, int]]]:
    """query label -> peer name -> (median ms, rows); a peer that fails a query is reported, not fatal."""
    results = {}
    for label, body in QUERIES:
        query = SPARQL_PREFIXES + body
        accept = TURTLE if body.startswith("CONSTRUCT") else JSON
        results[label] = {}
        for name, run in peers:
            try:
                results[label][name] = median_ms(lambda run=run, q=query, a=accept: run(q, a), args.repeat,
                                                 args.budget)
            except Exception as error:  # noqa: BLE001  (reported, and the table shows "error")
                print(f"  {name} on {label!r}: {error}", file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, help="a `saxgraph build` output (default: the project's)")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query and peer (median)")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per query and peer, at most")
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib (slow on large data)")
    args = parser.parse_args()

    build_dir = args.build_dir or default_build_dir()
    load_started = time.perf_counter()
    store = Store.open_build(build_dir)
    load_seconds = time.perf_counter() - load_started
    dataset = Path(build_dir) / DATASET_FILE
    client = create_app({"STORE": store, "TESTING": True, "ACCESS_LOG": False, "QUERY_TIMEOUT": 120,
                         "MAX_RESULT_ROWS": 10_000_000}).test_client()

    def pyoxigraph_direct(query: str, accept: str) -> tuple[bytes, str]:
        outcome = execute(store, QueryRequest(query, results_format="json", graph_format="turtle"))
        return outcome.body, TURTLE if outcome.form == "graph" else JSON

    def endpoint(query: str, accept: str) -> tuple[bytes, str]:
        response = client.post("/sparql", data=query, content_type="application/sparql-query",
                               headers={"Accept": accept})
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}: {response.get_data(as_text=True)[:200]}")
        return response.get_data(), response.content_type

    servers, peers = [], [("pyoxigraph", pyoxigraph_direct), ("endpoint", endpoint)]
    try:
        process, port = start_saxgraph(build_dir, 120)
        servers.append(process)
        peers.append(("HTTP", HttpPeer(port, "/sparql")))
        oxigraph = start_oxigraph(dataset)
        if oxigraph:
            servers.append(oxigraph[0])
            peers.append(("oxigraph", HttpPeer(oxigraph[1], "/query")))
        # rdflib last, loaded only now: its many Python objects would slow the in-process peers' GC
        results = measure(peers, args)
        if not args.no_rdflib:
            started = time.perf_counter()
            rdflib = ("rdflib", rdflib_runner(dataset))
            rdflib_load = time.perf_counter() - started
            for label, cells in measure([rdflib], args).items():
                results[label].update(cells)
            peers.append(rdflib)
        print(f"data: {dataset} ({len(store)} quads; loaded by saxgraph in {load_seconds:.2f} s"
              + (f", by rdflib in {rdflib_load:.2f} s" if not args.no_rdflib else "") + ")")
        if oxigraph:
            version = subprocess.run(["oxigraph", "--version"], capture_output=True, text=True).stdout.strip()
            print(f"Oxigraph server: {version}")
        else:
            print("Oxigraph server: not installed (pip install oxigraph), left out")
        print(f"median ms of up to {args.repeat} runs after a warm-up; [rows] where a peer's count differs\n")
        names = [name for name, _ in peers]
        print(f"{'query':24} {'rows':>7} " + " ".join(f"{n:>11}" for n in names))
        for label, _ in QUERIES:
            cells = results[label]
            rows = cells.get("pyoxigraph", (None, None))[1]
            line = []
            for name in names:
                ms, size = cells.get(name, (None, None))
                line.append(f"{'error':>11}" if ms is None else f"{ms:11.2f}" if size == rows
                            else f"{f'{ms:.2f} [{size}]':>11}")
            print(f"{label:24} {rows if rows is not None else '-':>7} " + " ".join(line))
        simple = results["simple SELECT"]
        if "pyoxigraph" in simple:
            print("\noverhead per query (simple SELECT, over pyoxigraph in-process):")
            for name in ("endpoint", "HTTP"):
                if name in simple:
                    print(f"  {name:9} +{simple[name][0] - simple['pyoxigraph'][0]:.2f} ms")
    finally:
        for process in servers:
            process.terminate()
            process.wait(timeout=20)


if __name__ == "__main__":
    main()
