"""The build pipeline: it accepts valid data, rejects each kind of bad data with a located message,
materialises the alignments, is deterministic, and never replaces the last good build when it fails."""

import json
import re

import pytest

from saxgraph.build.pipeline import build, check
from saxgraph.build.sources import discover
from saxgraph.errors import BuildError
from saxgraph.store.open import open_build
from tests.helpers.mistakes import CLUSTERS, REFERENCE_CASES, SHAPE_CASES, edit, problems_of


@pytest.mark.parametrize("old,new,expected", [c[1:] for c in SHAPE_CASES], ids=[c[0] for c in SHAPE_CASES])
def test_shape_rejects_crafted_mistake(sandbox, old, new, expected):
    edit(sandbox, CLUSTERS, old, new)
    problems = problems_of(sandbox)
    report = "\n".join(str(p) for p in problems)
    assert expected in report
    assert all(p.file.endswith("clusters.ttl") for p in problems), report


@pytest.mark.parametrize("old,new,expected", [c[1:] for c in REFERENCE_CASES],
                         ids=[c[0] for c in REFERENCE_CASES])
def test_reference_shapes_reject_crafted_mistake(sandbox, old, new, expected):
    edit(sandbox, "data/reference/places.ttl", old, new)
    report = "\n".join(str(p) for p in problems_of(sandbox))
    assert expected in report
    assert "places.ttl" in report


def test_problem_names_file_entity_property_and_rule(sandbox):
    edit(sandbox, CLUSTERS, 'sg:telephone "+49351123456"', 'sg:telephone "0351"')
    (problem,) = problems_of(sandbox)
    assert problem.file.endswith("data/clusters.ttl")
    assert problem.entity == "person:erika-muster"
    assert problem.property == "sg:telephone"
    assert problem.rule == "sgsh:PersonShape PatternConstraintComponent"
    assert problem.value == "'0351'"


def test_broken_turtle_names_file_and_line(sandbox):
    path = sandbox / CLUSTERS
    lines = path.read_text().splitlines()
    lines[30] = lines[30] + " this is not turtle"
    path.write_text("\n".join(lines) + "\n")
    (problem,) = problems_of(sandbox)
    assert problem.file.endswith("clusters.ttl")
    assert problem.rule == "Turtle syntax"
    assert re.search(r"line 31\b", problem.message), problem.message


def test_undeclared_ontology_term_is_rejected(sandbox):
    edit(sandbox, CLUSTERS, "sg:partnerCluster cluster:minalogic", "sg:partnerClustr cluster:minalogic")
    report = "\n".join(str(p) for p in problems_of(sandbox))
    assert "undeclared term" in report and "sg:partnerClustr" in report


def test_link_to_undescribed_entity_is_rejected(sandbox):
    edit(sandbox, CLUSTERS, "sg:hasMember organisation:tu-dresden", "sg:hasMember organisation:tu-dresdn")
    (problem,) = problems_of(sandbox)
    assert problem.rule == "undefined entity" and problem.value == "organisation:tu-dresdn"


def test_blank_nodes_are_rejected(sandbox):
    edit(sandbox, CLUSTERS, "sg:address address:cool-silicon", "sg:address [ a sg:PostalAddress ]")
    assert any(p.rule == "no blank nodes" for p in problems_of(sandbox))


def test_build_is_deterministic(sandbox, tmp_path):
    first = build(discover(sandbox), out_dir=tmp_path / "a")
    second = build(discover(sandbox), out_dir=tmp_path / "b")
    assert (tmp_path / "a" / "saxgraph.nq").read_bytes() == (tmp_path / "b" / "saxgraph.nq").read_bytes()
    assert first.manifest["hash"] == second.manifest["hash"]


