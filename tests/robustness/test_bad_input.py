"""Bad input, tried systematically at every route of the app (read from its URL map): the catalogue of
hostile input classes in hostile.py, then property-based tests (hypothesis). No answer may be 5xx, and a good
query still answers afterwards.

SAXGRAPH_FUZZ_EXAMPLES raises the number of hypothesis examples and of catalogue cases tried per class
(`SAXGRAPH_FUZZ_EXAMPLES=2000 python -m pytest tests/robustness`); bench/fuzz_report.py runs the whole
catalogue and prints the table of docs/bad-input.md."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saxgraph.web import create_app
from tests.robustness import hostile

EXAMPLES = int(os.environ.get("SAXGRAPH_FUZZ_EXAMPLES", "40"))
CASES_PER_CLASS = max(EXAMPLES * 4, 120)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
GOOD = hostile.Case("GET", b"/sparql", b"query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D")


@pytest.fixture(scope="module")
def fuzz_app(mini_dataset):
    """The app as served, except that an unhandled exception propagates with its traceback."""
    return create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_TIMEOUT": 5, "ACCESS_LOG": False})


def assert_not_5xx(app, case: hostile.Case) -> hostile.Answer:
    answer = hostile.send(app, case)
    assert answer.status < 500, f"{answer.status} for {case.describe()}: {answer.body[:300]!r}"
    return answer


def assert_still_serving(app) -> None:
    answer = hostile.send(app, GOOD)
    assert answer.status == 200 and b'"boolean":true' in answer.body.replace(b" ", b"")


def sample(cases: list, limit: int) -> list:
    """An even spread over the class (deterministic), all of it when small."""
    if len(cases) <= limit:
        return cases
    step = len(cases) / limit
    return [cases[int(i * step)] for i in range(limit)]


def catalogue_classes() -> list[str]:
    """The input classes, listed at collection time from an app over an empty store (routes do not
    depend on the data)."""
    import pyoxigraph as ox

    from saxgraph.store.dataset import Store

    return list(hostile.catalogue(create_app({"STORE": Store(ox.Store()), "TESTING": True})))


def test_the_fuzzer_covers_every_route(fuzz_app):
    """Routes come from the URL map, so a route added later is fuzzed without anyone listing it."""
    fuzzed = {case.path.split(b"?")[0] for cases in hostile.catalogue(fuzz_app).values() for case in cases}
    for rule in hostile.rules(fuzz_app):
        assert hostile.sample_path(fuzz_app, rule) in fuzzed, rule
    argument_rules = {rule for rule, _ in hostile.route_paths(fuzz_app, "\xff")}
    assert argument_rules == {r for r in hostile.rules(fuzz_app) if "<" in r}


@pytest.mark.parametrize("input_class", catalogue_classes())
def test_no_route_answers_5xx_to_a_class_of_hostile_input(fuzz_app, input_class):
    cases = hostile.catalogue(fuzz_app)[input_class]
    for case in sample(cases, CASES_PER_CLASS):
        assert_not_5xx(fuzz_app, case)
    assert_still_serving(fuzz_app)


# --- property-based -------------------------------------------------------------------------------------

wild_bytes = st.one_of(st.binary(max_size=64), st.sampled_from(hostile.raw_bytes_values()))
wild_text = st.one_of(st.text(max_size=64), st.sampled_from(hostile.text_values()),
                      st.text(alphabet=st.characters(codec="utf-8"), max_size=16))
wild_value = st.one_of(wild_bytes, wild_text.map(hostile.as_bytes))


@FUZZ
@given(data=st.data(), value=wild_value, encode=st.booleans())
def test_any_path_argument_at_any_route(fuzz_app, data, value, encode):
    routes = hostile.route_paths(fuzz_app, value, encode=encode)
    _, path = data.draw(st.sampled_from(routes))
    assert_not_5xx(fuzz_app, hostile.Case("GET", path))


@FUZZ
@given(data=st.data(), params=st.lists(st.tuples(st.sampled_from(hostile.PARAMS) | st.text(max_size=8),
                                                 wild_value, st.booleans()), max_size=4))
def test_any_parameters_at_any_route(fuzz_app, data, params):
    from urllib.parse import quote_from_bytes

    path = hostile.sample_path(fuzz_app, data.draw(st.sampled_from(hostile.rules(fuzz_app))))
    query = b"&".join(quote_from_bytes(hostile.as_bytes(name), safe="").encode() + b"="
                      + (quote_from_bytes(value, safe="").encode() if encode else value.replace(b"&", b""))
                      for name, value, encode in params)
    assert_not_5xx(fuzz_app, hostile.Case("GET", path, query))


header_names = st.sampled_from(["Accept", "Accept-Encoding", "If-None-Match", "If-Modified-Since", "Range",
                                "Origin", "Access-Control-Request-Headers", "Host", "Content-Type",
                                "Accept-Language", "X-Forwarded-For"])


@FUZZ
@given(data=st.data(), headers=st.dictionaries(header_names, wild_bytes.map(lambda b: b.decode("latin-1")),
                                                max_size=4),
       method=st.sampled_from(["GET", "HEAD", "OPTIONS", "POST"]))
def test_any_headers_at_any_route(fuzz_app, data, headers, method):
    path = hostile.sample_path(fuzz_app, data.draw(st.sampled_from(hostile.rules(fuzz_app))))
    assert_not_5xx(fuzz_app, hostile.Case(method, path, headers=headers))


@FUZZ
@given(body=wild_value, content_type=st.sampled_from(hostile.CONTENT_TYPES + [
    "application/sparql-query", "application/x-www-form-urlencoded"]))
def test_any_body_posted_to_the_endpoint(fuzz_app, body, content_type):
    assert_not_5xx(fuzz_app, hostile.Case("POST", b"/sparql", headers={"Content-Type": content_type},
                                          body=body))


# Token soup after the SPARQL grammar: mostly near-valid queries, the inputs that reach deepest.
TOKENS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", "[", "]", ".", ";", ",", "*",
          "?s", "?p", "?o", "?x", "<http://e/a>", "<>", "<a b>", "\"x\"", "\"x\"@en", "\"1\"^^<http://e/t>",
          "1", "-1", "1e400", "99999999999999999999", "OPTIONAL", "UNION", "MINUS", "FILTER", "BIND", "AS",
          "VALUES", "UNDEF", "GRAPH", "SERVICE", "SILENT", "FROM", "NAMED", "LIMIT", "OFFSET", "ORDER", "BY",
          "GROUP", "HAVING", "COUNT", "SUM", "DISTINCT", "REDUCED", "REGEX", "STR", "LANG", "IRI", "BNODE",
          "NOW", "+", "/", "|", "^", "?", "!", "a", "=", "!=", "&&", "||", "PREFIX", "p:", ":x", "BASE",
          "\\u0000", "\"\\uD800\"", "_:b", "#", "\n", "INSERT", "DATA", "EXISTS", "NOT", "IN", "SUBSTR",
          "xsd:integer", "(?s", "?o)"]


@FUZZ
@given(tokens=st.lists(st.sampled_from(TOKENS), max_size=30), fmt=st.sampled_from(
    ["json", "xml", "csv", "tsv", "turtle", "jsonld", "rdfxml", "nquads", ""]))
def test_any_token_soup_sent_as_a_query(fuzz_app, tokens, fmt):
    from urllib.parse import quote

    query = " ".join(tokens).encode()
    answer = assert_not_5xx(fuzz_app, hostile.Case("GET", b"/sparql", b"format=" + fmt.encode() + b"&query="
                                                   + quote(query, safe="").encode()))
    assert answer.status in (200, 400, 403, 406, 413)


def test_the_endpoint_still_serves_after_the_property_tests(fuzz_app):
    assert_still_serving(fuzz_app)
