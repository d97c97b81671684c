"""Evidence for document 004: every statement of data/leading-edge-clusters*.ttl carries the document's own
words (verbatim up to whitespace, found once in data/sources/), and every statement the curator adds in
data/curation/leading-edge-clusters.ttl carries its reason and stays out of the document's graph. The files
are read with pyoxigraph (RDF 1.2 annotations), independently of how the build stores them."""

import hashlib

import pyoxigraph as ox
import pytest

from saxgraph.namespaces import PROV, SPARQL_PREFIXES
from tests.helpers.documents import SOURCES, document_text, normalise
from tests.helpers.evidence import QUOTE, REASON, REIFIES, read
from tests.helpers.leading_edge_clusters import CURATION_FILE, DATA_FILES, GRAPH, ROOT, SOURCE_FILE

SEED_SHA256 = "1a5210aaf501d23902b3a99f58e7bd5216d3f03d3a3dc8031617a4422cccbea4"
EVIDENCE = "https://w3id.org/saxgraph/id/evidence/"
DOCUMENT = normalise(document_text(SOURCE_FILE))


def ask_triple(triple) -> str:
    return f"{triple.subject} {triple.predicate} {triple.object}"


def test_the_shipped_source_is_the_seed_byte_for_byte():
    shipped = (SOURCES / SOURCE_FILE).read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == SEED_SHA256
    for seeds in (ROOT.parent / "shared" / "seeds", ROOT.parents[1] / "shared" / "seeds"):
        if (seeds / SOURCE_FILE).is_file():
            assert (seeds / SOURCE_FILE).read_bytes() == shipped


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_statement_has_a_quote(path):
    annotated = read(path)
    assert annotated.statements
    assert [str(s) for s in annotated.statements if not annotated.quotes(s)] == []


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_quote_is_the_documents_words_found_once(path):
    """Verbatim up to whitespace, and unique, so that it points to one passage of the document."""
    annotated = read(path)
    quotes = {q for reifier in annotated.about for q in annotated.values(reifier, QUOTE)}
    assert quotes
    assert {q: DOCUMENT.count(normalise(q)) for q in quotes if DOCUMENT.count(normalise(q)) != 1} == {}


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_reifier_is_used_and_says_only_its_quote(path):
    annotated = read(path)
    used = {r for reifiers in annotated.reifiers_of.values() for r in reifiers}
    assert set(annotated.about) <= used, "a reifier stated but reifying no statement"
    assert {str(r) for r in used if not annotated.values(r, QUOTE)} == set()
    assert {str(p) for pos in annotated.about.values() for p, _ in pos} == {str(QUOTE)}
    named = {r for r in used if isinstance(r, ox.NamedNode)}
    assert all(r.value.startswith(EVIDENCE + "leading-edge-clusters-") for r in named)


def test_every_curation_statement_has_its_reason():
    annotated = read(CURATION_FILE)
    assert annotated.statements
    missing = [str(s) for s in annotated.statements
               if not [r for r in annotated.reasons(s) if r.language == "en" and r.value.strip()]]
    assert missing == []


def test_curation_statements_are_in_the_dataset_but_not_in_the_documents_graph(dataset):
    statements = read(CURATION_FILE).statements
    in_document = [str(s) for s in statements
                   if dataset.ask(f"ASK {{ GRAPH <{GRAPH}> {{ {ask_triple(s)} }} }}")]
    missing = [str(s) for s in statements if not dataset.ask(f"ASK {{ {ask_triple(s)} }}")]
    assert (in_document, missing) == ([], [])


def test_the_documents_graph_holds_exactly_the_statements_of_its_files(dataset):
    stated = set().union(*(read(path).statements for path in DATA_FILES))
    # the rows give IRIs and literal values as plain strings
    rows = dataset.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    skip = {REIFIES.value, QUOTE.value, REASON.value, str(PROV.wasDerivedFrom)}
    in_graph = {(r["s"], r["p"], r["o"]) for r in rows
                if r["p"] not in skip and not r["s"].startswith(EVIDENCE)}
    as_text = {(t.subject.value, t.predicate.value, t.object.value) for t in stated}
    assert in_graph - as_text == set()
    assert as_text - in_graph == set()


def test_a_quote_answers_for_a_chosen_fact():
    """The format answers the question "which words state this?" with plain SPARQL 1.2."""
    store = ox.Store()
    for path in DATA_FILES:
        store.bulk_load(path=path, format=ox.RdfFormat.TURTLE)
    rows = list(store.query(SPARQL_PREFIXES + """
        SELECT ?quote WHERE { cluster:optence sg:partnerRegion place:lithuania {| sg:quote ?quote |} }"""))
    assert [row["quote"].value for row in rows] == ["Optence e.V. Cluster: Finland, Lithuania, USA"]


def test_no_statement_is_both_the_documents_and_the_curators():
    stated = set().union(*(read(path).statements for path in DATA_FILES))
    assert {str(s) for s in read(CURATION_FILE).statements} & {str(s) for s in stated} == set()