def test_a_build_sorted_in_runs_on_disk_is_the_same_build(sandbox, tmp_path, monkeypatch):
    """Large builds sort their lines in runs written to disk and merged: the same bytes, hash, counts and
    inferred graph as one sort in memory and as the alignments materialised over a set of terms."""
    import pyoxigraph as ox

    from saxgraph.build import sorting
    from saxgraph.build.pipeline import materialise
    from saxgraph.namespaces import INFERRED_GRAPH, graph_iri

    whole = build(discover(sandbox), out_dir=tmp_path / "whole")
    spills = []
    monkeypatch.setattr(sorting, "RUN_BYTES", 4096)
    original = sorting.LineSorter._spill
    monkeypatch.setattr(sorting.LineSorter, "_spill", lambda self: spills.append(1) or original(self))
    runs = build(discover(sandbox), out_dir=tmp_path / "runs")
    assert len(spills) > 2
    assert runs.nquads == whole.nquads
    assert {k: v for k, v in runs.manifest.items() if "seconds" not in k} == \
        {k: v for k, v in whole.manifest.items() if "seconds" not in k}
    lines = whole.nquads.splitlines(keepends=True)
    assert lines == sorted(set(lines))
    quads = list(ox.parse(whole.nquads, format=ox.RdfFormat.N_QUADS))
    assert whole.manifest["triples"] == len({q.triple for q in quads})
    inferred = ox.NamedNode(str(graph_iri(INFERRED_GRAPH)))
    asserted = {(q.subject, q.predicate, q.object, q.graph_name) for q in quads if q.graph_name != inferred}
    loaded, _ = check(discover(sandbox))
    expected = {ox.Triple(*t) for t in materialise(asserted, loaded.ontology())}
    assert {q.triple for q in quads if q.graph_name == inferred} == expected
    assert expected


def test_manifest_counts_every_graph(mini_build):
    manifest = json.loads((mini_build.dataset_path.parent / "manifest.json").read_text())
    assert manifest["hash"].startswith("sha256:")
    assert sum(manifest["graphs"].values()) == manifest["quads"]
    assert set(manifest["graphs"]) == {
        "https://w3id.org/saxgraph/graph/clusters", "https://w3id.org/saxgraph/graph/reference",
        "https://w3id.org/saxgraph/graph/ontology", "https://w3id.org/saxgraph/graph/inferred",
        "https://w3id.org/saxgraph/graph/curation", "https://w3id.org/saxgraph/graph/evidence"}
    assert manifest["build_seconds"] >= 0


def test_failed_build_keeps_last_good_build(sandbox, tmp_path):
    out = tmp_path / "build"
    build(discover(sandbox), out_dir=out)
    good = (out / "saxgraph.nq").read_bytes(), (out / "manifest.json").read_bytes()
    edit(sandbox, CLUSTERS, 'sg:postalCode "01099"', 'sg:postalCode "1"')
    with pytest.raises(BuildError):
        build(discover(sandbox), out_dir=out)
    assert ((out / "saxgraph.nq").read_bytes(), (out / "manifest.json").read_bytes()) == good
    store = json.loads(good[1])["store"]
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "saxgraph.nq", store]


def test_each_document_graph_derives_from_its_document(mini_dataset):
    rows = mini_dataset.select("""
        SELECT ?g ?doc WHERE { GRAPH ?g { ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc } }""")
    assert rows == [{"g": "https://w3id.org/saxgraph/graph/clusters",
                     "doc": "https://w3id.org/saxgraph/id/document/clusters"}]


# --- queries in standard vocabularies answer thanks to the materialised alignments -------------------

PREFIXES = """PREFIX org: <http://www.w3.org/ns/org#> PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX id: <https://w3id.org/saxgraph/id/> """


