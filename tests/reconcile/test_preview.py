"""The preview card OpenRefine shows in a frame: the entity's label, types, location and source documents, in
a page that runs no script, styles only from this server's stylesheet, and may be framed by any page."""

import html
import re

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES
from saxgraph.web.security import CONTENT_SECURITY_POLICY

DOCUMENTS = SPARQL_PREFIXES + """SELECT DISTINCT ?title { GRAPH ?g { <%s> ?p ?o }
    ?g prov:wasDerivedFrom ?doc . ?doc dcterms:title ?title }"""


def card(client, entity_id: str):
    return client.get("/reconcile/preview", query_string={"id": entity_id})


def text_of(response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


@pytest.mark.parametrize("entity_id,name,types,city,country", [
    ("cluster/arena-2036", "ARENA 2036", ["association", "cluster"], "Stuttgart", "Germany"),
    ("organisation/fraunhofer-enas", "Fraunhofer Institute for Electronic Nano Systems ENAS",
     ["research institute"], "Chemnitz", "Germany"),
    ("cluster/bioeconomy-cluster", "BioEconomy Cluster", ["cluster"], "Halle (Saale)", "Germany"),
])
def test_the_card_shows_label_types_location_and_documents(real_client, dataset, entity_id, name, types, city,
                                                           country):
    response = card(real_client, entity_id)
    assert response.status_code == 200 and response.mimetype == "text/html"
    shown = " ".join(text_of(response).split())
    assert name in shown
    for t in types:
        assert t in shown
    assert f"City {city}" in shown and f"Country {country}" in shown
    iri = "https://w3id.org/saxgraph/id/" + entity_id
    titles = {row["title"] for row in dataset.select(DOCUMENTS % iri)}
    assert titles
    for title in titles:
        assert title in shown
    assert f'href="/id/{entity_id}"' in response.get_data(as_text=True)


def test_a_place_shows_where_it_lies(real_client):
    shown = " ".join(text_of(card(real_client, "place/dresden")).split())
    assert "Located in" in shown and "Saxony" in shown and "Germany" in shown


def test_the_card_takes_an_iri_or_an_encoded_id_too(real_client):
    for entity_id in ("https://w3id.org/saxgraph/id/cluster/arena-2036", "cluster%2Farena-2036"):
        response = real_client.get("/reconcile/preview?id=" + entity_id)
        assert response.status_code == 200 and "ARENA 2036" in response.get_data(as_text=True)


def test_names_are_escaped(real_client):
    body = card(real_client, "cluster/industries-agro-ressources").get_data(as_text=True)
    assert "Industries &amp; Agro-Ressources" in body and "Industries & Agro" not in body


def test_an_unknown_id_is_a_not_found_card(real_client):
    response = card(real_client, "cluster/nowhere")
    assert response.status_code == 404 and "cluster/nowhere" in text_of(response)


def test_the_card_runs_no_script_and_has_no_inline_style(real_client):
    body = card(real_client, "cluster/arena-2036").get_data(as_text=True)
    assert "<script" not in body and "<style" not in body and " style=" not in body
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', body) == ["/static/reconcile.css"]
    assert real_client.get("/static/reconcile.css").status_code == 200


def test_the_card_may_be_framed_by_any_page_and_keeps_the_rest_of_the_policy(real_client):
    response = card(real_client, "cluster/arena-2036")
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert policy.replace("frame-ancestors *", "frame-ancestors 'none'") == CONTENT_SECURITY_POLICY
    assert "X-Frame-Options" not in response.headers
    other = real_client.get("/id/cluster/arena-2036", headers={"Accept": "text/html"})
    assert other.headers["X-Frame-Options"] == "DENY"  # the other pages still may not be framed
    assert "frame-ancestors 'none'" in other.headers["Content-Security-Policy"]


def test_who_may_frame_the_card_is_a_setting(dataset):
    from saxgraph.web import create_app

    ancestors = "http://127.0.0.1:3333 http://localhost:3333"  # OpenRefine's own page, only
    client = create_app({"STORE": dataset, "TESTING": True, "RECONCILE_PREVIEW_FRAME_ANCESTORS": ancestors}) \
        .test_client()
    policy = card(client, "cluster/arena-2036").headers["Content-Security-Policy"]
    assert "frame-ancestors http://127.0.0.1:3333 http://localhost:3333" in policy
    closed = create_app({"STORE": dataset, "TESTING": True, "RECONCILE_PREVIEW_FRAME_ANCESTORS": "'none'"}) \
        .test_client()
    response = card(closed, "cluster/arena-2036")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
