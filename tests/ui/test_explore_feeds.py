"""The explorer's JSON feeds (/explore/neighbours.json, /explore/facts.json, /explore/whole.json) and its
page: their shapes, limits, errors as JSON, and public mode, in which no person ever appears."""

import pytest

from saxgraph.namespaces import ID_BASE

COOL = ID_BASE + "cluster/cool-silicon"
ERIKA = ID_BASE + "person/erika-muster"
SG = "https://w3id.org/saxgraph/ontology#"
NODE_KEYS = {"id", "short", "label", "classes", "class", "class_label", "group", "url"}
EDGE_KEYS = {"id", "source", "target", "property", "property_label", "graphs"}


@pytest.fixture(scope="module")
def public_client(mini_dataset):
    from saxgraph.web import create_app

    return create_app({"STORE": mini_dataset, "PUBLIC": True, "TESTING": True}).test_client()


@pytest.mark.parametrize("given", [COOL, "/id/cluster/cool-silicon", "cluster/cool-silicon",
                                   "cluster:cool-silicon"])
def test_neighbours_of_an_entity_however_it_is_named(client, given):
    response = client.get("/explore/neighbours.json", query_string={"iri": given})
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.json
    assert data["iri"] == COOL
    ids = [n["id"] for n in data["nodes"]]
    assert ids[0] == COOL and len(ids) == len(set(ids))
    assert {ID_BASE + "cluster/minalogic", ID_BASE + "project/icool", ID_BASE + "place/dresden"} <= set(ids)
    assert all(set(n) == NODE_KEYS for n in data["nodes"])
    assert all(set(e) == EDGE_KEYS for e in data["edges"])
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert not any("/evidence/" in i for i in ids)  # the reifiers of statements are provenance, not entities


def test_nodes_say_their_class_group_label_and_local_link(client):
    data = client.get("/explore/neighbours.json?iri=cluster/cool-silicon").json
    nodes = {n["id"]: n for n in data["nodes"]}
    cool = nodes[COOL]
    assert cool["label"] == "Cool Silicon" and cool["url"] == "/id/cluster/cool-silicon"
    assert cool["short"] == "cluster/cool-silicon"
    assert cool["group"] == "cluster" and cool["class"] == SG + "Cluster"  # not "Association", also asserted
    assert set(cool["classes"]) == {SG + "Cluster", SG + "Association"} and cool["class_label"]
    assert nodes[ID_BASE + "organisation/tu-dresden"]["group"] == "organisation"
    assert nodes[ID_BASE + "place/dresden"]["group"] == "place"
    assert nodes[ID_BASE + "project/icool"]["group"] == "project"
    assert nodes[ERIKA]["group"] == "person"


def test_edges_name_their_property_and_the_documents_stating_them(client):
    data = client.get("/explore/neighbours.json?iri=cluster/cool-silicon").json
    partner = [e for e in data["edges"] if e["property"] == SG + "partnerCluster"]
    assert len(partner) == 1 and partner[0]["source"] == COOL and partner[0]["target"].endswith("/minalogic")
    assert partner[0]["property_label"] == "partner cluster"
    assert partner[0]["graphs"] and all(g in data["documents"] for g in partner[0]["graphs"])
    document = data["documents"][partner[0]["graphs"][0]]
    assert document["title"] == "Fixture clusters" and document["url"].startswith("/graph/")
    assert not any(e["property"].endswith("#type") for e in data["edges"])


def test_the_limit_bounds_the_neighbours_and_says_how_many_there_are(client):
    full = client.get("/explore/neighbours.json?iri=cluster/cool-silicon").json
    few = client.get("/explore/neighbours.json?iri=cluster/cool-silicon&limit=2").json
    assert not full["truncated"] and full["total"] == len(full["nodes"]) - 1
    assert few["truncated"] and few["total"] == full["total"] and few["limit"] == 2
    assert len(few["nodes"]) == 3
    assert [n["id"] for n in few["nodes"]] == [n["id"] for n in full["nodes"]][:3]  # a stable order


