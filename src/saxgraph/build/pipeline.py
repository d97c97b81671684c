"""Curated sources -> checked, validated, materialised dataset (saxgraph.build.folder writes it)."""

import functools
import gc
import hashlib
import tempfile
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
    commit_build,
    read_manifest,
    remove_stale_prebuilt,
    stage_dataset,
    write_prebuilt,
)
from saxgraph.build.personal_data import public_quads
from saxgraph.build.sorting import LineSorter
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
    """A build; `nquads`, the dataset's bytes, are read from `dataset_path` when asked for (they can be
    gigabytes), or kept when nothing was written."""

    dataset_path: Path | None
    manifest: dict
    written: bytes | None = None

    @property
    def nquads(self) -> bytes:
        return self.written if self.written is not None else self.dataset_path.read_bytes()


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


def without_cyclic_gc(function):
    """Runs `function` with Python's cyclic garbage collector paused: a build makes millions of objects that
    live to its end, and each collection walked all of them again (a third of the validation's CPU time at
    100k triples); reference counting still frees everything, cycles are collected once afterwards."""

    @functools.wraps(function)
    def paused(*args, **kwargs):
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


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


@without_cyclic_gc
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


def dataset_lines(loaded: LoadedSources, documents: dict[str, ox.NamedNode], ontology: list[ox.Quad],
                  directory=None) -> tuple[LineSorter, LineSorter]:
    """The dataset before inference as N-Quads lines (each source file's triples in its graph, the evidence
    in graph:evidence, each document graph's prov:wasDerivedFrom), and what the alignments entail from them
    (super-classes, super-properties, inverses) as N-Triples lines, asserted ones included: written by
    pyoxigraph file by file and sorted in runs on disk (saxgraph.build.sorting), never a set of terms."""
    super_classes, super_props, inverses = alignment_closure(ontology)
    asserted, entailed = LineSorter(directory), LineSorter(directory)
    ups: dict = {}  # property -> (its super-properties, and the inverses' with theirs)

    def entailed_by(prop):
        if prop not in ups:
            up = [prop, *super_props.get(prop, ())]
            inverse = [r for q in up if q in inverses
                       for r in (inverses[q], *super_props.get(inverses[q], ()))]
            ups[prop] = ([q for q in up if q != prop], inverse)  # prop itself is asserted
        return ups[prop]

    def add(quads, graph: ox.NamedNode) -> None:
        text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)  # default-graph quads: `s p o .` lines
        asserted.add_text(text.replace(b" .\n", f" <{graph.value}> .\n".encode()))
        found = []
        for s, p, o, _ in quads:
            if p == RDF_TYPE:
                found.extend(ox.Triple(s, RDF_TYPE, c) for c in super_classes.get(o, ()))
                continue
            supers, inverse = entailed_by(p)
            found.extend(ox.Triple(s, q, o) for q in supers)
            if inverse and isinstance(o, ox.NamedNode):
                found.extend(ox.Triple(o, r, s) for r in inverse)
        if found:
            entailed.add_text(ox.serialize(found, format=ox.RdfFormat.N_TRIPLES))

    for source in loaded.sources.all_rdf:
        add(loaded.graphs[source.path], ox.NamedNode(str(source.graph_iri)))
    evidence = ox.NamedNode(str(graph_iri(EVIDENCE_GRAPH)))
    for statements in loaded.evidence.values():
        add(statements, evidence)
    derived_from = ox.NamedNode(str(PROV.wasDerivedFrom))
    for slug, document in documents.items():
        g = ox.NamedNode(str(graph_iri(slug)))
        add([ox.Quad(g, derived_from, document)], g)
    return asserted, entailed


@dataclass
class Written:
    """What write_dataset wrote: the N-Quads' hash and counts."""

    hash: str
    quads: int
    triples: int  # distinct triples: the union graph's
    graphs: dict[str, int]
    inferred: int


