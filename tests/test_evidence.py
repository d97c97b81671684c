"""Evidence: every statement of a document graph quotes its document, every curated statement gives its
reason; the build checks both, publishes them as standard reification in graph/evidence, and can leave the
curation graph out (--no-curation, NO_CURATION) the way public mode leaves personal data out."""

import json

import pytest

from saxgraph.build.pipeline import build
from saxgraph.build.sources import discover
from saxgraph.namespaces import SPARQL_PREFIXES
from saxgraph.store.dataset import Store
from saxgraph.store.open import filtered
from tests.helpers.mistakes import CLUSTERS, edit, problems_of

CURATION = "data/curation/clusters.ttl"


def rows(store, query):
    return store.select(SPARQL_PREFIXES + query)


# --- what a user finds in the evidence graph ---------------------------------------------------------

def test_the_quote_and_lines_of_a_statement(mini_dataset):
    found = rows(mini_dataset, """
        SELECT ?quote ?first ?last ?document WHERE { GRAPH graph:evidence {
          ?st rdf:subject address:cool-silicon ; rdf:predicate sg:postalCode ; rdf:object "01099" ;
              sg:quote ?quote ; sg:sourceLine ?first ; sg:sourceEndLine ?last ;
              prov:wasDerivedFrom ?document ; sg:assertedIn graph:clusters } }""")
    # the quote runs over two lines of the source file
    assert found == [{"quote": "Manfred-von-Ardenne-Ring 20F 01099 Dresden, Germany", "first": "11",
                      "last": "12", "document": "https://w3id.org/saxgraph/id/document/clusters"}]


def test_a_statement_quoted_through_a_named_reifier_and_inline(mini_dataset):
    quotes = {r["quote"] for r in rows(mini_dataset, """
        SELECT ?quote WHERE {
          ?st rdf:subject cluster:cool-silicon ; rdf:predicate rdf:type ; sg:quote ?quote }""")}
    assert quotes == {"Cool Silicon e.V. is a cluster for energy-efficient microelectronics in Dresden",
                      "Cool Silicon e.V."}


def test_every_document_statement_has_its_quote_except_the_document_record(mini_dataset):
    unquoted = rows(mini_dataset, """
        SELECT ?s ?p WHERE { GRAPH graph:clusters { ?s ?p ?o }
          FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; sg:quote ?q } }""")
    assert {(r["s"].rsplit("/", 1)[-1], r["p"].rsplit("/", 1)[-1]) for r in unquoted} == {
        ("clusters", "22-rdf-syntax-ns#type"), ("clusters", "ontology#sourceFile"), ("clusters", "language"),
        ("clusters", "prov#wasDerivedFrom")}  # the file's catalogue entry, and the graph's provenance


def test_a_curated_statement_gives_its_reason_and_no_document(mini_dataset):
    found = rows(mini_dataset, """
        SELECT ?reason ?document WHERE {
          GRAPH graph:curation { organisation:tu-dresden sg:location place:dresden }
          ?st rdf:subject organisation:tu-dresden ; rdf:predicate sg:location ; sg:reason ?reason ;
              sg:assertedIn graph:curation OPTIONAL { ?st prov:wasDerivedFrom ?document } }""")
    assert len(found) == 1 and "document" not in found[0]
    assert found[0]["reason"].startswith("The document names")


def test_served_data_have_no_blank_nodes_triple_terms_or_reifiers(mini_build, real_build):
    for result in (mini_build, real_build):
        text = result.nquads.decode()
        assert "_:" not in text and "<<" not in text and "22-rdf-syntax-ns#reifies" not in text
    # the document graphs hold the plain statements only: their evidence lives in graph/evidence
    assert not Store.from_nquads(mini_build.dataset_path, mini_build.manifest).ask(SPARQL_PREFIXES + """
        ASK { GRAPH ?g { ?s sg:quote|sg:reason|rdf:subject ?o } FILTER(?g != graph:evidence) }""")


def test_evidence_iris_are_deterministic(sandbox, tmp_path):
    first = build(discover(sandbox), out_dir=tmp_path / "a").nquads
    evidence = sorted(line for line in first.decode().splitlines() if "/graph/evidence>" in line)
    assert evidence and all(line.startswith("<https://w3id.org/saxgraph/id/evidence/clusters-")
                            or line.startswith("<https://w3id.org/saxgraph/id/evidence/curation-")
                            for line in evidence)
    assert build(discover(sandbox), out_dir=tmp_path / "b").nquads == first


# --- crafted mistakes: each a problem that names file, entity, property, value and rule ---------------

