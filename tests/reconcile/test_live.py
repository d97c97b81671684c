"""OpenRefine's side of the conversation over a real socket: the manifest by JSONP, batches as form POSTs
(UTF-8, hundreds of queries in one), data extension, and the view and preview URLs built from the manifest's
templates with the id encoded as a URI component, as the specification tells clients to. Once against the
threaded test server, once against `saxgraph serve` (gunicorn) as deployed."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

import saxgraph
from tests.helpers.processes import free_port, wait_for

FORM = "application/x-www-form-urlencoded; charset=UTF-8"  # what OpenRefine's HTTP client sends


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers.get_content_type(), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read().decode("utf-8")


def post(url: str, field: str, value) -> tuple[int, dict | str]:
    body = urllib.parse.urlencode({field: json.dumps(value, ensure_ascii=False)}, encoding="utf-8").encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": FORM})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def converse(base: str) -> None:
    """What OpenRefine does, from adding the service to extending the reconciled column."""
    status, kind, body = get(f"{base}/reconcile?callback=jsonp1700000000")
    assert status == 200 and kind == "application/javascript"
    manifest = json.loads(body[body.index("(") + 1:body.rindex(")")])
    assert manifest["versions"] == ["0.2"]
    service = f"{base}/reconcile"
    # reconcile a column against a type, the first rows' types guessed first (a batch without types)
    cells = ["Silicon Saxony e.V.", "TU Chemnitz", "Forschungszentrum Jülich GmbH", "Fraunhofer ENAS",
             "Leichtbau BW", "Quomekbra Zeltorvin"]
    status, guessed = post(service, "queries", {f"q{i}": {"query": c} for i, c in enumerate(cells)})
    assert status == 200 and guessed["q0"]["result"][0]["type"]
    typed = {f"q{i}": {"query": c, "type": "Organisation", "type_strict": "should"}
             for i, c in enumerate(cells)}
    status, answer = post(service, "queries", typed)
    assert status == 200
    first = {i: (answer[f"q{i}"]["result"] or [{}])[0] for i in range(len(cells))}
    assert first[0]["id"] == "cluster/silicon-saxony" and first[0]["match"] is True
    assert first[2]["id"] == "organisation/forschungszentrum-juelich" and first[2]["match"] is True
    assert first[4].get("match") is False  # two entities share the name
    assert answer["q5"]["result"] == []
    # hundreds of rows in one request
    status, many = post(service, "queries", {f"r{i}": {"query": cells[i % 5]} for i in range(600)})
    assert status == 200 and len(many) == 600 and all(many[f"r{i}"]["result"] for i in range(600))
    # the cell's links: the entity page and the preview card, id encoded as a URI component
    for entity in ("cluster/silicon-saxony", "organisation/forschungszentrum-juelich"):
        encoded = urllib.parse.quote(entity, safe="")
        assert "%2F" in encoded
        status, kind, page = get(manifest["view"]["url"].replace("{{id}}", encoded))
        assert status == 200 and kind == "text/html", (entity, status)
        status, kind, preview = get(manifest["preview"]["url"].replace("{{id}}", encoded))
        assert status == 200 and kind == "text/html"
        assert "Silicon Saxony" in preview or "Jülich" in preview
    # suggest while typing in the "search for match" box, UTF-8 in the URL
    suggest = manifest["suggest"]["entity"]
    status, kind, found = get(suggest["service_url"] + suggest["service_path"] + "?prefix="
                              + urllib.parse.quote("Forschungszentrum Jül"))
    assert status == 200 and json.loads(found)["result"][0]["id"] == "organisation/forschungszentrum-juelich"
    # add columns from the reconciled values: city, target countries
    propose = manifest["extend"]["propose_properties"]
    status, kind, proposed = get(propose["service_url"] + propose["service_path"] + "?type=Cluster")
    assert {"city", "targetCountries"} <= {p["id"] for p in json.loads(proposed)["properties"]}
    status, extended = post(service, "extend", {"ids": ["cluster/bioeconomy-cluster", "cluster/arena-2036"],
                                                "properties": [{"id": "city"}, {"id": "targetCountries"}]})
    assert status == 200
    assert extended["rows"]["cluster/arena-2036"]["city"] == [{"id": "place/stuttgart", "name": "Stuttgart"}]
    assert {v["name"] for v in extended["rows"]["cluster/arena-2036"]["targetCountries"]} == {"Australia",
                                                                                              "Canada"}
    # and a mistake is told, not swallowed
    status, message = post(service, "queries", {"q0": {"query": "x", "type": "Organization"}})
    assert status == 400 and "unknown type 'Organization'" in message


def test_openrefine_converses_with_the_live_server(live_server):
    converse(live_server)


@pytest.mark.server
def test_openrefine_converses_with_saxgraph_serve(real_build, tmp_path):
    port, log = free_port(), tmp_path / "server.log"
    code = str(Path(saxgraph.__file__).resolve().parents[1])  # the code under test, not another install
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([code, os.environ.get("PYTHONPATH", "")])}
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "saxgraph", "serve", "--port", str(port),
                                    "--server", "gunicorn", "--workers", "1", "--build-dir",
                                    str(Path(real_build.dataset_path).parent)],
                                   stdout=out, stderr=out, cwd=tmp_path, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health", process, log, seconds=60)
        converse(base)
    finally:
        process.terminate()
        process.wait(timeout=20)
