"""A server that stays up under hostile load (a real `saxgraph serve`, gunicorn, 2 workers x 2 query
processes): /health answers while every query process is busy and dozens of slow queries or slow clients
wait, a query waits for a query process only as long as QUEUE_TIMEOUT, memory per query is bounded by
QUERY_MEMORY, chunked bodies are read whole or refused, and gunicorn's own errors are text/plain."""

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest

from tests.helpers import live

pytestmark = pytest.mark.server

VALUES = " ".join(str(i) for i in range(60))
ENDLESS = "SELECT (COUNT(*) AS ?n) {" + " ".join(f"VALUES ?v{i} {{ {VALUES} }}" for i in range(8)) + "}"
CROSS_SORT = "SELECT * WHERE { GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } } ORDER BY ?c ?f LIMIT 1"


@pytest.fixture(scope="module")
def server(real_build, tmp_path_factory):
    env = {"SAXGRAPH_QUERY_TIMEOUT": "3", "SAXGRAPH_QUEUE_TIMEOUT": "1", "SAXGRAPH_REQUEST_READ_TIMEOUT": "5",
           "SAXGRAPH_RESULT_CACHE_BYTES": "0", "SAXGRAPH_MAX_CONTENT_LENGTH": "100000"}
    with live.serve(real_build.dataset_path.parent, tmp_path_factory.mktemp("load"), env=env) as running:
        yield running


def timed(fn):
    started = time.monotonic()
    result = fn()
    return result, time.monotonic() - started


def health_seconds(server) -> float:
    (status, _), seconds = timed(lambda: live.fetch(f"{server.base}/health", timeout=30))
    assert status == 200
    return seconds


