"""Shared fixtures: the real dataset built once per session, and a small fixture graph for fast tests."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from saxgraph.build import build
from saxgraph.errors import BuildError
from saxgraph.sources import discover, source_root
from saxgraph.store import Store
from tests.helpers.evidence import stripped_sources

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
W3C_DIR = ROOT.parent / "shared" / "w3c-sparql11"


def require_or_skip(condition: bool, reason: str, variable: str) -> None:
    """Skip with a reason, unless CI set `variable`, which turns the skip into a failure."""
    if condition:
        return
    if os.environ.get(variable):
        pytest.fail(f"{reason} (and {variable} is set, so this may not be skipped)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def real_build(tmp_path_factory):
    """The product data, built from data/ into a temporary folder (never touches build/).

    A build that cannot read the evidence annotations yet (RDF 1.2 reifiers, data/curation/) gets the same
    sources with the annotations stripped and the curation kept out of the document graphs; if that build
    fails too, its error is a real one and is raised."""
    out = tmp_path_factory.mktemp("build")
    try:
        return build(discover(source_root()), out_dir=out)
    except BuildError:
        sources = stripped_sources(source_root(), tmp_path_factory.mktemp("stripped-sources"))
        return build(sources, out_dir=out)


@pytest.fixture(scope="session")
def dataset(real_build):
    """The real dataset: default graph = union of the named graphs."""
    return Store.from_nquads(real_build.dataset_path, real_build.manifest)


@pytest.fixture(scope="session")
def mini_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("mini-build")
    return build(discover(MINI), out_dir=out)


@pytest.fixture(scope="session")
def mini_dataset(mini_build):
    return Store.from_nquads(mini_build.dataset_path, mini_build.manifest)


@pytest.fixture
def sandbox(tmp_path):
    """A writable copy of the small fixture sources (ontology and shapes copied from the project)."""
    root = tmp_path / "sources"
    shutil.copytree(MINI / "data", root / "data")
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "shapes", root / "shapes")
    return root


@pytest.fixture
def run_cli():
    """Run the installed console script as a user would; returns the CompletedProcess."""

    def run(*args, input=None, env=None):
        return subprocess.run([sys.executable, "-m", "saxgraph", *map(str, args)], capture_output=True,
                              input=input, env={**os.environ, **(env or {})}, timeout=300)

    return run


# --- the web app ---------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def app(mini_dataset):
    """The app over the small fixture graph (fast protocol tests)."""
    from saxgraph.web import create_app

    return create_app({"STORE": mini_dataset, "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def real_app(dataset):
    """The app over the real product data."""
    from saxgraph.web import create_app

    return create_app({"STORE": dataset, "TESTING": True})


@pytest.fixture
def real_client(real_app):
    return real_app.test_client()


@pytest.fixture(scope="session")
def live_server(real_app):
    """The real-data app on a real loopback socket (a thread running Werkzeug's server)."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, real_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
