"""The service as a client meets it: the manifest and what its URLs lead to, GET and form POST, JSONP, CORS,
and bad input: every invalid example of the specification, JSON that is not a query batch, a batch over the
documented size, unknown types and properties, each a 400 whose message names the problem, never a 500."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saxgraph.namespaces import ID_BASE, SG
from tests.helpers.reconcile import examples, extend, reconcile, results


def refused(response, *words):
    """A 400 in plain text whose message holds each of `words`."""
    text = response.get_data(as_text=True)
    assert response.status_code == 400, (response.status_code, text[:300])
    assert response.mimetype == "text/plain"
    for word in words:
        assert word in text, (word, text)
    return text


# --- the manifest --------------------------------------------------------------------------------------

def test_the_manifest_names_the_service_and_its_spaces(real_client):
    manifest = real_client.get("/reconcile").get_json()
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == ID_BASE and manifest["schemaSpace"] == str(SG)
    assert "saxgraph" in manifest["name"]
    assert [t["id"] for t in manifest["defaultTypes"]] == ["Cluster", "Organisation", "InnovationNetwork",
                                                           "Hub", "Place", "Person"]
    assert manifest["batchSize"] == 1000


def test_the_manifest_urls_lead_to_the_services(real_client):
    manifest = real_client.get("/reconcile").get_json()
    base = "http://localhost"
    view = manifest["view"]["url"].replace("{{id}}", "cluster/silicon-saxony")
    assert view == f"{base}/id/cluster/silicon-saxony"
    page = real_client.get(view[len(base):], headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Silicon Saxony" in page.get_data(as_text=True)
    preview = manifest["preview"]["url"].replace("{{id}}", "cluster%2Fsilicon-saxony")
    card = real_client.get(preview[len(base):])
    assert card.status_code == 200 and "Silicon Saxony" in card.get_data(as_text=True)
    for kind in ("entity", "type", "property"):
        service = manifest["suggest"][kind]
        response = real_client.get(service["service_url"][len(base):] + service["service_path"] + "?prefix=s")
        assert response.status_code == 200 and response.get_json()["result"], kind
    proposals = manifest["extend"]["propose_properties"]
    response = real_client.get(proposals["service_path"] + "?type=Cluster")
    assert {"city", "country", "targetCountries", "managedBy"} <= {p["id"] for p in
                                                                   response.get_json()["properties"]}


def test_the_manifest_uses_the_public_url_behind_a_proxy(dataset):
    from saxgraph.web import create_app

    client = create_app({"STORE": dataset, "TESTING": True, "PUBLIC_URL": "https://graph.example.org/"}) \
        .test_client()
    manifest = client.get("/reconcile").get_json()
    assert manifest["view"]["url"] == "https://graph.example.org/id/{{id}}"
    assert manifest["preview"]["url"] == "https://graph.example.org/reconcile/preview?id={{id}}"


def test_jsonp_wraps_the_manifest_for_a_script_element(real_client):
    plain = real_client.get("/reconcile").get_json()
    response = real_client.get("/reconcile?callback=jQuery3410_17")
    assert response.mimetype == "application/javascript"
    body = response.get_data(as_text=True)
    assert body.startswith("/**/jQuery3410_17(") and json.loads(body[len("/**/jQuery3410_17("):-2]) == plain


@pytest.mark.parametrize("callback", ["alert(1)//", "a b", "<script>", "x;y", "1abc", "a" * 400, ""])
def test_a_callback_that_is_not_a_function_name_is_refused(real_client, callback):
    refused(real_client.get("/reconcile", query_string={"callback": callback}), "callback")


# --- CORS: every endpoint, errors too --------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/reconcile", "/reconcile?queries=%7B%7D", "/reconcile?queries=nope",
    "/reconcile/suggest/entity?prefix=s", "/reconcile/suggest/type?prefix=c",
    "/reconcile/suggest/property?prefix=c",
    "/reconcile/properties?type=Cluster", "/reconcile/preview?id=cluster/silicon-saxony"])
def test_every_endpoint_allows_any_origin(real_client, path):
    response = real_client.get(path, headers={"Origin": "http://127.0.0.1:3333"})
    assert response.status_code in (200, 400)
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_is_answered(real_client):
    response = real_client.options("/reconcile", headers={
        "Origin": "https://tools.example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "content-type" in response.headers["Access-Control-Allow-Headers"]


# --- GET and POST -------------------------------------------------------------------------------------

def test_get_and_form_post_answer_alike(real_client):
    batch = {"a": {"query": "Silicon Saxony"}, "b": {"query": "Leichtbau BW", "type": "Cluster"}}
    assert reconcile(real_client, batch, "GET").get_json() == reconcile(real_client, batch, "POST").get_json()


def test_a_form_post_with_the_queries_in_the_url_answers_too(real_client):
    response = real_client.post("/reconcile?queries=" + json.dumps({"q": {"query": "TU Dresden"}}))
    assert results(response)["q"][0]["id"] == "organisation/tu-dresden"


def test_a_multipart_form_is_read_too(real_client):
    response = real_client.post("/reconcile", data={"queries": json.dumps({"q": {"query": "TU Dresden"}})},
                                content_type="multipart/form-data")
    assert results(response)["q"][0]["id"] == "organisation/tu-dresden"


def test_an_empty_batch_has_an_empty_answer(real_client):
    assert reconcile(real_client, {}).get_json() == {}


def test_a_blank_query_string_has_no_candidates(real_client):
    assert results(reconcile(real_client, {"q": {"query": "  "}})) == {"q": []}


# --- bad input ----------------------------------------------------------------------------------------

INVALID_BATCH_MESSAGES = {  # the specification's invalid query batches and what the 400 says about each
    "empty-properties.json": ["'q1'", "neither"],
    "empty-query.json": ["'q1'", "neither"],
    "misnamed-property.json": ["'q0'", "'props'"],
}


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_every_invalid_example_of_the_specification_is_refused(spec, real_client, method):
    invalid = examples("reconciliation-query-batch", "invalid")
    assert {name for name, _ in invalid} == set(INVALID_BATCH_MESSAGES)
    for name, batch in invalid:
        refused(reconcile(real_client, batch, method), *INVALID_BATCH_MESSAGES[name])


def ours(batch: dict) -> dict:
    """A valid example of the specification with its (GND) types and properties replaced by this graph's."""
    out = {}
    for key, query in batch.items():
        query = dict(query)
        if "type" in query:
            query["type"] = "Organisation"
        if "properties" in query:
            query["properties"] = [{"pid": "city", "v": p["v"]} for p in query["properties"]]
        out[key] = query
    return out


