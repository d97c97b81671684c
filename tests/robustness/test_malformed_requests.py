"""Regressions found by the fuzzer (tests/robustness/test_bad_input.py), each named after the behaviour."""

import threading

import pytest

from saxgraph.web import create_app
from tests.robustness import hostile


@pytest.fixture(scope="module")
def served_app(mini_dataset):
    """As served: TESTING off, so an unhandled fault would be a 500, not an exception in the test."""
    return create_app({"STORE": mini_dataset, "ACCESS_LOG": False})


@pytest.mark.parametrize("path", [b"/search", b"/sparql", b"/query", b"/id/cluster/x", b"/download/"])
def test_a_raw_query_string_that_is_not_utf8_is_a_400(served_app, path):
    """Werkzeug decodes raw query-string bytes strictly when a view reads request.args: it was a 500."""
    answer = hostile.send(served_app, hostile.Case("GET", path, b"q=caf\xe9&query=ASK{}"))
    assert answer.status == 400 and b"not valid UTF-8" in answer.body


def test_a_percent_encoded_query_string_that_is_not_utf8_is_a_400(served_app):
    answer = hostile.send(served_app, hostile.Case("GET", b"/search", b"q=%C0%AF"))
    assert answer.status == 400 and b"not valid UTF-8" in answer.body


def test_a_path_that_is_not_utf8_is_a_400(served_app):
    answer = hostile.send(served_app, hostile.Case("GET", b"/id/cluster/\xff"))
    assert answer.status == 400 and b"path" in answer.body


def test_a_host_header_with_an_impossible_port_is_a_400(served_app):
    """Building a URL (the home page, the service description) read the port and raised: a 500."""
    for path in (b"/", b"/sparql", b"/.well-known/void"):
        answer = hostile.send(served_app, hostile.Case("GET", path, headers={"Host": "127.0.0.1:99999999"}))
        assert answer.status == 400 and b"Host" in answer.body


@pytest.mark.parametrize("value", ["\r\n", "x\n", "\"a\"\n", "a\x00"])
def test_an_if_none_match_with_a_line_feed_is_a_400_not_an_endless_loop(served_app, value):
    """werkzeug's parse_etags looped forever, growing a list without bound, on a value ending in LF."""
    result = {}
    case = hostile.Case("GET", b"/.well-known/void", headers={"If-None-Match": value})
    worker = threading.Thread(target=lambda: result.setdefault("answer", hostile.send(served_app, case)),
                              daemon=True)
    worker.start()
    worker.join(30)
    assert "answer" in result, "the request did not finish"
    assert result["answer"].status == 400 and b"RFC 9110" in result["answer"].body


@pytest.mark.parametrize("path", [b"/class/%00", b"/class/a%20b", b"/class/%3Cx%3E", b"/id/cluster/a%20b",
                                  b"/id/cluster/%7Bx%7D", b"/id/cluster/a%20b/neighbourhood.json",
                                  b"/id/cluster/%00.ttl"])
def test_a_path_that_maps_to_no_valid_iri_is_a_404(served_app, path):
    """pyoxigraph refuses to build such an IRI (ValueError: a 500); no entity can have it."""
    answer = hostile.send(served_app, hostile.Case("GET", path, headers={"Accept": "text/turtle"}))
    assert answer.status == 404


@pytest.mark.parametrize("escape", ["\\U00110000", "\\UFFFFFFFF"])
def test_a_codepoint_escape_beyond_unicode_is_a_400(served_app, escape):
    """The SERVICE check resolves \\U escapes with chr(), which raised on numbers past U+10FFFF: a 500."""
    answer = hostile.send(served_app, hostile.Case("POST", b"/sparql",
                                                   body=f'SELECT ("{escape}" AS ?x) {{}}'.encode(),
                                                   headers={"Content-Type": "application/sparql-query"}))
    assert answer.status == 400
