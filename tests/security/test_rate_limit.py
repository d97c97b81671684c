"""RATE_LIMIT: requests per minute per client address; beyond it 429 with Retry-After. Off by default."""

import time
from urllib.parse import quote

import pytest

from saxgraph.web import create_app
from saxgraph.web.rate_limit import RateLimiter

ASK = "/sparql?query=" + quote("ASK { ?s ?p ?o }")


@pytest.fixture
def limited(mini_dataset):
    def make(per_minute, **config):
        return create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_WORKERS": 1,
                           "RATE_LIMIT": per_minute, **config}).test_client()

    return make


def from_address(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def test_no_limit_by_default(client):
    assert all(client.get("/index.json").status_code == 200 for _ in range(300))


def test_beyond_the_limit_a_client_gets_429_with_retry_after(limited):
    client = limited(5)
    statuses = [client.get(ASK, **from_address("192.0.2.1")).status_code for _ in range(5)]
    assert statuses == [200] * 5
    refused = client.get(ASK, **from_address("192.0.2.1"))
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 12  # a token every 12 s at 5 per minute
    assert "RATE_LIMIT" in refused.get_data(as_text=True) and refused.mimetype == "text/plain"
    assert refused.headers["Access-Control-Allow-Origin"] == "*"  # a cross-origin client can read why


def test_each_client_address_has_its_own_allowance(limited):
    client = limited(2)
    for _ in range(2):
        assert client.get("/index.json", **from_address("192.0.2.1")).status_code == 200
    assert client.get("/index.json", **from_address("192.0.2.1")).status_code == 429
    assert client.get("/index.json", **from_address("192.0.2.2")).status_code == 200
    assert client.get("/index.json", **from_address("2001:db8::1")).status_code == 200


def test_every_route_counts_but_health_and_static_files(limited):
    client = limited(3)
    for path in ["/", "/id/cluster/cool-silicon", "/download/"]:
        assert client.get(path).status_code == 200
    assert client.get("/search?q=cool").status_code == 429
    assert client.get("/sparql", headers={"Accept": "text/turtle"}).status_code == 429
    assert client.get("/health").status_code == 200
    assert client.get("/static/saxgraph.css").status_code == 200


def test_the_allowance_comes_back_with_time(limited):
    client = limited(600)  # ten a second
    statuses = [client.get("/index.json").status_code for _ in range(650)]
    assert 429 in statuses
    time.sleep(0.25)
    assert client.get("/index.json").status_code == 200


def test_the_limit_is_read_from_the_environment(monkeypatch, mini_dataset):
    monkeypatch.setenv("SAXGRAPH_RATE_LIMIT", "2")
    client = create_app({"STORE": mini_dataset, "TESTING": True}).test_client()
    assert [client.get("/index.json").status_code for _ in range(3)] == [200, 200, 429]


def test_token_bucket_refills_at_the_rate():
    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])  # one a second, up to 60 at once
    assert all(limiter.wait("a") == 0 for _ in range(60))
    assert limiter.wait("a") == pytest.approx(1.0)
    now[0] += 0.5
    assert limiter.wait("a") == pytest.approx(0.5)
    now[0] += 0.5
    assert limiter.wait("a") == 0
    now[0] += 3600
    assert sum(limiter.wait("a") == 0 for _ in range(100)) == 60  # never more than the bucket holds


def test_a_refused_request_is_logged(limited, caplog):
    client = limited(1)
    client.get("/index.json")
    with caplog.at_level("INFO", logger="saxgraph.access"):
        assert client.get("/index.json").status_code == 429
    assert any("status=429" in record.getMessage() for record in caplog.records)


def behind_proxy(forwarded_for: str, **headers) -> dict:
    return {"environ_base": {"REMOTE_ADDR": "10.0.0.1"},
            "headers": {"X-Forwarded-For": forwarded_for, **headers}}


