"""The home page and the query page: what they show, their machine-readable twins, and safe embedding."""

import json
import re

from saxgraph.namespaces import PREFIXES
from saxgraph.query import examples


def test_home_page_links_everything_and_has_a_json_twin(client, mini_dataset):
    page = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
    for link in ('href="/query"', 'href="/examples"', 'href="/download/"', 'href="/.well-known/void"',
                 'href="/index.json"', 'class="class-counts"'):
        assert link in page, link
    assert re.search(r'<form class="home-search" action="/search"[^>]*>\s*<label[^>]*>[^<]+</label>\s*'
                     r'<input id="home-q" type="search" name="q"', page)
    for example in examples.catalogue():  # every question is one click from the home page
        assert f'href="/query?example={example.name}"' in page
    twin = client.get("/index.json").get_json()
    assert twin["quads"] == len(mini_dataset) and twin["graphs"] == mini_dataset.graphs()
    assert client.get("/", headers={"Accept": "application/json"}).get_json() == twin


def config_of(page: str) -> dict:
    raw = re.search(r'<script id="saxgraph-config" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(raw.group(1))


def test_query_page_uses_the_vendored_yasgui_on_this_endpoint(client):
    page = client.get("/query").get_data(as_text=True)
    assert "/static/vendor/yasgui/yasgui.min.js" in page and "/static/vendor/yasgui/yasgui.min.css" in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()
    config = config_of(page)
    assert config["endpoint"] == "sparql"  # relative to the page: /query -> /sparql
    assert config["prefixes"] == PREFIXES
    assert len(config["examples"]) >= 12


def test_query_page_behind_a_proxy_prefix_posts_to_its_own_endpoint(client):
    page = client.get("/query", environ_overrides={"SCRIPT_NAME": "/saxgraph"}).get_data(as_text=True)
    assert "/saxgraph/static/vendor/yasgui/yasgui.min.js" in page
    assert config_of(page)["endpoint"] == "sparql"  # resolved against /saxgraph/query


def test_query_page_prefills_an_example_or_a_query(client):
    config = config_of(client.get("/query?example=member-counts").get_data(as_text=True))
    assert "sg:memberCount" in config["query"]
    config = config_of(client.get("/query", query_string={"query": "ASK {}"}).get_data(as_text=True))
    assert config["query"] == "ASK {}" and config["run"] is False
    assert config_of(client.get("/query?example=member-counts&run=1").get_data(as_text=True))["run"] is True


def test_an_unknown_example_is_not_found(client):
    response = client.get("/query?example=no-such-example")
    assert response.status_code == 404 and "/examples" in response.get_data(as_text=True)


def test_a_query_cannot_break_out_of_the_script_element(client):
    hostile = 'SELECT * {} # </script><script>alert(1)</script>'
    page = client.get("/query", query_string={"query": hostile}).get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert config_of(page)["query"] == hostile


def test_vendored_assets_match_their_record():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, str(root / "scripts" / "vendor_assets.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    licences = root / "src" / "saxgraph" / "web" / "static" / "vendor"
    assert (licences / "yasgui" / "LICENSE").read_text().startswith("The MIT License")
    assert "MIT" in (licences / "cytoscape" / "LICENSE").read_text()
