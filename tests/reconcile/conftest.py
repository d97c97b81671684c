"""Fixtures of the reconciliation tests: the specification's schemas (or a skip with the reason), the app in
public mode, and what public mode must never show (read from the full data)."""

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES
from tests.conftest import require_or_skip
from tests.helpers.reconcile import ABSENT, REQUIRE, spec_present

PERSONS = SPARQL_PREFIXES + ("SELECT ?person ?label { ?person a sg:Person ; rdfs:label ?label } "
                             "ORDER BY ?person")


@pytest.fixture
def spec():
    """The specification's schemas and examples are there; otherwise skip (fail when CI requires them)."""
    require_or_skip(spec_present(), ABSENT, REQUIRE)


@pytest.fixture(scope="session")
def public_app(dataset):
    from saxgraph.web import create_app

    return create_app({"STORE": dataset, "PUBLIC": True, "TESTING": True, "QUERY_WORKERS": 1})


@pytest.fixture
def public_client(public_app):
    return public_app.test_client()


@pytest.fixture(scope="session")
def persons(dataset) -> list[dict]:
    """The persons of the full data: IRI and name (public mode leaves them out)."""
    rows = dataset.select(PERSONS)
    assert len(rows) >= 30  # the contact persons of the leading-edge clusters, among others
    return rows
