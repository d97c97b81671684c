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

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from saxgraph.namespaces import compact

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def sh(name: str) -> ox.NamedNode:
    return _n(SH + name)


RDF_TYPE, RDF_FIRST, RDF_REST, RDF_NIL = _n(RDF + "type"), _n(RDF + "first"), _n(RDF + "rest"), _n(RDF + "nil")
RDF_LANG_STRING, RDFS_LITERAL = _n(RDF + "langString"), _n(RDFS + "Literal")
SUBCLASS_OF = _n(RDFS + "subClassOf")
TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")
SHAPE_REFERENCES = ("property", "node", "not", "qualifiedValueShape")
LIST_REFERENCES = ("and", "or", "xone")
# Predicates of a shape that change nothing about validation (annotations) or are read with the shape.
NON_VALIDATING = {"name", "description", "order", "group", "defaultValue", "message", "severity",
                  "deactivated", "path", *TARGETS}
SUPPORTED = {"class", "datatype", "nodeKind", "minCount", "maxCount", "pattern", "flags", "languageIn",
             "uniqueLang", "in", "hasValue", "closed", "ignoredProperties", "not", "and", "or", "xone", "node",
             "property", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount",
             "qualifiedValueShapesDisjoint"}
VIOLATION = SH + "Violation"


class UnsupportedShapes(Exception):
    """The shapes graph uses a SHACL feature this validator does not implement (validate with pySHACL)."""


@dataclass(frozen=True)
class Result:
    """One sh:ValidationResult (details under sh:node are results of their own, as pySHACL reports them)."""

    focus: object
    path: object | None
    value: object | None
    component: str  # the constraint component IRI
    shape: object  # the source shape
    owner: str | None  # the named shape the source shape belongs to (through sh:property), compacted
    severity: str
    message: str


class Index:
    """A graph as predicate -> subject -> objects (duplicates removed, first-seen order kept), plus the
    rdf:type / rdfs:subClassOf* closure that sh:class and sh:targetClass use."""

    def __init__(self, triples):
        by_predicate: dict = {}
        for t in triples:
            by_predicate.setdefault(t.predicate, {}).setdefault(t.subject, []).append(t.object)
        for subjects in by_predicate.values():
            for s, objects in subjects.items():
                if len(objects) > 1:
                    subjects[s] = list(dict.fromkeys(objects))
        self.by_predicate = by_predicate
        self.types = by_predicate.get(RDF_TYPE, {})
        parents = by_predicate.get(SUBCLASS_OF, {})
        self._supers: dict = {}
        for cls in parents:
            seen, stack = {cls}, [cls]
            while stack:
                for parent in parents.get(stack.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        stack.append(parent)
            self._supers[cls] = seen
        self._instances: dict | None = None

    def objects(self, subject, predicate) -> list:
        return self.by_predicate.get(predicate, {}).get(subject, [])

    def value(self, subject, predicate):
        values = self.objects(subject, predicate)
        return values[0] if values else None

    def items(self, head) -> list:
        """The members of an RDF list."""
        out, seen = [], set()
        while head is not None and head != RDF_NIL and head not in seen:
            seen.add(head)
            out.extend(self.objects(head, RDF_FIRST))
            head = self.value(head, RDF_REST)
        return out

    def is_instance(self, node, cls) -> bool:
        for t in self.types.get(node, ()):
            if t == cls or cls in self._supers.get(t, ()):
                return True
        return False

    def instances(self, cls) -> list:
        if self._instances is None:
            self._instances = defaultdict(list)
            for node, types in self.types.items():
                for cls_ in {c for t in types for c in self._supers.get(t, (t,))}:
                    self._instances[cls_].append(node)
        return self._instances.get(cls, [])

    def subjects_of(self, predicate) -> list:
        return list(self.by_predicate.get(predicate, {}))

    def objects_of(self, predicate) -> list:
        return list(dict.fromkeys(o for objects in self.by_predicate.get(predicate, {}).values() for o in objects))

    def predicates_of(self, subject) -> list:
        return [p for p, subjects in self.by_predicate.items() if subject in subjects]


# --- lexical forms of the XSD datatypes sh:datatype checks (XML Schema 1.1 Part 2) ------------------

_TZ = r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_YEAR = r"-?([1-9][0-9]{3,}|0[0-9]{3})"
_LEXICAL = {
    "string": None,
    "boolean": r"true|false|1|0",
    "decimal": r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)",
    "integer": r"[+-]?[0-9]+",
    "double": r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN",
    "float": r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN",
    "date": _YEAR + r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])" + _TZ,
    "dateTime": _YEAR + r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
                r"(\.[0-9]+)?|24:00:00(\.0+)?)" + _TZ,
    "time": r"(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)" + _TZ,
    "gYear": _YEAR + _TZ,
    "gYearMonth": _YEAR + r"-(0[1-9]|1[0-2])" + _TZ,
}
_LEXICAL_RE = {XSD + name: re.compile(pattern) for name, pattern in _LEXICAL.items() if pattern}
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def well_formed(literal: ox.Literal) -> bool:
    """Whether the literal's lexical form is valid for its datatype (unknown datatypes: assumed so)."""
    datatype = literal.datatype.value
    pattern = _LEXICAL_RE.get(datatype)
    if pattern is None:
        return True
    text = literal.value
    if not pattern.fullmatch(text):
        return False
    if datatype in (XSD + "date", XSD + "dateTime"):
        body = text[1:] if text.startswith("-") else text
        parts = body.split("T")[0].split("-")
        year, month, day = int(parts[0]), int(parts[1]), int(parts[2][:2])
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        if day > _DAYS[month - 1] or (month == 2 and day == 29 and not leap):
            return False
    return True


