"""A SHACL Core validator over pyoxigraph terms, for builds of a million triples.

pySHACL evaluates every shape node by node through rdflib and needs some 14 minutes for a million triples.
This validator indexes the data graph once (predicate -> subject -> objects, and the class hierarchy) and
evaluates the same constraints with dictionary lookups, remembering which node conforms to which nested
shape. It implements the SHACL Core constraint components the saxgraph shapes use, with pySHACL's results:
the same focus nodes, paths, values, components, source shapes and messages, and sh:detail results under
sh:node. A shapes graph that uses anything else (SPARQL constraints, non-predicate paths, property pair or
range constraints, ...) raises UnsupportedShapes before any data is looked at, and the caller validates
with pySHACL instead: no check is ever skipped. tests/test_shacl.py compares both on crafted mistakes.

One deliberate difference: sh:datatype also rejects ill-formed lexical forms of the XSD types it knows
(`"in 2000"^^xsd:gYear`), as the SHACL recommendation requires; pySHACL accepts those for the types rdflib
cannot parse (gYear, gYearMonth).
"""

import pyoxigraph as ox

from saxgraph.build.shacl_components import (
    Shape,
    class_check,
    closed_check,
    datatype_check,
    has_value_check,
    in_check,
    language_in_check,
    logical_check,
    max_count_check,
    min_count_check,
    node_check,
    node_kind_check,
    not_check,
    pattern_check,
    property_check,
    qualified_check,
    unique_lang_check,
)
from saxgraph.build.shacl_data import Index, Result, UnsupportedShapes, sh, well_formed
from saxgraph.namespaces import OWL, RDFS, SH, compact

TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")
SHAPE_REFERENCES = ("property", "node", "not", "qualifiedValueShape")
LIST_REFERENCES = ("and", "or", "xone")
# Predicates of a shape that change nothing about validation (annotations) or are read with the shape.
NON_VALIDATING = {"name", "description", "order", "group", "defaultValue", "message", "severity",
                  "deactivated", "path", *TARGETS}
SUPPORTED = {"class", "datatype", "nodeKind", "minCount", "maxCount", "pattern", "flags", "languageIn",
             "uniqueLang", "in", "hasValue", "closed", "ignoredProperties", "not", "and", "or", "xone",
             "node", "property", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount",
             "qualifiedValueShapesDisjoint"}
VIOLATION = SH + "Violation"
__all__ = ["Index", "Result", "UnsupportedShapes", "VIOLATION", "Validator", "well_formed"]


