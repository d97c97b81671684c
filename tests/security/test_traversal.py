"""No path traversal: no route serves a file from outside its folder, whatever the path holds (`..`, encoded
dots and slashes, backslashes, absolute paths, NUL bytes), and none of them is a 500."""

import http.client
from urllib.parse import urlsplit

import pytest

# What must never come back: markers of files outside the package's static folder.
SECRETS = ["root:x:0:0", "[build-system]", "def create_app", "import ", "SAXGRAPH_SOURCE_ROOT", "#!/"]

TARGETS = ["pyproject.toml", "__init__.py", "etc/passwd"]
TRICKS = [
    "../../{t}", "..%2f..%2f{t}", "%2e%2e/%2e%2e/{t}", "%2e%2e%2f%2e%2e%2f{t}", "..%5c..%5c{t}",
    "..\\..\\{t}", "/{t}", "%2f{t}", "//{t}", "....//....//{t}", "%252e%252e%252f{t}", "..%c0%af{t}",
    "{t}%00", "%00../{t}", "../../../../../../../../{t}",
]
PREFIXES = ["/static/", "/static/vendor/", "/id/", "/id/cluster/", "/download/", "/download/saxgraph.",
            "/examples/", "/class/", "/graph/", "/ontology.", "/.well-known/void.",
            "/id/cluster/cool-silicon/", "/"]
SUFFIXES = ["", ".ttl", ".rq", "/neighbourhood.json"]


def paths():
    for prefix in PREFIXES:
        for trick in TRICKS:
            for target in TARGETS:
                for suffix in SUFFIXES:
                    yield prefix + trick.format(t=target) + suffix


ALL = sorted(set(paths()))


def check(status: int, body: str, path: str) -> None:
    assert status < 500, path
    assert status != 200 or not any(secret in body for secret in SECRETS), path


def test_no_route_serves_a_file_outside_its_folder(client):
    assert len(ALL) > 1000
    for path in ALL:
        response = client.get(path)
        check(response.status_code, response.get_data(as_text=True), path)


def test_nothing_outside_the_folders_over_a_real_socket(live_server):
    """The raw request line, as a real server receives it (a test client may normalise paths first)."""
    host = urlsplit(live_server).netloc
    for path in ALL[::7] + ["/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/pyproject.toml",
                            "/static/..%2f..%2f..%2fpyproject.toml"]:
        connection = http.client.HTTPConnection(host, timeout=30)
        connection.putrequest("GET", path.replace("\\", "%5c"), skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        check(response.status, response.read().decode("utf-8", "replace"), path)
        connection.close()


@pytest.mark.parametrize("path", ["/static/saxgraph.css", "/static/vendor/VERSIONS.json",
                                  "/static/vendor/cytoscape/cytoscape.min.js"])
def test_the_static_files_themselves_are_served(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/id/cluster/cool-silicon%00", "/id/cluster/cool%00silicon.ttl",
                                  "/id/cluster/cool-silicon%00/neighbourhood.json", "/class/Cluster%00",
                                  "/graph/clusters%00", "/download/saxgraph.nq%00", "/class/%25zz",
                                  "/examples/member-counts%00.rq", "/id/cluster/%0a", "/id/cluster/a%20b",
                                  "/id/cluster/100%25", "/graph/a%7Cb", "/id/cluster/x%5E"])
def test_characters_no_iri_may_hold_are_not_found_not_a_crash(client, path):
    assert client.get(path).status_code == 404
    assert client.get(path, headers={"Accept": "text/turtle"}).status_code == 404


def test_searching_for_control_characters_finds_nothing(client):
    response = client.get("/search?q=%00%0a", headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.get_json()["results"] == []
