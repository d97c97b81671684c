"""Fixtures: each real store started once per session, and the real build published into it."""

import pytest

from saxgraph.publish import publish
from tests.conftest import require_or_skip
from tests.helpers.stores import oxigraph_binary, start_oxigraph, start_virtuoso, virtuoso_binary

REQUIRE = "SAXGRAPH_REQUIRE_STORES"
STORES = ["oxigraph", "virtuoso"]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    require_or_skip(oxigraph_binary() is not None,
                    "the Oxigraph server is not installed (pip install oxigraph)", REQUIRE)
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    require_or_skip(virtuoso_binary() is not None,
                    "Virtuoso is not installed (apt-get install virtuoso-opensource)", REQUIRE)
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="session", params=STORES)
def published(request, real_build):
    """A real store holding the real build, published by `saxgraph.publish` (the library call)."""
    server = request.getfixturevalue(f"{request.param}_server")
    report = publish(server.store_url, auth=server.auth, build_dir=real_build.dataset_path.parent)
    return server, report


@pytest.fixture(scope="session")
def remote_app(published):
    """The app answering from the store instead of the embedded one."""
    from saxgraph.web import create_app

    server, _ = published
    return create_app({"BACKEND": server.query_url, "TESTING": True})


@pytest.fixture(scope="session")
def local_app(dataset):
    from saxgraph.web import create_app

    return create_app({"STORE": dataset, "TESTING": True})
