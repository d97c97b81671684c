"""SHACL validation, reported as problems that name file, entity, property and rule.

Two engines give the same results (tests/test_shacl.py compares them): saxgraph's own SHACL Core validator
(saxgraph.build.shacl), fast enough for a million triples, and pySHACL, the reference, which validates
whenever the shapes use a feature the first does not implement.
SAXGRAPH_SHACL_ENGINE (auto, saxgraph, pyshacl) chooses one by hand.
"""

import logging
import multiprocessing
import os
from collections import defaultdict
from itertools import chain

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from saxgraph import settings
from saxgraph.build import shacl
from saxgraph.errors import BuildError, Problem, SaxgraphError
from saxgraph.namespaces import PREFIXES, RDF, RDFS, SH, compact

ENGINES = ("auto", "saxgraph", "pyshacl")
log = logging.getLogger("saxgraph.build.validation")


def load_shapes(paths) -> list[ox.Triple]:
    triples, problems = [], []
    for path in paths:
        try:
            triples.extend(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
        except (SyntaxError, ValueError, OSError) as error:
            problems.append(Problem(str(path), "Turtle syntax", " ".join(str(error).split())[:600]))
    if problems:
        raise BuildError(problems, "parse")
    return triples


def rdflib_graph(triples) -> Graph:
    graph = Graph()
    for name, iri in PREFIXES.items():  # pySHACL writes its messages with the graph's prefixes
        graph.bind(name, iri, override=True)
    return graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


# Below this many data triples one process validates everything; above it, shape groups run in parallel.
PARALLEL_THRESHOLD = 20_000
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)

_FORKED = {}  # the state worker processes inherit by fork (graphs are large; never pickled)


def shacl_problems(loaded, workers: int | None = None, engine: str | None = None) -> list[Problem]:
    """Validate the data (with the ontology, which gives sh:class its subclass hierarchy)."""
    engine = engine or settings.get("SHACL_ENGINE")
    if engine not in ENGINES:
        raise SaxgraphError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    shape_triples = load_shapes(loaded.sources.shapes)
    if engine != "pyshacl":
        try:
            validator = shacl.Validator(shape_triples)
        except shacl.UnsupportedShapes as why:
            if engine == "saxgraph":
                raise SaxgraphError(f"saxgraph's SHACL validator does not implement {why}; "
                                    "use SAXGRAPH_SHACL_ENGINE=pyshacl") from None
            log.warning("validating with pySHACL: the shapes use %s", why)
        else:
            results = validator.validate(shacl.Index(chain(loaded.data(), loaded.ontology())))
            files_of = loaded.files_stating() if results else {}
            return _sorted([_problem_of(r, files_of) for r in results])
    return _pyshacl_problems(loaded, shape_triples, workers)


def _value(term) -> str:
    return compact(term.value) if isinstance(term, ox.NamedNode) else repr(term.value)


def _problem_of(result: shacl.Result, files_of: dict) -> Problem:
    rule = result.component.rsplit("#", 1)[-1]
    if result.owner:
        rule = f"{result.owner} {rule}"
    return Problem(
        file=_files(files_of, result.focus),
        rule=rule,
        message=result.message,
        entity=compact(result.focus.value) if isinstance(result.focus, ox.NamedNode) else result.focus.value,
        property=compact(result.path.value) if result.path is not None else None,
        value=None if result.value is None else _value(result.value)[:120],
        severity=result.severity.rsplit("#", 1)[-1],
    )


def _files(files_of: dict, focus) -> str:
    return ", ".join(sorted(files_of.get(focus, {"(no data file states this entity)"})))


def _pyshacl_problems(loaded, shape_triples, workers: int | None) -> list[Problem]:
    data = rdflib_graph(chain(loaded.data(), loaded.ontology()))
    shapes = rdflib_graph(shape_triples)
    files_of = {_rdflib_term(s): files for s, files in loaded.files_stating().items()}
    workers = workers or (os.cpu_count() or 1)
    groups = partition_shapes(shapes, data, workers if len(data) >= PARALLEL_THRESHOLD else 1)
    if len(groups) <= 1:
        return _sorted(_validate(data, shapes, files_of, None))
    _FORKED.update(data=data, shapes=shapes, files_of=files_of)
    try:
        with multiprocessing.get_context("fork").Pool(len(groups)) as pool:
            results = pool.map(_validate_group, groups)
    finally:
        _FORKED.clear()
    return _sorted([p for group in results for p in group])


