"""Evidence for every statement, and the curation graph that can be left out.

In a document's data files every triple carries the document's own words as an RDF 1.2 annotation
(`s p o {| sg:quote "…" |}`, or `s p o ~ evidence:<doc>-<name>` with the named reifier's `sg:quote` stated
once in the same file); in data/curation/ every triple carries the curator's reason instead
(`{| sg:reason "…"@en |}`). The build keeps the plain triples in their named graphs and writes the
evidence into graph:evidence as standard RDF reification: one `rdf:Statement` per (graph, triple, quote or
reason), with `sg:quote` and the line span in the document (`sg:sourceLine`, `sg:sourceEndLine`) located
in data/sources/, `prov:wasDerivedFrom` the document node and `sg:assertedIn` the named graph.

Reification rather than RDF 1.2 triple terms in the output, because tools in the chain cannot read triple
terms (measured, docs/evidence.md): rdflib 7.6's N-Quads, TriG and Turtle parsers reject them (so pySHACL
cannot validate them), Virtuoso 7.2 refuses them on a Graph Store PUT (HTTP 500, nothing loaded) and in
SPARQL (400), and pyoxigraph's JSON-LD writer raises on them; the graph-tool exports would drop them.
"""

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from saxgraph.errors import Problem
from saxgraph.namespaces import (
    CURATION_GRAPH,
    ID_BASE,
    ONTOLOGY_GRAPH,
    PREFIXES,
    PROV,
    RDF,
    RDF_TYPE,
    REFERENCE_GRAPH,
    SG,
    compact,
    graph_iri,
)

REIFIES = ox.NamedNode(RDF + "reifies")
STATEMENT = ox.NamedNode(RDF + "Statement")
SUBJECT, PREDICATE, OBJECT = (ox.NamedNode(RDF + name) for name in ("subject", "predicate", "object"))
QUOTE = ox.NamedNode(f"{SG}quote")
REASON = ox.NamedNode(f"{SG}reason")
SOURCE_LINE = ox.NamedNode(f"{SG}sourceLine")
SOURCE_END_LINE = ox.NamedNode(f"{SG}sourceEndLine")
ASSERTED_IN = ox.NamedNode(f"{SG}assertedIn")
SOURCE_FILE = ox.NamedNode(f"{SG}sourceFile")
DERIVED_FROM = ox.NamedNode(str(PROV.wasDerivedFrom))
INTEGER = ox.NamedNode(PREFIXES["xsd"] + "integer")
EVIDENCE_BASE = f"{ID_BASE}evidence/"

# The document node's catalogue entry (its type, file and language) is the curator's record of the file,
# not something the document states: these triples need no quote.
DOCUMENT_RECORD = frozenset({RDF_TYPE, SOURCE_FILE, ox.NamedNode(PREFIXES["dcterms"] + "language")})

# Document graphs whose statements need not all carry a quote yet.
COVERAGE_EXEMPT: frozenset[str] = frozenset()

_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Any run of whitespace as one space: a quote matches the document whitespace aside."""
    return _WHITESPACE.sub(" ", text).strip()


# --- parsing: the annotations apart from the asserted triples -------------------------------------------

def split_annotations(quads: list[ox.Quad]) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """(the asserted triples, the annotation triples): rdf:reifies, everything said about a reifier, and any
    other quote, reason or triple term, which the evidence check then reports."""
    reifiers = {q.subject for q in quads if q.predicate == REIFIES}
    plain, annotations = [], []
    for q in quads:
        if (q.predicate in (REIFIES, QUOTE, REASON) or q.subject in reifiers
                or isinstance(q.object, ox.Triple) or isinstance(q.subject, ox.Triple)):
            annotations.append(q)
        else:
            plain.append(q)
    return plain, annotations


# --- the documents' text ----------------------------------------------------------------------------------

class SourceText:
    """A document as shipped in data/sources/, searchable whitespace aside, with each character's line."""

    def __init__(self, text: str):
        chars, lines, line, space = [], [], 1, False
        for char in text:
            if char.isspace():
                space = space or bool(chars)
                if char == "\n":
                    line += 1
                continue
            if space:
                chars.append(" ")
                lines.append(line)
                space = False
            chars.append(char)
            lines.append(line)
        self.flat = "".join(chars)
        self.lines = lines

    def locate(self, quote: str) -> tuple[int, int] | None:
        """The first and last line of the quote's first occurrence, or None."""
        needle = normalise(quote)
        at = self.flat.find(needle) if needle else -1
        if at < 0:
            return None
        return self.lines[at], self.lines[at + len(needle) - 1]

    def longest_prefix(self, quote: str) -> tuple[str, int] | None:
        """The longest run of the quote's first words that the document has, and its line."""
        words = normalise(quote).split(" ")
        best = None
        low, high = 1, len(words) - 1
        while low <= high:  # the occurrence of a prefix implies that of every shorter one
            middle = (low + high) // 2
            at = self.flat.find(" ".join(words[:middle]))
            if at >= 0:
                best, low = (" ".join(words[:middle]), self.lines[at]), middle + 1
            else:
                high = middle - 1
        return best


