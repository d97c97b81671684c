"""The fast path of a repeated GET /sparql (saxgraph.web.fast_path, saxgraph.server.request_reading): the
same status, headers, body and access-log line as Flask's answer, errors answered by Flask, and under
gunicorn the same bytes from the request thread's own answer."""

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import pytest

from saxgraph.errors import QueryTimeoutError
from saxgraph.web import fast_path
from saxgraph.web.result_cache import AnswerCache

SELECT = "SELECT ?s WHERE { ?s a ?type } ORDER BY ?s LIMIT 3"


def comparable(response):
    return response.status_code, sorted((k, v) for k, v in response.headers.items() if k != "Date"), \
        response.get_data()


@pytest.fixture
def counted(app, monkeypatch):
    """The number of times the /sparql view ran."""
    calls = []
    view = app.view_functions["sparql.endpoint"]

    def counting(*args, **kwargs):
        calls.append(1)
        return view(*args, **kwargs)

    monkeypatch.setitem(app.view_functions, "sparql.endpoint", counting)
    fast = fast_path.of(app)
    fast._plans.clear()
    return calls


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv", "application/xml", None])
def test_a_repeated_request_gets_flasks_answer_without_flask(client, counted, accept):
    headers = {"Accept": accept} if accept else {}
    first = client.get("/sparql", query_string={"query": SELECT}, headers=headers)
    again = [client.get("/sparql", query_string={"query": SELECT}, headers=headers) for _ in range(3)]
    assert first.status_code == 200
    assert all(comparable(a) == comparable(first) for a in again)
    assert len(counted) == 1  # only the first went through Flask's view


def test_a_construct_and_an_ask_too(client, counted):
    for query in ("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 2", "ASK { ?s ?p ?o }"):
        first = client.get("/sparql", query_string={"query": query})
        assert comparable(client.get("/sparql", query_string={"query": query})) == comparable(first)
    assert len(counted) == 2


@pytest.mark.parametrize("headers, params", [
    ({"If-None-Match": '"other"'}, {}),
    ({}, {"lang": "de"}),  # sets the language cookie: Flask decides each time
    ({"Access-Control-Request-Headers": "X-Custom"}, {}),
])
def test_what_flask_decides_each_time_goes_to_flask(app, counted, headers, params):
    client = app.test_client(use_cookies=False)  # each request without the cookie the first one set
    answers = [client.get("/sparql", query_string={"query": SELECT, **params}, headers=headers)
               for _ in range(2)]
    assert comparable(answers[0]) == comparable(answers[1])
    if "lang" in params:
        assert all("saxgraph_lang=de" in a.headers.get("Set-Cookie", "") for a in answers)
        assert len(counted) == 2
    if "Access-Control-Request-Headers" in headers:
        assert answers[0].headers["Access-Control-Allow-Headers"] == "X-Custom"


def test_an_error_of_a_planned_query_is_flasks_error(app, client, counted, monkeypatch):
    query = SELECT.replace("LIMIT 3", "LIMIT 4")
    assert client.get("/sparql", query_string={"query": query}).status_code == 200
    monkeypatch.setitem(app.extensions, "saxgraph.answer_cache", AnswerCache(0, 0))  # nothing kept
    pool = app.extensions["saxgraph.query_pool"]
    runs = []

    def timing_out(*args, **kwargs):
        runs.append(1)
        raise QueryTimeoutError("The query ran longer than the time limit of 1 s and was stopped.")

    monkeypatch.setattr(pool, "run", timing_out)
    planned = client.get("/sparql", query_string={"query": query})
    assert len(runs) == 1  # run once, by the fast path; Flask answered its error without running it again
    fast_path.of(app)._plans.clear()
    unplanned = client.get("/sparql", query_string={"query": query})
    assert planned.status_code == 503
    assert comparable(planned) == comparable(unplanned)


