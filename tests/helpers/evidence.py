"""Evidence annotations in the data files, read on the test side.

A statement of a document file carries its quotes as RDF 1.2 annotations: `s p o {| sg:quote "…" |}` or a
named reifier `s p o ~ evidence:<name>` whose `sg:quote` is stated once in the same file; a curation file
gives each statement its `sg:reason`. Here the files are parsed with pyoxigraph into the statements and
their annotations, and, for a build that does not read annotations yet, copied without them."""

import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from saxgraph.namespaces import SG
from saxgraph.sources import SourceFile, Sources, discover

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


def stripped(path: Path) -> str:
    """The file's statements as N-Triples, without the annotations."""
    triples = sorted(read(path).statements, key=str)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()


def has_annotations(path: Path) -> bool:
    return any(q.predicate == REIFIES for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE))


def stripped_sources(root: Path, into: Path) -> Sources:
    """The sources of `root` as a build that does not read annotations needs them: every data file without
    its annotations, and the curation files (data/curation/) kept out of the document graphs, in the
    reference graph, until the build gives them a graph of their own."""
    shutil.copytree(root / "ontology", into / "ontology")
    shutil.copytree(root / "shapes", into / "shapes")
    real = discover(root)
    data_dir = (root / "data").resolve()
    data = []
    for source in real.data:
        relative = source.path.resolve().relative_to(data_dir)
        target = into / "data" / relative.with_suffix(".nt")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(stripped(source.path), encoding="utf-8")
        graph = "reference" if relative.parts[0] == "curation" else source.graph
        data.append(SourceFile(target, graph))
    ontology = tuple(SourceFile(into / "ontology" / s.path.name, s.graph) for s in real.ontology)
    shapes = tuple(into / "shapes" / p.name for p in real.shapes)
    return Sources(ontology=ontology, shapes=shapes, data=tuple(data))