def write_dataset(asserted: LineSorter, entailed: LineSorter, out, union) -> Written:
    """The sorted N-Quads to `out` (the asserted lines, and each entailed triple nobody asserted, in
    graph:inferred), each distinct triple once to `union` (N-Triples), hashed and counted on the way.

    Sorted lines come grouped by triple, in the order of the triples' own text: a line is `<triple> <graph> .`
    and whatever can continue a term sorts after the space that ends it."""
    inferred_graph = f"<{graph_iri(INFERRED_GRAPH)}>".encode()
    inferred_tail = b" " + inferred_graph + b" .\n"
    digest, per_graph = hashlib.sha256(), defaultdict(int)
    triples = inferred = 0
    lines: list[bytes] = []
    union_lines: list[bytes] = []

    def flush():
        data = b"".join(lines)
        out.write(data)
        digest.update(data)
        union.write(b"".join(union_lines))
        lines.clear()
        union_lines.clear()

    candidates = (line[:-3] for line in entailed.sorted())  # `s p o .\n` -> `s p o`
    candidate = next(candidates, None)
    last = None
    for line in asserted.sorted():
        cut = line.rindex(b" <")
        triple = line[:cut]
        if triple != last:
            while candidate is not None and candidate < triple:
                lines.append(candidate + inferred_tail)
                union_lines.append(candidate + b" .\n")
                triples += 1
                inferred += 1
                candidate = next(candidates, None)
            if candidate == triple:  # asserted: not inferred
                candidate = next(candidates, None)
            union_lines.append(triple + b" .\n")
            triples += 1
            last = triple
        lines.append(line)
        per_graph[line[cut + 1:-3]] += 1
        if len(lines) >= 16384:
            flush()
    while candidate is not None:
        lines.append(candidate + inferred_tail)
        union_lines.append(candidate + b" .\n")
        triples += 1
        inferred += 1
        candidate = next(candidates, None)
    flush()
    if inferred:
        per_graph[inferred_graph] += inferred
    graphs = {g[1:-1].decode(): n for g, n in sorted(per_graph.items())}
    return Written("sha256:" + digest.hexdigest(), sum(graphs.values()), triples, graphs, inferred)


@without_cyclic_gc
def build(sources: Sources | None = None, out_dir: Path | None = None, progress: Progress = _quiet,
          write: bool = True, public: bool = False, curation: bool = True) -> BuildResult:
    """Check, validate and materialise; `public` leaves personal data out (saxgraph.build.personal_data),
    `curation=False` the curation graph (saxgraph.build.curation.without_curation)."""
    started = time.perf_counter()
    phases = Phases()
    sources = sources or discover()
    loaded, documents = check(sources, progress, phases)
    ontology = loaded.ontology()
    if write:
        out_dir = Path(out_dir) if out_dir else default_build_dir()
        out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out_dir if write else None) as work:
        work = Path(work)
        asserted, entailed = dataset_lines(loaded, documents, ontology, work)
        del loaded  # from here on the lines are the dataset
        phases.done("materialise")
        staged = stage_dataset(out_dir) if write else work / DATASET_FILE
        union = work / "union.nt"
        with open(staged, "wb") as out, open(union, "wb") as union_out:
            written = write_dataset(asserted, entailed, out, union_out)
        phases.done("serialise")
        progress(f"materialised {written.inferred} aligned triples into graph/{INFERRED_GRAPH} "
                 f"in {phases['materialise']:.1f}s, sorted and wrote them in {phases['serialise']:.1f}s")
        removed = None
        if not curation or public:
            quads = list(ox.parse(path=staged, format=ox.RdfFormat.N_QUADS))
            if not curation:
                quads = without_curation(quads, ontology)
                progress("left out the curation graph")
            if public:
                kept = public_quads(quads)
                removed, quads = len(quads) - len(kept), kept
                progress(f"public: left out {removed} quads of personal data")
            lines = LineSorter(work)
            lines.add_text(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
            del quads
            with open(staged, "wb") as out, open(union, "wb") as union_out:
                written = write_dataset(lines, LineSorter(work), out, union_out)
        manifest = {
            "saxgraph_version": __version__,
            "hash": written.hash,
            "quads": written.quads,
            "triples": written.triples,
            "graphs": written.graphs,
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
        if not write:
            return BuildResult(None, manifest, staged.read_bytes())
        try:
            previous = (read_manifest(out_dir) or {}).get("store")
            # the store the server opens, written before the manifest that names it
            manifest["store"] = write_prebuilt(out_dir, staged, manifest["hash"], union=union)
            progress(f"wrote the prebuilt store {manifest['store']} in {phases.done('store'):.1f}s")
            manifest["build_seconds"] = round(time.perf_counter() - started, 3)
            manifest["phase_seconds"] = {name: round(seconds, 3) for name, seconds in phases.items()}
            commit_build(out_dir, staged, manifest)
        finally:
            staged.unlink(missing_ok=True)  # renamed into place, or left from a failure
    # the previous build's store stays for a server that still has it open; older ones go
    remove_stale_prebuilt(out_dir, keep={manifest["store"], previous or ""})
    path = out_dir / DATASET_FILE
    progress(f"wrote {path} ({manifest['quads']} quads, {manifest['hash'][:19]}…) and {MANIFEST_FILE} "
             f"in {phases.done('write'):.1f}s")
    return BuildResult(path, manifest)


def _relative(path: Path, sources: Sources) -> str:
    for anchor in (sources.ontology[0].path.parent.parent if sources.ontology else None,):
        if anchor is not None:
            try:
                return str(path.resolve().relative_to(anchor.resolve()))
            except ValueError:
                pass
    return str(path)