def test_every_valid_example_of_the_specification_passes_the_checks(spec, real_client):
    """Each valid example is refused only for naming types and properties this graph does not have (its are
    GND's); with this graph's type and property in their place it is answered."""
    for name, batch in examples("reconciliation-query-batch", "valid"):
        response = reconcile(real_client, batch)
        if response.status_code == 400:
            text = response.get_data(as_text=True)
            theirs = {q.get("type") for q in batch.values()} | {p["pid"] for q in batch.values()
                                                                for p in q.get("properties", [])}
            assert any(f"unknown type {t!r}" in text or f"unknown property {t!r}" in text for t in theirs), \
                (name, text)
        else:
            assert response.status_code == 200, name
        answered = reconcile(real_client, ours(batch))
        assert answered.status_code == 200, (name, answered.get_data(as_text=True))
        assert set(answered.get_json()) == set(batch)


BAD_BATCHES = [
    ("{", ["not JSON"]),
    ("Silicon Saxony", ["not JSON"]),
    ("", ["not JSON"]),
    ('["Silicon Saxony"]', ["JSON object", "list"]),
    ('"Silicon Saxony"', ["JSON object", "string"]),
    ("null", ["JSON object", "null"]),
    ('{"q": "Silicon Saxony"}', ["'q'", "JSON object"]),
    ('{"q": {"query": 42}}', ["'q'", "'query' must be a string"]),
    ('{"q": {"query": "x", "type": "Nope"}}', ["'q'", "unknown type 'Nope'", "Cluster"]),
    ('{"q": {"query": "x", "type": ["Cluster", "Nope"]}}', ["unknown type 'Nope'"]),
    ('{"q": {"query": "x", "type": 7}}', ["'q'", "type"]),
    ('{"q": {"query": "x", "type": [7]}}', ["'q'", "a type is a string"]),
    ('{"q": {"query": "x", "type_strict": "sometimes"}}', ["'type_strict'", "any, should, all"]),
    ('{"q": {"query": "x", "limit": 0}}', ["'limit'", "positive whole number"]),
    ('{"q": {"query": "x", "limit": -3}}', ["'limit'"]),
    ('{"q": {"query": "x", "limit": 1.5}}', ["'limit'"]),
    ('{"q": {"query": "x", "limit": "five"}}', ["'limit'"]),
    ('{"q": {"query": "x", "limit": true}}', ["'limit'"]),
    ('{"q": {"query": "x", "properties": {"pid": "city"}}}', ["'properties' must be a list"]),
    ('{"q": {"query": "x", "properties": [{"pid": "city"}]}}', ["property 0", "'v'"]),
    ('{"q": {"query": "x", "properties": [{"pid": "nowhere", "v": "x"}]}}', ["unknown property 'nowhere'"]),
    ('{"q": {"query": "x", "properties": [{"pid": 3, "v": "x"}]}}', ["property 0", "string"]),
    ('{"q": {"query": "x", "properties": [{"pid": "city", "v": {"name": "Dresden"}}]}}', ["property 0"]),
    ('{"q": {"query": "x", "properties": [{"pid": "city", "v": [null]}]}}', ["property 0"]),
    ('{"q": {"query": "x", "Type": "Cluster"}}', ["'Type'"]),
    ("[" * 80 + "]" * 80, ["JSON object"]),
    ("[" * 20_000 + "]" * 20_000, ["not JSON", "nested too deeply"]),
]


