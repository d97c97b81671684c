"""Exports for graph tools (Gephi, Cytoscape, yEd, networkx): GraphML, GEXF 1.3 and CSV node/edge tables.

The property graph drawn from the RDF: nodes are the entities (`/id/...` IRIs with a type), edges the
statements linking two entities, labelled with the property's label. Literals become node attributes named
by the property's prefixed name (several values joined by " | "); links to things that are not entities
(an EU country IRI, a qualifier such as sg:moreThan) and blank nodes are folded into attributes too
(`prop.subprop` for a blank node's values). Only asserted statements are drawn: the materialised
alignments (graph/inferred) would duplicate every edge under its standard name, the ontology's own
triples describe terms, not the ecosystem, and the evidence (graph/evidence: a node per quote, linked to
its statement's subject and object) would bury the network under its sources."""

import csv
import io
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
    SG,
    XSI,
    compact,
    graph_iri,
)

SEPARATOR = " | "
CSV_FILES = ("nodes.csv", "edges.csv")  # the files of the CSV export, in its zip or its folder
SKIPPED_GRAPHS = {str(graph_iri(g)) for g in (INFERRED_GRAPH, ONTOLOGY_GRAPH, EVIDENCE_GRAPH)}
GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


@dataclass
class Node:
    iri: str
    label: str = ""
    classes: list[str] = field(default_factory=list)  # compact names of asserted classes
    attributes: dict[str, list[str]] = field(default_factory=dict)

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


def property_graph(store) -> PropertyGraph:
    """The entities and the links between them, from the asserted graphs of `store`."""
    triples = {q.triple for q in store.quads(None, None, None, None)
               if graph_name(q) not in SKIPPED_GRAPHS}
    nodes = {t.subject.value: Node(t.subject.value) for t in triples
             if t.predicate == RDF_TYPE and isinstance(t.subject, ox.NamedNode)
             and t.subject.value.startswith(ID_BASE)}
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
                    _text(inner.object, labels))
        else:
            node.attributes.setdefault(compact(prop), []).append(_text(obj, labels))
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


def _text(term, labels) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value) if term.value.startswith(str(SG)) else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _node_columns(graph: PropertyGraph) -> list[tuple[str, callable]]:
    """(attribute name, value of a node) for every node attribute, in a stable order."""
    columns = [("class", lambda n: n.main_class), ("classes", lambda n: SEPARATOR.join(n.classes)),
               ("iri", lambda n: n.iri)]
    for name in graph.attribute_names():
        columns.append((name, lambda n, name=name: SEPARATOR.join(n.attributes.get(name, []))))
    return columns


def _xml(root: ET.Element, output: BinaryIO) -> None:
    ET.indent(root, space=" ")
    output.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    output.write(ET.tostring(root, encoding="utf-8", xml_declaration=False))
    output.write(b"\n")


def write_graphml(store, output: BinaryIO) -> None:
    graph = property_graph(store)
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml", {
        f"{{{XSI}}}schemaLocation": f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    q = lambda tag: f"{{{GRAPHML_NS}}}{tag}"  # noqa: E731
    node_keys = [("label", lambda n: n.label)] + _node_columns(graph)
    for i, (name, _) in enumerate(node_keys):
        ET.SubElement(root, q("key"), {"id": f"n{i}", "for": "node", "attr.name": name,
                                       "attr.type": "string"})
    edge_keys = [("label", lambda e: e.label), ("property", lambda e: compact(e.property)),
                 ("iri", lambda e: e.property)]
    for i, (name, _) in enumerate(edge_keys):
        ET.SubElement(root, q("key"), {"id": f"e{i}", "for": "edge", "attr.name": name,
                                       "attr.type": "string"})
    g = ET.SubElement(root, q("graph"), {"id": "saxgraph", "edgedefault": "directed"})
    for node in graph.nodes.values():
        element = ET.SubElement(g, q("node"), {"id": node.iri})
        for i, (_, value) in enumerate(node_keys):
            if text := value(node):
                ET.SubElement(element, q("data"), {"key": f"n{i}"}).text = text
    for j, edge in enumerate(graph.edges):
        element = ET.SubElement(g, q("edge"), {"id": f"e{j}", "source": edge.source, "target": edge.target})
        for i, (_, value) in enumerate(edge_keys):
            ET.SubElement(element, q("data"), {"key": f"e{i}"}).text = value(edge)
    _xml(root, output)


