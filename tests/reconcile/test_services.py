"""The suggest services (OpenRefine's autocomplete) and data extension (pulling a cluster's city, target
countries or managing organisation into columns), checked against what the real data states."""

import pytest

from saxgraph.describe.names import name
from saxgraph.namespaces import ID_BASE, SPARQL_PREFIXES
from tests.helpers.reconcile import extend


def suggest(client, kind: str, **params) -> list[dict]:
    response = client.get(f"/reconcile/suggest/{kind}", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["result"]


def ids(rows) -> set[str]:
    """The entities (API ids) a one-variable SELECT found."""
    return {value[len(ID_BASE):] for row in rows for value in row.values()}


# --- suggest entities ---------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["Silic", "silicon sax", "Fraunh", "TU", "leichtbau", "Goerl"])
def test_every_suggestion_has_a_label_that_begins_with_the_prefix(real_client, dataset, prefix):
    labels: dict[str, list[str]] = {}
    for row in dataset.select(SPARQL_PREFIXES + "SELECT ?s ?l { VALUES ?p { rdfs:label skos:prefLabel "
                                                "skos:altLabel } ?s ?p ?l }"):
        labels.setdefault(row["s"][len(ID_BASE):], []).append(row["l"])
    found = suggest(real_client, "entity", prefix=prefix)
    assert found
    typed = name(prefix).full

    def begins(label: str) -> bool:
        words = name(label).full
        return "".join(words).startswith("".join(typed)) or all(any(w.startswith(t) for w in words)
                                                                for t in typed)

    for item in found:
        assert any(begins(label) for label in labels[item["id"]]), (item, labels[item["id"]])


def test_an_entity_whose_name_is_the_prefix_comes_first(real_client):
    assert suggest(real_client, "entity", prefix="Silicon Saxony")[0]["id"] == "cluster/silicon-saxony"
    assert suggest(real_client, "entity", prefix="ENAS")[0]["id"] == "organisation/fraunhofer-enas"


def test_suggestions_fold_umlauts_as_typed(real_client):
    for prefix in ("Goerl", "Görl", "Gorl"):
        assert "place/goerlitz" in {s["id"] for s in suggest(real_client, "entity", prefix=prefix)}, prefix


def test_an_identifier_as_prefix_suggests_its_entity(real_client):
    assert suggest(real_client, "entity", prefix="cluster/cool-silicon")[0]["id"] == "cluster/cool-silicon"


def test_suggestions_page_with_the_cursor(real_client, real_app):
    page = real_app.config["RECONCILE_SUGGEST_LIMIT"]
    first = suggest(real_client, "entity", prefix="c")
    second = suggest(real_client, "entity", prefix="c", cursor=page)
    assert len(first) == page and second
    assert not {s["id"] for s in first} & {s["id"] for s in second}
    assert suggest(real_client, "entity", prefix="c", cursor=1)[0] == first[1]


def test_a_type_narrows_the_suggestions(real_client, dataset):
    clusters = ids(dataset.select(SPARQL_PREFIXES + "SELECT ?s { ?s a sg:Cluster }"))
    found = suggest(real_client, "entity", prefix="c", type="Cluster")
    assert found and all(s["id"] in clusters for s in found)


def test_a_suggestion_shows_the_notable_types_and_a_short_description(real_client):
    item = suggest(real_client, "entity", prefix="Silicon Saxony")[0]
    assert {t["id"] for t in item["notable"]} == {"Cluster", "Association"}
    assert item["description"].startswith("Self-financed association") and len(item["description"]) <= 210


# --- suggest types and properties -------------------------------------------------------------------

@pytest.mark.parametrize("prefix,expected", [
    ("clu", "Cluster"), ("Verein", "Association"), ("digital", "Hub"),
    ("Hochschule", "UniversityOfAppliedSciences"), ("federal", "FederalState"),
    ("Organisation", "Organisation")])
def test_types_are_suggested_by_their_english_and_german_names(real_client, prefix, expected):
    found = suggest(real_client, "type", prefix=prefix)
    assert expected in [t["id"] for t in found]


def test_an_empty_prefix_lists_every_type_and_property_page_by_page(real_client, real_app):
    page = real_app.config["RECONCILE_SUGGEST_LIMIT"]
    types = [t for n in range(0, 100, page) for t in suggest(real_client, "type", prefix="", cursor=n)]
    assert {"Cluster", "Organisation", "Place", "Person", "Accelerator"} <= {t["id"] for t in types}
    assert len(types) == len({t["id"] for t in types})
    assert suggest(real_client, "entity", prefix="") == []  # too many to list


def test_a_suggested_type_names_its_broader_types(real_client):
    cluster = next(t for t in suggest(real_client, "type", prefix="cluster") if t["id"] == "Cluster")
    assert cluster["broader"] == [{"id": "Collaboration", "name": "collaboration"}]


@pytest.mark.parametrize("prefix,expected", [("city", "city"), ("target", "targetCountries"),
                                              ("managed", "managedBy"), ("alternative", "skos:altLabel"),
                                              ("country", "country")])
def test_properties_are_suggested(real_client, prefix, expected):
    assert expected in [p["id"] for p in suggest(real_client, "property", prefix=prefix)]


# --- property proposals --------------------------------------------------------------------------

def test_the_properties_proposed_for_clusters_are_those_clusters_have(real_client):
    proposed = real_client.get("/reconcile/properties?type=Cluster").get_json()
    assert proposed["type"] == "Cluster"
    pids = [p["id"] for p in proposed["properties"]]
    assert {"city", "country", "targetCountries", "managedBy", "topic", "partnerCluster"} <= set(pids)
    assert "iso3166Alpha2" not in pids and "targetCountry" not in pids  # what countries and phases have
    places = [p["id"] for p in real_client.get("/reconcile/properties?type=Country").get_json()["properties"]]
    assert "iso3166Alpha2" in places and "managedBy" not in places


def test_a_proposal_limit_is_honoured(real_client):
    proposed = real_client.get("/reconcile/properties?type=Cluster&limit=3").get_json()
    assert proposed["limit"] == 3 and len(proposed["properties"]) == 3


# --- data extension --------------------------------------------------------------------------------

TARGETS = SPARQL_PREFIXES + "SELECT DISTINCT ?c { ?p sg:carriedOutBy <%s> ; sg:hasPhase/sg:targetCountry ?c }"


def test_extension_pulls_city_country_target_countries_and_manager(real_client, dataset):
    clusters = ["cluster/bioeconomy-cluster", "cluster/arena-2036", "cluster/silicon-saxony"]
    response = extend(real_client, {"ids": clusters, "properties": [
        {"id": "city"}, {"id": "country"}, {"id": "targetCountries"}, {"id": "managedBy"}]})
    assert response.status_code == 200
    body = response.get_json()
    assert [m["id"] for m in body["meta"]] == ["city", "country", "targetCountries", "managedBy"]
    assert body["meta"][0]["type"] == {"id": "City", "name": "city"}
    rows = body["rows"]
    assert set(rows) == set(clusters)
    bioeconomy = rows["cluster/bioeconomy-cluster"]
    assert bioeconomy["city"] == [{"id": "place/halle-saale", "name": "Halle (Saale)"}]
    assert bioeconomy["country"] == [{"id": "place/germany", "name": "Germany"}]
    assert bioeconomy["managedBy"] == [{"id": "organisation/bioeconomy-clustermanagement",
                                        "name": "BioEconomy Clustermanagement"}]
    for cluster in clusters:
        expected = ids(dataset.select(TARGETS % (ID_BASE + cluster)))
        assert {v["id"] for v in rows[cluster]["targetCountries"]} == expected, cluster
    assert {v["name"] for v in bioeconomy["targetCountries"]} >= {"China", "France", "Finland", "Netherlands"}
    assert rows["cluster/silicon-saxony"]["city"] == []  # the documents place it in Saxony, not in a city


def test_extension_writes_literals_as_the_api_types_them(real_client):
    rows = extend(real_client, {"ids": ["cluster/silicon-saxony", "event/alliance-declaration-signing"],
                                "properties": [{"id": "foundingDate"}, {"id": "legalForm"}, {"id": "date"},
                                               {"id": "memberCount"}]}).get_json()["rows"]
    saxony = rows["cluster/silicon-saxony"]
    assert saxony["foundingDate"] == [{"str": "2000"}]  # a year (xsd:gYear): no date-time to give
    assert saxony["legalForm"] == [{"str": "e. V."}]
    assert saxony["memberCount"] == [{"id": "quantity/silicon-saxony-members",
                                      "name": "more than 350 members"}]
    assert rows["event/alliance-declaration-signing"]["date"] == [{"date": "2023-03-06T00:00:00Z"}]


def test_extension_numbers(real_client, dataset):
    row = dataset.select(SPARQL_PREFIXES + "SELECT ?q ?n { ?q sg:numericValue ?n "
                                           "FILTER(DATATYPE(?n) = xsd:integer) } ORDER BY ?q LIMIT 1")[0]
    quantity = row["q"][len(ID_BASE):]
    rows = extend(real_client, {"ids": [quantity], "properties": [{"id": "numericValue"}]}).get_json()["rows"]
    assert rows[quantity]["numericValue"] == [{"int": int(row["n"])}]


def test_the_limit_setting_caps_the_values(real_client, dataset):
    query = {"ids": ["cluster/bioeconomy-cluster"], "properties": [{"id": "targetCountries",
                                                                     "settings": {"limit": "2"}}]}
    stated = dataset.select(SPARQL_PREFIXES + """SELECT DISTINCT ?c WHERE {
        ?project sg:carriedOutBy cluster:bioeconomy-cluster ; sg:hasPhase ?phase .
        ?phase sg:targetCountry|sg:targetRegion ?c }""")

    def values():
        return extend(real_client, query).get_json()["rows"]["cluster/bioeconomy-cluster"]["targetCountries"]

    assert len(stated) > 2 and len(values()) == 2
    query["properties"][0]["settings"]["limit"] = 0
    assert len(values()) == len(stated)


def test_an_unknown_id_has_empty_values_and_ids_come_back_as_sent(real_client):
    sent = ["cluster/nowhere", "https://w3id.org/saxgraph/id/cluster/arena-2036"]
    rows = extend(real_client, {"ids": sent, "properties": [{"id": "city"}]}).get_json()["rows"]
    assert rows == {"cluster/nowhere": {"city": []},
                    sent[1]: {"city": [{"id": "place/stuttgart", "name": "Stuttgart"}]}}


def test_extension_by_get_answers_as_by_post(real_client):
    query = {"ids": ["cluster/arena-2036"], "properties": [{"id": "city"}, {"id": "skos:altLabel"}]}
    assert extend(real_client, query, "GET").get_json() == extend(real_client, query).get_json()
