"""`saxgraph publish` into real stores: one PUT per graph, verified by SPARQL, idempotent, and a stop
half-way leaves every graph either complete or untouched, and says which is which."""

import json
import urllib.parse
import urllib.request

import pytest

from saxgraph.errors import PublishError
from saxgraph.namespaces import GRAPH_BASE
from saxgraph.publish import default_query_endpoint, graph_url, publish
from saxgraph.store.dataset import UNION_GRAPH
from saxgraph.store.http_client import HttpClient
from tests.helpers.stores import start_oxigraph

pytestmark = pytest.mark.server

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def graph_counts(server) -> dict[str, int]:
    """Triples per graph, asked of the store directly by SPARQL (not through saxgraph)."""
    url = server.query_url + "?" + urllib.parse.urlencode({"query": COUNTS})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.load(response)["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows
            if r["g"]["value"].startswith(GRAPH_BASE) or r["g"]["value"] == UNION_GRAPH.value}


def test_every_graph_of_the_build_is_in_the_store_with_its_triple_count(published, real_build):
    server, report = published
    expected = real_build.manifest["graphs"]
    counts = graph_counts(server)
    assert {g: counts[g] for g in expected} == expected
    # the default graph the app queries: the union, each triple once
    distinct = len({line for line in real_build.dataset_path.read_text().splitlines()
                    for line in [line.rsplit(" ", 2)[0]]})
    assert counts[UNION_GRAPH.value] == distinct < real_build.manifest["quads"]
    assert report.published == {**expected, UNION_GRAPH.value: distinct}


def test_publishing_again_changes_nothing(published, real_build):
    server, _ = published
    before = graph_counts(server)
    report = publish(server.store_url, auth=server.auth, build_dir=real_build.dataset_path.parent)
    assert graph_counts(server) == before
    assert report.removed == []


def test_a_graph_the_build_no_longer_has_is_removed(published, real_build):
    server, _ = published
    stale = GRAPH_BASE + "a-document-removed-since"
    reply = HttpClient(server.auth).request(
        "PUT", graph_url(server.store_url, stale), b"<urn:x:s> <urn:x:p> <urn:x:o> .\n",
        {"Content-Type": "application/n-triples"})
    assert reply.status in (200, 201, 204)
    assert stale in graph_counts(server)
    report = publish(server.store_url, auth=server.auth, build_dir=real_build.dataset_path.parent)
    assert report.removed == [stale]
    assert stale not in graph_counts(server)


def test_the_cli_publishes_and_says_what_it_verified(published, real_build, run_cli):
    server, _ = published
    result = run_cli("publish", "--store", server.store_url, *server.auth_option,
                     "--build-dir", real_build.dataset_path.parent)
    assert result.returncode == 0, result.stderr.decode()
    err = result.stderr.decode()
    assert f"verified {len(real_build.manifest['graphs']) + 1} graphs by SPARQL at {server.query_url}" in err
    assert "counts match the build" in err


def test_the_store_serves_the_published_builds_version(published, real_build):
    from saxgraph.store.remote import RemoteStore

    server, _ = published
    assert RemoteStore(server.query_url, server.auth).version == real_build.manifest["hash"]


def test_wrong_credentials_publish_nothing_and_say_so(virtuoso_server, real_build, run_cli):
    result = run_cli("publish", "--store", virtuoso_server.store_url,
                     "--build-dir", real_build.dataset_path.parent,
                     env={"SAXGRAPH_STORE_AUTH": "dba:not-the-password"})
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "answered 401" in err
    assert "published (0): none" in err
    assert f"not published ({len(real_build.manifest['graphs']) + 1})" in err


def test_a_store_that_goes_away_half_way_keeps_each_graph_whole_or_untouched(tmp_path, real_build):
    server = start_oxigraph(tmp_path)
    try:
        graphs = sorted(real_build.manifest["graphs"])

        def stop_after_three(message):  # the store dies after three graphs were sent
            if message.startswith("published ") and graphs[2] in message:
                server.stop()

        with pytest.raises(PublishError) as stopped:
            publish(server.store_url, build_dir=real_build.dataset_path.parent, progress=stop_after_three)
        assert stopped.value.published == graphs[:3]
        assert stopped.value.pending == graphs[3:] + [UNION_GRAPH.value]
        assert "publish again to finish" in str(stopped.value)

        port = int(server.store_url.split(":")[2].split("/")[0])
        server = start_oxigraph(tmp_path, port)  # the same data folder
        counts = graph_counts(server)
        assert counts == {g: real_build.manifest["graphs"][g] for g in graphs[:3]}

        publish(server.store_url, build_dir=real_build.dataset_path.parent)  # finishing is publishing again
        assert {g: graph_counts(server)[g] for g in graphs} == real_build.manifest["graphs"]
    finally:
        server.stop()


@pytest.mark.parametrize("store, query", [
    ("http://h:7878/store", "http://h:7878/query"),
    ("http://h:8890/sparql-graph-crud-auth?graph-uri=", "http://h:8890/sparql"),
    ("http://h:3030/ds/data", "http://h:3030/ds/sparql"),
])
def test_the_query_endpoint_is_derived_from_the_known_stores_graph_store_url(store, query):
    assert default_query_endpoint(store) == query


def test_an_unknown_graph_store_url_asks_for_the_query_endpoint(run_cli, real_build):
    result = run_cli("publish", "--store", "http://127.0.0.1:9/gsp",
                     "--build-dir", real_build.dataset_path.parent)
    assert result.returncode == 2
    assert "give --query-endpoint" in result.stderr.decode()
