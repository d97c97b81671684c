"""The /sparql protocol behaviour a client sees, table-driven over methods, media types and Accept headers."""

import csv
import io
import json

import pyoxigraph as ox
import pytest

SELECT = "SELECT ?s WHERE { ?s a ?type } LIMIT 3"
ASK = "ASK { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s a ?type } WHERE { ?s a ?type } LIMIT 3"
DESCRIBE = "DESCRIBE ?s WHERE { ?s a ?type } LIMIT 1"
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"


@pytest.mark.parametrize("query,accept,expected", [
    (SELECT, None, "application/sparql-results+json"),
    (SELECT, "*/*", "application/sparql-results+json"),
    (SELECT, "application/sparql-results+json", "application/sparql-results+json"),
    (SELECT, "application/json", "application/sparql-results+json"),
    (SELECT, "application/sparql-results+xml", "application/sparql-results+xml"),
    (SELECT, "text/csv", "text/csv"),
    (SELECT, "text/tab-separated-values", "text/tab-separated-values"),
    (SELECT, "text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
    (SELECT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
     "application/sparql-results+xml"),
    (ASK, None, "application/sparql-results+json"),
    (ASK, "application/sparql-results+xml", "application/sparql-results+xml"),
    (CONSTRUCT, None, "text/turtle"),
    (CONSTRUCT, "application/n-triples", "application/n-triples"),
    (CONSTRUCT, "application/ld+json", "application/ld+json"),
    (CONSTRUCT, "application/rdf+xml", "application/rdf+xml"),
    (CONSTRUCT, "application/trig", "application/trig"),
    (CONSTRUCT, "application/n-quads", "application/n-quads"),
    (CONSTRUCT, "text/turtle;q=0.2, application/n-triples;q=0.9", "application/n-triples"),
    (DESCRIBE, "text/turtle", "text/turtle"),
])
def test_accept_picks_the_media_type(client, query, accept, expected):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": query}, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == expected
    assert "Accept" in response.headers.get("Vary", "")


@pytest.mark.parametrize("fmt,expected", [("json", "application/sparql-results+json"),
                                          ("xml", "application/sparql-results+xml"),
                                          ("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
                                          ("text/csv", "text/csv")])
def test_format_parameter_overrides_accept(client, fmt, expected):
    response = client.get("/sparql", query_string={"query": SELECT, "format": fmt},
                          headers={"Accept": "application/sparql-results+xml"})
    assert response.status_code == 200 and response.mimetype == expected


@pytest.mark.parametrize("query,accept", [(SELECT, "text/turtle"),
                                          (CONSTRUCT, "application/sparql-results+json"),
                                          (ASK, "text/csv"), (SELECT, "image/png")])
def test_406_when_nothing_acceptable(client, query, accept):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406
    assert "Available" in response.get_data(as_text=True)


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_three_ways_to_send_a_query_give_the_same_answer(client, mini_dataset, how):
    if how == "get":
        response = client.get("/sparql", query_string={"query": SELECT})
    elif how == "form":
        response = client.post("/sparql", data={"query": SELECT}, content_type=FORM)
    else:
        response = client.post("/sparql", data=SELECT, content_type=DIRECT)
    got = {b["s"]["value"] for b in json.loads(response.get_data())["results"]["bindings"]}
    assert got == {r["s"] for r in mini_dataset.select(SELECT)}


def test_results_match_the_store_in_every_format(client, mini_dataset):
    query = ("SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } "
             "ORDER BY ?s ?label")
    expected = [(r["s"], r["label"]) for r in mini_dataset.select(query)]
    assert expected
    for fmt, parse in [("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                       ("tsv", ox.QueryResultsFormat.TSV), ("csv", None)]:
        body = client.get("/sparql", query_string={"query": query, "format": fmt}).get_data()
        if parse is None:  # CSV is lossy; pyoxigraph does not read it back, the csv module does
            rows = [tuple(r) for r in csv.reader(io.StringIO(body.decode()))][1:]
        else:
            rows = [(row["s"].value, row["label"].value)
                    for row in ox.parse_query_results(body, format=parse)]
        assert rows == expected, fmt


@pytest.mark.parametrize("request_args,status,needle", [
    ({"method": "GET", "query_string": "query=SELECT"}, 400, "error at"),
    ({"method": "GET", "query_string": "query=ASK{}&query=ASK{}"}, 400, "one"),
    ({"method": "POST", "data": "ASK {}", "content_type": "text/plain"}, 415, "application/sparql-query"),
    ({"method": "POST", "data": "query=ASK{}"}, 415, "Content-Type"),
    ({"method": "POST", "data": "ASK {}".encode("utf-16"), "content_type": DIRECT}, 400, "UTF-8"),
    ({"method": "POST", "data": "ASK {}".encode("utf-16"), "content_type": DIRECT + "; charset=UTF-16"},
     400, "UTF-8"),
    ({"method": "GET", "path": "/sparql?query=ASK%20%7B%7D%FF%FE"}, 400, "UTF-8"),
    ({"method": "POST", "data": b"query=ASK%20%7B%7D%C3%28", "content_type": FORM}, 400, "UTF-8"),
    ({"method": "POST", "data": "", "content_type": FORM}, 400, "No query"),
    ({"method": "POST", "data": "INSERT DATA { <a:a> <a:b> <a:c> }",
      "content_type": "application/sparql-update"}, 403, "read-only"),
    ({"method": "POST", "data": {"update": "INSERT DATA { <a:a> <a:b> <a:c> }"}, "content_type": FORM},
     403, "read-only"),
    ({"method": "GET", "query_string": "update=CLEAR%20ALL"}, 403, "read-only"),
    ({"method": "GET", "query_string": "query=INSERT%20DATA%20%7B%3Ca:a%3E%20%3Ca:b%3E%20%3Ca:c%3E%7D"},
     403, "read-only"),
    ({"method": "PUT", "data": "ASK {}", "content_type": DIRECT}, 405, ""),
    ({"method": "DELETE"}, 405, ""),
    ({"method": "GET",
      "query_string": "query=SELECT%20*%20%7BSERVICE%20%3Chttp://127.0.0.1:9/%3E%20%7B?s%20?p%20?o%7D%7D"},
     403, "SERVICE_ALLOWLIST"),
    ({"method": "GET", "query_string": "query=SELECT%20*%20%7BSERVICE%20SILENT%20?x%20%7B?s%20?p%20?o%7D%7D"},
     403, "SERVICE"),
    ({"method": "GET",
      "query_string": "query=SELECT%20*%20%7B%5Cu0053ERVICE%20%3Chttp://127.0.0.1:9/%3E%20%7B?s%20?p%20?o%7D%7D"},
     403, "SERVICE"),
    ({"method": "GET",
      "query_string": "query=SELECT%20*%20%7B?s%20?p%20?o%7D&default-graph-uri=not%20an%20iri"}, 400, ""),
])
def test_bad_requests_get_a_clear_4xx(client, request_args, status, needle):
    request_args = dict(request_args)
    response = client.open(request_args.pop("path", "/sparql"), **request_args)
    assert response.status_code == status, response.get_data(as_text=True)
    assert needle in response.get_data(as_text=True)
    if status != 405:
        assert response.mimetype == "text/plain"


def test_syntax_error_names_the_position(client):
    text = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"}).get_data(as_text=True)
    assert text.startswith("Bad request: error at 1:")


def test_an_undeclared_prefix_is_named_with_its_declaration(client):
    """pyoxigraph alone says 'expected OPTIONAL' for `sg:x` without PREFIX sg:; the answer names the fix."""
    response = client.get("/sparql", query_string={"query": "SELECT ?s { ?s a sg:Cluster ; ex:p 'a:b' }"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Undeclared prefix: sg:, ex:." in text
    assert "PREFIX sg: <https://w3id.org/saxgraph/ontology#>" in text
    declared = client.get("/sparql", query_string={
        "query": "PREFIX sg: <https://w3id.org/saxgraph/ontology#> "
                 "SELECT ?s { ?s a sg:Cluster . ?s ?p 'a:b' }"})
    assert declared.status_code == 200


def test_the_word_service_in_strings_iris_and_names_is_not_a_service_call(client):
    query = ("PREFIX ex: <http://example.org/SERVICE/> "
             'SELECT ?x WHERE { VALUES ?x { "SERVICE <http://a/>" ex:service } } '
             "# SERVICE <http://b/>")
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200, response.get_data(as_text=True)


def test_protocol_dataset_replaces_the_union_default_graph(client, mini_dataset):
    graph = mini_dataset.graphs()[0]
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    union = client.get("/sparql", query_string={"query": count, "format": "csv"})
    one = client.get("/sparql", query_string={"query": count, "format": "csv", "default-graph-uri": graph})
    n_union, n_one = (int(r.get_data(as_text=True).split()[1]) for r in (union, one))
    assert 0 < n_one < n_union
    assert n_one == sum(1 for _ in mini_dataset.quads(None, None, None, ox.NamedNode(graph)))


def test_union_default_graph_is_a_set(client, mini_dataset):
    """A triple stated in two graphs counts once in the default graph (SPARQL's RDF merge)."""
    distinct = {q.triple for q in mini_dataset.quads()}
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    body = client.get("/sparql", query_string={"query": count, "format": "csv"})
    assert int(body.get_data(as_text=True).split()[1]) == len(distinct)


def test_graph_keyword_sees_the_named_graphs_only(client, mini_dataset):
    body = client.get("/sparql", query_string={"query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }",
                                               "format": "json"})
    got = {b["g"]["value"] for b in json.loads(body.get_data())["results"]["bindings"]}
    assert got == set(mini_dataset.graphs())


def test_from_in_the_query_replaces_the_union_default_graph(client, mini_dataset):
    graph = mini_dataset.graphs()[0]
    stated = sum(1 for _ in mini_dataset.quads(None, None, None, ox.NamedNode(graph)))
    for query in (f"SELECT (COUNT(*) AS ?n) FROM <{graph}> {{ ?s ?p ?o }}",
                  f"SELECT (COUNT(*) AS ?n) FROM NAMED <{graph}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
        body = client.get("/sparql", query_string={"query": query, "format": "csv"})
        assert int(body.get_data(as_text=True).split()[1]) == stated, query


def test_cors_preflight_for_a_direct_post(client):
    response = client.options("/sparql", headers={"Origin": "https://yasgui.example",
                                                  "Access-Control-Request-Method": "POST",
                                                  "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()
    custom = client.options("/sparql", headers={
        "Origin": "https://sparklis.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, x-requested-with",
    })
    assert "x-requested-with" in custom.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in custom.headers
    get = client.get("/sparql", query_string={"query": ASK}, headers={"Origin": "https://yasgui.example"})
    assert get.headers["Access-Control-Allow-Origin"] == "*"


def test_health(client, mini_dataset):
    response = client.get("/health")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["status"] == "ok" and body["dataset"] == mini_dataset.version
    assert body["dataset"].startswith("sha256:")
    assert body["quads"] == len(mini_dataset)
    assert body["triples"] == len({q.triple for q in mini_dataset.quads()})


def test_one_access_log_line_per_query(client, caplog):
    caplog.set_level("INFO", logger="saxgraph.access")
    query = SELECT + "  # access log"  # a text no other test sends, so that it is not answered from the cache
    client.get("/sparql", query_string={"query": query})
    client.get("/sparql", query_string={"query": "SELECT"})
    client.get("/sparql", query_string={"query": query})
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("request ")]
    assert len(lines) == 3
    fields = [dict(f.split("=", 1) for f in line.split()[1:]) for line in lines]
    assert fields[0]["status"] == "200" and fields[0]["result_size"] == "3"
    assert fields[0]["form"] == "solutions"
    assert float(fields[0]["duration_ms"]) > 0 and float(fields[0]["query_ms"]) >= 0
    assert fields[0]["cache"] == "miss"
    assert fields[0]["time"].endswith("+00:00") and fields[0]["path"] == "/sparql"
    assert fields[1]["status"] == "400" and "form" not in fields[1]
    assert fields[2]["cache"] == "hit" and "query_ms" not in fields[2] and fields[2]["result_size"] == "3"


@pytest.mark.parametrize("setting,target,allowed", [
    ([], "http://127.0.0.1:9/sparql", False),
    (["http://127.0.0.1:9/"], "http://127.0.0.1:9/sparql", True),
    (["http://127.0.0.1:9/"], "http://127.0.0.1:99/sparql", False),
    # from the environment the setting is a string: prefixes, not characters ("h" would allow every http IRI)
    ("http://127.0.0.1:9/", "http://127.0.0.1:9/sparql", True),
    ("http://127.0.0.1:9/", "http://127.0.0.2:9/sparql", False),
    ("http://127.0.0.3:9/, http://127.0.0.1:9/", "http://127.0.0.1:9/sparql", True),
    ("", "http://127.0.0.2:9/sparql", False),
    ([""], "http://127.0.0.2:9/sparql", False),
])
def test_service_allowlist(mini_dataset, setting, target, allowed):
    from saxgraph.web import create_app

    client = create_app({"STORE": mini_dataset, "TESTING": True, "SERVICE_ALLOWLIST": setting}).test_client()
    query = f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}"  # nothing listens on port 9
    response = client.get("/sparql", query_string={"query": query})
    if allowed:
        assert response.status_code == 200, response.get_data(as_text=True)
    else:
        assert response.status_code == 403 and "SERVICE_ALLOWLIST" in response.get_data(as_text=True)


def test_service_allowlist_from_the_environment(mini_dataset, monkeypatch):
    from saxgraph.web import create_app

    monkeypatch.setenv("SAXGRAPH_SERVICE_ALLOWLIST", "http://127.0.0.1:9/")
    client = create_app({"STORE": mini_dataset, "TESTING": True}).test_client()
    for target, status in [("http://127.0.0.1:9/x", 200), ("http://127.0.0.2:9/x", 403)]:
        query = f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}"
        assert client.get("/sparql", query_string={"query": query}).status_code == status
