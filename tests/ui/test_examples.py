"""Every example query answers on the real data, and the catalogue is served as HTML, JSON and .rq files."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest

from saxgraph.query import examples

CATALOGUE = examples.catalogue()


def test_at_least_twelve_examples_with_titles_and_descriptions():
    assert len(CATALOGUE) >= 12
    assert len({e.name for e in CATALOGUE}) == len(CATALOGUE)
    forms = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    assert all(e.title and e.description and e.form in forms for e in CATALOGUE)


@pytest.mark.parametrize("example", CATALOGUE, ids=[e.name for e in CATALOGUE])
def test_example_returns_rows_on_the_real_data(example, dataset):
    result = dataset.query(example.query)
    if isinstance(result, ox.QueryBoolean):
        assert bool(result)
    else:
        assert len(list(result)) > 0, f"{example.name} returns nothing"


# What some examples must answer, from the source documents (not from the data): number of rows, and
# cell values that must appear among them.
ANSWERS = {
    "alliance-member-regions": (13, {"Saxony", "DED", "Catalonia", "Netherlands"}),  # document 003
    "saxony5-universities": (5, {"HTW Dresden", "HTWK Leipzig", "Mittweida University of Applied Sciences"}),
    "wir-alliances": (3, {"recomine", "SmartERZ", "Lausitz - Life and Technology"}),  # the document's hyphen
    "saxon-clusters-targeting-japan": (None, {"Organic Electronics Saxony"}),
    "member-counts": (None, {"Silicon Saxony", "https://w3id.org/saxgraph/ontology#moreThan"}),
    "collaborations-per-federal-state": (None, {"Saxony"}),
    "organisations-in-dresden": (None, {"TU Dresden", "Cool Silicon"}),
    "partner-clusters-abroad": (None, {"Minalogic", "France"}),
    # document 003 names 13 regions; the standard terms must see the same ones
    "alliance-members-in-w3c-org": (13, {"https://w3id.org/saxgraph/id/place/south-moravia",
                                         "https://w3id.org/saxgraph/id/place/saxony"}),
    "organisations-per-saxon-city": (None, {"Dresden", "Leipzig", "Chemnitz"}),
    "quote-for-a-fact": (1, {"2000", "since its founding in 2000", "000_905c7d61bd444823.txt", "6"}),
}


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_example_answers_the_question(name, dataset):
    rows, values = ANSWERS[name]
    result = dataset.query(examples.by_name(name).query)
    table = [[term.value for term in solution if term is not None] for solution in result]
    if rows is not None:
        assert len(table) == rows, table
    assert values <= {value for row in table for value in row}


@pytest.mark.parametrize("example", CATALOGUE, ids=[e.name for e in CATALOGUE])
def test_example_runs_through_the_endpoint(example, real_client):
    response = real_client.post("/sparql", data=example.query, content_type="application/sparql-query")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["X-Result-Size"] != "0"


def test_examples_declare_exactly_the_prefixes_they_use():
    for example in CATALOGUE:
        declared = [line.split()[1] for line in example.query.splitlines() if line.startswith("PREFIX ")]
        assert declared, example.name
        body = example.query.split("\n\n", 1)[1]
        assert all(name in body for name in declared), example.name


def test_examples_page_json_and_files(client):
    page = client.get("/examples", headers={"Accept": "text/html"}).get_data(as_text=True)
    for example in CATALOGUE:
        assert example.title.replace('"', "&#34;") in page or example.title in page
        assert f"/query?example={example.name}" in page
        assert f"/examples/{example.name}.rq" in page
    assert 'href="/examples.json"' in page
    listed = client.get("/examples.json").get_json()["examples"]
    assert [e["name"] for e in listed] == [e.name for e in CATALOGUE]
    assert client.get("/examples", headers={"Accept": "application/json"}).get_json()["examples"] == listed
    raw = client.get(f"/examples/{CATALOGUE[0].name}.rq")
    assert raw.status_code == 200 and raw.get_data(as_text=True) == CATALOGUE[0].query
    assert client.get("/examples/no-such-thing.rq").status_code == 404


def test_the_results_links_on_the_examples_page_answer(real_client):
    page = real_client.get("/examples", headers={"Accept": "text/html"}).get_data(as_text=True)
    links = [html.unescape(href) for href in re.findall(r'href="(/sparql\?query=[^"]+)"', page)]
    assert len(links) == len(CATALOGUE)
    for link in links:
        # for people: format=html shows the results in the query UI (the results themselves, SPARQL XML or
        # JSON, a browser would save as a file called "sparql")
        assert link.endswith("&format=html"), link
        shown = real_client.get(link)
        assert shown.status_code == 303, link
        target = urlsplit(shown.headers["Location"])
        assert target.path == "/query" and parse_qs(target.query)["run"] == ["1"]
        assert parse_qs(target.query)["query"] == parse_qs(urlsplit(link).query)["query"]
        response = real_client.get(link.removesuffix("&format=html"))
        assert response.status_code == 200, (link, response.get_data(as_text=True))
        assert response.headers["X-Result-Size"] != "0", link
    runs = re.findall(r'href="(/query\?example=[^"]+)"', page)
    assert [html.unescape(r) for r in runs] == [f"/query?example={e.name}&run=1" for e in CATALOGUE]
