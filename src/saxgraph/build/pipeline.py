"""Curated sources -> checked, validated, materialised dataset (saxgraph.build.folder writes it)."""

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from saxgraph import __version__
from saxgraph.build.curation import without_curation
from saxgraph.build.evidence import evidence_statements, split_annotations
from saxgraph.build.folder import (
    DATASET_FILE,
    MANIFEST_FILE,
    read_manifest,
    remove_stale_prebuilt,
    sorted_nquads,
    version_of,
    write_build,
    write_prebuilt,
)
from saxgraph.build.personal_data import public_quads
from saxgraph.build.sources import Sources, default_build_dir, discover
from saxgraph.build.validation import shacl_problems
from saxgraph.errors import BuildError, Problem
from saxgraph.namespaces import (
    EVIDENCE_GRAPH,
    ID_BASE,
    INFERRED_GRAPH,
    KINDS,
    NON_DOCUMENT_GRAPHS,
    OWL,
    PROV,
    RDF_TYPE,
    RDFS,
    SG,
    compact,
    graph_iri,
)

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass
class LoadedSources:
    """Each source file parsed on its own (pyoxigraph triples), so that every problem can name its file.
    `graphs` holds the asserted triples, `annotations` each file's RDF 1.2 annotations (quotes, reasons)
    and `evidence`, once checked, the evidence graph's statements drawn from each file
    (saxgraph.build.evidence)."""

    sources: Sources
    graphs: dict[Path, list[ox.Quad]]
    annotations: dict[Path, list[ox.Quad]] = field(default_factory=dict)
    evidence: dict[Path, list[ox.Quad]] = field(default_factory=dict)

    def ontology(self) -> list[ox.Quad]:
        return [t for source in self.sources.ontology for t in self.graphs[source.path]]

    def data(self) -> list[ox.Quad]:
        """The data files' triples and the evidence statements drawn from them (what SHACL validates)."""
        return [t for source in self.sources.data for t in self.graphs[source.path]] + \
            [t for quads in self.evidence.values() for t in quads]

    def files_stating(self) -> dict:
        """subject -> the data files in which it is a subject (or whose annotations it comes from)."""
        index = defaultdict(set)
        for source in self.sources.data:
            path = str(source.path)
            for t in self.graphs[source.path]:
                index[t.subject].add(path)
        for path, quads in self.evidence.items():
            for t in quads:
                index[t.subject].add(str(path))
        return index


@dataclass
class BuildResult:
    dataset_path: Path | None
    manifest: dict
    nquads: bytes


def parse_sources(sources: Sources, progress: Progress = _quiet) -> LoadedSources:
    problems, graphs, annotations = [], {}, {}
    for source in sources.all_rdf:
        try:
            quads = list(ox.parse(path=source.path, format=ox.RdfFormat.TURTLE,
                                  base_iri=source.path.resolve().as_uri()))
        except (SyntaxError, ValueError, OSError) as error:
            problems.append(Problem(str(source.path), "Turtle syntax", _syntax_message(error)))
            continue
        graphs[source.path], found = split_annotations(quads)
        if found:
            annotations[source.path] = found
    if problems:
        raise BuildError(problems, "parse")
    progress(f"parsed {len(graphs)} files ({sum(len(g) for g in graphs.values())} triples, "
             f"{sum(len(a) for a in annotations.values())} annotation triples)")
    return LoadedSources(sources, graphs, annotations)


