"""The SHACL Core constraint components of saxgraph's validator: each a check made once per shape (from the
shape's parameters) and run on a focus node's values, with pySHACL's messages."""

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from saxgraph.build.shacl_data import Result, UnsupportedShapes, well_formed
from saxgraph.namespaces import RDF, RDFS, SH, XSD, compact

RDF_LANG_STRING, RDFS_LITERAL = ox.NamedNode(RDF + "langString"), ox.NamedNode(RDFS + "Literal")


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
    def check(v, shape: Shape, focus, values, results):
        for value in values:
            if not ok(v, value):
                results.append(_result(shape, focus, component, describe(value), value))
    return check


def class_check(cls):
    return _per_value("ClassConstraintComponent",
                      lambda v, value: not isinstance(value, ox.Literal) and v.data.is_instance(value, cls),
                      lambda value: f"Value does not have class {_show(cls)}")


def datatype_check(datatype):
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


def node_kind_check(kind):
    name = kind.value[len(SH):]
    if name not in _KINDS:
        raise UnsupportedShapes(f"sh:nodeKind {kind}")
    return _per_value("NodeKindConstraintComponent", lambda _, value: isinstance(value, _KINDS[name]),
                      lambda value: f"Value is not of Node Kind {_show(kind)}")


def min_count_check(count: int):
    def check(v, shape, focus, values, results):
        if len(values) < count:
            results.append(_result(shape, focus, "MinCountConstraintComponent",
                                   f"Less than {count} values on {_where(shape, focus)}"))
    return check


def max_count_check(count: int):
    def check(v, shape, focus, values, results):
        if len(values) > count:
            results.append(_result(shape, focus, "MaxCountConstraintComponent",
                                   f"More than {count} values on {_where(shape, focus)}"))
    return check


_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def pattern_check(pattern: str, flags: str):
    compiled = re.compile(pattern, sum(_FLAGS.get(f, 0) for f in flags))
    return _per_value("PatternConstraintComponent",
                      lambda _, value: not isinstance(value, ox.BlankNode) and compiled.search(value.value),
                      lambda value: f"Value does not match pattern '{pattern}'")


def language_in_check(languages: list[str]):
    def ok(_, value):
        if not isinstance(value, ox.Literal) or not value.language:
            return False
        lang = value.language.lower()
        return "*" in languages or lang in languages or lang.split("-")[0] in languages
    return _per_value("LanguageInConstraintComponent", ok,
                      lambda value: f"String language is not in {languages}")


def unique_lang_check(v, shape, focus, values, results):
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


def in_check(members: list):
    allowed = set(members)
    return _per_value("InConstraintComponent", lambda _, value: value in allowed,
                      lambda value: f"Value {_show(value)} not in list {[_show(m) for m in members]}")


def has_value_check(expected):
    def check(v, shape, focus, values, results):
        if expected not in values:
            if shape.path is not None:
                where = f"{_where(shape, focus)} does not contain a value in the set: "
            else:
                where = f"{_show(focus)} value is not a in the set of values: "
            results.append(_result(shape, focus, "HasValueConstraintComponent",
                                   f"Node {where}{[_show(expected)]}"))
    return check


def closed_check(allowed: set):
    def check(v, shape, focus, values, results):
        for value in values:
            for predicate in v.data.predicates_of(value):
                if predicate in allowed:
                    continue
                for obj in v.data.objects(value, predicate):
                    results.append(_result(shape, focus, "ClosedConstraintComponent",
                                           f"Node {_show(focus)} is closed. "
                                           f"It cannot have value: {_show(obj)}",
                                           obj, predicate))
    return check


def not_check(other: Shape):
    return _per_value("NotConstraintComponent", lambda v, value: not v.conforms(other, value),
                      lambda value: f"Node {_show(value)} must not conform to shape {_show(other.node)}")


def logical_check(name: str, rule, members: list[Shape]):
    wording = {"and": "all shapes", "or": "one or more shapes", "xone": "exactly one shape"}[name]
    component = name.capitalize() + "ConstraintComponent"

    def ok(v, value):
        conforming = [v.conforms(m, value) for m in members]  # every member, as pySHACL evaluates them
        return sum(conforming) == 1 if rule is None else rule(conforming)
    return _per_value(component, ok, lambda value: f"Node {_show(value)} must conform to {wording} in "
                      + " , ".join(_show(m.node) for m in members))


def node_check(others: list[Shape]):
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


def qualified_check(other: Shape, low: int | None, high: int | None):
    def check(v, shape, focus, values, results):
        count = sum(1 for value in values if v.conforms(other, value))
        counts = ((f" MinCount {low}" if low is not None else "")
                  + (f" MaxCount {high}" if high is not None else ""))
        generic = f"Focus node does not conform to shape{counts}: {_show(other.node)}"
        if high is not None and count > high:
            results.append(_result(shape, focus, "QualifiedMaxCountConstraintComponent", generic))
        if low is not None and count < low:
            results.append(_result(shape, focus, "QualifiedMinCountConstraintComponent", generic))
    return check


def property_check(prop: Shape):
    def check(v, shape, focus, values, results):
        for value in values:
            v.evaluate(prop, value, results)
    return check
