"""Exports for graph tools: GraphML opened with networkx, GEXF checked against the GEXF 1.3 structure, CSV
tables; node and edge counts equal SPARQL counts; `saxgraph export --format ...` writes the same bytes."""

import csv
import io
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from saxgraph import exports
from saxgraph.namespaces import GRAPH_BASE, ID_BASE

HERE = Path(__file__).parent
SKIP = f"<{GRAPH_BASE}inferred>, <{GRAPH_BASE}ontology>, <{GRAPH_BASE}evidence>"  # what the exports leave out

NODES = f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  GRAPH ?g {{ ?s a ?class }} FILTER(?g NOT IN ({SKIP}) && STRSTARTS(STR(?s), "{ID_BASE}")) }}"""
EDGES = f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{
  GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN ({SKIP}) && ?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>)
  GRAPH ?gs {{ ?s a ?cs }} FILTER(?gs NOT IN ({SKIP}) && STRSTARTS(STR(?s), "{ID_BASE}"))
  GRAPH ?go {{ ?o a ?co }} FILTER(?go NOT IN ({SKIP}) && STRSTARTS(STR(?o), "{ID_BASE}")) }} }}"""


def export(store, name) -> bytes:
    buffer = io.BytesIO()
    exports.export(store, name, buffer)
    return buffer.getvalue()


def counts(store):
    return int(store.select(NODES)[0]["n"]), int(store.select(EDGES)[0]["n"])


@pytest.fixture(scope="module")
def expected(mini_dataset):
    return counts(mini_dataset)


def test_graphml_opens_in_networkx(mini_dataset, expected, tmp_path):
    path = tmp_path / "saxgraph.graphml"
    path.write_bytes(export(mini_dataset, "graphml"))
    graph = nx.read_graphml(path)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected
    cool = graph.nodes[ID_BASE + "cluster/cool-silicon"]
    assert cool["label"] == "Cool Silicon" and cool["class"] == "Cluster"
    assert cool["sg:legalForm"] == "e.V."  # a literal folded into an attribute
    edges = graph.get_edge_data(ID_BASE + "cluster/cool-silicon", ID_BASE + "cluster/minalogic")
    assert [e["label"] for e in edges.values()] == ["partner cluster"]
    assert [e["property"] for e in edges.values()] == ["sg:partnerCluster"]


def test_gexf_has_the_gexf_1_3_structure(mini_dataset):
    schema = etree.XMLSchema(etree.parse(str(HERE / "gexf-1.3-structure.xsd")))
    document = etree.fromstring(export(mini_dataset, "gexf"))
    assert schema.validate(document), schema.error_log
    assert document.tag == "{http://gexf.net/1.3}gexf" and document.get("version") == "1.3"


def test_the_structure_check_can_fail(mini_dataset):
    schema = etree.XMLSchema(etree.parse(str(HERE / "gexf-1.3-structure.xsd")))
    document = etree.fromstring(export(mini_dataset, "gexf"))
    edge = document.find(".//{http://gexf.net/1.3}edge")
    del edge.attrib["target"]
    assert not schema.validate(document)


def test_gexf_opens_in_networkx_with_sparql_counts(mini_dataset, expected, tmp_path):
    path = tmp_path / "saxgraph.gexf"
    path.write_bytes(export(mini_dataset, "gexf"))
    graph = nx.read_gexf(path)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected
    assert graph.nodes[ID_BASE + "cluster/minalogic"]["label"] == "Minalogic"


def test_csv_tables(mini_dataset, expected):
    archive = zipfile.ZipFile(io.BytesIO(export(mini_dataset, "csv")))
    assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
    nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode())))
    edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode())))
    assert (len(nodes), len(edges)) == expected
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)
    person = next(n for n in nodes if n["Id"] == ID_BASE + "person/erika-muster")
    assert person["Label"] == "Erika Muster" and person["sg:telephone"] == "+49351123456"


def test_exports_are_deterministic(mini_dataset):
    for name in ("graphml", "gexf", "csv"):
        assert export(mini_dataset, name) == export(mini_dataset, name)


def test_blank_nodes_and_foreign_iris_fold_into_attributes(tmp_path):
    from saxgraph.store.dataset import Store

    data = tmp_path / "folded.trig"
    data.write_text(f"""
      @prefix sg: <https://w3id.org/saxgraph/ontology#> .
      <{GRAPH_BASE}g> {{
        <{ID_BASE}place/x> a sg:City ; <http://www.w3.org/2000/01/rdf-schema#label> "X" ;
            <http://www.w3.org/2004/02/skos/core#exactMatch> <http://data.europa.eu/nuts/code/DED> ;
            sg:geo [ sg:lat "51.05" ; sg:long "13.74" ] .
      }}""")
    graph = nx.read_graphml(io.BytesIO(export(Store.from_files([data]), "graphml")))
    assert graph.number_of_nodes() == 1 and graph.number_of_edges() == 0
    x = graph.nodes[ID_BASE + "place/x"]
    assert x["skos:exactMatch"] == "http://data.europa.eu/nuts/code/DED"
    assert x["sg:geo.sg:lat"] == "51.05" and x["sg:geo.sg:long"] == "13.74"


@pytest.mark.parametrize("name", ["graphml", "gexf", "csv", "turtle", "nquads"])
def test_cli_export_writes_the_same_bytes(run_cli, mini_build, mini_dataset, tmp_path, name):
    out = tmp_path / ("out.csv.zip" if name == "csv" else f"out.{name}")
    result = run_cli("export", "--format", name, "--output", out,
                     "--build-dir", mini_build.dataset_path.parent)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == export(mini_dataset, name)


def test_cli_export_unknown_format_is_a_usage_error(run_cli, mini_build):
    result = run_cli("export", "--format", "dot", "--build-dir", mini_build.dataset_path.parent)
    assert result.returncode == 2 and b"graphml" in result.stderr