def test_a_quote_the_document_does_not_contain(sandbox):
    edit(sandbox, CLUSTERS, '"Its partner cluster abroad is Minalogic in Grenoble."',
         '"Its partner cluster abroad is Minalogic in Lyon."')
    problems = problems_of(sandbox)
    assert {p.rule for p in problems} == {"quote not in document"}
    problem = next(p for p in problems if p.property == "sg:partnerCluster")
    assert problem.file.endswith("data/clusters.ttl") and problem.entity == "cluster:cool-silicon"
    assert problem.value == "cluster:minalogic"
    assert "999_0000000000000000.txt" in problem.message and "(line 4)" in problem.message
    assert '"Lyon."' in problem.message  # where the quote departs from the text


def test_whitespace_differences_are_no_mistake(sandbox, tmp_path):
    edit(sandbox, CLUSTERS, '"Its partner cluster abroad is Minalogic in Grenoble."',
         '"Its  partner cluster\\n    abroad is Minalogic\\tin Grenoble."')
    build(discover(sandbox), out_dir=tmp_path)


def test_a_statement_without_quote(sandbox):
    edit(sandbox, CLUSTERS, "sg:hasMember organisation:tu-dresden ~ evidence:clusters-tu-dresden ;",
         "sg:hasMember organisation:tu-dresden ;")
    (problem,) = problems_of(sandbox)
    assert (problem.rule, problem.entity, problem.property, problem.value) == (
        "statement without quote", "cluster:cool-silicon", "sg:hasMember", "organisation:tu-dresden")
    assert problem.file.endswith("data/clusters.ttl")


def test_a_named_reifier_whose_quote_is_missing(sandbox):
    edit(sandbox, CLUSTERS, 'evidence:clusters-phone sg:quote', 'evidence:clusters-fone sg:quote')
    problems = problems_of(sandbox)
    assert {(p.rule, p.property) for p in problems} == {
        ("annotation without quote", "sg:telephone"), ("annotation without quote", "sg:telephoneAsStated"),
        ("unused evidence", "sg:quote")}
    assert any(p.entity == "evidence:clusters-fone" for p in problems)


def test_a_named_reifier_of_another_document(sandbox):
    edit(sandbox, CLUSTERS, "sg:partnerCluster cluster:minalogic ~ evidence:clusters-minalogic",
         "sg:partnerCluster cluster:minalogic ~ evidence:other-minalogic")
    edit(sandbox, CLUSTERS, "evidence:clusters-title sg:quote",
         "evidence:other-minalogic sg:quote \"Minalogic\" .\nevidence:clusters-title sg:quote")
    (problem,) = problems_of(sandbox)
    assert (problem.rule, problem.property) == ("evidence IRI", "sg:partnerCluster")


def test_an_annotation_in_reference_data(sandbox):
    edit(sandbox, "data/reference/places.ttl", 'place:grenoble a sg:City ; rdfs:label "Grenoble"@en ;',
         'place:grenoble a sg:City ; rdfs:label "Grenoble"@en {| <https://w3id.org/saxgraph/ontology#quote> '
         '"Minalogic in Grenoble" |} ;')
    (problem,) = problems_of(sandbox)
    assert (problem.rule, problem.entity, problem.property, problem.value) == (
        "annotation outside a document", "place:grenoble", "rdfs:label", "'Grenoble'")
    assert problem.file.endswith("reference/places.ttl")


def test_a_curated_statement_without_reason(sandbox):
    edit(sandbox, CURATION, "sg:location place:dresden\n", "sg:location place:dresden .\n"
         "organisation:tu-dresden sg:location place:germany\n")
    problems = problems_of(sandbox)
    assert [(p.rule, p.entity, p.property, p.value) for p in problems] == [
        ("statement without reason", "organisation:tu-dresden", "sg:location", "place:dresden")]
    assert problems[0].file.endswith("curation/clusters.ttl")


def test_a_quote_in_the_curation_graph_and_a_reason_in_a_document(sandbox):
    edit(sandbox, CURATION, "{| sg:reason", "{| sg:quote")
    edit(sandbox, CLUSTERS, '{| sg:quote "(as of 16.04.2020)" |}', '{| sg:reason "Stated on line 1."@en |}')
    problems = problems_of(sandbox)
    assert {(p.rule, p.property) for p in problems} >= {
        ("annotation property", "sg:location"), ("annotation property", "dcterms:date"),
        ("annotation without reason", "sg:location"), ("annotation without quote", "dcterms:date")}


def test_a_reason_not_in_english(sandbox):
    edit(sandbox, CURATION, 'places it in Dresden."@en', 'places it in Dresden."@de')
    (problem,) = problems_of(sandbox)
    assert problem.file.endswith("curation/clusters.ttl") and problem.property == "sg:reason"
    assert "sg:reason is one line in English" in problem.message


def test_a_document_whose_text_is_missing(sandbox):
    (sandbox / "data" / "sources" / "999_0000000000000000.txt").unlink()
    (problem,) = problems_of(sandbox)
    assert (problem.rule, problem.entity, problem.property) == (
        "source text missing", "document:clusters", "sg:sourceFile")


# --- leaving the curation graph out ---------------------------------------------------------------------

