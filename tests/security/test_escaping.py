"""Every literal is escaped where a page shows it: markup in the data is shown as text and never runs."""

import json
from urllib.parse import quote

import pytest

from saxgraph.store.dataset import Store
from saxgraph.web import create_app

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(2)>'
ATTRIBUTE_IN_TURTLE = ATTRIBUTE.replace('"', '\\"')
HOSTILE = f"""
@prefix sg: <https://w3id.org/saxgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix cluster: <https://w3id.org/saxgraph/id/cluster/> .

<https://w3id.org/saxgraph/graph/hostile> {{
  sg:Cluster a <http://www.w3.org/2002/07/owl#Class> ; rdfs:label "cluster{SCRIPT}"@en .
  cluster:evil a sg:Cluster ;
      rdfs:label "Evil {SCRIPT}"@en ;
      skos:altLabel "Evil alias {ATTRIBUTE_IN_TURTLE}" ;
      dcterms:description "</p><script>alert(3)</script><p>"@en ;
      rdfs:seeAlso <javascript:alert(4)> ;
      sg:partnerCluster cluster:plain .
  cluster:plain a sg:Cluster ; rdfs:label "Plain cluster" .
}}
"""


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.trig"
    path.write_text(HOSTILE)
    app = create_app({"STORE": Store.from_files([path]), "TESTING": True, "QUERY_WORKERS": 1})
    return app.test_client()


def html(client, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def assert_escaped(page: str) -> None:
    assert "<script>alert" not in page and "<img src=x" not in page and "</p><script>" not in page
    assert "onerror=alert(2)>" not in page
    assert 'href="javascript:' not in page


@pytest.mark.parametrize("path", ["/id/cluster/evil", "/id/cluster/plain", "/class/Cluster", "/search?q=evil",
                                  "/search?q=" + quote(SCRIPT), "/graph/hostile", "/classes", "/"])
def test_markup_in_literals_is_escaped_on_every_page(hostile_client, path):
    page = html(hostile_client, path)
    assert_escaped(page)


def test_the_entity_page_shows_the_markup_as_text(hostile_client):
    page = html(hostile_client, "/id/cluster/evil")
    assert "Evil &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/p&gt;&lt;script&gt;alert(3)&lt;/script&gt;&lt;p&gt;" in page
    assert "javascript:alert(4)" in page  # shown, but not as a link


def test_search_results_and_class_pages_show_the_markup_as_text(hostile_client):
    assert "Evil &lt;script&gt;alert(1)&lt;/script&gt;" in html(hostile_client, "/search?q=evil")
    assert "Evil &lt;script&gt;alert(1)&lt;/script&gt;" in html(hostile_client, "/class/Cluster")
    # what was searched for is echoed escaped too
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html(hostile_client, "/search?q=" + quote(SCRIPT))


def test_json_twins_carry_the_text_unchanged(hostile_client):
    """Escaping is the page's business: JSON clients get the literal as it is in the data."""
    hits = hostile_client.get("/search?q=evil", headers={"Accept": "application/json"}).get_json()["results"]
    assert hits[0]["label"] == f"Evil {SCRIPT}"


def test_a_query_in_the_url_cannot_end_the_query_page_script(hostile_client):
    query = 'SELECT * { ?s ?p "</script><script>alert(5)</script>" }'
    page = html(hostile_client, "/query?query=" + quote(query))
    assert "<script>alert(5)" not in page
    opening = '<script id="saxgraph-config" type="application/json">'
    config = page.split(opening, 1)[1].split("</script>", 1)[0]
    assert json.loads(config)["query"] == query
