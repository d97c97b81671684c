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