def test_without_curation_the_curators_statements_and_what_follows_from_them_are_gone(sandbox, tmp_path):
    result = build(discover(sandbox), out_dir=tmp_path, curation=False)
    store = Store.from_nquads(result.dataset_path, result.manifest)
    assert "https://w3id.org/saxgraph/graph/curation" not in result.manifest["graphs"]
    assert result.manifest["curation"] is False
    assert not store.ask(SPARQL_PREFIXES + "ASK { organisation:tu-dresden sg:location|schema:location ?at }")
    assert not store.ask(SPARQL_PREFIXES + "ASK { ?st sg:reason ?r }")
    # what the document states stays, with its evidence and alignments
    assert store.ask(SPARQL_PREFIXES + """ASK { cluster:cool-silicon schema:location place:dresden .
        ?st rdf:subject cluster:cool-silicon ; rdf:predicate sg:location ; sg:quote ?q }""")


def test_a_served_build_without_curation_is_the_build_without_curation(sandbox, tmp_path):
    full = build(discover(sandbox), out_dir=tmp_path / "full")
    uncurated = build(discover(sandbox), out_dir=tmp_path / "uncurated", curation=False)
    served = filtered(Store.from_nquads(full.dataset_path, full.manifest), no_curation=True)
    assert served.version == uncurated.manifest["hash"] and len(served) == uncurated.manifest["quads"]
    both = filtered(Store.from_nquads(full.dataset_path, full.manifest), no_curation=True, public=True)
    assert both.version == build(discover(sandbox), out_dir=tmp_path / "p", curation=False,
                                 public=True).manifest["hash"]


def test_the_server_leaves_curation_out_on_request(mini_dataset):
    from saxgraph.web import create_app

    client = create_app({"STORE": mini_dataset, "TESTING": True, "NO_CURATION": True}).test_client()
    assert client.get("/health").get_json()["curation"] is False
    answer = client.get("/sparql", query_string={"query": "ASK { GRAPH ?g { ?s ?p ?o } "
                                                 "FILTER(?g = <https://w3id.org/saxgraph/graph/curation>) }"},
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.get_json()["boolean"] is False


@pytest.mark.parametrize("how", ["switch", "environment"])
def test_the_cli_leaves_curation_out(run_cli, sandbox, tmp_path, how):
    out = tmp_path / "build"
    built = run_cli("build", "--root", sandbox, "--out", out)
    assert built.returncode == 0, built.stderr.decode()
    args, env = (["--no-curation"], None) if how == "switch" else ([], {"SAXGRAPH_NO_CURATION": "1"})
    stats = run_cli("stats", "--build-dir", out, *args, env=env)
    assert stats.returncode == 0, stats.stderr.decode()
    assert "graph:curation" not in stats.stdout.decode() and "graph:evidence" in stats.stdout.decode()
    assert "graph:curation" in run_cli("stats", "--build-dir", out).stdout.decode()
    rebuilt = run_cli("build", "--root", sandbox, "--out", tmp_path / "b2", *args, env=env)
    assert rebuilt.returncode == 0
    assert json.loads((tmp_path / "b2" / "manifest.json").read_text())["curation"] is False


# --- public mode takes a statement's evidence with it ----------------------------------------------------

def test_public_data_keep_no_evidence_of_personal_statements(sandbox, tmp_path):
    result = build(discover(sandbox), out_dir=tmp_path, public=True)
    text = result.nquads.decode()
    assert "Erika Muster" not in text and "+49 (0)351 123 456" not in text and "Projektleiterin" not in text
    store = Store.from_nquads(result.dataset_path, result.manifest)
    # no statement node is left half: each has its triple and its quote or reason
    assert not store.ask(SPARQL_PREFIXES + """ASK { ?st a rdf:Statement
        FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; sg:quote|sg:reason ?w }
    }""")
    assert store.ask(SPARQL_PREFIXES + "ASK { ?st rdf:subject address:cool-silicon ; sg:quote ?q }")


def test_a_document_graph_may_not_lean_on_a_curated_entity(sandbox):
    edit(sandbox, CURATION, "organisation:tu-dresden sg:location place:dresden\n",
         "organisation:tu-dresden-campus a sg:Organisation {| sg:reason \"Implied.\"@en |} ;\n"
         "    <http://www.w3.org/2000/01/rdf-schema#label> \"TU Dresden campus\"@en "
         "{| sg:reason \"Implied.\"@en |} .\n"
         "organisation:tu-dresden sg:location place:dresden\n")
    edit(sandbox, CLUSTERS, "sg:hasMember organisation:tu-dresden ~",
         "sg:hasMember organisation:tu-dresden-campus ~")
    problems = problems_of(sandbox)
    assert [(p.rule, p.entity, p.property, p.value) for p in problems] == [
        ("link to a curated entity", "cluster:cool-silicon", "sg:hasMember",
         "organisation:tu-dresden-campus")]
