"""The data side of saxgraph's SHACL validator: a graph indexed once for the lookups SHACL makes
(predicate -> subject -> objects, and the class hierarchy), the lexical forms of the XSD types, and one
validation result as pySHACL reports it."""

import re
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from saxgraph.namespaces import RDF, RDF_TYPE, RDFS, SH, XSD

SUBCLASS_OF = ox.NamedNode(RDFS + "subClassOf")
RDF_FIRST, RDF_REST, RDF_NIL = (ox.NamedNode(RDF + name) for name in ("first", "rest", "nil"))


def sh(name: str) -> ox.NamedNode:
    """A term of the SHACL vocabulary."""
    return ox.NamedNode(SH + name)


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
        # each term held once: pyoxigraph makes a new object each time a triple's term is read, and at ten
        # million triples the copies took gigabytes
        intern = {}.setdefault
        for t in triples:
            s, p, o = t.subject, t.predicate, t.object
            by_predicate.setdefault(intern(p, p), {}).setdefault(intern(s, s), []).append(intern(o, o))
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
        by_subject = self.by_predicate.get(predicate, {})
        return list(dict.fromkeys(o for objects in by_subject.values() for o in objects))

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

