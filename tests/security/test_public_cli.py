"""`saxgraph build|export|serve --public` and SAXGRAPH_PUBLIC, as a user runs them on the fixture sources
(whose one person, Erika Muster, is Cool Silicon's contact with a direct line)."""

import json
import os
import subprocess
import sys
from urllib.parse import quote

import pytest

from tests.helpers.processes import free_port, get, wait_for

PERSONAL = ["Erika", "Muster", "erika-muster", "+49351123456", "+49 (0)351 123 456", "Projektleiterin"]


@pytest.fixture
def env(sandbox, tmp_path):
    return {"SAXGRAPH_SOURCE_ROOT": str(sandbox), "SAXGRAPH_BUILD_DIR": str(tmp_path / "build"),
            "SAXGRAPH_PUBLIC": ""}


def found(text: str) -> list[str]:
    return [needle for needle in PERSONAL if needle in text]


def test_a_full_build_has_the_contact_person(run_cli, env, tmp_path):
    assert run_cli("build", env=env).returncode == 0
    assert found((tmp_path / "build" / "saxgraph.nq").read_text()) == PERSONAL


def test_build_public_writes_a_dataset_without_personal_data(run_cli, env, tmp_path):
    result = run_cli("build", "--public", env=env)
    assert result.returncode == 0, result.stderr
    assert b"left out" in result.stderr
    nquads = (tmp_path / "build" / "saxgraph.nq").read_text()
    assert found(nquads) == [] and "Cool Silicon" in nquads
    manifest = json.loads((tmp_path / "build" / "manifest.json").read_text())
    assert manifest["public"] is True and manifest["personal_data_removed"] > 0
    assert manifest["quads"] == len(nquads.splitlines())


@pytest.mark.parametrize("fmt", ["nquads", "turtle", "jsonld", "graphml", "gexf"])
def test_export_public_leaves_personal_data_out(run_cli, env, fmt):
    full = run_cli("export", "--format", fmt, env=env)
    assert full.returncode == 0 and "Muster" in full.stdout.decode()
    public = run_cli("export", "--format", fmt, "--public", env=env)
    assert public.returncode == 0, public.stderr
    assert found(public.stdout.decode()) == [] and "Cool Silicon" in public.stdout.decode()


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_domain_only_public_leaves_personal_data_out(run_cli, env, fmt):
    full = run_cli("export", "--format", fmt, "--domain-only", env=env)
    assert full.returncode == 0 and "Muster" in full.stdout.decode()  # a person is no vocabulary
    public = run_cli("export", "--format", fmt, "--domain-only", "--public", env=env)
    assert public.returncode == 0, public.stderr
    assert found(public.stdout.decode()) == [] and "Cool Silicon" in public.stdout.decode()


@pytest.mark.parametrize("domain", [[], ["--domain-only"]])
def test_export_csv_folder_public_leaves_personal_data_out(run_cli, env, tmp_path, domain):
    for mode, folder in (([], tmp_path / "full"), (["--public"], tmp_path / "public")):
        result = run_cli("export", "--format", "csv", *domain, *mode, "--output", folder, env=env)
        assert result.returncode == 0, result.stderr
    text = lambda folder: "".join((folder / n).read_text() for n in ("nodes.csv", "edges.csv"))  # noqa: E731
    assert "Muster" in text(tmp_path / "full")
    assert found(text(tmp_path / "public")) == [] and "Cool Silicon" in text(tmp_path / "public")


def test_saxgraph_public_in_the_environment_turns_public_mode_on(run_cli, env):
    everything = "SELECT ?s ?p ?o { ?s ?p ?o }"
    result = run_cli("query", everything, "--format", "csv", env={**env, "SAXGRAPH_PUBLIC": "1"})
    assert result.returncode == 0 and found(result.stdout.decode()) == []
    assert "Muster" in run_cli("query", everything, "--format", "csv", env=env).stdout.decode()


@pytest.mark.parametrize("how", ["--public", "SAXGRAPH_PUBLIC=1"])
def test_serve_public(env, tmp_path, how):
    port, log = free_port(), tmp_path / "server.log"
    args = [sys.executable, "-m", "saxgraph", "serve", "--port", str(port), "--server", "waitress"]
    run_env = {**os.environ, **env, "SAXGRAPH_PUBLIC": "1" if how != "--public" else ""}
    with log.open("w") as stderr:
        process = subprocess.Popen(args + (["--public"] if how == "--public" else []), stdout=stderr,
                                   stderr=stderr, cwd=tmp_path, env=run_env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health", process, log, seconds=120)
        status, body = get(f"{base}/sparql?format=csv&query={quote('SELECT ?s ?p ?o { ?s ?p ?o }')}")
        assert status == 200 and b"Cool Silicon" in body and found(body.decode()) == []
        status, body = get(f"{base}/id/cluster/cool-silicon")
        assert status == 200 and found(body.decode()) == []
        assert get(f"{base}/id/person/erika-muster")[0] == 404
        assert "without personal data" in log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.parametrize("command", [["query", "ASK {}"], ["stats"], ["export", "--format", "nquads"]])
def test_public_mode_is_refused_on_a_remote_store_rather_than_ignored(run_cli, env, command):
    """A remote store's data cannot be filtered as it is served: exit 2 and say what to do,
    never the full data."""
    result = run_cli(*command, "--public", "--backend", "http://127.0.0.1:9/query", env=env)
    assert result.returncode == 2
    assert b"publish a public build" in result.stderr and result.stdout == b""


def test_the_app_refuses_public_mode_on_a_remote_store():
    from saxgraph.errors import SaxgraphError
    from saxgraph.web import create_app

    with pytest.raises(SaxgraphError, match="publish a public build"):
        create_app({"PUBLIC": True, "BACKEND": "http://127.0.0.1:9/query"})
