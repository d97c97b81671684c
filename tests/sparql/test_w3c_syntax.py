"""W3C SPARQL 1.1 query syntax manifest over HTTP: every negative test is a 400 with the parser's message,
every positive test is not a 400."""

import pytest

from saxgraph.store.dataset import Store
from saxgraph.web import create_app
from tests.conftest import require_or_skip

from . import w3c

HAVE_W3C = (w3c.W3C_DIR / "syntax-query" / "manifest.ttl").is_file()
TESTS = w3c.syntax_tests() if HAVE_W3C else []


@pytest.fixture(scope="module")
def syntax_client():
    require_or_skip(HAVE_W3C, f"W3C test suite not found at {w3c.W3C_DIR}", "SAXGRAPH_REQUIRE_W3C")
    import pyoxigraph as ox

    return create_app({"STORE": Store(ox.Store()), "TESTING": True}).test_client()


def test_the_manifest_is_read():
    require_or_skip(HAVE_W3C, f"W3C test suite not found at {w3c.W3C_DIR}", "SAXGRAPH_REQUIRE_W3C")
    positive = sum(1 for *_, p in TESTS if p)
    assert positive >= 60 and len(TESTS) - positive >= 30


@pytest.mark.parametrize("name,path,positive", TESTS, ids=[t[0] for t in TESTS])
def test_w3c_syntax(name, path, positive, syntax_client):
    response = syntax_client.post("/sparql", data=path.read_bytes(),
                                  headers={"Content-Type": "application/sparql-query"})
    if positive:
        assert response.status_code != 400, response.get_data(as_text=True)
        assert response.status_code < 500
    else:
        assert response.status_code == 400, response.status_code
        assert response.mimetype == "text/plain"
        assert response.get_data(as_text=True).startswith("Bad request: ")
