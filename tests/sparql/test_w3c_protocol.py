"""W3C SPARQL 1.1 Protocol test manifest, run against the app.

All 20 query tests and all 14 bad-request tests (7 query, 7 update: a read-only endpoint must refuse every
update request with a 4xx anyway) must pass: 27 tests. The 7 positive update tests do not apply to a
read-only endpoint and are reported as skipped, by name."""

import json
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest

from saxgraph.store import Store
from saxgraph.web import create_app
from tests.conftest import require_or_skip

from . import w3c

HAVE_W3C = (w3c.W3C_DIR / "protocol" / "manifest.ttl").is_file()
TESTS = w3c.protocol_tests() if HAVE_W3C else []
READ_ONLY_NOT_APPLICABLE = [t.name for t in TESTS if t.is_update]
RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"}
RDF_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
             "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
             "application/trig": ox.RdfFormat.TRIG, "application/n-quads": ox.RdfFormat.N_QUADS}


@pytest.fixture(scope="module")
def w3c_client():
    require_or_skip(HAVE_W3C, f"W3C test suite not found at {w3c.W3C_DIR}", "SAXGRAPH_REQUIRE_W3C")
    store = ox.Store()
    for name in ("data1", "data2", "data3"):
        store.load(path=str(w3c.W3C_DIR / "protocol" / f"{name}.nt"), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=ox.NamedNode(f"http://kasei.us/2009/09/sparql/data/{name}.rdf"))
    return create_app({"STORE": Store(store), "TESTING": True}).test_client()


def test_the_manifest_has_the_27_tests_that_apply():
    require_or_skip(HAVE_W3C, f"W3C test suite not found at {w3c.W3C_DIR}", "SAXGRAPH_REQUIRE_W3C")
    assert len(TESTS) == 34 and len(READ_ONLY_NOT_APPLICABLE) == 7


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_w3c_protocol(test, w3c_client):
    if test.is_update:
        pytest.skip(f"{test.name}: SPARQL Update does not apply to this read-only endpoint")
    for number, req in enumerate(test.requests):
        response = w3c_client.open(req.path, method=req.method, headers=req.headers, data=req.body)
        status_class = f"{response.status_code // 100}xx"
        assert status_class in req.expected_status, (test.title, response.status_code,
                                                     response.get_data(as_text=True)[:300])
        if status_class != "2xx":
            continue
        media_type = response.mimetype
        if req.expected_format in ("boolean", "tabular"):
            assert media_type in RESULT_TYPES, media_type
        if req.expected_format == "RDF":
            assert media_type in RDF_TYPES, media_type
            ox.parse(response.get_data(), format=RDF_TYPES[media_type])
        if req.expected_boolean is not None:
            assert _boolean(response) is req.expected_boolean


def _boolean(response) -> bool:
    if response.mimetype == "application/sparql-results+json":
        return json.loads(response.get_data())["boolean"]
    root = ElementTree.fromstring(response.get_data())
    return root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"
