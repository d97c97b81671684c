"""Resource exhaustion against a real `saxgraph serve` (gunicorn, loopback, QUERY_TIMEOUT=1 s): runaway
queries are stopped by the time limit, impossible ones refused up front, oversized bodies cut off by the size
cap, slow clients do not starve the others, and the server's memory stays bounded."""

import socket
import threading
import time

import pytest

from tests.helpers import live

pytestmark = pytest.mark.server

VALUES = " ".join(str(i) for i in range(60000))

# (query, the status (or statuses), a phrase of the message)
EXHAUSTING = {
    "alternative property paths under *": (
        "SELECT (COUNT(*) AS ?n) { ?a (<http://e/p>|!<http://e/q>)* ?b ."
        " ?b (!<http://e/q>|^<http://e/p>)* ?c . ?c (!<http://e/x>)* ?d }", 503, "time limit of 1 s"),
    "cross product of five ?s ?p ?o": (
        "SELECT (COUNT(*) AS ?n) { ?s1 ?p1 ?o1 . ?s2 ?p2 ?o2 . ?s3 ?p3 ?o3 . ?s4 ?p4 ?o4 . ?s5 ?p5 ?o5 }",
        503, "time limit of 1 s"),
    # rows stream until the row cap or the time limit, whichever comes first
    "cross product streamed as rows": ("SELECT * { ?s1 ?p1 ?o1 . ?s2 ?p2 ?o2 . ?s3 ?p3 ?o3 }", (413, 503),
                                       ""),
    "huge OFFSET": ("SELECT * { ?s1 ?p1 ?o1 . ?s2 ?p2 ?o2 } OFFSET 999999999999", 503, "time limit"),
    "huge LIMIT over too many rows": ("SELECT * { ?s1 ?p1 ?o1 . ?s2 ?p2 ?o2 } LIMIT 99999999999999",
                                      (413, 503), ""),
    "ORDER BY over a cross product": ("SELECT * { ?s1 ?p1 ?o1 . ?s2 ?p2 ?o2 } ORDER BY ?o1 ?o2 LIMIT 1", 503,
                                      "time limit"),
    "GROUP_CONCAT over a cross product": (
        "SELECT (STRLEN(GROUP_CONCAT(STR(?o))) AS ?n) { ?s1 ?p1 ?o . ?s2 ?p2 ?o2 }", 503, "time limit"),
    "giant VALUES block beyond the row cap": (f"SELECT * {{ VALUES ?x {{ {VALUES} }} }}", (413, 503), ""),
    "deeply nested groups": ("SELECT * WHERE { " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000 + " }", 400,
                             "levels deep"),
    "deeply nested expression": ("ASK { FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }", 400,
                                 "levels deep"),
    "long chain of unary operators": ("ASK { FILTER(" + "!" * 50000 + "true) }", 400, "operators"),
    "long chain of binary operators": ("SELECT (" + "+".join(["1"] * 30000) + " AS ?x) {}", 400, "operators"),
    "long property path sequence": ("SELECT * { ?s " + "/".join(["<http://e/p>"] * 5000) + " ?o }", 400,
                                    "operators"),
}


@pytest.fixture(scope="module")
def server(real_build, tmp_path_factory):
    env = {"SAXGRAPH_QUERY_TIMEOUT": "1", "SAXGRAPH_MAX_RESULT_ROWS": "50000",
           "SAXGRAPH_REQUEST_READ_TIMEOUT": "3"}
    with live.serve(real_build.dataset_path.parent, tmp_path_factory.mktemp("exhaust"), env=env) as running:
        yield running


def good_answer(server) -> bool:
    status, body = live.sparql(server.base, "ASK { ?s ?p ?o }", timeout=30)
    return status == 200 and b"true" in body


@pytest.mark.parametrize("name", list(EXHAUSTING))
def test_an_exhausting_query_is_stopped_with_a_clear_error(server, name):
    query, status, phrase = EXHAUSTING[name]
    started = time.monotonic()
    got, body = live.fetch(f"{server.base}/sparql", data=query.encode(), timeout=60,
                           headers={"Content-Type": "application/sparql-query"})
    statuses = status if isinstance(status, tuple) else (status,)
    assert got in statuses and phrase in body.decode(), body[:300]
    if got == 413:
        assert "LIMIT" in body.decode()
    elif got == 503:
        assert "time limit of 1 s" in body.decode()
    assert time.monotonic() - started < 30  # cut off, not left to run
    assert good_answer(server)


