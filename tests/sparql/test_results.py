"""The endpoint's own SELECT writers (row by row, so the row cap can stop them) say what pyoxigraph's
writers say, for awkward terms too: languages, base directions, datatypes, blank nodes, unbound cells, quotes, tabs, newlines."""

import io

import pyoxigraph as ox
import pytest

from saxgraph.results import WRITERS

DATA = """
<http://e/a> <http://e/p> "plain", "tab\\there", "new\\nline", "quote \\" and, comma", "Straße"@de, "right"@ar--rtl,
    "42"^^<http://www.w3.org/2001/XMLSchema#integer>, _:b1, <http://e/b> .
_:b1 <http://e/p> "in a blank node" .
<http://e/c> <http://e/q> "no p" .
"""
QUERY = "SELECT ?s ?o ?q WHERE { { ?s <http://e/p> ?o } UNION { ?s <http://e/q> ?q } } ORDER BY ?s ?o ?q"
FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
           "tsv": ox.QueryResultsFormat.TSV, "csv": ox.QueryResultsFormat.CSV}


@pytest.fixture(scope="module")
def store():
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.TURTLE)
    return store


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_writer_agrees_with_pyoxigraph(store, name):
    result = store.query(QUERY)
    out = io.BytesIO()
    count = WRITERS[name]([v.value for v in result.variables], result, out)
    native = store.query(QUERY).serialize(format=FORMATS[name])
    assert count == 11
    if name == "csv":  # pyoxigraph does not read CSV back; its bytes are the reference
        assert out.getvalue() == native
    else:
        ours = [tuple(row) for row in ox.parse_query_results(out.getvalue(), format=FORMATS[name])]
        assert ours == [tuple(row) for row in ox.parse_query_results(native, format=FORMATS[name])]
        assert len(ours) == 11