@pytest.mark.parametrize("query", ["iri=cluster/cool-silicon&limit=0", "iri=cluster/cool-silicon&limit=151",
                                   "iri=cluster/cool-silicon&limit=many", "", "iri=", "iri=not an iri",
                                   "iri=http://example.org/x", "iri=evidence/clusters-icool"])
def test_bad_parameters_are_400_in_json(client, query):
    response = client.get("/explore/neighbours.json?" + query)
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert response.json["status"] == 400 and response.json["error"]


@pytest.mark.parametrize("feed", ["neighbours", "facts"])
def test_an_unknown_entity_is_404_in_json(client, feed):
    response = client.get(f"/explore/{feed}.json?iri=cluster/no-such-cluster")
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert "no-such-cluster" in response.json["error"]


def test_facts_for_the_sidebar(client):
    data = client.get("/explore/facts.json?iri=cluster/cool-silicon").json
    assert data["id"] == COOL and data["label"] == "Cool Silicon"
    assert data["url"] == "/id/cluster/cool-silicon"
    assert {t["iri"] for t in data["types"]} == {SG + "Cluster", SG + "Association"}
    by_label = {p["label"]: p for p in data["properties"]}
    assert "legal form" in by_label and by_label["legal form"]["values"] == [{"value": "e.V.", "lang": ""}]
    partner = by_label["partner cluster"]["values"][0]
    assert partner["label"] == "Minalogic" and partner["url"] == "/id/cluster/minalogic"
    assert [d["title"] for d in data["documents"].values()] == ["Fixture clusters"]


def test_the_whole_graph(client):
    data = client.get("/explore/whole.json").json
    ids = {n["id"] for n in data["nodes"]}
    assert COOL in ids and ERIKA in ids and data["total"] == len(ids) and not data["truncated"]
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert not any("/evidence/" in i for i in ids)
    few = client.get("/explore/whole.json?limit=3").json
    assert len(few["nodes"]) == 3 and few["truncated"]
    assert client.get("/explore/whole.json?limit=0").status_code == 400


def test_public_mode_never_shows_a_person(client, public_client):
    # the full data has her
    assert ERIKA in {n["id"] for n in client.get("/explore/whole.json").json["nodes"]}
    for url in ["/explore/neighbours.json?iri=cluster/cool-silicon", "/explore/whole.json",
                "/explore/facts.json?iri=cluster/cool-silicon"]:
        response = public_client.get(url)
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        assert "erika-muster" not in text and "Erika" not in text and "Muster" not in text
        nodes = response.json.get("nodes") or []
        assert not [n for n in nodes if n["group"] == "person" or SG + "Person" in n["classes"]]
    assert public_client.get("/explore/neighbours.json?iri=person/erika-muster").status_code == 404
    assert public_client.get("/explore/facts.json?iri=person/erika-muster").status_code == 404


def test_the_page_links_its_feeds_and_passes_its_words_to_the_script(client):
    page = client.get("/explore?focus=cluster/cool-silicon")
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.text
    assert 'data-neighbours="/explore/neighbours.json"' in text and 'href="/explore/whole.json"' in text
    assert "/explore/neighbours.json?iri=cluster/cool-silicon" in text
    assert "explore.js" in text and "<script>" not in text and "style=" not in text
    german = client.get("/explore?lang=de").text
    assert "Den Graphen erkunden" in german and 'data-t-expand="Aufklappen"' in german


def test_home_and_entity_pages_link_the_explorer(client):
    assert 'href="/explore"' in client.get("/").text
    entity = client.get("/id/cluster/cool-silicon").text
    assert 'href="/explore?focus=cluster/cool-silicon"' in entity and "Explore from here" in entity


def test_the_feeds_are_data_for_other_sites(client):
    response = client.get("/explore/neighbours.json?iri=cluster/cool-silicon", headers={"Origin": "https://x.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
