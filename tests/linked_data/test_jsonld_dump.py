"""The JSON-LD dump: compacted with the project's @context, the union of the graphs readable by a plain
rdflib Graph, the named graphs by a Dataset, the same data as the N-Quads dump."""

import io
import json

import pyoxigraph as ox
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from saxgraph import exports
from saxgraph.namespaces import PREFIXES


def exported(store, name) -> bytes:
    buffer = io.BytesIO()
    exports.export(store, name, buffer)
    return buffer.getvalue()


def rdflib_quads(nquads: bytes) -> set:
    dataset = rdflib.Dataset()
    dataset.parse(data=nquads.decode(), format="nquads")
    return {q for q in dataset.quads() if q[3] != DATASET_DEFAULT_GRAPH_ID}


def test_compacted_with_the_project_context(mini_dataset):
    document = json.loads(exported(mini_dataset, "jsonld"))
    assert document["@context"] == PREFIXES
    ids = {node["@id"] for node in document["@graph"]}
    assert "cluster:cool-silicon" in ids and "graph:clusters" in ids
    cool = next(n for n in document["@graph"] if n["@id"] == "cluster:cool-silicon")
    assert "sg:Cluster" in cool["@type"] and "sg:legalForm" in cool


def test_a_plain_graph_reads_the_union(mini_dataset):
    graph = rdflib.Graph().parse(data=exported(mini_dataset, "jsonld"), format="json-ld")
    union = rdflib.Graph().parse(data=exported(mini_dataset, "ntriples").decode(), format="nt")
    assert len(graph) == len(union) == len({q.triple for q in mini_dataset.quads()}) > 0
    assert set(graph) == set(union)


def test_a_dataset_reads_the_named_graphs_as_the_nquads_dump_has_them(mini_dataset):
    dataset = rdflib.Dataset()
    dataset.parse(data=exported(mini_dataset, "jsonld"), format="json-ld")
    named = {q for q in dataset.quads() if q[3] != DATASET_DEFAULT_GRAPH_ID}
    expected = rdflib_quads(exported(mini_dataset, "nquads"))
    assert len(named) == len(expected) == len(mini_dataset)
    assert named == expected
    assert len(dataset.graph(DATASET_DEFAULT_GRAPH_ID)) == len({q.triple for q in mini_dataset.quads()})


def test_typed_and_language_literals_keep_their_form(mini_dataset):
    parsed = list(ox.parse(exported(mini_dataset, "jsonld"), format=ox.RdfFormat.JSON_LD))
    literals = {q.object for q in parsed if isinstance(q.object, ox.Literal)}
    originals = {q.object for q in mini_dataset.quads() if isinstance(q.object, ox.Literal)}
    assert literals == originals
    assert any(o.language for o in originals)
    assert any(o.datatype.value.endswith("#integer") for o in originals)


def test_deterministic(mini_dataset):
    assert exported(mini_dataset, "jsonld") == exported(mini_dataset, "jsonld")


def test_the_seed_data_round_trips(dataset):
    body = exported(dataset, "jsonld")
    assert len(rdflib.Graph().parse(data=body, format="json-ld")) == len({q.triple for q in dataset.quads()})
    parsed = rdflib.Dataset()
    parsed.parse(data=body, format="json-ld")
    assert sum(1 for q in parsed.quads() if q[3] != DATASET_DEFAULT_GRAPH_ID) == len(dataset)
