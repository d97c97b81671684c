"""HTTP caching of /sparql answers: ETag from the dataset version and the normalised request,
If-None-Match -> 304 without running the query, Cache-Control, Vary: Accept, and the answer cache."""

import pytest

from saxgraph.store.dataset import Store
from saxgraph.web import create_app

SELECT = "SELECT ?s WHERE { ?s a ?type } ORDER BY ?s LIMIT 3"


def get(client, query=SELECT, headers=None, **params):
    return client.get("/sparql", query_string={"query": query, **params}, headers=headers or {})


def test_an_answer_has_an_etag_and_public_cache_control(client):
    response = get(client)
    assert response.status_code == 200
    assert response.headers["ETag"]
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert "Accept" in response.headers["Vary"]


def test_if_none_match_with_the_etag_is_a_304_without_a_body(client):
    first = get(client)
    again = get(client, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert "Accept" in again.headers["Vary"]
    assert again.headers["Cache-Control"] == "public, max-age=60"


def test_a_weak_or_listed_etag_also_revalidates(client):
    etag = get(client).headers["ETag"]
    assert get(client, headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304


def test_a_stale_etag_gets_the_full_answer(client):
    response = get(client, headers={"If-None-Match": '"not-this-one"'})
    assert response.status_code == 200 and response.get_data()


@pytest.mark.parametrize("change", [
    {"headers": {"Accept": "text/csv"}},
    {"format": "xml"},
    {"query": SELECT.replace("LIMIT 3", "LIMIT 2")},
    {"default-graph-uri": "https://w3id.org/saxgraph/graph/mini"},
    {"named-graph-uri": "https://w3id.org/saxgraph/graph/mini"},
])
def test_the_etag_changes_with_format_query_and_dataset(client, change):
    base = get(client).headers["ETag"]
    other = get(client, **change)
    assert other.status_code == 200
    assert other.headers["ETag"] != base
    assert get(client, headers={**change.get("headers", {}), "If-None-Match": base},
               **{k: v for k, v in change.items() if k != "headers"}).status_code == 200


def test_the_etag_changes_with_the_data_version(tmp_path):
    etags = []
    for n in (1, 2):
        data = tmp_path / f"d{n}.nt"
        data.write_text(f"<urn:x:s> <urn:x:p> \"{n}\" .\n")
        client = create_app({"STORE": Store.from_files([data]), "TESTING": True}).test_client()
        response = get(client, query="SELECT ?o WHERE { ?s ?p ?o }")
        assert response.status_code == 200
        etags.append(response.headers["ETag"])
    assert etags[0] != etags[1]


def test_the_same_request_gets_the_same_etag_and_body(client):
    first, second = get(client), get(client)
    assert first.headers["ETag"] == second.headers["ETag"]
    assert first.get_data() == second.get_data()
    assert first.headers["X-Result-Size"] == second.headers["X-Result-Size"]


def test_a_repeated_query_is_answered_from_the_cache_without_a_worker(mini_dataset):
    app = create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_WORKERS": 1})
    client = app.test_client()
    first = get(client)
    app.extensions["saxgraph.query_pool"].close()  # no worker left: only the cache can answer now
    second = get(client)
    assert second.status_code == 200 and second.get_data() == first.get_data()
    assert second.content_type == first.content_type
    assert app.extensions["saxgraph.answer_cache"].hits == 1


def test_a_304_does_not_run_the_query(mini_dataset):
    app = create_app({"STORE": mini_dataset, "TESTING": True, "RESULT_CACHE_BYTES": 0})
    client = app.test_client()
    etag = get(client).headers["ETag"]
    app.extensions["saxgraph.query_pool"].close()
    assert get(client, headers={"If-None-Match": etag}).status_code == 304


def test_the_cache_can_be_turned_off_and_max_age_set(mini_dataset):
    app = create_app({"STORE": mini_dataset, "TESTING": True, "RESULT_CACHE_BYTES": 0,
                      "SPARQL_CACHE_MAX_AGE": 5})
    client = app.test_client()
    assert get(client).headers["Cache-Control"] == "public, max-age=5"
    get(client)
    assert len(app.extensions["saxgraph.answer_cache"]) == 0


def test_errors_are_not_cached(client):
    bad = get(client, query="SELECT * WHERE {")
    assert bad.status_code == 400
    assert "ETag" not in bad.headers


def test_a_post_is_answered_but_not_revalidated(client):
    etag = get(client).headers["ETag"]
    response = client.post("/sparql", data=SELECT, content_type="application/sparql-query",
                           headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.get_data()
