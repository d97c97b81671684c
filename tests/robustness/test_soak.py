"""A short soak: concurrent clients against `saxgraph serve` (gunicorn, loopback) for ~20 s. No request may
fail, and the server's memory may not keep growing. The multi-minute version: `python bench/soak.py`."""

import os

import pytest

from tests.helpers import live

pytestmark = pytest.mark.server

SECONDS = float(os.environ.get("SAXGRAPH_SOAK_SECONDS", "20"))


@pytest.fixture(scope="module")
def server(real_build, tmp_path_factory):
    with live.serve(real_build.dataset_path.parent, tmp_path_factory.mktemp("soak")) as running:
        yield running


def test_concurrent_clients_get_every_answer_and_memory_stays_flat(server):
    live.load(server, seconds=3, clients=4)  # warm: workers forked, dumps and indexes built
    before = server.rss_mb()
    result = live.load(server, seconds=SECONDS, clients=6, max_requests=20_000)
    after = server.rss_mb()
    print(f"\nsoak: {result.requests} requests in {result.seconds:.1f} s ({result.throughput:.0f}/s), "
          f"{len(result.errors)} errors, RSS {before:.0f} -> {after:.0f} MB, samples {result.rss_mb}")
    assert result.requests > 0
    assert result.errors == []
    assert after < before * 1.25 + 50, f"the server grew from {before:.0f} MB to {after:.0f} MB"
    assert live.health(server)["status"] == "ok"