def write_gexf(store, output: BinaryIO) -> None:
    graph = property_graph(store)
    ET.register_namespace("", GEXF_NS)
    q = lambda tag: f"{{{GEXF_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("gexf"), {"version": "1.3", f"{{{XSI}}}schemaLocation":
                                  f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd"})
    meta = ET.SubElement(root, q("meta"))
    ET.SubElement(meta, q("creator")).text = "saxgraph"
    ET.SubElement(meta, q("description")).text = (
        f"Innovation ecosystem of Saxony: {len(graph.nodes)} entities, {len(graph.edges)} links "
        f"(dataset {store.version})")
    g = ET.SubElement(root, q("graph"), {"defaultedgetype": "directed", "mode": "static"})
    node_columns = _node_columns(graph)
    attributes = ET.SubElement(g, q("attributes"), {"class": "node", "mode": "static"})
    for i, (name, _) in enumerate(node_columns):
        ET.SubElement(attributes, q("attribute"), {"id": str(i), "title": name, "type": "string"})
    edge_attributes = ET.SubElement(g, q("attributes"), {"class": "edge", "mode": "static"})
    ET.SubElement(edge_attributes, q("attribute"), {"id": "p", "title": "property", "type": "string"})
    ET.SubElement(edge_attributes, q("attribute"), {"id": "piri", "title": "iri", "type": "string"})
    nodes = ET.SubElement(g, q("nodes"), {"count": str(len(graph.nodes))})
    for node in graph.nodes.values():
        element = ET.SubElement(nodes, q("node"), {"id": node.iri, "label": node.label})
        values = ET.SubElement(element, q("attvalues"))
        for i, (_, value) in enumerate(node_columns):
            if text := value(node):
                ET.SubElement(values, q("attvalue"), {"for": str(i), "value": text})
    edges = ET.SubElement(g, q("edges"), {"count": str(len(graph.edges))})
    for j, edge in enumerate(graph.edges):
        element = ET.SubElement(edges, q("edge"), {"id": str(j), "source": edge.source, "target": edge.target,
                                                   "label": edge.label, "kind": compact(edge.property)})
        values = ET.SubElement(element, q("attvalues"))
        ET.SubElement(values, q("attvalue"), {"for": "p", "value": compact(edge.property)})
        ET.SubElement(values, q("attvalue"), {"for": "piri", "value": edge.property})
    _xml(root, output)


def csv_tables(store) -> tuple[bytes, bytes]:
    """nodes.csv and edges.csv with the column names Gephi's spreadsheet import recognises."""
    graph = property_graph(store)
    columns = _node_columns(graph)
    nodes, edges = io.StringIO(newline=""), io.StringIO(newline="")
    writer = csv.writer(nodes, lineterminator="\r\n")
    writer.writerow(["Id", "Label"] + [name for name, _ in columns])
    for node in graph.nodes.values():
        writer.writerow([node.iri, node.label] + [value(node) for _, value in columns])
    writer = csv.writer(edges, lineterminator="\r\n")
    writer.writerow(["Source", "Target", "Type", "Label", "property", "iri"])
    for edge in graph.edges:
        writer.writerow([edge.source, edge.target, "Directed", edge.label, compact(edge.property),
                         edge.property])
    return nodes.getvalue().encode("utf-8"), edges.getvalue().encode("utf-8")


def write_csv_directory(store, directory: Path) -> list[Path]:
    """nodes.csv and edges.csv in `directory` (made if missing); the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in zip(CSV_FILES, csv_tables(store), strict=True):
        (directory / name).write_bytes(content)
        written.append(directory / name)
    return written


def write_csv_zip(store, output: BinaryIO) -> None:
    """nodes.csv + edges.csv in one zip, with fixed timestamps so the same data gives the same bytes."""
    nodes, edges = csv_tables(store)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in zip(CSV_FILES, (nodes, edges), strict=True):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    output.write(buffer.getvalue())

