"""The evidence of the product data (graph/evidence): every quote occurs verbatim in its document (whitespace
aside) on the lines it names, every statement of a document graph has its quote, every curated statement its
reason; computed here independently of the build's own check."""

import re

import pytest

from saxgraph.build.evidence import COVERAGE_EXEMPT
from saxgraph.namespaces import SPARQL_PREFIXES
from tests.helpers.documents import document_text, quoted

DOCUMENT_GRAPHS = ["micro-networks-incubators", "digital-hub-dresden-leipzig", "futuresax-transfer-projects",
                   "semiconductor-regions-alliance", "leading-edge-clusters"]


def quotes(dataset):
    return dataset.select(SPARQL_PREFIXES + """
        SELECT ?statement ?quote ?file ?line ?end WHERE {
          GRAPH graph:evidence { ?statement sg:quote ?quote ; sg:sourceLine ?line ; sg:sourceEndLine ?end ;
                                            prov:wasDerivedFrom ?document }
          ?document sg:sourceFile ?file }""")


def first_lines(text: str, quote: str) -> tuple[int, int] | None:
    """The lines of the quote's first occurrence: its words with any whitespace between them."""
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    match = re.search(pattern, text)
    if not match:
        return None
    return text.count("\n", 0, match.start()) + 1, text.count("\n", 0, match.end() - 1) + 1


def test_every_quote_occurs_verbatim_in_its_document_on_its_lines(dataset):
    rows = quotes(dataset)
    assert len(rows) > 900
    wrong = []
    for row in rows:
        text = document_text(row["file"])
        if not quoted(row["file"], row["quote"]):
            wrong.append(("not in the document", row["file"], row["quote"]))
        elif first_lines(text, row["quote"]) != (int(row["line"]), int(row["end"])):
            wrong.append(("other lines", row["file"], row["quote"], row["line"], row["end"]))
    assert wrong == []


@pytest.mark.parametrize("graph", [g for g in DOCUMENT_GRAPHS if g not in COVERAGE_EXEMPT])
def test_every_statement_of_a_document_graph_has_its_quote(dataset, graph):
    unquoted = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?s ?p ?o WHERE {{
          GRAPH graph:{graph} {{ ?s ?p ?o }}
          FILTER NOT EXISTS {{ GRAPH graph:evidence {{
            ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; sg:assertedIn graph:{graph} ;
                sg:quote ?q }} }}
        }}""")
    # the document node's catalogue entry (type, file, language) and the graph's own provenance
    assert {(r["p"].rsplit("/", 1)[-1]) for r in unquoted} <= {
        "22-rdf-syntax-ns#type", "ontology#sourceFile", "language", "prov#wasDerivedFrom"}
    assert {r["s"].split("/id/")[-1].split("/graph/")[-1] for r in unquoted} <= {f"document/{graph}", graph}


def test_every_curated_statement_gives_its_reason(dataset):
    assert dataset.select(SPARQL_PREFIXES + """
        SELECT ?s ?p ?o WHERE { GRAPH graph:curation { ?s ?p ?o }
          FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                  sg:assertedIn graph:curation ; sg:reason ?reason } }""") == []


def test_the_document_graphs_hold_no_reifiers(dataset):
    assert not dataset.ask(SPARQL_PREFIXES + """ASK { GRAPH ?g { ?s ?p ?o }
        FILTER(?g != graph:evidence && (?p IN (sg:quote, sg:reason, rdf:subject, rdf:predicate, rdf:object)
               || isBlank(?s) || isBlank(?o))) }""")