def test_the_access_log_line_is_flasks(client, counted, caplog):
    with caplog.at_level(logging.INFO, logger="saxgraph.access"):
        for _ in range(2):
            client.get("/sparql", query_string={"query": SELECT})
    lines = [r.getMessage() for r in caplog.records if r.name == "saxgraph.access"]
    assert len(lines) == 2
    keys = [[field.split("=", 1)[0] for field in line.split()[1:]] for line in lines]
    assert keys[0] == keys[1]
    values = [dict(field.split("=", 1) for field in line.split()[1:]) for line in lines]
    for name in ("method", "path", "status", "bytes", "result_size", "cache", "form", "format", "remote"):
        assert values[0][name] == values[1][name]


# --- under gunicorn: the request thread answers a planned request from its bytes -------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _receive(sock: socket.socket) -> tuple[bytes, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        body += sock.recv(65536)
    return head, body[:length]


def _without_date(head: bytes) -> bytes:
    return b"\r\n".join(line for line in head.split(b"\r\n") if not line.startswith(b"Date:"))


@pytest.fixture(scope="module")
def gunicorn_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fast")
    data = folder / "data.nq"
    data.write_text("".join(f'<http://e/s{i}> <http://e/p> "{i}" <http://e/g> .\n' for i in range(50)))
    port = _free_port()
    log = folder / "serve.log"
    env = {**os.environ, "SAXGRAPH_QUERY_WORKERS": "1", "SAXGRAPH_QUEUE_TIMEOUT": "1",
           "SAXGRAPH_QUERY_TIMEOUT": "3", "SAXGRAPH_RESULT_CACHE_BYTES": "0"}
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "saxgraph", "serve", "--port", str(port),
                                    "--data", str(data), "--server", "gunicorn", "--workers", "1"],
                                   stdout=out, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    yield port
    process.terminate()
    process.wait(timeout=30)


def _request(query: str, port: int, accept: str = "application/sparql-results+json") -> bytes:
    return (f"GET /sparql?query={quote(query, safe='')} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Accept: {accept}\r\nUser-Agent: fast-path-test\r\n\r\n").encode()


@pytest.mark.server
def test_gunicorn_answers_a_planned_request_with_the_same_bytes(gunicorn_server):
    port = gunicorn_server
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 5"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        answers = []
        for _ in range(4):
            sock.sendall(_request(query, port))
            answers.append(_receive(sock))
        sock.sendall(_request(query, port) * 2)  # pipelined: the thread leaves these to gunicorn
        answers += [_receive(sock), _receive(sock)]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(_request(query, port))
        answers.append(_receive(sock))
    first_head, first_body = answers[0]
    assert first_head.startswith(b"HTTP/1.1 200 OK\r\nServer: gunicorn\r\nDate: ")
    assert b"\r\nConnection: keep-alive\r\n" in first_head
    for head, body in answers[1:]:
        assert _without_date(head) == _without_date(first_head)
        assert body == first_body


@pytest.mark.server
def test_gunicorn_a_planned_request_that_cannot_run_is_answered_by_flask(gunicorn_server):
    """QUEUE_TIMEOUT 1 s and one query process, held by a query that runs into the time limit (3 s): the
    planned request gets the 503 Flask gives, then, once the runaway query is stopped, answers again."""
    port = gunicorn_server
    quick = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
    values = " ".join(str(i) for i in range(60))
    endless = "SELECT (COUNT(*) AS ?n) {" + " ".join(f"VALUES ?v{i} {{ {values} }}" for i in range(8)) + "}"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(_request(quick, port))
        assert _receive(sock)[0].startswith(b"HTTP/1.1 200 ")
        sock.sendall(_request(quick, port))
        assert _receive(sock)[0].startswith(b"HTTP/1.1 200 ")

        def runaway():
            with socket.create_connection(("127.0.0.1", port), timeout=30) as other:
                other.sendall(_request(endless, port))
                runaway.head = _receive(other)[0]

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.5)
        sock.sendall(_request(quick, port))
        head, body = _receive(sock)
        assert head.startswith(b"HTTP/1.1 503 ")
        assert b"Content-Type: text/plain; charset=utf-8" in head and b"Retry-After:" in head
        assert b"QUEUE_TIMEOUT" in body
        thread.join(30)
        assert runaway.head.startswith(b"HTTP/1.1 503 ")  # stopped at the time limit
        sock.sendall(_request(quick, port))
        assert _receive(sock)[0].startswith(b"HTTP/1.1 200 ")