def test_behind_a_trusted_proxy_each_client_has_its_own_allowance(limited):
    client = limited(2, TRUSTED_PROXIES=1)
    for _ in range(2):
        assert client.get("/index.json", **behind_proxy("192.0.2.1")).status_code == 200
    assert client.get("/index.json", **behind_proxy("192.0.2.1")).status_code == 429
    assert client.get("/index.json", **behind_proxy("192.0.2.2")).status_code == 200


def test_a_forged_forwarded_for_does_not_buy_a_new_allowance(limited):
    """Untrusted, the header is ignored; trusted, only the address the proxy itself appended counts."""
    direct = limited(2)
    for n in range(2):
        assert direct.get("/index.json", **behind_proxy(f"198.51.100.{n}")).status_code == 200
    assert direct.get("/index.json", **behind_proxy("198.51.100.9")).status_code == 429
    proxied = limited(2, TRUSTED_PROXIES=1)
    for n in range(2):
        assert proxied.get("/index.json", **behind_proxy(f"198.51.100.{n}, 192.0.2.7")).status_code == 200
    assert proxied.get("/index.json", **behind_proxy("198.51.100.9, 192.0.2.7")).status_code == 429


def test_behind_a_trusted_proxy_absolute_urls_use_the_public_scheme_and_host(limited):
    """The service description names the endpoint as clients reach it through the proxy."""
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "graph.example.org", "Accept": "text/turtle"}
    trusted = limited(0, TRUSTED_PROXIES=1).get("/sparql", headers=headers,
                                                environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert "<https://graph.example.org/sparql>" in trusted.get_data(as_text=True)
    untrusted = limited(0).get("/sparql", headers=headers).get_data(as_text=True)
    assert "graph.example.org" not in untrusted and "<http://localhost/sparql>" in untrusted


SLOW = "/sparql?query=" + quote("SELECT (COUNT(*) AS ?n) { " + " ".join(
    f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(30))} }}" for i in range(4)) + " }")  # ~0.3 s


def test_query_time_is_charged_to_its_client(limited):
    """RATE_LIMIT_QUERY_SECONDS: a client that has used its engine time waits; another client does not."""
    client = limited(0, RATE_LIMIT_QUERY_SECONDS=0.3, RESULT_CACHE_BYTES=0)
    statuses = [client.get(SLOW, **from_address("192.0.2.1")).status_code for _ in range(30)]
    assert statuses[0] == 200 and 429 in statuses, statuses
    refused = client.get(SLOW, **from_address("192.0.2.1"))
    assert refused.status_code == 429 and "RATE_LIMIT_QUERY_SECONDS" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) >= 1
    assert client.get(SLOW, **from_address("192.0.2.2")).status_code == 200


def test_the_limits_are_shared_by_the_servers_processes(limited):
    """The allowance lives in shared memory made before gunicorn forks its workers: a request counted in one
    process is counted in the others."""
    import os

    client = limited(4)
    app = client.application
    table = app.extensions["saxgraph.clients"]
    for _ in range(2):
        assert client.get("/index.json").status_code == 200
    pid = os.fork()
    if pid == 0:  # another worker process of the same server
        taken = sum(table.take_request("127.0.0.1") == 0 for _ in range(5))
        os._exit(taken)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 2  # the two left after this process's two
    assert client.get("/index.json").status_code == 429


def test_too_many_queries_at_once_from_one_client_are_refused(mini_dataset):
    """MAX_CLIENT_QUERIES counts queries running or waiting for a query process; others are not held up."""
    from concurrent.futures import ThreadPoolExecutor

    app = create_app({"STORE": mini_dataset, "TESTING": True, "QUERY_WORKERS": 1, "MAX_CLIENT_QUERIES": 2,
                      "RESULT_CACHE_BYTES": 0, "QUEUE_TIMEOUT": 30})

    def ask(address):
        return app.test_client().get(SLOW, **from_address(address)).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(ask, ["192.0.2.1"] * 8))
    assert statuses.count(200) >= 2 and 429 in statuses, statuses
    assert ask("192.0.2.1") == 200  # all of them ended: the count is back to zero
