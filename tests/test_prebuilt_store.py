"""A build is served from its prebuilt on-disk store, opened read-only: the same answers as the N-Quads loaded
into memory, through the forked query workers too; one store per data version, older ones removed."""

import json

import pytest

from saxgraph.build.pipeline import build
from saxgraph.build.sources import discover
from saxgraph.store.open import open_build
from saxgraph.web import create_app

QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label",
    "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class",
    "ASK { ?s a <https://w3id.org/saxgraph/ontology#Cluster> }",
]


@pytest.fixture(scope="module")
def both(mini_build):
    build_dir = mini_build.dataset_path.parent
    return (open_build(build_dir, build_if_missing=False, in_memory=False),
            open_build(build_dir, build_if_missing=False, in_memory=True))


def test_a_build_writes_a_prebuilt_store_named_in_its_manifest(mini_build):
    name = mini_build.manifest["store"]
    assert name.startswith("store-")
    assert mini_build.manifest["hash"].split(":")[1].startswith(name[len("store-"):])
    assert (mini_build.dataset_path.parent / name).is_dir()


def test_the_build_is_served_from_the_prebuilt_store(both, mini_build):
    prebuilt, memory = both
    assert prebuilt.origin.endswith(mini_build.manifest["store"])
    assert memory.origin.endswith("saxgraph.nq")
    assert len(prebuilt) == len(memory) == mini_build.manifest["quads"]
    assert prebuilt.graphs() == memory.graphs()
    assert prebuilt.version == memory.version


@pytest.mark.parametrize("query", QUERIES)
def test_prebuilt_and_in_memory_answer_alike(both, query):
    prebuilt, memory = both
    if query.startswith("ASK"):
        assert prebuilt.ask(query) == memory.ask(query)
    else:
        assert prebuilt.select(query) == memory.select(query)


def test_the_union_default_graph_holds_each_triple_once(both):
    prebuilt, memory = both
    triples = len({q.triple for q in memory.quads()})
    assert prebuilt.select(QUERIES[0]) == [{"n": str(triples)}]
    assert sorted(map(str, prebuilt.quads())) == sorted(map(str, memory.quads()))


def test_forked_query_workers_answer_from_the_prebuilt_store(mini_build, both):
    app = create_app({"BUILD_DIR": str(mini_build.dataset_path.parent), "TESTING": True, "QUERY_WORKERS": 2,
                      "RESULT_CACHE_BYTES": 0, "STORE_IN_MEMORY": False})
    assert app.extensions["saxgraph.store"].origin.endswith(mini_build.manifest["store"])
    client = app.test_client()
    for query in QUERIES * 3:  # each worker answers several times
        response = client.get("/sparql", query_string={"query": query},
                              headers={"Accept": "application/json"})
        assert response.status_code == 200, response.get_data(as_text=True)
        if not query.startswith("ASK"):
            rows = [{k: v["value"] for k, v in b.items()} for b in response.get_json()["results"]["bindings"]]
            assert rows == both[1].select(query)


@pytest.mark.parametrize("setting,limit,expected", [
    (True, 10**9, "saxgraph.nq"), ("true", 0, "saxgraph.nq"), (False, 10**9, "store-"),
    ("0", 10**9, "store-"), ("auto", 10**9, "saxgraph.nq"), ("auto", 0, "store-"),
])
def test_the_store_setting_picks_memory_or_disk(mini_build, monkeypatch, setting, limit, expected):
    from saxgraph.store import open as opening

    monkeypatch.setattr(opening, "IN_MEMORY_MAX_QUADS", limit)
    app = create_app({"BUILD_DIR": str(mini_build.dataset_path.parent), "TESTING": True,
                      "STORE_IN_MEMORY": setting})
    origin = app.extensions["saxgraph.store"].origin
    assert expected in origin.rsplit("/", 1)[-1]


def test_a_build_without_its_store_folder_is_loaded_into_memory(sandbox, tmp_path):
    import shutil

    out = tmp_path / "build"
    result = build(discover(sandbox), out_dir=out)
    shutil.rmtree(out / result.manifest["store"])
    store = open_build(out, build_if_missing=False, in_memory=False)
    assert store.origin.endswith("saxgraph.nq") and len(store) == result.manifest["quads"]


def test_a_new_data_version_gets_a_new_store_and_older_ones_go(sandbox, tmp_path):
    out = tmp_path / "build"
    clusters = sandbox / "data" / "clusters.ttl"
    names = []
    for old, code in (("01099", "01099"), ("01099", "01067"), ("01067", "01069")):
        clusters.write_text(clusters.read_text().replace(f'sg:postalCode "{old}"', f'sg:postalCode "{code}"'))
        names.append(build(discover(sandbox), out_dir=out).manifest["store"])
    assert len(set(names)) == 3
    present = sorted(p.name for p in out.iterdir() if p.name.startswith("store-"))
    assert present == sorted(names[1:]), "the current store and the previous one (a server may hold it open)"
    manifest = json.loads((out / "manifest.json").read_text())
    assert open_build(out, build_if_missing=False, in_memory=False).origin.endswith(manifest["store"])