# --- checking and publishing the evidence -------------------------------------------------------------------

@dataclass(frozen=True)
class Annotation:
    file: str
    graph: str
    reifier: ox.NamedNode | ox.BlankNode
    triple: ox.Triple
    property: ox.NamedNode  # sg:quote or sg:reason
    value: ox.Literal


def _show(term) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.Literal):
        return repr(term.value)[:120]
    return str(term)[:120]


def _problem(file: str, rule: str, message: str, triple=None, value: str | None = None) -> Problem:
    if triple is None:
        return Problem(file, rule, message, value=value)
    return Problem(file, rule, message, _show(triple.subject), _show(triple.predicate),
                   value if value is not None else _show(triple.object))


OUTSIDE = ("{where} states facts of the world, not what a document says: no quotes or reasons here (a "
           "curator's claim goes to data/curation/ with its reason).")
MISPLACED = {QUOTE: "documents quote (sg:quote); the curation graph gives reasons (sg:reason)",
             REASON: "documents quote (sg:quote); the curation graph gives reasons (sg:reason)"}


def _annotations_of(source, quads: list[ox.Quad], asserted: set) -> tuple[list[Annotation], list[Problem]]:
    """The file's valid annotations, and a problem for each wrong one."""
    file, graph = str(source.path), source.graph
    triples_of, said = defaultdict(set), defaultdict(list)
    for q in quads:
        if q.predicate == REIFIES and isinstance(q.object, ox.Triple):
            triples_of[q.subject].add(q.object)
    problems = []
    if graph in (REFERENCE_GRAPH, ONTOLOGY_GRAPH):
        where = OUTSIDE.format(where="reference data" if graph == REFERENCE_GRAPH else "the ontology")
        reified = sorted({t for triples in triples_of.values() for t in triples}, key=str)
        return [], [_problem(file, "annotation outside a document", where, t) for t in reified] or [
            _problem(file, "annotation outside a document", where)]
    for q in quads:
        if q.predicate == REIFIES:
            if not isinstance(q.object, ox.Triple):
                problems.append(Problem(file, "annotation", "rdf:reifies takes a triple term <<( s p o )>>.",
                                        _show(q.subject), "rdf:reifies", _show(q.object)))
        elif q.subject in triples_of:
            said[q.subject].append((q.predicate, q.object))
        elif q.predicate in (QUOTE, REASON):
            what = compact(q.predicate.value)
            problems.append(Problem(file, "unused evidence", f"{_show(q.subject)} has a {what} but annotates "
                                    "no statement of this file: a typo in the reifier's name?",
                                    _show(q.subject), what, _show(q.object)))
        else:
            problems.append(Problem(file, "triple term", "A triple term may appear only as the object of "
                                    "rdf:reifies (an annotation {| … |} or a reifier ~ …).", _show(q.subject),
                                    _show(q.predicate), _show(q.object)))
    annotations = []
    for reifier in sorted(triples_of, key=str):
        found, wrong = _check_reifier(file, graph, reifier, sorted(triples_of[reifier], key=str),
                                      said.get(reifier, []), asserted)
        annotations += found
        problems += wrong
    return annotations, problems


