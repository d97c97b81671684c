"""SELECT answers under the row and byte caps: pyoxigraph's writers with the rows counted from their bytes,
exactly, for awkward terms too (languages, base directions, datatypes, blank nodes, unbound cells, empty
solutions, quotes, tabs, newlines, JSON and CSV syntax inside literals); past a cap the answer is refused,
and it is written once."""

import pyoxigraph as ox
import pytest

from saxgraph.errors import ResultTooLargeError
from saxgraph.query.results import OverBudget, TooManyRows, count_rows, serialize_capped
from saxgraph.query.runner import Limits, QueryRequest, execute

DATA = """
<http://e/a> <http://e/p> "plain", "tab\\there", "new\\nline", "quote \\" and, comma", "Straße"@de,
    "right"@ar--rtl, "42"^^<http://www.w3.org/2001/XMLSchema#integer>, _:b1, <http://e/b> .
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
    """A store that counts how often it is queried."""

    def __init__(self, store):
        self.store, self.queries = store, 0

    def query(self, sparql, **_):
        self.queries += 1
        return self.store.query(sparql)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_the_endpoint_answers_with_pyoxigraphs_bytes_and_the_exact_row_cap(store, name):
    request = QueryRequest(QUERY, results_format=name)
    outcome = execute(_Dataset(store), request, Limits(max_rows=ROWS))
    assert outcome.size == ROWS
    assert outcome.body == store.query(QUERY).serialize(format=FORMATS[name])
    with pytest.raises(ResultTooLargeError, match=f"more than {ROWS - 1} rows"):
        execute(_Dataset(store), request, Limits(max_rows=ROWS - 1))


@pytest.mark.parametrize("form,query", [
    ("select", QUERY), ("construct", "CONSTRUCT { ?s <http://e/p> ?o } WHERE { ?s <http://e/p> ?o }"),
    ("one row", 'SELECT (GROUP_CONCAT(STR(?s); separator="----------") AS ?all) '
                '{ ?s ?p ?o FILTER(isIRI(?s)) }'),
])
def test_an_answer_past_the_byte_cap_is_refused_and_written_once(store, form, query):
    dataset = _Dataset(store)
    with pytest.raises(ResultTooLargeError, match="larger than 100 bytes.*MAX_RESULT_BYTES"):
        execute(dataset, QueryRequest(query), Limits(max_bytes=100))
    assert dataset.queries == 1
    assert execute(dataset, QueryRequest(query), Limits(max_bytes=1 << 20)).body
