"""Every kind of response the service gives validates against the Reconciliation API 0.2's own JSON Schemas
(../shared/reconciliation-api-0.2/schemas/): the manifest, result batches, the three suggest responses,
property proposals and data extension responses. The schemas are first shown to tell the specification's
valid examples from its invalid ones, so a pass means something."""

import json

import pytest

from tests.helpers.reconcile import assert_valid, errors, examples, extend, reconcile, results

EXAMPLE_SCHEMAS = [  # the specification's example folders and the schema each is about
    ("manifest", "manifest"),
    ("reconciliation-query-batch", "reconciliation-query-batch"),
    ("reconciliation-result-batch", "reconciliation-result-batch"),
    ("suggest-entities-response", "suggest-entities-response"),
    ("suggest-types-response", "suggest-types-response"),
    ("suggest-properties-response", "suggest-properties-response"),
    ("data-extension-property-proposal", "data-extension-property-proposal"),
    ("data-extension-query", "data-extension-query"),
    ("data-extension-response", "data-extension-response"),
]

BATCH = {
    "name": {"query": "Silicon Saxony e.V."},
    "typed": {"query": "Leichtbau BW", "type": "Cluster", "limit": 3},
    "types": {"query": "Smart Systems Hub", "type": ["Hub", "Organisation"], "type_strict": "any"},
    "should": {"query": "Free State of Saxony", "type": "Place", "type_strict": "should"},
    "all": {"query": "ARENA 2036", "type": ["Cluster", "Association"], "type_strict": "all"},
    "properties": {"query": "Fraunhofer", "properties": [
        {"pid": "city", "v": "Chemnitz"}, {"pid": "country", "v": ["DE", {"id": "place/germany"}]}]},
    "no query": {"properties": [{"pid": "city", "v": "Dresden"}], "type": "University", "limit": 20},
    "nonsense": {"query": "Quomekbra Zeltorvin"},
    "blank": {"query": "   "},
    "id": {"query": "cluster/cool-silicon"},
    "typo": {"query": "Silicon Saxonny", "limit": 1},
}


@pytest.mark.parametrize("kind,schema_name", EXAMPLE_SCHEMAS)
def test_the_schemas_tell_the_specifications_valid_examples_from_its_invalid_ones(spec, kind, schema_name):
    valid, invalid = examples(kind, "valid"), examples(kind, "invalid")
    assert valid, f"no valid examples of {kind}"
    for name, document in valid:
        assert errors(schema_name, document) == [], name
    for name, document in invalid:
        assert errors(schema_name, document), f"{name} passed the {schema_name} schema"


def test_the_manifest_validates(spec, real_client):
    response = real_client.get("/reconcile")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert_valid("manifest", response.get_json())


def test_the_public_manifest_validates(spec, public_client):
    assert_valid("manifest", public_client.get("/reconcile").get_json())


def test_the_jsonp_manifest_validates(spec, real_client):
    body = real_client.get("/reconcile?callback=refine.cb").get_data(as_text=True)
    assert body.startswith("/**/refine.cb(") and body.endswith(");")
    assert_valid("manifest", json.loads(body[len("/**/refine.cb("):-2]))


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_a_result_batch_of_every_kind_of_query_validates(spec, real_client, method):
    response = reconcile(real_client, BATCH, method)
    found = results(response)
    assert set(found) == set(BATCH)
    assert_valid("reconciliation-result-batch", response.get_json())
    assert found["name"] and found["typo"] and found["no query"]  # the batch is not trivially empty


def test_a_batch_of_every_label_validates(spec, real_client, dataset):
    """The largest batch the real data gives: each label of each entity once."""
    from saxgraph.describe.reconcile_index import index_for

    labels = sorted({e.text for e in index_for(dataset).entries})
    batch = {f"q{i}": {"query": text} for i, text in enumerate(labels[:1000])}
    response = reconcile(real_client, batch)
    assert response.status_code == 200
    assert_valid("reconciliation-result-batch", response.get_json())


@pytest.mark.parametrize("prefix", ["silic", "Fraunhofer", "goerl", "TU", "cluster/", "zzzz"])
def test_entity_suggestions_validate(spec, real_client, prefix):
    response = real_client.get("/reconcile/suggest/entity", query_string={"prefix": prefix})
    assert response.status_code == 200
    assert_valid("suggest-entities-response", response.get_json())


@pytest.mark.parametrize("prefix", ["c", "Verein", "organisation", "place", "x"])
def test_type_suggestions_validate(spec, real_client, prefix):
    response = real_client.get("/reconcile/suggest/type", query_string={"prefix": prefix})
    assert response.status_code == 200
    assert_valid("suggest-types-response", response.get_json())


@pytest.mark.parametrize("prefix", ["c", "target", "managed", "alt", "x"])
def test_property_suggestions_validate(spec, real_client, prefix):
    response = real_client.get("/reconcile/suggest/property", query_string={"prefix": prefix})
    assert response.status_code == 200
    assert_valid("suggest-properties-response", response.get_json())


def test_property_proposals_for_every_type_validate(spec, real_client):
    types = [t["id"] for t in real_client.get("/reconcile/suggest/type?prefix=").get_json()["result"]]
    types += [t["id"] for t in real_client.get("/reconcile").get_json()["defaultTypes"]]
    assert "Cluster" in types
    for type_id in sorted(set(types)) + [None]:
        query = {"type": type_id, "limit": 50} if type_id else {}
        response = real_client.get("/reconcile/properties", query_string=query)
        assert response.status_code == 200, type_id
        assert_valid("data-extension-property-proposal", response.get_json())


def test_an_extension_of_every_proposed_property_validates(spec, real_client, dataset):
    """Every property proposed for clusters and places, on every cluster and some places: entity values,
    strings, numbers, dates (xsd:date becomes an ISO date-time, as the schema wants)."""
    ids = [c["id"] for c in results(reconcile(real_client, {
        "q": {"properties": [{"pid": "country", "v": "Germany"}], "type": "Cluster", "limit": 50}}))["q"]]
    ids += ["place/dresden", "place/germany", "event/alliance-declaration-signing", "quantity/nowhere"]
    for type_id in ("Cluster", "Place", "Event"):
        proposed = real_client.get("/reconcile/properties", query_string={"type": type_id}).get_json()
        properties = [{"id": p["id"]} for p in proposed["properties"]][:20]
        response = extend(real_client, {"ids": ids, "properties": properties})
        assert response.status_code == 200, response.get_data(as_text=True)
        assert_valid("data-extension-response", response.get_json())
    dates = extend(real_client, {"ids": ["event/alliance-declaration-signing"],
                                 "properties": [{"id": "date"}]})
    assert dates.get_json()["rows"]["event/alliance-declaration-signing"]["date"] == [
        {"date": "2023-03-06T00:00:00Z"}]