def _check_reifier(file, graph, reifier, triples, said, asserted) -> tuple[list[Annotation], list[Problem]]:
    expected = REASON if graph == CURATION_GRAPH else QUOTE
    word, name = ("reason", "sg:reason") if expected == REASON else ("quote", "sg:quote")
    prefix = f"{EVIDENCE_BASE}{graph}-"
    named = isinstance(reifier, ox.NamedNode)
    if named and not (reifier.value.startswith(prefix) and reifier.value != prefix):
        return [], [_problem(file, "evidence IRI", f"A named reifier is evidence:{graph}-<name>; "
                             f"{_show(reifier)} is not.", t) for t in triples]
    problems = [_problem(file, "annotation of an unstated triple", "The annotated triple is not stated in "
                         "this file: annotate it where it is stated.", t)
                for t in triples if t not in asserted]
    triples = [t for t in triples if t in asserted]
    if not any(p == expected for p, _ in said):
        where = f" (state `{_show(reifier)} {name} \"…\"` once in this file)" if named else ""
        problems += [_problem(file, f"annotation without {word}", "The annotation of this statement gives "
                              f"no {name}{where}.", t) for t in triples]
    annotations = []
    for predicate, value in said:
        if predicate != expected:
            hint = MISPLACED.get(predicate, "an annotation holds only the quote or the reason")
            problems += [_problem(file, "annotation property", f"{compact(predicate.value)} is not allowed "
                                  f"here: {hint}.", t) for t in triples]
        elif not isinstance(value, ox.Literal) or not normalise(value.value):
            problems += [_problem(file, f"empty {word}", f"The {word} is a non-empty string.", t)
                         for t in triples]
        else:
            annotations += [Annotation(file, graph, reifier, t, predicate, value) for t in triples]
    return annotations, problems


def _document_texts(loaded, documents: dict) -> tuple[dict[str, tuple[str, SourceText]], list[Problem]]:
    """graph slug -> (source file name, its text), for each document graph whose text is in data/sources/."""
    first_file, named = {}, defaultdict(set)
    for source in loaded.sources.data:
        first_file.setdefault(source.graph, str(source.path))
        for q in loaded.graphs[source.path]:
            if q.predicate == SOURCE_FILE and q.subject == documents.get(source.graph):
                named[source.graph].add(q.object.value)
    texts, problems = {}, []
    folder = loaded.sources.texts
    for slug in sorted(documents):
        names = sorted(named[slug])
        if len(names) != 1:
            continue  # SHACL reports a document node without exactly one sg:sourceFile
        path = Path(folder) / names[0] if folder else None
        if path is None or not path.is_file():
            problems.append(Problem(first_file[slug], "source text missing",
                                    f"{names[0]} is not in {folder or 'data/sources/'}: the documents ship "
                                    "with the data, byte for byte, so that every quote can be checked.",
                                    _show(documents[slug]), "sg:sourceFile", repr(names[0])))
            continue
        texts[slug] = (names[0], SourceText(path.read_text(encoding="utf-8")))
    return texts, problems


def statement_iri(annotation: Annotation) -> ox.NamedNode:
    """Deterministic: the named reifier's IRI, or evidence:<graph>, plus a short hash of triple and words."""
    key = f"{annotation.graph}\n{annotation.triple}\n{annotation.value.value}".encode()
    digest = hashlib.sha256(key).hexdigest()
    if isinstance(annotation.reifier, ox.NamedNode):
        return ox.NamedNode(f"{annotation.reifier.value}-{digest[:8]}")
    return ox.NamedNode(f"{EVIDENCE_BASE}{annotation.graph}-{digest[:12]}")


