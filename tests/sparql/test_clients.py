"""Clients no one here wrote, over a real socket: SPARQLWrapper, rdflib's SPARQLStore, raw HTTP and curl."""

import http.client
import json
import shutil
import subprocess
from urllib.parse import quote, urlparse

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

QUERY = """PREFIX sg: <https://w3id.org/saxgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?region ?name WHERE {
  <https://w3id.org/saxgraph/id/alliance/alliance-of-semiconductor-regions> sg:hasMember ?region .
  ?region a sg:Region ; rdfs:label ?name . FILTER(LANG(?name) = "en")
} ORDER BY ?name"""


@pytest.fixture(scope="module")
def expected(dataset):
    rows = [(r["region"], r["name"]) for r in dataset.select(QUERY)]
    assert len(rows) == 13
    return rows


def test_sparqlwrapper_json_get_and_post(live_server, expected):
    from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper

    for method in (GET, POST):
        client = SPARQLWrapper(f"{live_server}/sparql")
        client.setQuery(QUERY)
        client.setMethod(method)
        client.setReturnFormat(JSON)
        rows = [(b["region"]["value"], b["name"]["value"])
                for b in client.queryAndConvert()["results"]["bindings"]]
        assert rows == expected


def test_sparqlwrapper_xml_and_construct(live_server, expected):
    from SPARQLWrapper import RDFXML, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setQuery(QUERY)
    client.setReturnFormat(XML)
    document = client.queryAndConvert()
    assert len(document.getElementsByTagName("result")) == len(expected)
    for fmt in (TURTLE, RDFXML):
        client = SPARQLWrapper(f"{live_server}/sparql")
        client.setQuery("CONSTRUCT { ?r a <https://w3id.org/saxgraph/ontology#Region> } WHERE { "
                        "<https://w3id.org/saxgraph/id/alliance/alliance-of-semiconductor-regions> "
                        "<https://w3id.org/saxgraph/ontology#hasMember> ?r . "
                        "?r a <https://w3id.org/saxgraph/ontology#Region> }")
        client.setReturnFormat(fmt)
        result = client.queryAndConvert()
        graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
        assert {str(s) for s in graph.subjects()} == {r for r, _ in expected}


def test_rdflib_sparqlstore(live_server, expected):
    store = SPARQLStore(f"{live_server}/sparql", returnFormat="json")
    rows = [(str(r.region), str(r.name)) for r in store.query(QUERY)]
    assert rows == expected
    graph = Graph(store=store)
    saxony = URIRef("https://w3id.org/saxgraph/id/place/saxony")
    assert (saxony, None, None) in graph


def test_raw_http_over_a_socket(live_server, expected):
    url = urlparse(live_server)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    connection.request("POST", "/sparql", body=QUERY.encode(),
                       headers={"Content-Type": "application/sparql-query",
                                "Accept": "application/sparql-results+json"})
    response = connection.getresponse()
    assert response.status == 200
    body = json.loads(response.read())
    assert [(b["region"]["value"], b["name"]["value"]) for b in body["results"]["bindings"]] == expected
    connection.request("GET", "/sparql?query=" + quote("SELECT * {"), headers={"Accept": "*/*"})
    bad = connection.getresponse()
    assert bad.status == 400 and b"error at" in bad.read()


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl(live_server, expected):
    out = subprocess.run(["curl", "-sS", "-H", "Accept: text/csv", "--data-urlencode", f"query={QUERY}",
                          f"{live_server}/sparql"], capture_output=True, text=True, check=True).stdout
    lines = out.strip().splitlines()
    assert lines[0] == "region,name" and len(lines) == len(expected) + 1