def _syntax_message(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text[:600]


SOURCE_DOCUMENT = ox.NamedNode(str(SG.SourceDocument))


def check_terms(loaded: LoadedSources) -> list[Problem]:
    """Undeclared sg: terms, unknown IRI kinds, blank nodes, and entity IRIs that nothing describes."""
    declared = {t.subject.value for t in loaded.ontology()
                if t.predicate == RDF_TYPE and isinstance(t.subject, ox.NamedNode)}
    typed = {t.subject for source in loaded.sources.data for t in loaded.graphs[source.path]
             if t.predicate == RDF_TYPE}
    sg, checked = str(SG), {}  # IRI -> its problem (rule, message) or None, decided once per IRI
    id_base, kinds = ID_BASE, set(KINDS)

    def problem_of(iri: str):
        if iri in checked:
            return checked[iri]
        found = None
        if iri.startswith(sg) and iri not in declared:
            found = ("undeclared term",
                     f"{compact(iri)} is not declared in the ontology (ontology/saxgraph.ttl).", True)
        elif iri.startswith(id_base) and iri[len(id_base):].split("/", 1)[0] not in kinds:
            found = ("unknown IRI kind", f"{iri} does not follow {id_base}<kind>/<slug> with a known kind "
                     f"({', '.join(KINDS)}).", False)
        checked[iri] = found
        return found

    problems = set()
    for source in loaded.sources.data:
        file = str(source.path)
        for s, p, o, _ in loaded.graphs[source.path]:
            for term in (s, p, o):
                if isinstance(term, ox.BlankNode):
                    problems.add(Problem(file, "no blank nodes",
                                         "Give every node an IRI (see data/README.md); "
                                         "blank nodes cannot be linked or dereferenced.", _show(s), _show(p)))
                elif isinstance(term, ox.NamedNode):
                    found = problem_of(term.value)
                    if found:
                        rule, message, with_value = found
                        problems.add(Problem(file, rule, message, _show(s), _show(p),
                                             _show(term) if with_value else None))
            if (isinstance(o, ox.NamedNode) and o.value.startswith(id_base) and o not in typed
                    and p != RDF_TYPE):
                problems.add(Problem(file, "undefined entity", f"{compact(o.value)} is linked to but no data "
                                     "file gives it a type: a typo in the IRI, or a missing entity.",
                                     _show(s), _show(p), _show(o)))
    return sorted(problems, key=lambda p: (p.file, p.entity or "", p.property or "", p.rule, p.value or ""))


def _show(term) -> str:
    return compact(term.value) if isinstance(term, ox.NamedNode) else term.value


def document_nodes(loaded: LoadedSources) -> tuple[dict[str, ox.NamedNode], list[Problem]]:
    """The sg:SourceDocument each document graph derives from: exactly one per graph."""
    found, files_of = defaultdict(set), defaultdict(list)
    for source in loaded.sources.data:
        if source.graph in NON_DOCUMENT_GRAPHS:
            continue
        files_of[source.graph].append(str(source.path))
        found[source.graph].update(t.subject for t in loaded.graphs[source.path]
                                   if t.predicate == RDF_TYPE and t.object == SOURCE_DOCUMENT)
    documents, problems = {}, []
    for slug, files in sorted(files_of.items()):
        nodes = sorted(found[slug], key=str)
        if len(nodes) != 1:
            problems.append(Problem(files[0], "one source document per graph",
                                    f"graph {slug} must declare exactly one sg:SourceDocument; "
                                    f"found {len(nodes)}."))
        else:
            documents[slug] = nodes[0]
    return documents, problems


def alignment_closure(ontology: list[ox.Quad]):
    """Transitive super-classes and super-properties, and inverse pairs, as the ontology declares them."""

    def closure(relation):
        direct = defaultdict(set)
        for sub, p, sup, _ in ontology:
            if p == relation and isinstance(sub, ox.NamedNode) and isinstance(sup, ox.NamedNode):
                direct[sub].add(sup)
        result = {}
        for start in direct:
            seen, stack = set(), list(direct[start])
            while stack:
                node = stack.pop()
                if node not in seen:
                    seen.add(node)
                    stack.extend(direct.get(node, ()))
            seen.discard(start)
            result[start] = seen
        return result

    inverses = {}
    inverse_of = ox.NamedNode(str(OWL.inverseOf))
    for a, p, b, _ in ontology:
        if p == inverse_of:
            inverses[a], inverses[b] = b, a
    return (closure(ox.NamedNode(str(RDFS.subClassOf))), closure(ox.NamedNode(str(RDFS.subPropertyOf))),
            inverses)


def materialise(quads: set, ontology: list[ox.Quad]) -> set:
    """Triples the alignments entail (super-classes, super-properties, inverses) and nobody asserted."""
    super_classes, super_props, inverses = alignment_closure(ontology)
    ups = {}

    def up(prop):
        if prop not in ups:
            ups[prop] = {prop} | super_props.get(prop, set())
        return ups[prop]

    asserted = {(s, p, o) for s, p, o, _ in quads}
    inferred = set()
    for s, p, o in asserted:
        if p == RDF_TYPE:
            inferred.update((s, RDF_TYPE, c) for c in super_classes.get(o, ()))
            continue
        for q in up(p):
            inferred.add((s, q, o))
            if q in inverses and isinstance(o, ox.NamedNode):
                inferred.update((o, r, s) for r in up(inverses[q]))
    return inferred - asserted


def assemble(loaded: LoadedSources, documents: dict[str, ox.NamedNode]) -> set:
    """Quads (s, p, o, graph IRI) of the dataset, before inference: the evidence in graph:evidence."""
    quads = set()
    for source in loaded.sources.all_rdf:
        g = ox.NamedNode(str(source.graph_iri))
        quads.update((s, p, o, g) for s, p, o, _ in loaded.graphs[source.path])
    evidence = ox.NamedNode(str(graph_iri(EVIDENCE_GRAPH)))
    quads.update((s, p, o, evidence) for statements in loaded.evidence.values() for s, p, o, _ in statements)
    derived_from = ox.NamedNode(str(PROV.wasDerivedFrom))
    for slug, document in documents.items():
        g = ox.NamedNode(str(graph_iri(slug)))
        quads.add((g, derived_from, document, g))
    return quads


class Phases(dict):
    """Seconds per build phase, in order (reported in the manifest and by the benchmarks)."""

    def __init__(self):
        super().__init__()
        self._mark = time.perf_counter()

    def done(self, name: str) -> float:
        now = time.perf_counter()
        self[name] = self.get(name, 0.0) + now - self._mark
        self._mark = now
        return self[name]


def check(sources: Sources | None = None, progress: Progress = _quiet,
          phases: Phases | None = None) -> tuple[LoadedSources, dict]:
    """Every check of the build without writing: parse, terms, documents, evidence, SHACL (BuildError)."""
    phases = phases if phases is not None else Phases()
    sources = sources or discover()
    if not sources.data:
        raise BuildError([Problem("data/", "no data", "no data files found")], "parse")
    loaded = parse_sources(sources, progress)
    phases.done("parse")
    problems = check_terms(loaded)
    documents, doc_problems = document_nodes(loaded)
    problems += doc_problems
    if problems:
        raise BuildError(problems, "term check")
    phases.done("check_terms")
    progress("checked terms: every sg: term declared, every linked entity described "
             f"({len(documents)} documents)")
    # Evidence problems are reported with the SHACL violations, so that a curator sees every one at once.
    loaded.evidence, evidence_problems = evidence_statements(loaded, documents)
    statements = sum(1 for quads in loaded.evidence.values() for q in quads if q.predicate == RDF_TYPE)
    progress(f"checked evidence: {statements} quotes and reasons ({len(evidence_problems)} problems) "
             f"in {phases.done('evidence'):.1f}s")
    violations = [p for p in shacl_problems(loaded) if p.severity == "Violation"]
    if evidence_problems or violations:
        raise BuildError(evidence_problems + violations,
                         "SHACL validation" if not evidence_problems else
                         "evidence check" if not violations else "evidence check and SHACL validation")
    progress(f"validated with SHACL against {len(sources.shapes)} shape files in {phases.done('shacl'):.1f}s")
    return loaded, documents


def build(sources: Sources | None = None, out_dir: Path | None = None, progress: Progress = _quiet,
          write: bool = True, public: bool = False, curation: bool = True) -> BuildResult:
    """Check, validate and materialise; `public` leaves personal data out (saxgraph.build.personal_data),
    `curation=False` the curation graph (saxgraph.build.curation.without_curation)."""
    started = time.perf_counter()
    phases = Phases()
    sources = sources or discover()
    loaded, documents = check(sources, progress, phases)
    quads = assemble(loaded, documents)
    inferred = materialise(quads, loaded.ontology())
    inferred_graph = ox.NamedNode(str(graph_iri(INFERRED_GRAPH)))
    quads.update((s, p, o, inferred_graph) for s, p, o in inferred)
    progress(f"materialised {len(inferred)} aligned triples into graph/{INFERRED_GRAPH} "
             f"in {phases.done('materialise'):.1f}s")
    removed = kept = None
    if not curation:
        quads = {(q.subject, q.predicate, q.object, q.graph_name)
                 for q in without_curation((ox.Quad(*q) for q in quads), loaded.ontology())}
        progress("left out the curation graph")
    if public:
        kept = public_quads(ox.Quad(*q) for q in quads)
        removed = len(quads) - len(kept)
        quads = [(q.subject, q.predicate, q.object, q.graph_name) for q in kept]
        progress(f"public: left out {removed} quads of personal data")
    nquads = sorted_nquads(quads)
    triples = len({q[:3] for q in quads})  # of the default graph, the union of the named graphs
    per_graph = defaultdict(int)
    for *_, g in quads:
        per_graph[g.value] += 1
    # from here on the N-Quads are the dataset: free the terms before the store
    del quads, inferred, loaded, kept
    manifest = {
        "saxgraph_version": __version__,
        "hash": version_of(nquads),
        "quads": sum(per_graph.values()),
        "triples": triples,
        "graphs": dict(sorted(per_graph.items())),
        "documents": {str(graph_iri(slug)): str(doc) for slug, doc in sorted(documents.items())},
        "sources": [
            {"file": _relative(source.path, sources), "graph": str(source.graph_iri),
             "sha256": hashlib.sha256(source.path.read_bytes()).hexdigest()}
            for source in sources.all_rdf
        ],
        "texts": [
            {"file": _relative(path, sources), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
            for path in sorted(Path(sources.texts).glob("*.txt"))
        ] if sources.texts else [],
        "build_seconds": round(time.perf_counter() - started, 3),
    }
    if not curation:
        manifest.update(curation=False)
    if public:
        manifest.update(public=True, personal_data_removed=removed)
    phases.done("serialise")
    path = None
    if write:
        out_dir = Path(out_dir) if out_dir else default_build_dir()
        out_dir.mkdir(parents=True, exist_ok=True)
        previous = (read_manifest(out_dir) or {}).get("store")
        # the store the server opens, written before the manifest that names it
        manifest["store"] = write_prebuilt(out_dir, nquads, manifest["hash"])
        progress(f"wrote the prebuilt store {manifest['store']} in {phases.done('store'):.1f}s")
        manifest["build_seconds"] = round(time.perf_counter() - started, 3)
        manifest["phase_seconds"] = {name: round(seconds, 3) for name, seconds in phases.items()}
        write_build(out_dir, nquads, manifest)
        # the previous build's store stays for a server that still has it open; older ones go
        remove_stale_prebuilt(out_dir, keep={manifest["store"], previous or ""})
        path = out_dir / DATASET_FILE
        progress(f"wrote {path} ({manifest['quads']} quads, {manifest['hash'][:19]}…) and {MANIFEST_FILE} "
                 f"in {phases.done('write'):.1f}s")
    return BuildResult(path, manifest, nquads)


def _relative(path: Path, sources: Sources) -> str:
    for anchor in (sources.ontology[0].path.parent.parent if sources.ontology else None,):
        if anchor is not None:
            try:
                return str(path.resolve().relative_to(anchor.resolve()))
            except ValueError:
                pass
    return str(path)