def fetch_from(address: str, port: int, path: str, timeout: float = 30) -> tuple[int, float]:
    """GET `path` from a given loopback source address (another client, as the server sees it)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(address, 0)) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return int(answer[9:12]), time.monotonic() - started


def test_health_and_fast_queries_answer_while_64_slow_queries_wait(server):
    slow = ThreadPoolExecutor(64)
    try:
        outcomes = [slow.submit(live.sparql, server.base, ENDLESS, timeout=60) for _ in range(64)]
        time.sleep(1.0)  # every query process is busy, the rest wait
        assert max(health_seconds(server) for _ in range(5)) < 1.0
        status, seconds = fetch_from("127.0.0.2", server.port, "/sparql?query=" + quote("ASK { ?s ?p ?o }"))
        # within the queue budget (1 s), answered either way
        assert status in (200, 503) and seconds < 1 + 1.5
        statuses = [outcome.result()[0] for outcome in outcomes]
    finally:
        slow.shutdown(wait=True)
    assert set(statuses) == {503}  # each stopped at the time limit (3 s) or the queue budget (1 s)
    assert live.sparql(server.base, "ASK { ?s ?p ?o }")[0] == 200


def test_health_answers_beside_slow_and_idle_connections(server):
    idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(500)]
    dribbling = []
    try:
        for _ in range(20):
            sock = socket.create_connection(("127.0.0.1", server.port))
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            dribbling.append(sock)
        time.sleep(0.5)
        assert max(health_seconds(server) for _ in range(5)) < 1.0
        assert live.sparql(server.base, "ASK { ?s ?p ?o }")[0] == 200
    finally:
        for sock in idle + dribbling:
            sock.close()


@pytest.fixture(scope="module")
def fair_server(real_build, tmp_path_factory):
    env = {"SAXGRAPH_QUERY_TIMEOUT": "4", "SAXGRAPH_QUEUE_TIMEOUT": "2", "SAXGRAPH_MAX_CLIENT_QUERIES": "1",
           "SAXGRAPH_RESULT_CACHE_BYTES": "0"}
    with live.serve(real_build.dataset_path.parent, tmp_path_factory.mktemp("fair"), env=env) as running:
        yield running


def test_with_max_client_queries_another_client_is_answered_at_once(fair_server):
    slow = ThreadPoolExecutor(16)
    try:
        outcomes = [slow.submit(live.sparql, fair_server.base, ENDLESS, timeout=60) for _ in range(16)]
        time.sleep(0.5)
        status, seconds = fetch_from("127.0.0.2", fair_server.port,
                                     "/sparql?query=" + quote("ASK { ?s ?p ?o }"))
        assert status == 200 and seconds < 1.0
        statuses = sorted(outcome.result()[0] for outcome in outcomes)
    finally:
        slow.shutdown(wait=True)
    assert statuses.count(429) >= 14 and set(statuses) <= {429, 503}  # one ran (and hit the time limit)


@pytest.fixture(scope="module")
def memory_server(real_build, tmp_path_factory):
    env = {"SAXGRAPH_QUERY_MEMORY": "300", "SAXGRAPH_QUERY_TIMEOUT": "60", "SAXGRAPH_QUEUE_TIMEOUT": "60",
           "SAXGRAPH_RESULT_CACHE_BYTES": "0"}
    with live.serve(real_build.dataset_path.parent, tmp_path_factory.mktemp("memory"), env=env) as running:
        yield running


def query_processes(server) -> list[int]:
    return [pid for worker in live.children(server.process.pid) for pid in live.children(worker)]


def test_a_query_stays_within_query_memory_four_at_once_included(memory_server):
    assert live.sparql(memory_server.base, "ASK { ?s ?p ?o }")[0] == 200
    baseline = {pid: live.rss_kb(pid) for pid in query_processes(memory_server)}
    peak, stop = {}, threading.Event()

    def sample():
        while not stop.is_set():
            for pid in query_processes(memory_server):
                peak[pid] = max(peak.get(pid, 0), live.rss_kb(pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda _: live.sparql(memory_server.base, CROSS_SORT, timeout=120),
                                    range(4)))
    finally:
        stop.set()
        sampler.join()
    for status, body in answers:
        assert status == 503, body[:300]
        assert b"QUERY_MEMORY" in body
    start = max(baseline.values())
    assert max(peak.values()) < start + 300 * 1024 + 64 * 1024, (start, peak)  # 300 MiB, and some slack
    assert live.sparql(memory_server.base, "ASK { ?s ?p ?o }")[0] == 200  # replaced, and answering
    assert set(query_processes(memory_server)).isdisjoint(baseline)


def chunked(body: bytes, size: int = 7) -> bytes:
    parts = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def post_chunked(server, payload: bytes) -> bytes:
    head = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            b"Accept: text/csv\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    return live.raw_request(server, head + payload)


def test_a_chunked_query_is_read_whole(server):
    query = (b"SELECT ?c WHERE { ?c a <https://w3id.org/saxgraph/ontology#Cluster> } "
             b"ORDER BY ?c LIMIT 3 OFFSET 5")
    answer = post_chunked(server, chunked(query))
    assert answer.startswith(b"HTTP/1.1 200")
    rows = answer.split(b"\r\n\r\n", 1)[1].split(b"\r\n")
    expected = live.sparql(server.base, query.decode(), format="csv")[1].split(b"\r\n")
    assert rows == expected and len(rows) == 5  # header, three rows, the final line break


def test_a_bad_chunk_is_a_400(server):
    answer = post_chunked(server, b"zz\r\nASK {}\r\n0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400"), answer[:300]
    assert b"text/plain" in answer.split(b"\r\n\r\n")[0]


def test_an_oversized_chunked_body_is_refused_not_cut_and_run(server):
    body = b"ASK {} #" + b"x" * 150_000 + b"\nOFFSET 5"
    answer = post_chunked(server, chunked(body, 4096))
    assert answer.startswith(b"HTTP/1.1 413"), answer[:300]
    assert b"MAX_CONTENT_LENGTH" in answer


@pytest.mark.parametrize("request_bytes,status", [
    (b"GET /no-such-page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"404"),
    (b"DELETE /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"405"),
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
     b"Content-Length: 200001\r\nConnection: close\r\n\r\n", b"413"),
    (b"GET /sparql?query=" + b"A" * 9000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"414"),
    (b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\nConnection: close\r\n\r\n", b"431"),
    (b"GET /health HTTP/9.9\r\nHost: x\r\n\r\n", b"400"),
], ids=["404", "405", "413", "414", "431", "400"])
def test_errors_are_text_for_clients_that_did_not_ask_for_html(server, request_bytes, status):
    answer = live.raw_request(server, request_bytes)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head[9:12] == status, answer[:300]
    assert b"content-type: text/plain" in head.lower(), head
    assert body.strip() and b"<" not in body[:1]


def test_a_browser_gets_its_404_as_a_page(server):
    answer = live.raw_request(server, b"GET /no-such-page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                      b"Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 404") and b"text/html" in answer.split(b"\r\n\r\n")[0]