@pytest.mark.parametrize("text,words", BAD_BATCHES,
                         ids=[f"{i}-{t[:24]}" for i, (t, _w) in enumerate(BAD_BATCHES)])
def test_a_bad_batch_is_refused_with_a_message_naming_the_problem(real_client, text, words):
    refused(reconcile(real_client, text), *words)


def test_a_batch_over_the_documented_size_is_refused(real_app, dataset):
    from saxgraph.web import create_app

    limit = real_app.config["RECONCILE_MAX_BATCH"]
    batch = {f"q{i}": {"query": "Silicon Saxony"} for i in range(limit + 1)}
    refused(reconcile(real_app.test_client(), batch), f"{limit + 1} queries", f"at most {limit}",
            "RECONCILE_MAX_BATCH")
    small = create_app({"STORE": dataset, "TESTING": True, "RECONCILE_MAX_BATCH": 3}).test_client()
    assert small.get("/reconcile").get_json()["batchSize"] == 3
    assert reconcile(small, dict(list(batch.items())[:3])).status_code == 200
    refused(reconcile(small, dict(list(batch.items())[:4])), "4 queries", "at most 3")


def test_a_full_batch_of_long_queries_fits_in_one_form_field(real_client):
    """1000 queries with types and properties make a `queries` field of over 500 kB (Flask's default limit
    for one form field); up to MAX_CONTENT_LENGTH it is answered."""
    batch = {f"q{i}": {"query": f"Silicon Saxony e.V. {'x' * 360} {i}", "type": ["Cluster", "Organisation"],
                       "properties": [{"pid": "city", "v": "Dresden"}, {"pid": "country", "v": "DE"}]}
             for i in range(1000)}
    assert 500_000 < len(json.dumps(batch)) < 900_000
    assert len(results(reconcile(real_client, batch))) == 1000


