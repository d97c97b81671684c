"""The same app answering from a real remote store (`saxgraph serve --backend`): what a user sees is what
the embedded store gives, and limits, SERVICE refusal and errors behave the same."""

import re
import subprocess
import sys
import time
import urllib.request

import pyoxigraph as ox
import pytest

from saxgraph.errors import BackendError
from saxgraph.web import create_app
from tests.helpers.processes import free_port

pytestmark = pytest.mark.server

SAME_BYTES = [
    "/id/cluster/cool-silicon",
    "/id/cluster/cool-silicon.ttl",
    "/id/cluster/cool-silicon.nq",
    "/graph/reference.ttl",
    "/ontology.ttl",
    "/classes",
    "/class/Cluster",
    "/search?q=silicon&format=json",
    "/examples.json",
    "/download/saxgraph.nq",
    "/download/saxgraph.ttl",
    "/download/saxgraph.graphml",
    "/download/saxgraph.jsonld",
]

QUERIES = [
    # the union default graph counts each triple once (92 triples are in two graphs)
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT ?label WHERE { cluster:cool-silicon rdfs:label ?label } ORDER BY ?label",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "SELECT (COUNT(*) AS ?n) FROM graph:reference WHERE { ?s ?p ?o }",
    "ASK { cluster:cool-silicon a org:OrganizationalCollaboration }",
    "CONSTRUCT { cluster:cool-silicon ?p ?o } WHERE { cluster:cool-silicon ?p ?o }",
]


@pytest.fixture(scope="session")
def remote(remote_app):
    return remote_app.test_client()


@pytest.fixture(scope="session")
def local(local_app):
    return local_app.test_client()


@pytest.mark.parametrize("path", SAME_BYTES)
def test_pages_resources_and_downloads_are_the_bytes_the_embedded_store_gives(remote, local, path):
    mine, theirs = remote.get(path), local.get(path)
    assert mine.status_code == theirs.status_code == 200
    assert mine.data == theirs.data


def test_domain_only_download_has_the_nodes_and_edges_the_embedded_store_gives(remote, local):
    """The vocabulary rule (subclasses of SKOS concepts, ...) holds through a remote store too."""
    import io

    import networkx as nx

    mine, theirs = (nx.read_graphml(io.BytesIO(client.get("/download/saxgraph-domain.graphml").data))
                    for client in (remote, local))
    assert set(mine) == set(theirs) and sorted(mine.edges()) == sorted(theirs.edges())
    assert "https://w3id.org/saxgraph/id/scheme/topics" not in mine


@pytest.mark.parametrize("sparql", QUERIES)
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv", "text/turtle"])
def test_sparql_answers_are_those_of_the_embedded_store(remote, local, sparql, accept):
    from saxgraph.namespaces import SPARQL_PREFIXES

    params = {"query": SPARQL_PREFIXES + sparql}
    mine = remote.post("/sparql", data=params, headers={"Accept": accept})
    theirs = local.post("/sparql", data=params, headers={"Accept": accept})
    assert (mine.status_code, mine.content_type) == (theirs.status_code, theirs.content_type)
    if mine.content_type.startswith("text/turtle"):  # a graph: the same triples, in any order
        assert _triples(mine.data) == _triples(theirs.data) != set()
    else:
        assert mine.data == theirs.data


def _triples(turtle: bytes) -> set:
    return set(ox.parse(turtle, format=ox.RdfFormat.TURTLE))


def test_health_reports_the_stores_counts(remote, local):
    mine, theirs = remote.get("/health").get_json(), local.get("/health").get_json()
    assert mine["status"] == "ok"
    for key in ("triples", "quads", "graphs", "dataset"):  # dataset: the build's hash, recorded by publish
        assert mine[key] == theirs[key], key


def test_a_malformed_query_is_a_400_with_the_stores_message(remote):
    response = remote.get("/sparql", query_string={"query": "SELEC * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    assert response.content_type.startswith("text/plain")
    text = response.get_data(as_text=True)
    assert text.startswith("Bad request: The store rejected the query:")
    assert re.search(r"line 1\b|\b1:\d+", text)  # where in the query
    assert "define input:" not in text  # Virtuoso's echo of its rewritten query is left out


def test_service_is_refused_before_anything_is_sent(remote, local):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    mine = remote.get("/sparql", query_string={"query": query})
    theirs = local.get("/sparql", query_string={"query": query})
    assert mine.status_code == theirs.status_code == 403
    assert mine.data == theirs.data


def test_updates_are_refused(remote):
    response = remote.post("/sparql", data={"update": "DROP ALL"})
    assert response.status_code == 403


def test_a_query_past_the_time_limit_is_a_503(published):
    server, _ = published
    app = create_app({"BACKEND": server.query_url, "QUERY_TIMEOUT": 1, "TESTING": True})
    started = time.monotonic()
    response = app.test_client().get("/sparql", query_string={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "longer than the time limit of 1 s" in response.get_data(as_text=True)
    assert time.monotonic() - started < 5


def test_a_result_past_max_result_rows_is_a_413(published):
    server, _ = published
    app = create_app({"BACKEND": server.query_url, "MAX_RESULT_ROWS": 5, "TESTING": True})
    response = app.test_client().get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o } LIMIT 6"})
    assert response.status_code == 413
    assert "more than 5 rows" in response.get_data(as_text=True)


def test_a_backend_that_cannot_be_reached_is_an_error_at_startup():
    with pytest.raises(BackendError, match="cannot reach"):
        create_app({"BACKEND": f"http://127.0.0.1:{free_port()}/sparql"})


def test_a_backend_that_goes_away_is_a_502(tmp_path, real_build):
    from saxgraph.publish import publish
    from tests.helpers.stores import start_oxigraph

    server = start_oxigraph(tmp_path)
    try:
        publish(server.store_url, build_dir=real_build.dataset_path.parent)
        client = create_app({"BACKEND": server.query_url, "TESTING": True}).test_client()
        assert client.get("/id/cluster/cool-silicon.ttl").status_code == 200
    finally:
        server.stop()
    response = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
    assert response.status_code == 502
    assert "cannot reach the store" in response.get_data(as_text=True)


def test_saxgraph_serve_backend_serves_from_the_store(published):
    server, _ = published
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "saxgraph", "serve", "--backend", server.query_url,
                                "--port", str(port), "--workers", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        body = _get_when_up(f"http://127.0.0.1:{port}/id/cluster/cool-silicon.ttl", process)
        assert b"Cool Silicon" in body
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0].decode()
    assert f"from {server.query_url}" in output


@pytest.mark.parametrize("command", [
    ["stats", "--markdown"],
    ["query", "SELECT ?label WHERE { cluster:cool-silicon rdfs:label ?label } ORDER BY ?label"],
    ["query", "ASK { cluster:cool-silicon a sg:Cluster }"],
    ["query", "CONSTRUCT { cluster:cool-silicon rdfs:label ?l } WHERE { cluster:cool-silicon rdfs:label ?l }",
     "--format", "ntriples"],
    ["export", "--format", "trig"],
])
def test_the_cli_reads_the_store_as_it_reads_the_build(published, real_build, run_cli, command):
    server, _ = published
    env = {"SAXGRAPH_BACKEND_AUTH": ":".join(server.auth)} if server.auth else {}
    remote = run_cli(*command, "--backend", server.query_url, env=env)
    local = run_cli(*command, "--build-dir", real_build.dataset_path.parent)
    assert remote.returncode == local.returncode == 0, remote.stderr.decode()
    assert remote.stdout == local.stdout


def _get_when_up(url: str, process, seconds: float = 30) -> bytes:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read().decode()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")
