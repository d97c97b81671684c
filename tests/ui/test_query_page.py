"""The query page's server side: the editor's completion feed (/query/completions.json), the favicon, the
words and IRI bases the page's script reads, and the /examples results links for people."""

import json
import re

import pytest

from saxgraph.namespaces import BASE, ID_BASE, SG, SPARQL_PREFIXES
from saxgraph.web import language

FEED = "/query/completions.json"


def results(client, **params):
    response = client.get(FEED, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()["results"]


@pytest.mark.parametrize("typed", ["sg:Clu", SG + "Clu", "<" + SG + "Clu", "clu", "Cluster"])
def test_classes_complete_by_prefixed_name_iri_or_name(real_client, typed):
    found = results(real_client, kind="class", q=typed)
    assert found and found[0]["iri"] == SG + "Cluster", found
    assert found[0]["prefixed"] == "sg:Cluster" and found[0]["label"]


def test_properties_complete_and_classes_are_not_properties(real_client):
    found = [r["prefixed"] for r in results(real_client, kind="property", q="sg:member")]
    assert "sg:memberOf" in found and "sg:memberCount" in found
    assert all(name.startswith("sg:member") for name in found)
    assert "sg:Cluster" not in [r["prefixed"] for r in results(real_client, kind="property", q="sg:C")]
    assert any(r["prefixed"] == "rdfs:label" for r in results(real_client, kind="property", q="rdfs:la"))


def test_entities_complete_by_slug_and_by_label(real_client):
    by_slug = results(real_client, kind="entity", q="cluster:silicon")
    assert by_slug[0]["prefixed"] == "cluster:silicon-saxony" and by_slug[0]["label"] == "Silicon Saxony"
    assert all(r["iri"].startswith(ID_BASE + "cluster/") for r in by_slug)
    by_label = [r["iri"] for r in results(real_client, kind="entity", q="cluster:cool")]
    assert ID_BASE + "cluster/cool-silicon" in by_label
    plain = [r["iri"] for r in results(real_client, kind="entity", q="Silicon Sax")]
    assert plain[0] == ID_BASE + "cluster/silicon-saxony"
    assert results(real_client, kind="entity", q="schema:Organization") == []  # not our namespace


def test_the_limit_and_the_kind_are_checked(real_client):
    assert len(results(real_client, kind="property", q="", limit=5)) == 5
    for params in ({"kind": "thing", "q": "x"}, {"q": "x"}, {"kind": "class", "limit": "0"},
                   {"kind": "class", "limit": "500"}, {"kind": "class", "limit": "many"}):
        response = real_client.get(FEED, query_string=params)
        assert response.status_code == 400, params


@pytest.fixture(scope="module")
def a_person(dataset):
    row = dataset.select(SPARQL_PREFIXES + "SELECT ?p ?label { ?p a sg:Person ; rdfs:label ?label } "
                                           "ORDER BY ?p LIMIT 1")[0]
    return row["p"], row["label"]


@pytest.fixture(scope="module")
def public_client(dataset):
    from saxgraph.web import create_app

    return create_app({"STORE": dataset, "PUBLIC": True, "TESTING": True, "QUERY_WORKERS": 1}).test_client()


def test_persons_complete_only_when_not_public(real_client, public_client, a_person):
    iri, label = a_person
    assert iri in [r["iri"] for r in results(real_client, kind="entity", q=label)]
    slug = "person:" + iri.rsplit("/", 1)[1]
    assert iri in [r["iri"] for r in results(real_client, kind="entity", q=slug)]
    for typed in (label, slug, "person:", label.split()[0]):
        found = results(public_client, kind="entity", q=typed, limit=50)
        assert not any(r["iri"].startswith(ID_BASE + "person/") for r in found), typed
        assert label not in json.dumps(found)


def test_the_page_gives_its_script_the_iri_base_the_feed_and_its_words(client):
    page = client.get("/query").get_data(as_text=True)
    assert f'data-iri-base="{BASE}"' in page and 'data-local-base="/"' in page
    assert f'data-completions="{FEED}"' in page and "cluster" in re.search(
        r'data-entity-prefixes="([^"]*)"', page).group(1).split()
    assert "/static/query.css" in page and "/static/vendor/cytoscape/cytoscape.min.js" in page
    words = json.loads(re.search(r'<script id="saxgraph-words" type="application/json">(.*?)</script>',
                                 page, re.S).group(1))
    assert words["yes"] == "Yes" and words["graph"] == "Graph"
    german = client.get("/query?lang=de").get_data(as_text=True)
    assert '"yes": "Ja"' in german and "SPARQL-Abfrage" in german
    assert "style=" not in page  # the CSP allows no inline styles


def test_behind_a_proxy_prefix_local_links_and_the_feed_keep_it(client):
    page = client.get("/query", environ_overrides={"SCRIPT_NAME": "/saxgraph"}).get_data(as_text=True)
    assert 'data-local-base="/saxgraph/"' in page and f'data-completions="/saxgraph{FEED}"' in page


def test_favicon(client):
    page = client.get("/").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml" and b"<svg" in icon.data
    icon.close()
    redirect = client.get("/favicon.ico")
    assert redirect.status_code in (301, 308) and redirect.headers["Location"].endswith("/static/favicon.svg")
    assert client.get("/favicon.ico", follow_redirects=True).status_code == 200


def test_sparql_format_html_shows_the_results_in_the_query_ui(client):
    response = client.get("/sparql", query_string={"query": "ASK {}", "format": "html"})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/query?query=ASK") and "run=1" in location
    # the protocol's own negotiation is unchanged: a browser's Accept still gets SPARQL results
    answer = client.get("/sparql", query_string={"query": "ASK {}"},
                        headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert answer.status_code == 200 and answer.mimetype == "application/sparql-results+xml"
    assert client.post("/sparql", data={"query": "ASK {}", "format": "html"}).status_code == 406


def test_the_query_page_words_are_all_translated():
    german = language.catalogue("de")
    for text in ("Yes", "No", "Graph", "Chart", "Bars", "Pie", "{count} triples"):
        assert text in german
