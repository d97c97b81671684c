"""The audit tables of tests/data/: what a source document states, checked against its named graph.

Each document's test module lists the facts its document states (`Stated`: the document's own words and a
SPARQL pattern that must hold in the document's graph) and the statements an audit found that the document
does not make (`NotStated`: a pattern that must not hold there). The quote is checked against the
document's text in data/sources/, so a table cannot cite words the document does not contain."""

import re
from dataclasses import dataclass
from pathlib import Path

from saxgraph.namespaces import GRAPH_BASE, SPARQL_PREFIXES

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"


@dataclass(frozen=True)
class Stated:
    """A fact the document states: its words (verbatim; any run of whitespace matches any other) and a
    SPARQL group pattern that must hold in the document's named graph."""

    quote: str
    pattern: str


@dataclass(frozen=True)
class NotStated:
    """A statement the document does not make: a pattern that must not hold in the document's graph."""

    pattern: str
    why: str


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def document_text(source_file: str) -> str:
    """The document as shipped with the data (data/sources/<file>, the unchanged source)."""
    return (SOURCES / source_file).read_text(encoding="utf-8")


def quoted(source_file: str, quote: str) -> bool:
    return normalise(quote) in normalise(document_text(source_file))


def holds(dataset, graph_slug: str, pattern: str) -> bool:
    """Whether `pattern` matches in the named graph `graph_slug` (project prefixes predeclared)."""
    return dataset.ask(SPARQL_PREFIXES + f"ASK {{ GRAPH <{GRAPH_BASE}{graph_slug}> {{ {pattern} }} }}")


def fact_id(fact: Stated | NotStated) -> str:
    """A short readable test id: the first words of the quote (or of the reason)."""
    words = normalise(fact.quote if isinstance(fact, Stated) else fact.why)
    return words[:60]


# --- shared by the per-document test modules ----------------------------------------------------------

ID = "https://w3id.org/saxgraph/id/"
SG = "https://w3id.org/saxgraph/ontology#"


def iri(kind: str, slug: str | None = None) -> str:
    """An entity IRI: iri("cluster", "cool-silicon") or iri("cluster/cool-silicon")."""
    return f"{ID}{kind}/{slug}" if slug is not None else f"{ID}{kind}"


def values(dataset, query: str, var: str) -> set:
    """The values of one variable of a SELECT (project prefixes predeclared)."""
    return {row[var] for row in dataset.select(SPARQL_PREFIXES + query) if var in row}


def in_graph(graph_slug: str, pattern: str) -> str:
    """`pattern` restricted to the named graph `graph_slug`."""
    return f"GRAPH <{GRAPH_BASE}{graph_slug}> {{ {pattern} }}"


def audit(source_file: str, graph_slug: str, stated: list[Stated], not_stated: list[NotStated]):
    """The two table-driven tests of a document's audit, for its test module to bind to test_* names:
    every Stated fact is in the document's words and holds in its graph; no NotStated pattern holds there."""
    import pytest

    @pytest.mark.parametrize("fact", stated, ids=fact_id)
    def test_the_document_states(dataset, fact):
        assert quoted(source_file, fact.quote), f"not in {source_file}: {fact.quote!r}"
        assert holds(dataset, graph_slug, fact.pattern), f"not in graph {graph_slug}: {fact.pattern}"

    @pytest.mark.parametrize("fact", not_stated, ids=fact_id)
    def test_the_document_does_not_state(dataset, fact):
        assert not holds(dataset, graph_slug, fact.pattern), f"{fact.why}: {fact.pattern}"

    return test_the_document_states, test_the_document_does_not_state


def reason(dataset, s: str, p: str, o: str) -> str | None:
    """The curator's reason for the statement `s p o` (SPARQL terms) of the curation graph, or None."""
    rows = dataset.select(SPARQL_PREFIXES + f"""SELECT ?reason WHERE {{
        GRAPH <{GRAPH_BASE}curation> {{ {s} {p} {o} }}
        ?st rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} ; sg:reason ?reason ;
            sg:assertedIn <{GRAPH_BASE}curation> }}""")
    return rows[0]["reason"] if rows else None