# --- compiled shapes -------------------------------------------------------------------------------

@dataclass(eq=False)
class Shape:
    node: object
    path: object | None
    severity: str
    messages: list[str]
    owner: str | None
    deactivated: bool = False
    checks: list = field(default_factory=list)  # functions (validator, shape, focus, values, results)
    memo: dict = field(default_factory=dict)  # node -> results, when evaluated as a nested shape


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
        for cls in (_n(RDFS + "Class"), _n(OWL + "Class")):  # implicit class targets
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
            checks.append(_class_check(cls))
        for datatype in param("datatype"):
            checks.append(_datatype_check(datatype))
        for kind in param("nodeKind"):
            checks.append(_node_kind_check(kind))
        for count in param("minCount"):
            checks.append(_min_count_check(int(count.value)))
        for count in param("maxCount"):
            checks.append(_max_count_check(int(count.value)))
        flags = one("flags")
        for pattern in param("pattern"):
            checks.append(_pattern_check(pattern.value, flags.value if flags is not None else ""))
        for languages in param("languageIn"):
            checks.append(_language_in_check([lang.value.lower() for lang in sg.items(languages)]))
        if one("uniqueLang") == ox.Literal(True):
            checks.append(_unique_lang_check)
        for members in param("in"):
            checks.append(_in_check(sg.items(members)))
        for value in param("hasValue"):
            checks.append(_has_value_check(value))
        if one("closed") == ox.Literal(True):
            allowed = {sg.value(p, sh("path")) for p in param("property")}
            for ignored in param("ignoredProperties"):
                allowed.update(sg.items(ignored))
            checks.append(_closed_check(allowed))
        for other in param("not"):
            checks.append(_not_check(self.shape(other)))
        for name, rule in (("and", all), ("or", any), ("xone", None)):
            for head in param(name):
                checks.append(_logical_check(name, rule, [self.shape(s) for s in sg.items(head)]))
        nodes = [self.shape(s) for s in param("node")]
        if nodes:
            checks.append(_node_check(nodes))
        for qualified in param("qualifiedValueShape"):
            low, high = one("qualifiedMinCount"), one("qualifiedMaxCount")
            checks.append(_qualified_check(self.shape(qualified), int(low.value) if low is not None else None,
                                           int(high.value) if high is not None else None))
        for prop in param("property"):
            checks.append(_property_check(self.shape(prop)))
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
        if sg.is_instance(node, _n(RDFS + "Class")) or sg.is_instance(node, _n(OWL + "Class")):
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