def test_a_query_string_over_the_documented_length_is_refused(real_app):
    limit = real_app.config["RECONCILE_MAX_QUERY_LENGTH"]
    client = real_app.test_client()
    assert reconcile(client, {"q": {"query": "Silicon Saxony " * (limit // 15)}}).status_code == 200
    refused(reconcile(client, {"q": {"query": "x" * (limit + 1)}}), f"{limit + 1} characters",
            "RECONCILE_MAX_QUERY_LENGTH")


@pytest.mark.parametrize("data,words", [
    ({"queries": ["{}", "{}"]}, ["2 'queries' parameters"]),
    ({"queries": "{}", "extend": '{"ids": [], "properties": []}'}, ["both"]),
    ({}, ["'queries'", "'extend'"]),
    ({"query": "Silicon Saxony"}, ["'queries'"]),
])
def test_a_form_without_one_batch_is_refused(real_client, data, words):
    refused(real_client.post("/reconcile", data=data), *words)


def test_a_post_that_is_not_a_form_is_unsupported(real_client):
    response = real_client.post("/reconcile", data=json.dumps({"q": {"query": "x"}}),
                                content_type="application/json")
    assert response.status_code == 415 and "form" in response.get_data(as_text=True)


BAD_EXTENSIONS = [
    ("{", ["extend is not JSON"]),
    ('{"ids": ["cluster/silicon-saxony"]}', ["properties"]),
    ('{"ids": "cluster/silicon-saxony", "properties": []}', ["ids"]),
    ('{"ids": [1], "properties": [{"id": "city"}]}', ["id 0", "string"]),
    ('{"ids": ["cluster/silicon-saxony"], "properties": [{"id": "nowhere"}]}',
     ["unknown property 'nowhere'"]),
    ('{"ids": ["cluster/silicon-saxony"], "properties": ["city"]}', ["property 0", "'id'"]),
    ('{"ids": ["cluster/silicon-saxony"], "properties": [{"id": "city", "settings": 5}]}', ["'settings'"]),
    ('{"ids": ["cluster/silicon-saxony"], "properties": [{"id": "city", "settings": {"limit": "-1"}}]}',
     ["'limit'"]),
    ('{"ids": ["cluster/silicon-saxony"], "properties": [{"id": "city", "settings": {"content": "id"}}]}',
     ["unknown setting 'content'"]),
]


@pytest.mark.parametrize("text,words", BAD_EXTENSIONS)
def test_a_bad_extension_is_refused_with_a_message_naming_the_problem(real_client, text, words):
    refused(extend(real_client, text), *words)


def test_an_extension_over_the_documented_size_is_refused(real_app):
    ids = [f"cluster/x{i}" for i in range(real_app.config["RECONCILE_MAX_EXTEND_IDS"] + 1)]
    refused(extend(real_app.test_client(), {"ids": ids, "properties": [{"id": "city"}]}),
            "RECONCILE_MAX_EXTEND_IDS")
    many = [{"id": "city"}] * (real_app.config["RECONCILE_MAX_EXTEND_PROPERTIES"] + 1)
    refused(extend(real_app.test_client(), {"ids": ["cluster/silicon-saxony"], "properties": many}),
            "RECONCILE_MAX_EXTEND_PROPERTIES")


@pytest.mark.parametrize("path,words", [
    ("/reconcile/suggest/entity", ["'prefix'"]),
    ("/reconcile/suggest/type?prefix=c&cursor=-1", ["cursor"]),
    ("/reconcile/suggest/entity?prefix=s&cursor=abc", ["cursor"]),
    ("/reconcile/suggest/entity?prefix=s&type=Nope", ["unknown type 'Nope'"]),
    ("/reconcile/properties?type=Nope", ["unknown type 'Nope'"]),
    ("/reconcile/properties?type=Cluster&limit=0", ["limit"]),
    ("/reconcile/preview", ["'id'"]),
])
def test_a_bad_service_request_is_refused(real_client, path, words):
    refused(real_client.get(path), *words)


def test_an_unknown_suggest_service_is_not_found(real_client):
    assert real_client.get("/reconcile/suggest/planet?prefix=x").status_code == 404


SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
JSON = st.recursive(SCALARS,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                 max_size=4), max_leaves=12)
QUERY = st.fixed_dictionaries({}, optional={
    "query": st.text(max_size=40) | JSON, "type": st.sampled_from(["Cluster", "Place", "Nope"]) | JSON,
    "limit": st.integers(-2, 60) | JSON, "type_strict": st.sampled_from(["any", "should", "all"]) | JSON,
    "properties": st.lists(st.fixed_dictionaries({"pid": st.sampled_from(["city", "country", "x"]) | JSON,
                                                  "v": JSON}), max_size=3) | JSON})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.dictionaries(st.text(max_size=6), QUERY | JSON, max_size=4) | JSON)
def test_any_json_is_answered_or_refused_never_a_server_error(real_client, batch):
    response = reconcile(real_client, json.dumps(batch))
    assert response.status_code in (200, 400), response.get_data(as_text=True)
    if response.status_code == 200:
        assert set(response.get_json()) == set(batch)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(["ids", "properties", "x"]), JSON, max_size=3) | JSON)
def test_any_extension_json_is_answered_or_refused_never_a_server_error(real_client, query):
    response = extend(real_client, json.dumps(query))
    assert response.status_code in (200, 400), response.get_data(as_text=True)