def evidence_statements(loaded, documents: dict) -> tuple[dict[Path, list[ox.Quad]], list[Problem]]:
    """The evidence graph's triples per source file, and every problem: an annotation outside a document or
    the curation graph, a quote the document does not contain, a statement without quote or reason."""
    annotations, problems, annotated = [], [], set()
    for source in loaded.sources.all_rdf:
        quads = loaded.annotations.get(source.path)
        if quads:
            asserted = {q.triple for q in loaded.graphs[source.path]}
            found, wrong = _annotations_of(source, quads, asserted)
            annotations += found
            problems += wrong
            annotated.update((source.graph, q.object) for q in quads if q.predicate == REIFIES)
    texts, missing = _document_texts(loaded, documents)
    problems += missing
    problems += _coverage(loaded, documents, annotated)
    problems += _links_to_curated_entities(loaded, documents)

    chosen: dict[tuple, tuple] = {}  # one statement per (graph, triple, words): the smallest IRI wins
    for a in annotations:
        span = None
        if a.property == QUOTE:
            if a.graph not in texts:
                continue
            name, text = texts[a.graph]
            span = text.locate(a.value.value)
            if span is None:
                problems.append(_quote_problem(a, name, text))
                continue
        key = (a.graph, a.triple, a.property, a.value)
        iri = statement_iri(a)
        if key not in chosen or iri.value < chosen[key][0].value:
            chosen[key] = (iri, a, span)
    per_file: dict[Path, list[ox.Quad]] = defaultdict(list)
    for iri, a, span in sorted(chosen.values(), key=lambda c: c[0].value):
        t = a.triple
        quads = [(RDF_TYPE, STATEMENT), (SUBJECT, t.subject), (PREDICATE, t.predicate), (OBJECT, t.object),
                 (a.property, a.value), (ASSERTED_IN, ox.NamedNode(str(graph_iri(a.graph))))]
        if span is not None:
            quads += [(SOURCE_LINE, ox.Literal(str(span[0]), datatype=INTEGER)),
                      (SOURCE_END_LINE, ox.Literal(str(span[1]), datatype=INTEGER)),
                      (DERIVED_FROM, documents[a.graph])]
        per_file[Path(a.file)] += [ox.Quad(iri, p, o) for p, o in quads]  # the build: graph:evidence
    return dict(per_file), _sorted(problems)


def _quote_problem(a: Annotation, name: str, text: SourceText) -> Problem:
    words = normalise(a.value.value)
    message = (f"The quote \"{words[:100]}\" does not occur in {name} (whitespace aside): quote the "
               "document's own words.")
    prefix = text.longest_prefix(words)
    if prefix:
        rest = words[len(prefix[0]):].strip()
        message += f" It has \"{prefix[0][-60:]}\" (line {prefix[1]}) but not what follows: \"{rest[:60]}\"."
    return _problem(a.file, "quote not in document", message, a.triple)


def _coverage(loaded, documents: dict, covered: set) -> list[Problem]:
    """A problem for each statement of a document graph without quote, or of the curation graph without
    reason; `covered` holds the (graph, triple) pairs that have an annotation."""
    problems = []
    for source in loaded.sources.data:
        graph = source.graph
        if graph == CURATION_GRAPH:
            rule, message = ("statement without reason", "Every statement of the curation graph gives the "
                             "curator's reason: s p o {| sg:reason \"…\"@en |}.")
        elif graph in documents and graph not in COVERAGE_EXEMPT:
            rule, message = ("statement without quote", "Every statement of a document graph quotes the "
                             "words it is drawn from: s p o {| sg:quote \"…\" |} (or ~ a named reifier).")
        else:
            continue
        document = documents.get(graph)
        for q in loaded.graphs[source.path]:
            if (graph, q.triple) in covered or (q.subject == document and q.predicate in DOCUMENT_RECORD):
                continue
            problems.append(_problem(str(source.path), rule, message, q.triple))
    return problems


def _links_to_curated_entities(loaded, documents: dict) -> list[Problem]:
    """A document graph must stand without the curation graph: no link to an entity only the curator types."""
    typed = defaultdict(set)
    for source in loaded.sources.data:
        for q in loaded.graphs[source.path]:
            if q.predicate == RDF_TYPE:
                typed[q.subject].add(source.graph == CURATION_GRAPH)
    curated_only = {entity for entity, where in typed.items() if where == {True}}
    problems = []
    for source in loaded.sources.data:
        if source.graph not in documents:
            continue
        for q in loaded.graphs[source.path]:
            if q.object in curated_only and q.predicate != RDF_TYPE:
                problems.append(_problem(str(source.path), "link to a curated entity",
                                         f"{_show(q.object)} is the curator's (only data/curation/ describes "
                                         "it): a document graph must stand without the curation graph, so "
                                         "the link goes there too, with its reason.", q.triple))
    return problems


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.entity or "", p.property or "", p.rule,
                                                p.value or "", p.message))


# --- the data without the curation graph (--no-curation, the NO_CURATION setting) ----------------------

def reified(quads: Iterable[ox.Quad]) -> dict:
    """statement node -> (subject, predicate, object) it reifies (standard reification)."""
    parts: dict = defaultdict(dict)
    for q in quads:
        if q.predicate in (SUBJECT, PREDICATE, OBJECT):
            parts[q.subject][q.predicate] = q.object
    return {node: (p[SUBJECT], p[PREDICATE], p[OBJECT]) for node, p in parts.items() if len(p) == 3}
