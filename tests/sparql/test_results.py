"""SELECT answers under the row cap: pyoxigraph's writers with the rows counted from their bytes, and the
endpoint's own writers (row by row, so the cap can stop them part-way) for answers past the byte budget; both
say the same, for awkward terms too: languages, base directions, datatypes, blank nodes, unbound cells,
empty solutions, quotes, tabs, newlines, and JSON and CSV syntax inside literals."""

import io

import pyoxigraph as ox
import pytest

from saxgraph import query_runner
from saxgraph.errors import ResultTooLargeError
from saxgraph.query_runner import QueryRequest, execute
from saxgraph.results import WRITERS, OverBudget, TooManyRows, count_rows, serialize_capped

DATA = """
<http://e/a> <http://e/p> "plain", "tab\\there", "new\\nline", "quote \\" and, comma", "Straße"@de, "right"@ar--rtl,
    "42"^^<http://www.w3.org/2001/XMLSchema#integer>, _:b1, <http://e/b> .
_:b1 <http://e/p> "in a blank node" .
<http://e/c> <http://e/q> "no p" .
<http://e/d> <http://e/p> "row,{},{\\"a\\":1}\\r\\n[{\\"" .
"""
QUERY = "SELECT ?s ?o ?q WHERE { { ?s <http://e/p> ?o } UNION { ?s <http://e/q> ?q } } ORDER BY ?s ?o ?q"
ROWS = 12
# (query, rows): empty solutions ({} in JSON), no variables at all, no solutions
EDGE_CASES = [(QUERY, ROWS), ("SELECT * {}", 1),
              ("SELECT * { { } UNION { } UNION { ?s <http://e/q> ?o } }", 3),
              ("SELECT ?s { ?s ?p ?o FILTER(false) }", 0), ("SELECT * { VALUES () { () () () } }", 3),
              ("SELECT ?s ?o { ?s <http://e/p> ?o } ORDER BY ?s ?o", ROWS - 1)]
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
    assert count == ROWS
    if name == "csv":  # pyoxigraph does not read CSV back; its bytes are the reference
        assert out.getvalue() == native
    else:
        ours = [tuple(row) for row in ox.parse_query_results(out.getvalue(), format=FORMATS[name])]
        assert ours == [tuple(row) for row in ox.parse_query_results(native, format=FORMATS[name])]
        assert len(ours) == ROWS


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("query,rows", EDGE_CASES)
def test_rows_are_counted_exactly_from_pyoxigraphs_answer(store, name, query, rows):
    body = store.query(query).serialize(format=FORMATS[name])
    assert count_rows(body, name) == rows
    assert serialize_capped(store.query(query), name, FORMATS[name], rows, 1 << 20) == (body, rows)
    if rows:
        with pytest.raises(TooManyRows):
            serialize_capped(store.query(query), name, FORMATS[name], rows - 1, 1 << 20)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_a_result_far_beyond_the_cap_stops_before_it_is_all_written(store, name):
    many = "SELECT ?x { VALUES ?x { " + " ".join(f'"{i}"' for i in range(100_000)) + " } }"
    with pytest.raises((TooManyRows, OverBudget)):
        serialize_capped(store.query(many), name, FORMATS[name], 10, 100_000)
    if name != "csv":  # CSV rows cannot be told apart while they stream: only the byte budget stops them
        with pytest.raises(TooManyRows):
            serialize_capped(store.query(many), name, FORMATS[name], 10, 1 << 30)


class _Dataset:
    def __init__(self, store):
        self.store = store

    def query(self, sparql, **_):
        return self.store.query(sparql)


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("budget", [1 << 20, 10], ids=["native", "past the byte budget"])
def test_the_endpoint_answers_the_same_rows_and_cap_either_way(store, monkeypatch, name, budget):
    monkeypatch.setattr(query_runner, "NATIVE_WRITER_BYTES", budget)
    request = QueryRequest(QUERY, results_format=name)
    outcome = execute(_Dataset(store), request, max_rows=ROWS)
    assert outcome.size == ROWS
    native = store.query(QUERY).serialize(format=FORMATS[name])
    if name == "csv":
        assert outcome.body == native
    else:
        assert list(map(tuple, ox.parse_query_results(outcome.body, format=FORMATS[name]))) == \
            list(map(tuple, ox.parse_query_results(native, format=FORMATS[name])))
    with pytest.raises(ResultTooLargeError, match=f"more than {ROWS - 1} rows"):
        execute(_Dataset(store), request, max_rows=ROWS - 1)
