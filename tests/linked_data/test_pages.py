"""HTML pages: readable without JavaScript, each fact with its source, escaped, linked; classes; search."""

import re
from urllib.parse import unquote

import pytest

from saxgraph.namespaces import GRAPH_BASE, ID_BASE, SG


def html(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_entity_page_shows_label_types_description_properties_and_sources(client):
    page = html(client, "/id/cluster/cool-silicon")
    assert "<h1>Cool Silicon</h1>" in page
    assert 'href="/class/Cluster"' in page  # the type links to its class page
    assert "energy-efficient microelectronics" in page  # the description
    assert '<a href="/id/cluster/minalogic"' in page  # linked values are local links
    # an unlabelled linked resource is named by a stand-in (the street of an address), linked to its page
    assert re.search(r'<a href="/id/address/cool-silicon" [^>]*>Manfred-von-Ardenne-Ring 20F</a>', page)
    assert re.search(r'<a href="/id/quantity/cool-silicon-members" [^>]*>more than 100 members</a>', page)
    # the address's other values are on the address's page (the document's words quoted here may name them)
    assert "01099" not in re.sub(r"<q>.*?</q>", "", page, flags=re.S)
    sources = page.split('id="sources"', 1)[1].split("</section>", 1)[0]
    assert '<a href="/graph/clusters">' in sources and "Fixture clusters" in sources  # named once
    assert '<a class="cite" href="#source-1"' in page  # and cited by every statement
    assert "e.V." in page and "Cool Silicon e.V." in page  # literals


def test_entity_page_lists_incoming_links(client):
    page = html(client, "/id/cluster/cool-silicon")
    incoming = page.split('id="incoming"', 1)[1].split("</section>", 1)[0]
    assert 'href="/id/project/icool"' in incoming and 'href="/id/person/erika-muster"' in incoming


def test_entity_page_links_every_rdf_format_and_the_sparql_query(client):
    page = html(client, "/id/cluster/cool-silicon")
    for extension in ("ttl", "nt", "jsonld", "rdf", "trig", "nq"):
        assert f'href="/id/cluster/cool-silicon.{extension}"' in page
    links = re.findall(r'href="(/(?:sparql\?query=|query#query=)[^"]+)"', page)
    assert links, "a link to the SPARQL query"
    assert f"<{ID_BASE}cluster/cool-silicon>" in unquote(links[0].split("=", 1)[1])


def test_the_linked_sparql_query_returns_the_facts_on_the_page(client, mini_dataset):
    page = html(client, "/id/cluster/cool-silicon")
    query = unquote(re.search(r'href="/sparql\?query=([^"]+)"', page).group(1))
    rows = mini_dataset.select(query)
    assert {r["value"] for r in rows} >= {ID_BASE + "cluster/minalogic", "Cool Silicon"}
    assert {r["graph"] for r in rows} >= {GRAPH_BASE + "clusters"}


def test_pages_need_no_javascript_to_read(client):
    page = html(client, "/id/cluster/cool-silicon")
    without_scripts = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    assert "Minalogic" in without_scripts and "Fixture clusters" in without_scripts


@pytest.fixture
def markup_client(tmp_path):
    """A test-only store whose data holds markup in a literal (never in product data)."""
    from saxgraph.store.dataset import Store
    from saxgraph.web import create_app

    data = tmp_path / "markup.trig"
    data.write_text(f"""
      <{GRAPH_BASE}evil> {{
        <{ID_BASE}cluster/evil> a <{SG}Cluster> ;
            <http://www.w3.org/2000/01/rdf-schema#label> "<script>alert('label')</script>" ;
            <http://purl.org/dc/terms/description> "<img src=x onerror=alert(1)> & \\"quotes\\"" .
      }}""")
    return create_app({"STORE": Store.from_files([data]), "TESTING": True}).test_client()


def test_markup_in_literals_is_escaped(markup_client):
    page = html(markup_client, "/id/cluster/evil")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &#34;quotes&#34;" in page
    search = markup_client.get("/search?q=script", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<script>alert" not in search and "&lt;script&gt;" in search


def test_class_page_lists_instances_including_subclasses(client):
    page = html(client, "/class/Cluster")
    assert 'href="/id/cluster/cool-silicon"' in page and 'href="/id/cluster/minalogic"' in page
    organisations = html(client, "/class/Organisation")  # via the materialised super-classes
    assert 'href="/id/organisation/tu-dresden"' in organisations
    assert 'href="/id/cluster/minalogic"' in organisations


def test_class_page_as_json(client):
    data = client.get("/class/Cluster?format=json").get_json()
    assert data["count"] == 2
    assert data["total"] == 2 and data["next"] is None
    assert {i["label"] for i in data["rows"]} == {"Cool Silicon", "Minalogic"}


def test_class_counts_page_and_include(client, mini_dataset):
    page = html(client, "/classes")
    assert 'href="/class/Cluster"' in page
    counts = {c["name"]: c["count"] for c in client.get("/classes?format=json").get_json()["classes"]}
    expected = mini_dataset.select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{SG}Cluster> }}")
    assert counts["Cluster"] == int(expected[0]["n"]) == 2


