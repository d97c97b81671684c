"""SHACL validation with pySHACL, reported as problems that name file, entity, property and rule."""

import multiprocessing
import os
from collections import defaultdict

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from saxgraph.errors import Problem
from saxgraph.namespaces import compact

SH = Namespace("http://www.w3.org/ns/shacl#")


def load_shapes(paths) -> Graph:
    shapes = Graph()
    for path in paths:
        shapes.parse(path, format="turtle")
    return shapes


# Below this many data triples one process validates everything; above it, shape groups run in parallel.
PARALLEL_THRESHOLD = 20_000
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)

_FORKED = {}  # the state worker processes inherit by fork (graphs are large; never pickled)


def shacl_problems(loaded, workers: int | None = None) -> list[Problem]:
    """Validate the data (with the ontology, which gives sh:class its subclass hierarchy)."""
    data = loaded.data() + loaded.ontology()
    shapes = load_shapes(loaded.sources.shapes)
    files_of = loaded.files_stating()
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
        constraints = sum(1 for _ in shapes.objects(shape, SH.property)) + sum(1 for _ in shapes.objects(shape, SH.node))
        return size * (1 + constraints)

    loads = [[0, []] for _ in range(groups)]
    for shape in sorted(targeted, key=cost, reverse=True):
        lightest = min(loads, key=lambda load: load[0])
        lightest[0] += cost(shape)
        lightest[1].append(shape)
    # pySHACL skips a shape referenced by sh:node/sh:or/... unless it is in use_shapes, so every group
    # carries all the untargeted named shapes; they are only evaluated where a targeted shape refers to them.
    helpers = sorted({s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)} - set(targeted))
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
        files = sorted(files_of.get(focus, {"(no data file states this entity)"}))
        problems.append(Problem(
            file=", ".join(files),
            rule=rule,
            message=str(message),
            entity=compact(str(focus)),
            property=_show_path(path),
            value=_show_value(value),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        ))
    return problems


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.entity or "", p.property or "", p.rule, p.message))


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
