"""No server-side request forgery: a SERVICE clause makes the server fetch a URL only when an operator has
allow-listed it. Checked against a real listener on the loopback interface that records every request."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest

from saxgraph.web import create_app

EMPTY_RESULTS = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
    {"x": {"type": "literal", "value": "from the listener"}}]}}).encode()


@pytest.fixture
def listener():
    """A tiny SPARQL-ish HTTP server on 127.0.0.1 that remembers each request path."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            received.append((self.command, self.path))
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(EMPTY_RESULTS)))
            self.end_headers()
            self.wfile.write(EMPTY_RESULTS)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.received = received
    server.url = f"http://127.0.0.1:{server.server_port}/sparql"
    yield server
    server.shutdown()
    server.server_close()


def service_query(url: str, silent: bool = False) -> str:
    return f"SELECT ?x WHERE {{ SERVICE {'SILENT ' if silent else ''}<{url}> {{ ?s ?p ?x }} }}"


@pytest.mark.parametrize("how", ["GET", "form", "direct"])
@pytest.mark.parametrize("silent", [False, True])
def test_service_to_a_local_listener_is_refused_and_nothing_is_fetched(mini_dataset, listener, how, silent):
    client = create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_WORKERS": 1}).test_client()
    query = service_query(listener.url, silent)
    if how == "GET":
        response = client.get("/sparql?query=" + quote(query))
    elif how == "form":
        response = client.post("/sparql", data={"query": query})
    else:
        response = client.post("/sparql", data=query, content_type="application/sparql-query")
    assert response.status_code == 403
    assert "SERVICE_ALLOWLIST" in response.get_data(as_text=True)
    assert listener.received == []


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{port}/sparql",  # not the allow-listed path
    "http://localhost:{port}/allowed",  # another host name for the same listener
])
def test_an_allow_list_admits_only_its_prefixes(mini_dataset, listener, target):
    allowed = f"http://127.0.0.1:{listener.server_port}/allowed"
    client = create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_WORKERS": 1,
                         "SERVICE_ALLOWLIST": [allowed]}).test_client()
    response = client.get("/sparql?query=" + quote(service_query(target.format(port=listener.server_port))))
    assert response.status_code == 403
    assert listener.received == []


def test_an_allow_listed_service_is_called(mini_dataset, listener):
    """The control: with the listener allow-listed, the same query reaches it (so the refusals above are
    the allow-list's doing, not a listener nobody could reach)."""
    client = create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_WORKERS": 1,
                         "SERVICE_ALLOWLIST": [listener.url]}).test_client()
    response = client.get("/sparql?query=" + quote(service_query(listener.url)))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert listener.received and listener.received[0][1].startswith("/sparql")
    values = [row["x"]["value"] for row in response.get_json()["results"]["bindings"]]
    assert values == ["from the listener"]


@pytest.mark.parametrize("request_args", [
    {"query": "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}"},
    {"query": "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
    {"query": "SELECT * WHERE {{ ?s ?p ?o }}", "default-graph-uri": "{url}"},
    {"query": "SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "named-graph-uri": "{url}"},
    {"update": "LOAD <{url}>"},
    {"query": "LOAD <{url}>"},
])
def test_graph_iris_are_never_fetched(mini_dataset, listener, request_args):
    """FROM, FROM NAMED and the protocol's graph parameters name graphs of this dataset; LOAD is an update."""
    client = create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_WORKERS": 1}).test_client()
    data = {name: value.format(url=listener.url) for name, value in request_args.items()}
    response = client.post("/sparql", data=data)
    assert response.status_code in (200, 403)
    assert listener.received == []
