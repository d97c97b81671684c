"""W3C SPARQL 1.1 Protocol test manifest, run against the app.

All 13 query tests and all 14 bad-request tests (7 query, 7 update: a read-only endpoint must refuse every
update request with a 4xx anyway) must pass: 27 tests. The 7 positive update tests do not apply to a
read-only endpoint and are reported as skipped, by name. Each test runs on a dataset holding exactly the
graphs its ut:graphData names (the W3C data files, loaded into named graphs of those IRIs), as the manifest
says."""

import pyoxigraph as ox
import pytest

from saxgraph.store.dataset import Store
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


_clients: dict = {}


def client_for(test: w3c.ProtocolTest):
    """A test client on the dataset the test names (one app per distinct set of graphs)."""
    key = tuple(sorted(test.graph_data.items()))
    if key not in _clients:
        store = ox.Store()
        for graph, path in key:
            store.load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
        _clients[key] = create_app({"STORE": Store(store), "TESTING": True, "QUERY_WORKERS": 1}).test_client()
    return _clients[key]


def test_the_manifest_has_the_27_tests_that_apply():
    require_or_skip(HAVE_W3C, f"W3C test suite not found at {w3c.W3C_DIR}", "SAXGRAPH_REQUIRE_W3C")
    assert len(TESTS) == 34 and len(READ_ONLY_NOT_APPLICABLE) == 7


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_w3c_protocol(test):
    require_or_skip(HAVE_W3C, f"W3C test suite not found at {w3c.W3C_DIR}", "SAXGRAPH_REQUIRE_W3C")
    if test.is_update:
        pytest.skip(f"{test.name}: SPARQL Update does not apply to this read-only endpoint")
    client = client_for(test)
    for req in test.requests:  # run in order, as the manifest says
        response = client.open(req.path, method=req.method, headers=req.headers, data=req.body)
        status_class = f"{response.status_code // 100}xx"
        assert status_class in req.expected_status, (test.title, response.status_code,
                                                     response.get_data(as_text=True)[:300])
        if status_class != "2xx":
            continue
        media_type = response.mimetype
        if req.expected_format in ("boolean", "tabular"):
            assert media_type in RESULT_TYPES, media_type
            result = _results(response)
            expected_kind = ox.QueryBoolean if req.expected_format == "boolean" else ox.QuerySolutions
            assert result is None or isinstance(result, expected_kind), (req.expected_format, result)
        if req.expected_format == "RDF":
            assert media_type in RDF_TYPES, media_type
            ox.parse(response.get_data(), format=RDF_TYPES[media_type])
        if req.expected_boolean is not None:
            assert bool(_results(response)) is req.expected_boolean


def _results(response):
    """The SELECT or ASK result read back by pyoxigraph (None for CSV, which it does not read)."""
    fmt = ox.QueryResultsFormat.from_media_type(response.mimetype)
    if fmt is None or fmt == ox.QueryResultsFormat.CSV:
        return None
    return ox.parse_query_results(response.get_data(), format=fmt)
