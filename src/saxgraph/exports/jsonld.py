"""The JSON-LD dump: compacted with the project's @context (its prefixes, from saxgraph.namespaces), readable
two ways from one file.

The top-level `@graph` holds first the union of the named graphs as plain node objects (the JSON-LD default
graph: each triple once, what the Turtle dump holds), then one graph object per named graph
(`{"@id": "graph:clusters", "@graph": [...]}`: each quad as the N-Quads dump holds it). So
`rdflib.Graph().parse(f, format="json-ld")` reads the union, and `rdflib.Dataset().parse(...)` reads the
named graphs (and the union as its default graph). Literals keep their lexical form (`@value` with `@type`
or `@language`), so the round trip is exact. One node object per line: fast to write and easy to diff."""

import json
from collections import defaultdict
from functools import lru_cache
from typing import BinaryIO

import pyoxigraph as ox

from saxgraph.namespaces import PREFIXES, RDF, XSD, compact

RDF_TYPE = RDF + "type"
XSD_STRING = XSD + "string"
LANG_STRING = RDF + "langString"


def context() -> dict[str, str]:
    """The dump's @context: every project prefix as a JSON-LD term (all end in / or #, so they compact)."""
    return dict(PREFIXES)


@lru_cache(maxsize=65536)
def _iri(iri: str) -> str:
    short = compact(iri)
    return iri if short.startswith("<") else short


def _node_id(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else _iri(term.value)


def _value(term):
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": _iri(term.datatype.value)}
    return {"@id": _node_id(term)}


def _nodes(triples) -> list[dict]:
    """Node objects for `triples`, by subject, properties and values in a stable order."""
    by_subject: dict = defaultdict(lambda: defaultdict(list))
    for t in triples:
        by_subject[t.subject][t.predicate.value].append(t.object)
    nodes = []
    for subject in sorted(by_subject, key=_node_id):
        properties = by_subject[subject]
        node: dict = {"@id": _node_id(subject)}
        types = properties.pop(RDF_TYPE, [])
        if all(isinstance(t, ox.NamedNode) for t in types) and types:
            node["@type"] = _one_or_many(sorted(_iri(t.value) for t in types))
        elif types:
            properties[RDF_TYPE] = types  # a literal or blank node type: kept as a plain property
        for prop in sorted(properties, key=_iri):
            values = sorted(properties[prop], key=str)
            node[_iri(prop)] = _one_or_many([_value(v) for v in values])
        nodes.append(node)
    return nodes


def _one_or_many(values: list):
    return values[0] if len(values) == 1 else values


def write_jsonld(store, output: BinaryIO) -> None:
    quads = list(store.quads())
    union = {q.triple for q in quads}
    by_graph: dict = defaultdict(list)
    for q in quads:
        if not isinstance(q.graph_name, ox.DefaultGraph):  # default-graph triples are in the union already
            by_graph[q.graph_name].append(q.triple)
    dumps = lambda item: json.dumps(item, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    lines = [dumps(node) for node in _nodes(union)]
    for graph in sorted(by_graph, key=lambda g: g.value):
        members = ",\n".join(dumps(node) for node in _nodes(by_graph[graph]))
        lines.append(f'{{"@id":{dumps(_iri(graph.value))},"@graph":[\n{members}\n]}}')
    head = dumps({"@context": context()})[:-1]
    output.write(f'{head},"@graph":[\n'.encode())
    output.write(",\n".join(lines).encode())
    output.write(b"\n]}\n")
