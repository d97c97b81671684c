"""SPARQL 1.1 Service Description at GET /sparql: the W3C service-description tests (returns RDF, has a
matching sd:endpoint triple, conforms to the vocabulary's schema) plus what we promise beyond them."""

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from tests.conftest import require_or_skip

from . import w3c

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RDF_TYPES = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/n-triples": "nt",
             "application/ld+json": "json-ld"}


def description(client, accept="text/turtle") -> Graph:
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200
    return Graph().parse(data=response.get_data(), format=RDF_TYPES[response.mimetype])


@pytest.mark.parametrize("accept", ["text/turtle", "application/rdf+xml", "application/n-triples",
                                    "application/ld+json", "*/*", "application/rdf+xml;q=0.9, text/turtle"])
def test_returns_rdf(client, accept):
    assert len(description(client, accept)) > 10


def test_has_endpoint_triple_matching_the_request_url(client):
    graph = description(client)
    assert URIRef("http://localhost/sparql") in set(graph.objects(None, SD.endpoint))


def test_conforms_to_schema(client):
    """Domains and ranges of the SD vocabulary (https://www.w3.org/TR/sparql11-service-description/#vocab)."""
    graph = description(client)
    services = set(graph.subjects(RDF.type, SD.Service))
    assert len(services) == 1
    service = services.pop()
    assert all(isinstance(o, URIRef) for o in graph.objects(service, SD.endpoint))
    assert set(graph.objects(service, SD.supportedLanguage)) <= {SD.SPARQL10Query, SD.SPARQL11Query,
                                                                 SD.SPARQL11Update}
    assert SD.SPARQL11Query in set(graph.objects(service, SD.supportedLanguage))
    assert all(str(f).startswith("http://www.w3.org/ns/formats/")
               for f in graph.objects(service, SD.resultFormat))
    assert SD.UnionDefaultGraph in set(graph.objects(service, SD.feature))
    dataset = graph.value(service, SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in graph
    assert (graph.value(dataset, SD.defaultGraph), RDF.type, SD.Graph) in graph
    for named in graph.objects(dataset, SD.namedGraph):
        assert (named, RDF.type, SD.NamedGraph) in graph
        assert isinstance(graph.value(named, SD.name), URIRef)
        assert (graph.value(named, SD.graph), RDF.type, SD.Graph) in graph


HAVE_W3C = (w3c.W3C_DIR / "service-description" / "manifest.ttl").is_file()
W3C_TESTS = w3c.service_description_tests() if HAVE_W3C else []
W3C_CHECKS = {  # manifest entry -> the test above that encodes its prose
    "returns-rdf": lambda client: test_returns_rdf(client, "text/turtle"),
    "has-endpoint-triple": test_has_endpoint_triple_matching_the_request_url,
    "conforms-to-schema": test_conforms_to_schema,
}


def test_the_w3c_manifest_is_read():
    require_or_skip(HAVE_W3C, f"W3C test suite not found at {w3c.W3C_DIR}", "SAXGRAPH_REQUIRE_W3C")
    assert len(W3C_TESTS) == 3


@pytest.mark.parametrize("name,title", W3C_TESTS, ids=[n for n, _ in W3C_TESTS])
def test_w3c_service_description(client, name, title):
    assert name in W3C_CHECKS, f"no check encodes the W3C test {name!r} ({title})"
    W3C_CHECKS[name](client)


def test_lists_every_named_graph_and_the_result_formats(client, mini_dataset):
    graph = description(client)
    assert {str(n) for n in graph.objects(None, SD.name)} == set(mini_dataset.graphs())
    formats = {str(f).rsplit("/", 1)[-1] for f in graph.objects(None, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
            "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG", "N-Quads"} <= formats


def test_a_browser_is_sent_to_the_query_ui(client):
    response = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/query")


def test_service_description_parses_as_rdf_with_pyoxigraph_too(client):
    response = client.get("/sparql", headers={"Accept": "application/n-triples"})
    assert len(list(ox.parse(response.get_data(), format=ox.RdfFormat.N_TRIPLES))) > 10
