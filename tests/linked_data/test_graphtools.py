"""Exports for graph tools: GraphML opened with networkx, GEXF checked against the GEXF 1.3 structure (lxml
and xmllint), CSV tables; node and edge counts equal SPARQL counts; attributes typed (numbers, booleans,
lists); domain only leaves the vocabulary out; `saxgraph export --format ...` writes the same bytes."""

import csv
import io
import shutil
import subprocess
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


def export(store, name, domain_only=False) -> bytes:
    buffer = io.BytesIO()
    exports.export(store, name, buffer, domain_only=domain_only)
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
        assert export(mini_dataset, name, domain_only=True) == export(mini_dataset, name, domain_only=True)


TYPED = f"""
  @prefix sg: <https://w3id.org/saxgraph/ontology#> .
  @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
  @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
  <{GRAPH_BASE}g> {{
    <{ID_BASE}cluster/x> a sg:Cluster ; rdfs:label "X"@en, "X de"@de ;
        sg:members 160 ; sg:share "4.5"^^xsd:decimal ; sg:planned true ; sg:startDate "2019"^^xsd:gYear ;
        sg:foundingDate "2014-04"^^xsd:gYearMonth ; dcterms:date "2020-04-16"^^xsd:date ;
        sg:count 3 , 5 ; sg:note "say \\"hi\\"" , "plain" ; sg:mixed 1 , "one" .
    <{ID_BASE}cluster/y> a sg:Cluster ; rdfs:label "Y" ; sg:members 7 ; sg:share 2 ; sg:count 1 ;
        sg:startDate "2020"^^xsd:gYear ; sg:partnerCluster <{ID_BASE}cluster/x> .
  }}"""


@pytest.fixture(scope="module")
def typed_store(tmp_path_factory):
    from saxgraph.store.dataset import Store

    path = tmp_path_factory.mktemp("typed") / "typed.trig"
    path.write_text("@prefix dcterms: <http://purl.org/dc/terms/> .\n" + TYPED)
    return Store.from_files([path])


def test_graphml_attributes_are_typed(typed_store):
    graph = nx.read_graphml(io.BytesIO(export(typed_store, "graphml")))
    x, y = graph.nodes[ID_BASE + "cluster/x"], graph.nodes[ID_BASE + "cluster/y"]
    assert x["sg:members"] == 160 and isinstance(x["sg:members"], int)
    assert x["sg:share"] == 4.5 and y["sg:share"] == 2.0 and isinstance(y["sg:share"], float)  # int + decimal
    assert x["sg:planned"] is True
    assert x["sg:startDate"] == 2019 and y["sg:startDate"] == 2020  # years are numbers
    assert x["sg:foundingDate"] == "2014-04" and x["dcterms:date"] == "2020-04-16"  # dates: ISO text
    assert x["sg:count"] == "3 | 5" and y["sg:count"] == "1"  # GraphML has no lists: joined text
    assert x["sg:mixed"] == "1 | one"
    keys = etree.fromstring(export(typed_store, "graphml")).findall(".//{http://graphml.graphdrawing.org/xmlns}key")
    types = {k.get("attr.name"): k.get("attr.type") for k in keys}
    assert (types["sg:members"], types["sg:share"], types["sg:planned"]) == ("long", "double", "boolean")
    assert types["sg:count"] == types["rdfs:label"] == types["dcterms:date"] == "string"


