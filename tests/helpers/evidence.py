"""Evidence annotations in the data files, read on the test side.

A statement of a document file carries its quotes as RDF 1.2 annotations: `s p o {| sg:quote "…" |}` or a
named reifier `s p o ~ evidence:<name>` whose `sg:quote` is stated once in the same file; a curation file
gives each statement its `sg:reason`. Here the files are parsed with pyoxigraph into the statements and
their annotations."""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from saxgraph.namespaces import SG

REIFIES = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies")
QUOTE = ox.NamedNode(str(SG["quote"]))
REASON = ox.NamedNode(str(SG["reason"]))


@dataclass
class Annotated:
    """One file's statements, and for each statement the reifiers that annotate it."""

    statements: set = field(default_factory=set)  # ox.Triple
    reifiers_of: dict = field(default_factory=lambda: defaultdict(set))  # ox.Triple -> {reifier}
    about: dict = field(default_factory=lambda: defaultdict(list))  # reifier -> [(predicate, object)]

    def values(self, reifier, predicate) -> list[str]:
        return [o.value for p, o in self.about[reifier] if p == predicate]

    def quotes(self, statement) -> list[str]:
        return sorted(q for r in self.reifiers_of[statement] for q in self.values(r, QUOTE))

    def reasons(self, statement) -> list[ox.Literal]:
        return [o for r in self.reifiers_of[statement] for p, o in self.about[r] if p == REASON]


def read(path: Path) -> Annotated:
    quads = list(ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=Path(path).resolve().as_uri()))
    reifiers = {q.subject for q in quads if q.predicate == REIFIES}
    result = Annotated()
    for q in quads:
        if q.predicate == REIFIES:
            result.reifiers_of[q.object].add(q.subject)
        elif q.subject in reifiers:
            result.about[q.subject].append((q.predicate, q.object))
        else:
            result.statements.add(ox.Triple(q.subject, q.predicate, q.object))
    return result
