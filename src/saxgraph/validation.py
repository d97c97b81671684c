"""SHACL validation with pySHACL, reported as problems that name file, entity, property and rule."""

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from saxgraph.errors import Problem
from saxgraph.namespaces import compact

SH = Namespace("http://www.w3.org/ns/shacl#")


def load_shapes(paths) -> Graph:
    shapes = Graph()
    for path in paths:
        shapes.parse(path, format="turtle")
    return shapes


def shacl_problems(loaded) -> list[Problem]:
    import pyshacl  # imported here: it is slow to import and only the build needs it

    data = loaded.data() + loaded.ontology()  # the ontology gives sh:class its subclass hierarchy
    shapes = load_shapes(loaded.sources.shapes)
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                    allow_warnings=True, abort_on_first=False)
    files_of = loaded.files_stating()
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
    return sorted(problems, key=lambda p: (p.file, p.entity or "", p.property or "", p.rule))


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