def test_memory_stays_bounded_under_exhausting_queries(server):
    assert good_answer(server)
    before = server.rss_mb()
    for _ in range(2):
        for query, _, _ in EXHAUSTING.values():
            live.fetch(f"{server.base}/sparql", data=query.encode(), timeout=60,
                       headers={"Content-Type": "application/sparql-query"})
    assert good_answer(server)
    after = server.rss_mb()
    assert after < before + 400, f"server tree grew from {before:.0f} MB to {after:.0f} MB"
    assert after < 3000


def test_an_oversized_body_is_cut_off_by_the_size_cap(server):
    body = b"ASK {} #" + b"x" * 3_000_000
    head = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    answer = live.raw_request(server, head + body)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert good_answer(server)


def test_a_huge_declared_length_with_no_body_is_refused_at_once(server):
    head = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            b"Connection: close\r\nContent-Length: 99999999999\r\n\r\nASK {}")
    assert live.raw_request(server, head).startswith(b"HTTP/1.1 413")


def test_an_overlong_request_line_or_header_is_refused(server):
    line = b"GET /sparql?query=" + b"A" * 20000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    assert live.raw_request(server, line)[:12] in (b"HTTP/1.1 414", b"HTTP/1.1 400")
    header = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\nConnection: close\r\n\r\n"
    assert live.raw_request(server, header)[:12] in (b"HTTP/1.1 431", b"HTTP/1.1 400")
    assert good_answer(server)


class SlowClient(threading.Thread):
    """Sends a request one byte at a time, `pause` seconds apart, and records how it ended."""

    def __init__(self, server, pause: float, request: bytes):
        super().__init__(daemon=True)
        self.server, self.pause, self.request = server, pause, request
        self.outcome = None
        self.stop = threading.Event()

    def run(self):
        try:
            with socket.create_connection(("127.0.0.1", self.server.port), timeout=120) as sock:
                for byte in self.request:
                    if self.stop.is_set():
                        self.outcome = "stopped"
                        return
                    sock.sendall(bytes([byte]))
                    time.sleep(self.pause)
                self.outcome = sock.recv(100)[:12]
        except OSError as error:
            self.outcome = f"cut off: {error!r}"


def test_a_client_that_stalls_mid_request_gets_a_408_at_the_read_deadline(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
        started = time.monotonic()
        answer = sock.recv(1000)
    assert answer.startswith(b"HTTP/1.1 408") and b"REQUEST_READ_TIMEOUT" in answer
    assert time.monotonic() - started < 30


def test_a_body_that_never_arrives_is_cut_off_as_a_client_error(server):
    head = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 1000\r\n\r\nASK")
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        sock.sendall(head)
        answer = sock.recv(1000)
    assert answer[:12] in (b"HTTP/1.1 400", b"HTTP/1.1 408"), answer[:200]
    assert good_answer(server)


def good_answers_beside_dribblers(server, dribblers: int) -> None:
    """Good requests answer while `dribblers` connections send a request a byte every 0.2 s."""
    request = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + b"a" * 400 + b"\r\n\r\n"
    slow = [SlowClient(server, 0.2, request) for _ in range(dribblers)]
    for client in slow:
        client.start()
    try:
        time.sleep(2)
        for _ in range(5):
            assert good_answer(server)
    finally:
        for client in slow:
            client.stop.set()
        for client in slow:
            client.join(10)


def test_slow_clients_do_not_starve_the_others(server):
    """More dribbling connections than the server has threads (2 workers x 4), each cut off at the read
    deadline (3 s here): good requests still answer."""
    good_answers_beside_dribblers(server, 12)


@pytest.fixture(scope="module")
def waitress_server(real_build, tmp_path_factory):
    with live.serve(real_build.dataset_path.parent, tmp_path_factory.mktemp("exhaust-waitress"),
                    server="waitress", env={"SAXGRAPH_QUERY_TIMEOUT": "1"}) as running:
        yield running


def test_slow_clients_do_not_starve_waitress(waitress_server):
    """Under waitress (`--server waitress`, 8 threads here) three times as many dribbling connections as it
    has threads: it reads requests itself and hands a thread only a complete one, so good requests still
    answer. (The same test against gunicorn without REQUEST_READ_TIMEOUT fails: its threads are starved.)"""
    good_answers_beside_dribblers(waitress_server, 24)
