"""Exports for graph tools (Gephi, Cytoscape, yEd, networkx): GraphML, GEXF 1.3 and CSV node/edge tables.

The property graph drawn from the RDF: nodes are the entities (`/id/...` IRIs with a type), edges the
statements linking two entities, labelled with the property's label. Literals become node attributes named
by the property's prefixed name; links to things that are not entities (an EU country IRI, a qualifier such
as sg:moreThan) and blank nodes are folded into attributes too (`prop.subprop` for a blank node's values).
Only asserted statements are drawn: the materialised alignments (graph/inferred) would duplicate every edge
under its standard name, the ontology's own triples describe terms, not the ecosystem, and the evidence
(graph/evidence: a node per quote, linked to its statement's subject and object) would bury the network
under its sources.

Attributes are typed by their values' datatypes (`column_type`): integers (and years, xsd:gYear) as long,
decimals and doubles as double, booleans as boolean, everything else (text, IRIs, dates as their ISO
form) as string. An attribute that some node has several values of is a list: `liststring`, `listlong`,
`listdouble` or `listboolean` in GEXF 1.3 (`[a, b]`, text quoted); GraphML has no list type, so there and in
the CSV tables the values are joined by " | " into one string.

Domain only (`domain_only=True`): the vocabulary is left out, so the hubs of a degree ranking are
ecosystem entities. A node is vocabulary when one of its asserted classes is in VOCABULARY_CLASSES (SKOS
concepts and concept schemes, classes and properties) or a subclass of one in the ontology (sg:Topic,
sg:Role): the topic scheme, the topics and the roles (contact person, ...). Links to them become
attributes (their IRIs), like links to any other non-entity."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree as ET

import pyoxigraph as ox

from saxgraph.describe.resource import LABEL_PROPERTIES, RDF_TYPE, add_fallback_labels, best_label, graph_name
from saxgraph.namespaces import (
    EVIDENCE_GRAPH,
    ID_BASE,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    OWL,
    RDF,
    RDFS,
    SG,
    SKOS,
    XSD,
    XSI,
    compact,
    graph_iri,
)

SEPARATOR = " | "  # between the values of a multi-valued attribute in GraphML and CSV
CSV_FILES = ("nodes.csv", "edges.csv")  # the files of the CSV export, in its zip or its folder
SKIPPED_GRAPHS = {str(graph_iri(g)) for g in (INFERRED_GRAPH, ONTOLOGY_GRAPH, EVIDENCE_GRAPH)}
GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

# The one rule of --domain-only: instances of these classes, or of their subclasses in the ontology, are
# vocabulary, not ecosystem entities.
VOCABULARY_CLASSES = (SKOS.Concept, SKOS.ConceptScheme, OWL.Class, RDFS.Class, RDF.Property,
                      OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Ontology)

# Literal datatypes -> the kind of value they are; anything else is text.
INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong",
                                   "unsignedInt", "unsignedShort", "unsignedByte")}
DECIMAL_TYPES = {XSD + t for t in ("decimal", "double", "float")}
YEAR = re.compile(r"-?\d{4,}")
INTEGER = re.compile(r"[+-]?\d+")
DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN")
BOOLEANS = {"true": "true", "1": "true", "false": "false", "0": "false"}

LONG, DOUBLE, BOOLEAN, STRING = "long", "double", "boolean", "string"
GEXF_LISTS = {STRING: "liststring", LONG: "listlong", DOUBLE: "listdouble", BOOLEAN: "listboolean"}


@dataclass(frozen=True, order=True)
class Value:
    text: str
    kind: str = STRING  # LONG, DOUBLE, BOOLEAN or STRING: the narrowest type the value fits


@dataclass
class Node:
    iri: str
    label: str = ""
    classes: list[str] = field(default_factory=list)  # compact names of asserted classes
    attributes: dict[str, list[Value]] = field(default_factory=dict)

    @property
    def main_class(self) -> str:
        return self.classes[0] if self.classes else ""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    property: str  # IRI
    label: str


@dataclass
class PropertyGraph:
    nodes: dict[str, Node]
    edges: list[Edge]

    def attribute_names(self) -> list[str]:
        return sorted({name for node in self.nodes.values() for name in node.attributes})


@dataclass(frozen=True)
class Column:
    """A node attribute: its name, type (LONG, DOUBLE, BOOLEAN, STRING), whether it holds lists, and the
    values of a node."""
    name: str
    type: str
    is_list: bool
    values: callable

    def text(self, node: Node) -> str:
        """The values as one string (GraphML, CSV): lists joined by SEPARATOR."""
        return SEPARATOR.join(v.text for v in self.values(node))

    def gexf_type(self) -> str:
        return GEXF_LISTS[self.type] if self.is_list else self.type

    def gexf_text(self, node: Node) -> str:
        values = self.values(node)
        if not self.is_list:
            return values[0].text if values else ""
        if not values:
            return ""
        items = [_quoted(v.text) if self.type == STRING else v.text for v in values]
        return "[" + ", ".join(items) + "]"


def _quoted(text: str) -> str:
    """A text item of a GEXF list: in double quotes; in single quotes if it has a double quote but no single
    one; else in double quotes with a backslash before each double quote."""
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else '"' + text.replace('"', '\\"') + '"'


def vocabulary_classes(store) -> set[str]:
    """VOCABULARY_CLASSES and their subclasses in the store's ontology (IRIs), the closure taken here from
    the rdfs:subClassOf statements (no property path: not every remote store answers one unanchored)."""
    children: dict[str, set[str]] = {}
    for q in store.quads(None, ox.NamedNode(str(RDFS.subClassOf)), None, None):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
            children.setdefault(q.object.value, set()).add(q.subject.value)
    found, todo = set(), [str(c) for c in VOCABULARY_CLASSES]
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.add(cls)
            todo.extend(children.get(cls, ()))
    return found


def property_graph(store, domain_only: bool = False) -> PropertyGraph:
    """The entities and the links between them, from the asserted graphs of `store`; with `domain_only`
    without the vocabulary (see the module's description)."""
    triples = {q.triple for q in store.quads(None, None, None, None)
               if graph_name(q) not in SKIPPED_GRAPHS}
    nodes = {t.subject.value: Node(t.subject.value) for t in triples
             if t.predicate == RDF_TYPE and isinstance(t.subject, ox.NamedNode)
             and t.subject.value.startswith(ID_BASE)}
    if domain_only:
        vocabulary = vocabulary_classes(store)
        for t in triples:
            if t.predicate == RDF_TYPE and t.object.value in vocabulary:
                nodes.pop(t.subject.value, None)
    by_bnode: dict = {}
    for t in triples:
        if isinstance(t.subject, ox.BlankNode):
            by_bnode.setdefault(t.subject, []).append(t)
    labels = _labels(store)
    edges = set()
    for t in sorted(triples, key=str):
        if not isinstance(t.subject, ox.NamedNode) or t.subject.value not in nodes:
            continue
        node, prop, obj = nodes[t.subject.value], t.predicate.value, t.object
        if t.predicate == RDF_TYPE:
            node.classes.append(_class_name(obj.value))
        elif isinstance(obj, ox.NamedNode) and obj.value in nodes:
            edges.add(Edge(node.iri, obj.value, prop, best_label(labels.get(prop), "en") or compact(prop)))
        elif isinstance(obj, ox.BlankNode):
            for inner in sorted(by_bnode.get(obj, []), key=str):
                node.attributes.setdefault(f"{compact(prop)}.{compact(inner.predicate.value)}", []).append(
                    _value(inner.object))
        else:
            node.attributes.setdefault(compact(prop), []).append(_value(obj))
    add_fallback_labels(store, labels, list(nodes))
    for node in nodes.values():
        node.label = best_label(labels.get(node.iri), "en") or compact(node.iri)
        kind = node.iri[len(ID_BASE):].split("/", 1)[0]
        # The class named like the IRI's kind first (cluster/x -> Cluster), so tools partition by it.
        node.classes.sort(key=lambda c: (c.lower() != kind, ":" in c, c))
        for values in node.attributes.values():
            values.sort()
    return PropertyGraph(dict(sorted(nodes.items())),
                         sorted(edges, key=lambda e: (e.source, e.property, e.target)))


def _labels(store) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for prop in LABEL_PROPERTIES:
        for q in store.quads(None, prop, None, None):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
                out.setdefault(q.subject.value, {}).setdefault(q.object.language or "", q.object.value)
    return out


def _class_name(iri: str) -> str:
    return iri[len(str(SG)):] if iri.startswith(str(SG)) else compact(iri)


def _value(term) -> Value:
    """An attribute value: its text and the narrowest type it fits (a malformed number stays text)."""
    if isinstance(term, ox.NamedNode):
        return Value(compact(term.value) if term.value.startswith(str(SG)) else term.value)
    if isinstance(term, ox.BlankNode):
        return Value(f"_:{term.value}")
    text, datatype = term.value, term.datatype.value
    if datatype in INTEGER_TYPES and INTEGER.fullmatch(text.strip()):
        return Value(str(int(text)), LONG)
    if datatype == XSD + "gYear" and YEAR.fullmatch(text):
        return Value(str(int(text)), LONG)
    if datatype in DECIMAL_TYPES and DECIMAL.fullmatch(text.strip()):
        return Value(text.strip(), DOUBLE)
    if datatype == XSD + "boolean" and text.strip() in BOOLEANS:
        return Value(BOOLEANS[text.strip()], BOOLEAN)
    return Value(text)  # text, and dates in their ISO form (neither GraphML nor GEXF 1.3 has a date type)


def column_type(kinds: set[str]) -> str:
    """The type of an attribute whose values are of `kinds`: integers with decimals are doubles, any other
    mixture is text."""
    if kinds <= {LONG}:
        return LONG
    if kinds <= {LONG, DOUBLE}:
        return DOUBLE
    if kinds == {BOOLEAN}:
        return BOOLEAN
    return STRING


def _node_columns(graph: PropertyGraph) -> list[Column]:
    """Every node attribute, typed, in a stable order."""
    columns = [Column("class", STRING, False, lambda n: [Value(n.main_class)] if n.main_class else []),
               Column("classes", STRING, True, lambda n: [Value(c) for c in n.classes]),
               Column("iri", STRING, False, lambda n: [Value(n.iri)])]
    for name in graph.attribute_names():
        found = [node.attributes[name] for node in graph.nodes.values() if name in node.attributes]
        kind = column_type({v.kind for values in found for v in values})
        columns.append(Column(name, kind, any(len(values) > 1 for values in found),
                              lambda n, name=name: n.attributes.get(name, [])))
    return columns


def _xml(root: ET.Element, output: BinaryIO) -> None:
    ET.indent(root, space=" ")
    output.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    output.write(ET.tostring(root, encoding="utf-8", xml_declaration=False))
    output.write(b"\n")


def write_graphml(store, output: BinaryIO, domain_only: bool = False) -> None:
    graph = property_graph(store, domain_only)
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml", {
        f"{{{XSI}}}schemaLocation": f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    q = lambda tag: f"{{{GRAPHML_NS}}}{tag}"  # noqa: E731
    columns = _node_columns(graph)
    node_keys = [("label", STRING, lambda n: n.label)]
    node_keys += [(c.name, STRING if c.is_list else c.type, c.text) for c in columns]
    for i, (name, kind, _) in enumerate(node_keys):
        ET.SubElement(root, q("key"), {"id": f"n{i}", "for": "node", "attr.name": name, "attr.type": kind})
    edge_keys = [("label", lambda e: e.label), ("property", lambda e: compact(e.property)),
                 ("iri", lambda e: e.property)]
    for i, (name, _) in enumerate(edge_keys):
        ET.SubElement(root, q("key"), {"id": f"e{i}", "for": "edge", "attr.name": name,
                                       "attr.type": STRING})
    g = ET.SubElement(root, q("graph"), {"id": "saxgraph", "edgedefault": "directed"})
    for node in graph.nodes.values():
        element = ET.SubElement(g, q("node"), {"id": node.iri})
        for i, (_, _, value) in enumerate(node_keys):
            if text := value(node):
                ET.SubElement(element, q("data"), {"key": f"n{i}"}).text = text
    for j, edge in enumerate(graph.edges):
        element = ET.SubElement(g, q("edge"), {"id": f"e{j}", "source": edge.source, "target": edge.target})
        for i, (_, value) in enumerate(edge_keys):
            ET.SubElement(element, q("data"), {"key": f"e{i}"}).text = value(edge)
    _xml(root, output)


def write_gexf(store, output: BinaryIO, domain_only: bool = False) -> None:
    graph = property_graph(store, domain_only)
    ET.register_namespace("", GEXF_NS)
    q = lambda tag: f"{{{GEXF_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("gexf"), {"version": "1.3", f"{{{XSI}}}schemaLocation":
                                  f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd"})
    meta = ET.SubElement(root, q("meta"))
    ET.SubElement(meta, q("creator")).text = "saxgraph"
    scope = "domain entities (vocabulary left out)" if domain_only else "entities"
    ET.SubElement(meta, q("description")).text = (
        f"Innovation ecosystem of Saxony: {len(graph.nodes)} {scope}, {len(graph.edges)} links "
        f"(dataset {store.version})")
    g = ET.SubElement(root, q("graph"), {"defaultedgetype": "directed", "mode": "static"})
    columns = _node_columns(graph)
    attributes = ET.SubElement(g, q("attributes"), {"class": "node", "mode": "static"})
    for i, column in enumerate(columns):
        ET.SubElement(attributes, q("attribute"), {"id": str(i), "title": column.name,
                                                   "type": column.gexf_type()})
    edge_attributes = ET.SubElement(g, q("attributes"), {"class": "edge", "mode": "static"})
    ET.SubElement(edge_attributes, q("attribute"), {"id": "p", "title": "property", "type": STRING})
    ET.SubElement(edge_attributes, q("attribute"), {"id": "piri", "title": "iri", "type": STRING})
    nodes = ET.SubElement(g, q("nodes"), {"count": str(len(graph.nodes))})
    for node in graph.nodes.values():
        element = ET.SubElement(nodes, q("node"), {"id": node.iri, "label": node.label})
        values = ET.SubElement(element, q("attvalues"))
        for i, column in enumerate(columns):
            if text := column.gexf_text(node):
                ET.SubElement(values, q("attvalue"), {"for": str(i), "value": text})
    edges = ET.SubElement(g, q("edges"), {"count": str(len(graph.edges))})
    for j, edge in enumerate(graph.edges):
        element = ET.SubElement(edges, q("edge"), {"id": str(j), "source": edge.source, "target": edge.target,
                                                   "label": edge.label, "kind": compact(edge.property)})
        values = ET.SubElement(element, q("attvalues"))
        ET.SubElement(values, q("attvalue"), {"for": "p", "value": compact(edge.property)})
        ET.SubElement(values, q("attvalue"), {"for": "piri", "value": edge.property})
    _xml(root, output)


def csv_tables(store, domain_only: bool = False) -> tuple[bytes, bytes]:
    """nodes.csv and edges.csv with the column names Gephi's spreadsheet import recognises."""
    graph = property_graph(store, domain_only)
    columns = _node_columns(graph)
    nodes, edges = io.StringIO(newline=""), io.StringIO(newline="")
    writer = csv.writer(nodes, lineterminator="\r\n")
    writer.writerow(["Id", "Label"] + [c.name for c in columns])
    for node in graph.nodes.values():
        writer.writerow([node.iri, node.label] + [c.text(node) for c in columns])
    writer = csv.writer(edges, lineterminator="\r\n")
    writer.writerow(["Source", "Target", "Type", "Label", "property", "iri"])
    for edge in graph.edges:
        writer.writerow([edge.source, edge.target, "Directed", edge.label, compact(edge.property),
                         edge.property])
    return nodes.getvalue().encode("utf-8"), edges.getvalue().encode("utf-8")


def write_csv_directory(store, directory: Path, domain_only: bool = False) -> list[Path]:
    """nodes.csv and edges.csv in `directory` (made if missing); the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in zip(CSV_FILES, csv_tables(store, domain_only), strict=True):
        (directory / name).write_bytes(content)
        written.append(directory / name)
    return written


def write_csv_zip(store, output: BinaryIO, domain_only: bool = False) -> None:
    """nodes.csv + edges.csv in one zip, with fixed timestamps so the same data gives the same bytes."""
    tables = csv_tables(store, domain_only)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in zip(CSV_FILES, tables, strict=True):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    output.write(buffer.getvalue())