def _result(shape: Shape, focus, component: str, generic: str, value=None, path=None) -> Result:
    message = shape.messages[0] if shape.messages else generic
    return Result(focus, path if path is not None else shape.path, value, SH + component, shape.node,
                  shape.owner, shape.severity, message)


def _show(term) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.Literal):  # as pySHACL writes a literal in its messages
        text = f'"{term.value}"'
        if term.datatype.value == XSD + "boolean" and term.value in ("true", "false", "1", "0"):
            text += f" = {term.value in ('true', '1')}"
        if term.language:
            text += f", lang={term.language}"
        elif term.datatype.value != XSD + "string":
            text += f", datatype={compact(term.datatype.value)}"
        return f"Literal({text})"
    return str(term)


def _where(shape: Shape, focus) -> str:
    return f"{_show(focus)}->{_show(shape.path)}" if shape.path is not None else _show(focus)


def _per_value(component: str, ok, describe):
    def check(v: Validator, shape: Shape, focus, values, results):
        for value in values:
            if not ok(v, value):
                results.append(_result(shape, focus, component, describe(value), value))
    return check


def _class_check(cls):
    return _per_value("ClassConstraintComponent",
                      lambda v, value: not isinstance(value, ox.Literal) and v.data.is_instance(value, cls),
                      lambda value: f"Value does not have class {_show(cls)}")


def _datatype_check(datatype):
    def ok(_, value):
        if not isinstance(value, ox.Literal):
            return False
        if datatype == RDF_LANG_STRING:
            return value.language is not None
        if datatype == RDFS_LITERAL:
            return True
        return value.language is None and value.datatype == datatype and well_formed(value)
    return _per_value("DatatypeConstraintComponent", ok,
                      lambda value: f"Value is not Literal with datatype {_show(datatype)}")


_KINDS = {
    "IRI": (ox.NamedNode,), "BlankNode": (ox.BlankNode,), "Literal": (ox.Literal,),
    "BlankNodeOrIRI": (ox.BlankNode, ox.NamedNode), "BlankNodeOrLiteral": (ox.BlankNode, ox.Literal),
    "IRIOrLiteral": (ox.NamedNode, ox.Literal),
}


def _node_kind_check(kind):
    name = kind.value[len(SH):]
    if name not in _KINDS:
        raise UnsupportedShapes(f"sh:nodeKind {kind}")
    return _per_value("NodeKindConstraintComponent", lambda _, value: isinstance(value, _KINDS[name]),
                      lambda value: f"Value is not of Node Kind {_show(kind)}")


def _min_count_check(count: int):
    def check(v, shape, focus, values, results):
        if len(values) < count:
            results.append(_result(shape, focus, "MinCountConstraintComponent",
                                   f"Less than {count} values on {_where(shape, focus)}"))
    return check


def _max_count_check(count: int):
    def check(v, shape, focus, values, results):
        if len(values) > count:
            results.append(_result(shape, focus, "MaxCountConstraintComponent",
                                   f"More than {count} values on {_where(shape, focus)}"))
    return check


_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def _pattern_check(pattern: str, flags: str):
    compiled = re.compile(pattern, sum(_FLAGS.get(f, 0) for f in flags))
    return _per_value("PatternConstraintComponent",
                      lambda _, value: not isinstance(value, ox.BlankNode) and compiled.search(value.value),
                      lambda value: f"Value does not match pattern '{pattern}'")