class Validator:
    def __init__(self, shapes_triples):
        self.sg = Index(shapes_triples)
        self.shapes: dict = {}
        self._nodes = self._shape_nodes()
        self._check_supported()
        self.targeted = [self.shape(node) for node in self._targeted_nodes()]
        self._check_acyclic()

    # -- reading the shapes graph

    def _shape_nodes(self) -> set:
        nodes = set(self.sg.instances(sh("NodeShape"))) | set(self.sg.instances(sh("PropertyShape")))
        for name in TARGETS + ("path",):
            nodes.update(self.sg.subjects_of(sh(name)))
        for name in SHAPE_REFERENCES:
            nodes.update(self.sg.objects_of(sh(name)))
        for name in LIST_REFERENCES:
            for head in self.sg.objects_of(sh(name)):
                nodes.update(self.sg.items(head))
        return nodes

    def _check_supported(self) -> None:
        for predicate, subjects in self.sg.by_predicate.items():
            if not predicate.value.startswith(SH):
                continue
            name = predicate.value[len(SH):]
            if name not in SUPPORTED | NON_VALIDATING | {"declare", "prefix", "namespace", "prefixes"}:
                where = compact(str(next(iter(subjects)).value))
                raise UnsupportedShapes(f"sh:{name} (on {where})")
        for node in self._nodes:
            path = self.sg.value(node, sh("path"))
            if path is not None and not isinstance(path, ox.NamedNode):
                raise UnsupportedShapes(f"a property path that is not a predicate (on {node})")
            if self.sg.value(node, sh("qualifiedValueShapesDisjoint")) == ox.Literal(True):
                raise UnsupportedShapes("sh:qualifiedValueShapesDisjoint true")

    def _targeted_nodes(self) -> list:
        nodes = set()
        for name in TARGETS:
            nodes.update(self.sg.subjects_of(sh(name)))
        for cls in (ox.NamedNode(RDFS + "Class"), ox.NamedNode(OWL + "Class")):  # implicit class targets
            nodes.update(n for n in self.sg.instances(cls) if n in self._nodes)
        return sorted(nodes, key=str)

    def _owner(self, node) -> str | None:
        seen = set()
        parents = self.sg.by_predicate.get(sh("property"), {})
        while node is not None and not isinstance(node, ox.NamedNode) and node not in seen:
            seen.add(node)
            node = next((s for s, objects in parents.items() if node in objects), None)
        return compact(node.value) if node is not None else None

    def shape(self, node) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        sg = self.sg
        severity = sg.value(node, sh("severity"))
        shape = Shape(node=node, path=sg.value(node, sh("path")),
                      severity=severity.value if severity is not None else VIOLATION,
                      messages=[m.value for m in sg.objects(node, sh("message"))],
                      owner=self._owner(node),
                      deactivated=sg.value(node, sh("deactivated")) == ox.Literal(True))
        self.shapes[node] = shape
        shape.checks = self._compile(node, shape)
        return shape

    def _compile(self, node, shape: Shape) -> list:
        sg, checks = self.sg, []

        def param(name):
            return sg.objects(node, sh(name))

        def one(name):
            return sg.value(node, sh(name))

        for cls in param("class"):
            checks.append(class_check(cls))
        for datatype in param("datatype"):
            checks.append(datatype_check(datatype))
        for kind in param("nodeKind"):
            checks.append(node_kind_check(kind))
        for count in param("minCount"):
            checks.append(min_count_check(int(count.value)))
        for count in param("maxCount"):
            checks.append(max_count_check(int(count.value)))
        flags = one("flags")
        for pattern in param("pattern"):
            checks.append(pattern_check(pattern.value, flags.value if flags is not None else ""))
        for languages in param("languageIn"):
            checks.append(language_in_check([lang.value.lower() for lang in sg.items(languages)]))
        if one("uniqueLang") == ox.Literal(True):
            checks.append(unique_lang_check)
        for members in param("in"):
            checks.append(in_check(sg.items(members)))
        for value in param("hasValue"):
            checks.append(has_value_check(value))
        if one("closed") == ox.Literal(True):
            allowed = {sg.value(p, sh("path")) for p in param("property")}
            for ignored in param("ignoredProperties"):
                allowed.update(sg.items(ignored))
            checks.append(closed_check(allowed))
        for other in param("not"):
            checks.append(not_check(self.shape(other)))
        for name, rule in (("and", all), ("or", any), ("xone", None)):
            for head in param(name):
                checks.append(logical_check(name, rule, [self.shape(s) for s in sg.items(head)]))
        nodes = [self.shape(s) for s in param("node")]
        if nodes:
            checks.append(node_check(nodes))
        for qualified in param("qualifiedValueShape"):
            low, high = one("qualifiedMinCount"), one("qualifiedMaxCount")
            checks.append(qualified_check(self.shape(qualified), int(low.value) if low is not None else None,
                                           int(high.value) if high is not None else None))
        for prop in param("property"):
            checks.append(property_check(self.shape(prop)))
        return checks

    def _check_acyclic(self) -> None:
        """pySHACL skips a recursive reference with a warning; recursion is undefined in SHACL Core."""
        state: dict = {}

        def visit(node):
            if state.get(node) == 1:
                raise UnsupportedShapes(f"recursive shapes through {node}")
            if state.get(node) == 2:
                return
            state[node] = 1
            for name in SHAPE_REFERENCES:
                for ref in self.sg.objects(node, sh(name)):
                    visit(ref)
            for name in LIST_REFERENCES:
                for head in self.sg.objects(node, sh(name)):
                    for ref in self.sg.items(head):
                        visit(ref)
            state[node] = 2

        for shape in self.shapes:
            visit(shape)

    # -- validation

    def validate(self, data: Index) -> list[Result]:
        self.data = data
        for shape in self.shapes.values():
            shape.memo.clear()
        results: list[Result] = []
        try:
            for shape in self.targeted:
                if shape.deactivated:
                    continue
                for focus in self.focus_nodes(shape):
                    self.evaluate(shape, focus, results)
        finally:
            for shape in self.shapes.values():
                shape.memo.clear()
        return results

    def focus_nodes(self, shape: Shape) -> list:
        sg, data, node, nodes = self.sg, self.data, shape.node, {}
        for cls in sg.objects(node, sh("targetClass")):
            nodes.update(dict.fromkeys(data.instances(cls)))
        if (sg.is_instance(node, ox.NamedNode(RDFS + "Class"))
                or sg.is_instance(node, ox.NamedNode(OWL + "Class"))):
            nodes.update(dict.fromkeys(data.instances(node)))
        nodes.update(dict.fromkeys(sg.objects(node, sh("targetNode"))))
        for p in sg.objects(node, sh("targetSubjectsOf")):
            nodes.update(dict.fromkeys(data.subjects_of(p)))
        for p in sg.objects(node, sh("targetObjectsOf")):
            nodes.update(dict.fromkeys(data.objects_of(p)))
        return list(nodes)

    def evaluate(self, shape: Shape, focus, results: list) -> None:
        if shape.deactivated:
            return
        values = [focus] if shape.path is None else self.data.objects(focus, shape.path)
        for check in shape.checks:
            check(self, shape, focus, values, results)

    def nested(self, shape: Shape, node) -> list:
        """The results of validating `node` against a shape referenced by another (remembered)."""
        found = shape.memo.get(node)
        if found is None:
            out: list = []
            self.evaluate(shape, node, out)
            found = shape.memo[node] = out or ()
        return found

    def conforms(self, shape: Shape, node) -> bool:
        return not self.nested(shape, node)