@pytest.mark.parametrize("query,expected", [
    ("SELECT ?m WHERE { <https://w3id.org/saxgraph/id/cluster/cool-silicon> org:hasMember ?m }",
     {"https://w3id.org/saxgraph/id/organisation/tu-dresden", "https://w3id.org/saxgraph/id/person/erika-muster"}),
    ("SELECT ?c WHERE { <https://w3id.org/saxgraph/id/organisation/tu-dresden> org:memberOf ?c }",
     {"https://w3id.org/saxgraph/id/cluster/cool-silicon"}),
    ("SELECT ?c WHERE { ?c a org:OrganizationalCollaboration }",
     {"https://w3id.org/saxgraph/id/cluster/cool-silicon", "https://w3id.org/saxgraph/id/cluster/minalogic"}),
    ("SELECT ?o WHERE { ?o a org:FormalOrganization }",
     {"https://w3id.org/saxgraph/id/cluster/cool-silicon", "https://w3id.org/saxgraph/id/organisation/tu-dresden",
      "https://w3id.org/saxgraph/id/organisation/bmbf"}),
    ("SELECT ?p WHERE { ?p a foaf:Person }", {"https://w3id.org/saxgraph/id/person/erika-muster"}),
    ("SELECT ?t WHERE { ?p a schema:Person ; schema:telephone ?t }", {"+49351123456"}),
    ("SELECT ?x WHERE { ?x org:linkedTo <https://w3id.org/saxgraph/id/cluster/minalogic> }",
     {"https://w3id.org/saxgraph/id/cluster/cool-silicon"}),
    ("SELECT ?a WHERE { ?a prov:wasAssociatedWith <https://w3id.org/saxgraph/id/cluster/cool-silicon> }",
     {"https://w3id.org/saxgraph/id/project/icool"}),
    ("SELECT ?c WHERE { ?x a schema:Place ; schema:containedInPlace ?c . ?c a schema:Country }",
     {"https://w3id.org/saxgraph/id/place/germany", "https://w3id.org/saxgraph/id/place/france"}),
    ("SELECT ?s WHERE { <https://w3id.org/saxgraph/id/cluster/cool-silicon> dcterms:subject ?s }",
     {"https://w3id.org/saxgraph/id/topic/energy-efficiency"}),
])
def test_standard_vocabulary_queries_answer(mini_dataset, query, expected):
    rows = mini_dataset.select(PREFIXES + query)
    assert {next(iter(r.values())) for r in rows} == expected


def test_inferred_triples_live_in_their_own_graph(mini_dataset):
    query = PREFIXES + """ASK { GRAPH <https://w3id.org/saxgraph/graph/inferred> {
        id:cluster/cool-silicon org:hasMember id:organisation/tu-dresden } }"""
    query = query.replace("id:cluster/cool-silicon", "<https://w3id.org/saxgraph/id/cluster/cool-silicon>")
    query = query.replace("id:organisation/tu-dresden", "<https://w3id.org/saxgraph/id/organisation/tu-dresden>")
    assert mini_dataset.ask(query)
    # nothing asserted is repeated in the inferred graph
    assert not mini_dataset.ask("""ASK { GRAPH <https://w3id.org/saxgraph/graph/inferred> { ?s ?p ?o }
        GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/saxgraph/graph/inferred>) }""")


def test_real_data_builds_valid(real_build):
    graphs = real_build.manifest["graphs"]
    for slug in ("micro-networks-incubators", "digital-hub-dresden-leipzig", "futuresax-transfer-projects",
                 "semiconductor-regions-alliance", "leading-edge-clusters", "reference", "inferred"):
        assert graphs.get(f"https://w3id.org/saxgraph/graph/{slug}", 0) > 0, slug


def test_store_from_build_reads_manifest(mini_build):
    store = open_build(mini_build.dataset_path.parent, build_if_missing=False)
    assert store.version == mini_build.manifest["hash"]
    assert len(store) == mini_build.manifest["quads"]


def test_parallel_pyshacl_validation_reports_exactly_what_one_run_reports(sandbox, monkeypatch):
    from saxgraph.build import validation
    from saxgraph.build.pipeline import parse_sources

    edit(sandbox, CLUSTERS, 'sg:postalCode "01099"', 'sg:postalCode "1"')
    edit(sandbox, CLUSTERS, 'sg:telephone "+49351123456"', 'sg:telephone "0351"')
    edit(sandbox, CLUSTERS, 'rdfs:label "Minalogic"@en ~ evidence:clusters-minalogic ;', "")
    loaded = parse_sources(discover(sandbox))
    serial = validation.shacl_problems(loaded, workers=1, engine="pyshacl")
    monkeypatch.setattr(validation, "PARALLEL_THRESHOLD", 0)
    parallel = validation.shacl_problems(loaded, workers=3, engine="pyshacl")
    assert len(serial) >= 3 and parallel == serial