def test_gexf_attributes_are_typed_with_lists(typed_store):
    document = etree.fromstring(export(typed_store, "gexf"))
    ns = {"g": "http://gexf.net/1.3"}
    titles = {a.get("id"): (a.get("title"), a.get("type")) for a in document.findall(".//g:attribute", ns)}
    types = dict(titles.values())
    assert (types["sg:members"], types["sg:share"], types["sg:planned"]) == ("long", "double", "boolean")
    assert types["sg:startDate"] == "long" and types["dcterms:date"] == "string"
    assert types["sg:count"] == "listlong" and types["rdfs:label"] == types["classes"] == "liststring"
    assert types["sg:mixed"] == types["sg:note"] == "liststring"
    node = document.find(f".//g:node[@id='{ID_BASE}cluster/x']", ns)
    values = {titles[v.get("for")][0]: v.get("value") for v in node.findall(".//g:attvalue", ns)}
    assert values["sg:count"] == "[3, 5]" and values["sg:members"] == "160" and values["sg:planned"] == "true"
    assert values["rdfs:label"] == '["X", "X de"]' and values["sg:note"] == '["plain", \'say "hi"\']'
    assert values["classes"] == '["Cluster"]'


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint is not installed")
def test_gexf_validates_with_xmllint(mini_dataset, typed_store, tmp_path):
    for name, store, domain_only in (("mini", mini_dataset, False), ("domain", mini_dataset, True),
                                     ("typed", typed_store, False)):
        path = tmp_path / f"{name}.gexf"
        path.write_bytes(export(store, "gexf", domain_only=domain_only))
        result = subprocess.run(["xmllint", "--noout", "--schema", str(HERE / "gexf-1.3-structure.xsd"),
                                 str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_the_seed_data_reads_back_typed(dataset, tmp_path):
    """networkx reads the seed data's GEXF (its lists are all text: networkx 3 knows liststring, not listlong)
    and GraphML with numbers as numbers."""
    for name in ("gexf", "graphml"):
        path = tmp_path / f"seed.{name}"
        path.write_bytes(export(dataset, name))
        graph = nx.read_gexf(path) if name == "gexf" else nx.read_graphml(path)
        values = [d for _, d in graph.nodes(data=True)]
        assert any(isinstance(d.get("sg:numericValue"), float) for d in values)
        assert any(isinstance(d.get("sg:startDate"), int) for d in values)
        assert any(d.get("sg:planned") is True for d in values)


VOCABULARY = (ID_BASE + "scheme/topics", ID_BASE + "role/contact-person")


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_domain_only_hubs_are_ecosystem_entities(dataset, tmp_path, name):
    path, domain = tmp_path / f"full.{name}", tmp_path / f"domain.{name}"
    path.write_bytes(export(dataset, name))
    domain.write_bytes(export(dataset, name, domain_only=True))
    read = nx.read_gexf if name == "gexf" else nx.read_graphml
    full, graph = read(path), read(domain)
    top = [n for n, _ in sorted(full.degree, key=lambda d: (-d[1], d[0]))[:5]]
    assert VOCABULARY[0] in top  # the problem: the topic scheme leads the full ranking
    assert all(v in full for v in VOCABULARY)
    assert not any(v in graph for v in VOCABULARY)
    assert not any(n.startswith((ID_BASE + "topic/", ID_BASE + "role/", ID_BASE + "scheme/")) for n in graph)
    top = [n for n, _ in sorted(graph.degree, key=lambda d: (-d[1], d[0]))[:5]]
    kinds = {n[len(ID_BASE):].split("/")[0] for n in top}
    assert kinds <= {"cluster", "network", "hub", "alliance", "organisation", "place", "programme"}, top
    assert kinds & {"cluster", "organisation", "place", "hub", "alliance"}
    # every domain node and every edge between them is kept
    assert set(graph) == set(full) - {n for n in full if n.startswith(
        (ID_BASE + "topic/", ID_BASE + "role/", ID_BASE + "scheme/"))}
    kept = [(s, t) for s, t in full.edges() if s in graph and t in graph]
    assert sorted(graph.edges()) == sorted(kept)


def test_domain_only_csv_and_the_vocabulary_rule(dataset):
    from saxgraph.exports.graph_tools import vocabulary_classes

    classes = vocabulary_classes(dataset)
    sg = "https://w3id.org/saxgraph/ontology#"
    assert {sg + "Topic", sg + "Role", "http://www.w3.org/2004/02/skos/core#ConceptScheme"} <= classes
    assert sg + "Cluster" not in classes and sg + "Place" not in classes
    archive = zipfile.ZipFile(io.BytesIO(export(dataset, "csv", domain_only=True)))
    nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode())))
    edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode())))
    ids = {n["Id"] for n in nodes}
    assert not ids & set(VOCABULARY) and all(e["Source"] in ids and e["Target"] in ids for e in edges)
    cool = next(n for n in nodes if n["Id"] == ID_BASE + "cluster/cool-silicon")
    assert ID_BASE + "topic/" in cool["sg:topic"]  # a link to a topic left out becomes an attribute


def test_domain_only_is_refused_for_rdf(mini_dataset):
    from saxgraph.errors import SaxgraphError

    with pytest.raises(SaxgraphError, match="graph-tool"):
        export(mini_dataset, "turtle", domain_only=True)


def test_cli_domain_only(run_cli, mini_build, mini_dataset, tmp_path):
    out = tmp_path / "domain.graphml"
    result = run_cli("export", "--format", "graphml", "--domain-only", "--output", out,
                     "--build-dir", mini_build.dataset_path.parent)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == export(mini_dataset, "graphml", domain_only=True)
    refused = run_cli("export", "--format", "nquads", "--domain-only", "--build-dir",
                      mini_build.dataset_path.parent)
    assert refused.returncode == 2 and b"--domain-only is for the graph-tool formats" in refused.stderr
