"""The evidence of statements as a reader wants it: for a fact, the document words it is drawn from (the
quote, and where it stands: the document's source file and lines) or, for the curator's statements, the
reason. Read from graph:evidence, where the build wrote it as standard reification."""

from dataclasses import dataclass

import pyoxigraph as ox

from saxgraph.namespaces import EVIDENCE_GRAPH, PROV, RDF, SG, graph_iri

EVIDENCE = ox.NamedNode(str(graph_iri(EVIDENCE_GRAPH)))
SUBJECT, PREDICATE, OBJECT = (ox.NamedNode(RDF + name) for name in ("subject", "predicate", "object"))
QUOTE, REASON = ox.NamedNode(SG + "quote"), ox.NamedNode(SG + "reason")
LINE, END_LINE = ox.NamedNode(SG + "sourceLine"), ox.NamedNode(SG + "sourceEndLine")
ASSERTED_IN = ox.NamedNode(SG + "assertedIn")
DERIVED_FROM = ox.NamedNode(PROV + "wasDerivedFrom")


@dataclass(frozen=True)
class Reference:
    """Why a statement is in a graph: the document's words (quote, lines) or the curator's reason."""

    statement: str  # the evidence statement's IRI
    graph: str  # the graph the statement is in (a document's, or graph:curation)
    document: str | None  # the document node the words come from
    quote: str | None
    reason: str | None
    line: int | None
    end_line: int | None

    @property
    def lines(self) -> str | None:
        if self.line is None:
            return None
        return str(self.line) if self.end_line in (None, self.line) else f"{self.line}-{self.end_line}"


def references(store, subjects) -> dict[tuple, list[Reference]]:
    """(subject, predicate, object) -> its references, for every statement about one of `subjects`
    (pyoxigraph terms); each list ordered by graph and line."""
    out: dict[tuple, list[Reference]] = {}
    for subject in subjects:
        for quad in store.quads(None, SUBJECT, subject, EVIDENCE):
            node = quad.subject
            values: dict = {}
            for part in store.quads(node, None, None, EVIDENCE):
                values.setdefault(part.predicate, part.object)
            if PREDICATE not in values or OBJECT not in values:
                continue
            key = (subject, values[PREDICATE], values[OBJECT])
            out.setdefault(key, []).append(Reference(
                node.value, _value(values.get(ASSERTED_IN)) or "", _value(values.get(DERIVED_FROM)),
                _value(values.get(QUOTE)), _value(values.get(REASON)), _number(values.get(LINE)),
                _number(values.get(END_LINE))))
    for found in out.values():
        found.sort(key=lambda r: (r.graph, r.line or 0, r.quote or r.reason or ""))
    return out


def _value(term) -> str | None:
    return term.value if term is not None else None


def _number(term) -> int | None:
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None
