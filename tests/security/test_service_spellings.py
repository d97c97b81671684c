"""No spelling of SERVICE makes the server connect out unless its endpoint is allow-listed.

pyoxigraph's parser reads the keyword glued to what follows or precedes it, in any case, after comments,
in subqueries, through prefixed names; each spelling below was checked to make the
engine itself connect (test_the_engine_itself_would_connect). The listener counts TCP connections, not
HTTP requests, so a refused query that still reached it would show. Behind the text check, query
processes forked without an allow-list cannot open network sockets at all (saxgraph.query.sandbox)."""

import socket
import threading
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from saxgraph.errors import QueryRefusedError
from saxgraph.query.federation import allowed_endpoints, refused_services
from saxgraph.query.pool import QueryPool
from saxgraph.query.runner import Limits, QueryRequest
from saxgraph.store.dataset import Store
from saxgraph.web import create_app

# {u}: the listener's base URL (http://127.0.0.1:<port>)
SPELLINGS = {
    "plain": "SELECT * WHERE { SERVICE <{u}/x> { ?s ?p ?o } }",
    "lower case": "select * where { service <{u}/x> { ?s ?p ?o } }",
    "mixed case, SILENT": "SELECT * WHERE { SeRvIcE sIlEnT <{u}/x> { ?s ?p ?o } }",
    "glued to a prefixed name": "PREFIX : <{u}/> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",
    "glued to a prefix": "PREFIX ex: <{u}/> SELECT * WHERE { SERVICEex:x { ?s ?p ?o } }",
    "glued to SILENT and the IRI": "SELECT * WHERE { SERVICESILENT<{u}/x>{ ?s ?p ?o } }",
    "glued to a boolean before it": "SELECT * WHERE { ?s ?p trueSERVICE<{u}/x>{ ?s ?p ?o } }",
    "glued to a number before it": "SELECT * WHERE { ?s ?p 1e5SERVICE<{u}/x>{ ?s ?p ?o } }",
    "after comments": "SELECT * WHERE { # SERVICE?\n SERVICE # no\n SILENT # really\n <{u}/x> # go\n"
                      " { ?s ?p ?o } }",
    "in a subquery": "SELECT * WHERE { { SELECT * WHERE { SERVICE <{u}/x> { ?s ?p ?o } } } }",
    "after a quote the lexer could misread":
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:a\\' SERVICE <{u}/x> { ?s ?p ?o } } #'",
    "after a less-than read as an IRI":
        "SELECT * WHERE { ?s ?p ?o FILTER(?o<'x>') SERVICE <{u}/x> { ?s ?p ?o } FILTER(?o!='') }",
    "prefix declared twice": "PREFIX ex: <https://query.wikidata.org/> PREFIX ex:<{u}/> "
                             "SELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }",
}
# Refused too, though this pyoxigraph does not connect for them: a variable target could be bound to any
# IRI, and SPARQL 1.1 (section 19.2) lets a codepoint escape stand for a keyword's letter.
REFUSED_ANYWAY = {
    "a variable": "SELECT * WHERE { BIND(<{u}/x> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "codepoint escape": "SELECT * WHERE { \\u0053ERVICE <{u}/x> { ?s ?p ?o } }",
}


class Listener:
    """A TCP listener on 127.0.0.1 that counts connections and answers each as a SPARQL endpoint."""

    BODY = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"remote"}}]}}'

    def __init__(self, content_type: str = "application/sparql-results+json"):
        self.connections = 0
        self.content_type = content_type
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    head = (f"HTTP/1.1 200 OK\r\nContent-Type: {self.content_type}\r\n"
                            f"Content-Length: {len(self.BODY)}\r\nConnection: close\r\n\r\n")
                    conn.sendall(head.encode() + self.BODY)
                except OSError:
                    pass

    def close(self):
        self.socket.close()


@pytest.fixture
def listener():
    running = Listener()
    yield running
    running.close()


@pytest.fixture
def client(mini_dataset):
    return create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_WORKERS": 1}).test_client()


@pytest.mark.parametrize("name", sorted(SPELLINGS) + sorted(REFUSED_ANYWAY))
def test_no_spelling_of_service_connects_out(client, listener, name):
    query = {**SPELLINGS, **REFUSED_ANYWAY}[name].replace("{u}", listener.url)
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 403, response.get_data(as_text=True)
    assert response.mimetype == "text/plain"
    assert "SERVICE_ALLOWLIST" in response.get_data(as_text=True)
    assert listener.connections == 0