def _language_in_check(languages: list[str]):
    def ok(_, value):
        if not isinstance(value, ox.Literal) or not value.language:
            return False
        lang = value.language.lower()
        return "*" in languages or lang in languages or lang.split("-")[0] in languages
    return _per_value("LanguageInConstraintComponent", ok,
                      lambda value: f"String language is not in {languages}")


def _unique_lang_check(v, shape, focus, values, results):
    seen, duplicates = set(), {}
    for value in values:
        if isinstance(value, ox.Literal) and value.language:
            lang = value.language.lower()
            if lang in seen:
                duplicates[lang] = True
            seen.add(lang)
    for _ in duplicates:
        results.append(_result(shape, focus, "UniqueLangConstraintComponent",
                               "More than one String shares the same Language"))


def _in_check(members: list):
    allowed = set(members)
    return _per_value("InConstraintComponent", lambda _, value: value in allowed,
                      lambda value: f"Value {_show(value)} not in list {[_show(m) for m in members]}")


def _has_value_check(expected):
    def check(v, shape, focus, values, results):
        if expected not in values:
            where = f"{_where(shape, focus)} does not contain a value in the set: " if shape.path is not None \
                else f"{_show(focus)} value is not a in the set of values: "
            results.append(_result(shape, focus, "HasValueConstraintComponent",
                                   f"Node {where}{[_show(expected)]}"))
    return check


def _closed_check(allowed: set):
    def check(v, shape, focus, values, results):
        for value in values:
            for predicate in v.data.predicates_of(value):
                if predicate in allowed:
                    continue
                for obj in v.data.objects(value, predicate):
                    results.append(_result(shape, focus, "ClosedConstraintComponent",
                                           f"Node {_show(focus)} is closed. It cannot have value: {_show(obj)}",
                                           obj, predicate))
    return check


def _not_check(other: Shape):
    return _per_value("NotConstraintComponent", lambda v, value: not v.conforms(other, value),
                      lambda value: f"Node {_show(value)} must not conform to shape {_show(other.node)}")


def _logical_check(name: str, rule, members: list[Shape]):
    wording = {"and": "all shapes", "or": "one or more shapes", "xone": "exactly one shape"}[name]
    component = name.capitalize() + "ConstraintComponent"

    def ok(v, value):
        conforming = [v.conforms(m, value) for m in members]  # every member, as pySHACL evaluates them
        return sum(conforming) == 1 if rule is None else rule(conforming)
    return _per_value(component, ok, lambda value: f"Node {_show(value)} must conform to {wording} in "
                      + " , ".join(_show(m.node) for m in members))


def _node_check(others: list[Shape]):
    names = [_show(o.node) for o in others]
    generic = (f"Value does not conform to Shape {names[0]}." if len(names) < 2 else
               "Value must conform to every Shape in ('{}').".format("', '".join(names))) \
        + " See details for more information."

    def check(v, shape, focus, values, results):
        for other in others:
            for value in values:
                details = v.nested(other, value)
                if details:
                    results.append(_result(shape, focus, "NodeConstraintComponent", generic, value))
                    results.extend(details)
    return check


def _qualified_check(other: Shape, low: int | None, high: int | None):
    def check(v, shape, focus, values, results):
        count = sum(1 for value in values if v.conforms(other, value))
        counts = (f" MinCount {low}" if low is not None else "") + (f" MaxCount {high}" if high is not None else "")
        generic = f"Focus node does not conform to shape{counts}: {_show(other.node)}"
        if high is not None and count > high:
            results.append(_result(shape, focus, "QualifiedMaxCountConstraintComponent", generic))
        if low is not None and count < low:
            results.append(_result(shape, focus, "QualifiedMinCountConstraintComponent", generic))
    return check


def _property_check(prop: Shape):
    def check(v, shape, focus, values, results):
        for value in values:
            v.evaluate(prop, value, results)
    return check
