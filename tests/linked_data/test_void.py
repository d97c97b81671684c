"""The VoID + DCAT description at /.well-known/void: content, counts, conneg, and its SHACL shape."""

import pyoxigraph as ox
import pytest

from saxgraph.describe.dataset import DATASET, description, validate

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"


def triples_of(client, path="/.well-known/void", **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return response, list(ox.parse(response.data, format=ox.RdfFormat.TURTLE))


def values(triples, subject, predicate):
    return {t.object.value for t in triples if t.subject == subject and t.predicate.value == predicate}


def test_turtle_by_default(client):
    response, triples = triples_of(client)
    assert response.mimetype == "text/turtle"
    assert "Accept" in response.headers["Vary"] and "void.jsonld" in response.headers["Link"]


@pytest.mark.parametrize(("accept", "expected"), [
    ("application/ld+json", "application/ld+json"), ("application/rdf+xml", "application/rdf+xml"),
    ("application/n-triples", "application/n-triples"), ("text/html", "text/html"),
    ("*/*", "text/turtle"),
])
def test_content_negotiation(client, accept, expected):
    assert client.get("/.well-known/void", headers={"Accept": accept}).mimetype == expected


def test_description_content(client, mini_dataset):
    _, triples = triples_of(client)
    ds = DATASET
    assert values(triples, ds, "http://purl.org/dc/terms/license") == {
        "https://creativecommons.org/licenses/by/4.0/"}
    assert values(triples, ds, VOID + "sparqlEndpoint") == {"http://localhost/sparql"}
    dumps = values(triples, ds, VOID + "dataDump")
    assert {d.rsplit(".", 1)[1] for d in dumps} == {"nq", "trig", "ttl", "nt", "jsonld", "rdf"}
    for dump in dumps:  # every advertised dump is really there
        assert client.get(dump.replace("http://localhost", "")).status_code == 200
    downloads = {t.object.value for t in triples if t.predicate.value == DCAT + "downloadURL"}
    listed = {d["url"] for d in client.get("/download/?format=json").get_json()["downloads"]}
    assert downloads == listed and "http://localhost/download/saxgraph-domain.gexf" in downloads
    for url in downloads:  # every distribution, the graph-tool ones and their domain-only twins, is there
        assert client.get(url.replace("http://localhost", "")).status_code == 200
    services = {t.subject for t in triples if t.object.value == DCAT + "DataService"}
    assert len(services) == 1
    assert values(triples, next(iter(services)), DCAT + "endpointURL") == {"http://localhost/sparql"}
    subsets = values(triples, ds, VOID + "subset")
    assert subsets == set(mini_dataset.graphs())
    clusters = ox.NamedNode("https://w3id.org/saxgraph/graph/clusters")
    assert values(triples, clusters, "http://www.w3.org/ns/prov#wasDerivedFrom") == {
        "https://w3id.org/saxgraph/id/document/clusters"}
    assert "http://www.w3.org/ns/org#" in values(triples, ds, VOID + "vocabulary")


def test_counts_equal_sparql_counts(client, mini_dataset):
    _, triples = triples_of(client)

    def count(query):
        return int(mini_dataset.select(query)[0]["n"])

    figures = {p: int(next(iter(values(triples, DATASET, VOID + p)))) for p in
               ("triples", "entities", "classes", "properties")}
    assert figures["triples"] == count(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    assert figures["entities"] == count(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o "
        'FILTER(STRSTARTS(STR(?s), "https://w3id.org/saxgraph/id/")) }')
    assert figures["classes"] == count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }")
    assert figures["properties"] == count("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }")
    per_graph = {t.subject.value: int(t.object.value) for t in triples
                 if t.predicate.value == VOID + "triples" and t.subject != DATASET}
    assert per_graph == {row["g"]: int(row["n"]) for row in mini_dataset.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}


def test_public_url_setting_is_used_for_access_urls(mini_dataset):
    from saxgraph.web import create_app

    client = create_app({"STORE": mini_dataset, "TESTING": True,
                         "PUBLIC_URL": "https://saxgraph.example/"}).test_client()
    _, triples = triples_of(client)
    assert values(triples, DATASET, VOID + "sparqlEndpoint") == {"https://saxgraph.example/sparql"}


def test_description_conforms_to_its_shape(mini_dataset):
    conforms, report = validate(description(mini_dataset, "http://localhost"))
    assert conforms, report


@pytest.mark.parametrize("broken", ["license", "sparqlEndpoint", "triples", "downloadURL"])
def test_shape_rejects_a_description_missing_a_required_part(mini_dataset, broken):
    triples = [t for t in description(mini_dataset, "http://localhost")
               if not t.predicate.value.endswith(broken)]
    conforms, report = validate(triples)
    assert not conforms, f"removing {broken} should violate the shape"