def _rdflib_term(term):
    return URIRef(term.value) if isinstance(term, ox.NamedNode) else BNode(term.value)


def _validate_group(group):
    return _validate(_FORKED["data"], _FORKED["shapes"], _FORKED["files_of"], group)


def partition_shapes(shapes: Graph, data: Graph, groups: int) -> list[list[URIRef]]:
    """Targeted shapes in `groups` sets of similar cost (target instances x constraints); each set is
    validated with pySHACL's use_shapes, which keeps the exact semantics of one full run."""
    targeted = sorted({s for t in TARGETS for s in shapes.subjects(t, None)})
    if groups <= 1:
        return [None]  # one run over every shape
    subclasses = defaultdict(set)
    for sub, sup in data.subject_objects(RDFS.subClassOf):
        subclasses[sup].add(sub)

    def instances(cls, seen=None):
        seen = seen if seen is not None else set()
        if cls in seen:
            return 0
        seen.add(cls)
        return sum(1 for _ in data.subjects(RDF.type, cls)) + sum(instances(c, seen) for c in subclasses[cls])

    def cost(shape):
        size = sum(instances(c) for c in shapes.objects(shape, SH.targetClass)) + 1
        constraints = (sum(1 for _ in shapes.objects(shape, SH.property))
                       + sum(1 for _ in shapes.objects(shape, SH.node)))
        return size * (1 + constraints)

    loads = [[0, []] for _ in range(groups)]
    for shape in sorted(targeted, key=cost, reverse=True):
        lightest = min(loads, key=lambda load: load[0])
        lightest[0] += cost(shape)
        lightest[1].append(shape)
    # pySHACL skips a shape referenced by sh:node/sh:or/... unless it is in use_shapes, so every group
    # carries all the untargeted named shapes; they are only evaluated where a targeted shape refers to them.
    named = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    helpers = sorted(named - set(targeted))
    return [members + helpers for _, members in loads if members]


def _validate(data: Graph, shapes: Graph, files_of: dict, use_shapes) -> list[Problem]:
    import pyshacl  # imported here: it is slow to import and only the build needs it

    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True,
                                    abort_on_first=False, use_shapes=use_shapes)
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        if not isinstance(focus, URIRef | BNode):
            continue  # a nested detail about a value; its parent result is reported
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        component = report.value(result, SH.sourceConstraintComponent)
        shape = report.value(result, SH.sourceShape)
        severity = report.value(result, SH.resultSeverity)
        message = report.value(result, SH.resultMessage) or "constraint violated"
        rule = compact(str(component)).replace("sh:", "") if component is not None else "constraint"
        owner = _named_shape(shapes, shape)
        if owner:
            rule = f"{owner} {rule}"
        problems.append(Problem(
            file=_files(files_of, focus),
            rule=rule,
            message=str(message),
            entity=compact(str(focus)),
            property=_show_path(path),
            value=_show_value(value),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        ))
    return problems


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.entity or "", p.property or "", p.rule, p.message,
                                                p.value or "", p.severity))


def _named_shape(shapes: Graph, shape) -> str | None:
    """The named node shape a (possibly anonymous) property shape or SPARQL constraint belongs to."""
    seen = set()
    while shape is not None and not isinstance(shape, URIRef) and shape not in seen:
        seen.add(shape)
        shape = next(iter(shapes.subjects(SH.property, shape)), None) or \
            next(iter(shapes.subjects(SH.sparql, shape)), None)
    return compact(str(shape)) if shape else None


def _show_path(path) -> str | None:
    if path is None:
        return None
    return compact(str(path)) if isinstance(path, URIRef) else "(property path)"


def _show_value(value) -> str | None:
    if value is None:
        return None
    text = compact(str(value)) if isinstance(value, URIRef) else repr(str(value))
    return text[:120]
