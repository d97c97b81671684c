"""Dereferencing: content negotiation (Accept and extensions), Vary/Link/Content-Location, 404, 406, 304."""

import pyoxigraph as ox
import pytest

from saxgraph.namespaces import BASE

ENTITY = "/id/cluster/cool-silicon"
RESOURCES = [ENTITY, "/ontology", "/graph/clusters"]

ACCEPT = [
    ("text/html", "text/html"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),  # a browser
    ("text/turtle", "text/turtle"),
    ("application/x-turtle", "text/turtle"),
    ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/trig", "application/trig"),
    ("application/n-quads", "application/n-quads"),
    ("text/turtle;q=0.5, application/rdf+xml", "application/rdf+xml"),  # q-values decide
    ("application/rdf+xml;q=0.3, text/turtle;q=0.9, text/html;q=0.1", "text/turtle"),
    ("*/*", "text/html"),
    ("text/*", "text/html"),
    ("application/ld+json, */*;q=0.1", "application/ld+json"),
]

EXTENSIONS = [
    ("ttl", "text/turtle"), ("nt", "application/n-triples"), ("jsonld", "application/ld+json"),
    ("rdf", "application/rdf+xml"), ("trig", "application/trig"), ("nq", "application/n-quads"),
    ("html", "text/html"),
]

PARSERS = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG, "application/n-quads": ox.RdfFormat.N_QUADS,
}


def parse(response):
    media_type = response.mimetype
    return list(ox.parse(response.data, format=PARSERS[media_type], base_iri=BASE))


@pytest.mark.parametrize("path", RESOURCES)
@pytest.mark.parametrize(("accept", "expected"), ACCEPT)
def test_accept_header_chooses_the_representation(client, path, accept, expected):
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == expected
    assert "Accept" in response.headers["Vary"]
    if expected != "text/html":
        assert parse(response), "the RDF parses and is not empty"


@pytest.mark.parametrize("path", RESOURCES)
@pytest.mark.parametrize(("extension", "expected"), EXTENSIONS)
def test_extension_overrides_accept(client, path, extension, expected):
    response = client.get(f"{path}.{extension}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.mimetype == expected
    if expected != "text/html":
        assert parse(response)


@pytest.mark.parametrize("path", RESOURCES)
def test_link_header_names_every_alternate(client, path):
    response = client.get(path, headers={"Accept": "text/turtle"})
    links = response.headers["Link"]
    for extension, media_type in EXTENSIONS:
        if media_type != "text/turtle":
            assert f'<{path}.{extension}>; rel="alternate"; type="{media_type}"' in links
    assert response.headers["Content-Location"] == f"{path}.ttl"


def test_no_accept_header_gets_html(client):
    response = client.get(ENTITY)
    assert response.status_code == 200 and response.mimetype == "text/html"


def test_unacceptable_media_type_is_406_with_the_alternatives(client):
    response = client.get(ENTITY, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert b"text/turtle" in response.data


@pytest.mark.parametrize("path", [
    "/id/cluster/no-such-cluster", "/id/cluster/no-such-cluster.ttl", "/id/no-such-kind/cool-silicon",
    "/graph/no-such-graph", "/graph/no-such-graph.nq", "/class/NoSuchClass", "/ontology.exe",
])
@pytest.mark.parametrize("accept", ["text/html", "text/turtle"])
def test_unknown_iris_are_404(client, path, accept):
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 404


def test_404_page_for_browsers_is_html(client):
    response = client.get("/id/cluster/no-such-cluster", headers={"Accept": "text/html"})
    assert response.mimetype == "text/html" and b"/search" in response.data


def test_unknown_extension_on_a_known_entity_is_404(client):
    assert client.get(f"{ENTITY}.exe").status_code == 404


def test_etag_revalidation_answers_304(client):
    first = client.get(ENTITY, headers={"Accept": "text/turtle"})
    etag = first.headers["ETag"]
    again = client.get(ENTITY, headers={"Accept": "text/turtle", "If-None-Match": etag})
    assert again.status_code == 304
    other = client.get(ENTITY, headers={"Accept": "application/n-triples", "If-None-Match": etag})
    assert other.status_code == 200, "each representation has its own ETag"


@pytest.mark.parametrize("accept", ["text/html", "text/turtle"])
def test_a_304_carries_the_headers_of_the_representation_it_stands_for(client, accept):
    """RFC 9110 15.4.5: a 304 sends the ETag, Vary and Content-Location the 200 would; no body."""
    first = client.get(ENTITY, headers={"Accept": accept})
    again = client.get(ENTITY, headers={"Accept": accept,
                                        "If-None-Match": f'"stale", {first.headers["ETag"]}'})
    assert again.status_code == 304 and again.data == b""
    for header in ("ETag", "Vary", "Content-Location", "Link"):
        assert again.headers.get(header) == first.headers.get(header), header
    stale = client.get(ENTITY, headers={"Accept": accept, "If-None-Match": '"stale"'})
    assert stale.status_code == 200 and stale.data == first.data


def test_the_request_path_maps_to_the_canonical_iri_on_any_host(client):
    response = client.get(f"{ENTITY}.nt", base_url="http://example.org:8123")
    subjects = {t.subject.value for t in parse(response)}
    assert BASE + "id/cluster/cool-silicon" in subjects
    assert not any("example.org" in s for s in subjects)


@pytest.mark.parametrize("path", [ENTITY + ".ttl", "/search?q=cool&format=json", "/download/saxgraph.nt",
                                  "/.well-known/void"])
def test_scripts_on_other_sites_may_read_the_data(client, path):
    response = client.get(path, headers={"Origin": "https://elsewhere.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Link" in response.headers["Access-Control-Expose-Headers"]


def test_head_answers_like_get_without_a_body(client):
    response = client.head(ENTITY, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.data == b""
    assert response.mimetype == "text/turtle" and "Link" in response.headers