def test_class_counts_include_renders_in_any_template(app):
    from flask import render_template_string

    with app.test_request_context("/"):
        rendered = render_template_string('{% include "_class_counts.html" %}')
    assert 'href="/class/Cluster"' in rendered and "<td>2</td>" in rendered


def test_ontology_page_documents_every_class_and_property(client, mini_dataset):
    page = html(client, "/ontology")
    terms = mini_dataset.select("""
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT ?t WHERE { GRAPH <https://w3id.org/saxgraph/graph/ontology> {
          VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty } ?t a ?kind } }""")
    assert len(terms) > 50
    for row in terms:
        name = row["t"].split("#", 1)[1]
        assert f'id="{name}"' in page, f"no section for sg:{name}"
    cluster = page.split('id="Cluster"', 1)[1].split("</section>", 1)[0]
    assert "cluster" in cluster and 'lang="de"' in cluster  # labels and comments in en and de
    collaboration = page.split('id="Collaboration"', 1)[1].split("</section>", 1)[0]
    assert "http://www.w3.org/ns/org#OrganizationalCollaboration" in collaboration  # the alignment
    partner = page.split('id="partnerCluster"', 1)[1].split("</section>", 1)[0]
    assert "domain" in partner or "aligned" in partner


def test_graph_page_lists_its_document_and_resources(client):
    page = html(client, "/graph/clusters")
    assert 'href="/id/document/clusters"' in page and 'href="/id/cluster/cool-silicon"' in page


# --- search ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "first"), [
    ("Cool Silicon", "Cool Silicon"),
    ("cool silicon", "Cool Silicon"),
    ("COOL", "Cool Silicon"),  # prefix beats the substring in "iCool"
    ("minalogic", "Minalogic"),
    ("bmbf", "Federal Ministry of Education and Research"),  # skos:altLabel
    ("universitat", "TU Dresden"),  # accent-insensitive, German label
    ("energie", "energy efficiency"),  # skos:prefLabel@de
])
def test_search_ranks_label_matches(client, query, first):
    data = client.get("/search", query_string={"q": query}, headers={"Accept": "application/json"}).get_json()
    assert data["results"], query
    assert data["results"][0]["label"] == first


def test_search_json_for_autocomplete(client):
    data = client.get("/search?q=icool&format=json").get_json()
    labels = [r["label"] for r in data["results"]]
    assert labels[0] == "iCool"  # exact before prefix
    assert set(labels) == {"iCool", "iCool concept phase", "iCool implementation phase"}
    assert data["results"][0]["href"] == "/id/project/icool"


def test_search_html_links_results(client):
    page = html(client, "/search?q=Cool+Silicon")
    assert 'href="/id/cluster/cool-silicon"' in page


@pytest.mark.parametrize("limit", ["0", "101", "ten", "-1"])
def test_search_bad_limit_is_400(client, limit):
    response = client.get(f"/search?q=cool&limit={limit}")
    assert response.status_code == 400 and b"limit" in response.data


def test_search_with_no_match_or_no_query(client):
    assert client.get("/search?q=zzzzzz&format=json").get_json()["results"] == []
    assert client.get("/search").status_code == 200


def test_neighbourhood_json(client):
    data = client.get("/id/cluster/cool-silicon/neighbourhood.json").get_json()
    ids = {n["data"]["id"] for n in data["nodes"]}
    assert ID_BASE + "cluster/minalogic" in ids and ID_BASE + "project/icool" in ids
    for edge in data["edges"]:
        assert edge["data"]["source"] in ids and edge["data"]["target"] in ids and edge["data"]["label"]
    assert client.get("/id/cluster/nowhere/neighbourhood.json").status_code == 404


def test_a_store_made_from_plain_triple_files_is_served_too(tmp_path):
    """Regression: default-graph facts (`saxgraph serve --data x.ttl`) were dropped or crashed views."""
    from pathlib import Path

    from saxgraph.store.dataset import Store
    from saxgraph.web import create_app

    root = Path(__file__).resolve().parents[2]
    mini = root / "tests" / "fixtures" / "mini"
    store = Store.from_files([mini / "data" / "clusters.ttl", mini / "data" / "reference" / "places.ttl",
                              mini / "ontology" / "saxgraph.ttl"])
    client = create_app({"STORE": store, "TESTING": True}).test_client()
    page = html(client, "/id/cluster/cool-silicon")
    assert '<a href="/id/cluster/minalogic"' in page
    turtle = client.get("/id/cluster/cool-silicon.ttl").data.decode()
    assert "minalogic" in turtle
    assert client.get("/id/cluster/cool-silicon/neighbourhood.json").status_code == 200
    assert 'id="Cluster"' in html(client, "/ontology")
    assert 'href="/id/cluster/minalogic"' in html(client, "/class/Cluster")
    graphml = client.get("/download/saxgraph.graphml").data
    assert graphml.count(b"<node ") == len({r["s"] for r in store.select(
        'SELECT DISTINCT ?s WHERE { ?s a ?c FILTER(STRSTARTS(STR(?s), "https://w3id.org/saxgraph/id/")) }')})