@pytest.mark.parametrize("name", sorted(SPELLINGS))
def test_the_engine_itself_would_connect(listener, name):
    """The control: pyoxigraph, asked directly, does connect for each spelling (so the refusals above are
    the endpoint's doing); with SILENT or not, the listener sees the connection."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://s"), ox.NamedNode("http://p"), ox.Literal("x")))
    store.add(ox.Quad(ox.NamedNode("http://s"), ox.NamedNode("http://p"),
                      ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))))
    store.add(ox.Quad(ox.NamedNode("http://s"), ox.NamedNode("http://p"),
                      ox.Literal("1e5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))))
    store.add(ox.Quad(ox.NamedNode("http://s"), ox.NamedNode("http://p"), ox.NamedNode("http://e/a'")))
    query = SPELLINGS[name].replace("{u}", listener.url)
    try:
        list(store.query(query, use_default_graph_as_union=True))
    except (OSError, RuntimeError, SyntaxError):
        pass
    assert listener.connections >= 1


def test_an_allow_listed_endpoint_is_called_and_answers(mini_dataset, listener):
    app = create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_WORKERS": 1,
                      "SERVICE_ALLOWLIST": [listener.url + "/sparql"]})
    query = f"SELECT ?x WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?x }} }}"
    response = app.test_client().get("/sparql?query=" + quote(query))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert listener.connections == 1
    assert [b["x"]["value"] for b in response.get_json()["results"]["bindings"]] == ["remote"]


@pytest.mark.parametrize("target", [
    "{u}/sparqlx",  # the path continues the allowed one but not at a segment boundary
    "{u}/other",
    "{u}/sparql/../other",
    "{u}/sparql/%2e%2e/other",
    "http://localhost:{port}/sparql",  # the same listener under another host name
    "http://127.0.0.1.evil.tld:{port}/sparql",
    "http://127.0.0.1:{port}@127.0.0.1:{port}/sparql",
    "https://127.0.0.1:{port}/sparql",
])
def test_the_allow_list_refuses_look_alikes(mini_dataset, listener, target):
    port = listener.url.rsplit(":", 1)[1]
    app = create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_WORKERS": 1,
                      "SERVICE_ALLOWLIST": listener.url + "/sparql"})  # as from the environment
    iri = target.replace("{u}", listener.url).replace("{port}", port)
    query = f"SELECT * WHERE {{ SERVICE <{iri}> {{ ?s ?p ?o }} }}"
    response = app.test_client().get("/sparql?query=" + quote(query))
    assert response.status_code == 403
    assert listener.connections == 0


def test_allow_list_entries_compare_origins_not_strings():
    wikidata = allowed_endpoints("https://query.wikidata.org/sparql, https://example.org/")
    query = "SELECT * WHERE {{ SERVICE <{}> {{ ?s ?p ?o }} }}"
    assert refused_services(query.format("https://query.wikidata.org/sparql"), wikidata) == []
    assert refused_services(query.format("HTTPS://QUERY.WIKIDATA.ORG:443/sparql"), wikidata) == []
    assert refused_services(query.format("https://example.org/any/path"), wikidata) == []
    assert refused_services(query.format("https://query.wikidata.org.evil.tld/sparql"), wikidata)
    assert refused_services(query.format("https://query.wikidata.org:8443/sparql"), wikidata)
    assert refused_services(query.format("http://query.wikidata.org/sparql"), wikidata)


def test_a_malformed_allow_list_entry_stops_the_server_at_start(mini_dataset):
    from saxgraph.errors import SaxgraphError

    with pytest.raises(SaxgraphError, match="SERVICE_ALLOWLIST entry 'query.wikidata.org'"):
        create_app({"STORE": mini_dataset, "SERVICE_ALLOWLIST": "query.wikidata.org"})


@pytest.mark.parametrize("content_type", [None, "text/html"], ids=["closed port", "not a SPARQL endpoint"])
def test_an_allow_listed_endpoint_that_fails_is_a_502(mini_dataset, content_type):
    if content_type is None:
        with socket.create_server(("127.0.0.1", 0)) as probe:
            url = f"http://127.0.0.1:{probe.getsockname()[1]}"  # closed once the block ends
        running = None
    else:
        running = Listener(content_type)
        url = running.url
    try:
        app = create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_WORKERS": 1,
                          "SERVICE_ALLOWLIST": [url]})
        query = f"SELECT * WHERE {{ SERVICE <{url}/q> {{ ?s ?p ?o }} }}"
        response = app.test_client().get("/sparql?query=" + quote(query))
        assert response.status_code == 502, response.get_data(as_text=True)
        assert response.mimetype == "text/plain"
        assert "SERVICE endpoint" in response.get_data(as_text=True)
    finally:
        if running:
            running.close()


def test_query_processes_without_an_allow_list_cannot_connect_at_all(mini_dataset, listener):
    """The second line: a SERVICE query handed straight to the query processes (as if the text check had
    missed it) is stopped by the kernel, and nothing reaches the listener; with the network allowed (an
    allow-list), the same query does."""
    query = QueryRequest(f"SELECT ?x WHERE {{ SERVICE <{listener.url}/x> {{ ?s ?p ?x }} }}")
    confined = QueryPool(mini_dataset, size=1, limits=Limits(network=False))
    try:
        with pytest.raises(QueryRefusedError, match="network connection"):
            confined.run(query, timeout=30)
    finally:
        confined.close()
    assert listener.connections == 0
    open_pool = QueryPool(Store(ox.Store()), size=1, limits=Limits(network=True))
    try:
        assert b"remote" in open_pool.run(query, timeout=30).body
    finally:
        open_pool.close()
    assert listener.connections == 1
