"""The explorer's graph: entities (nodes with their class and the palette group of that class) and the links
between them (edges with the named graphs, i.e. the source documents, that state them), as plain data for
the /explore feeds. Only asserted links between saxgraph entities count: no rdf:type, nothing only inferred,
no ontology or evidence graph. Public mode needs nothing here: its store has no personal data to begin with.

`neighbours(store, iri)` is one entity with its neighbours, `whole_graph(store)` every domain entity."""

from collections import defaultdict

import pyoxigraph as ox

from saxgraph.describe.resource import best_label, describe, graph_name, labels_of, source_documents
from saxgraph.namespaces import (
    CURATION_GRAPH,
    EVIDENCE_GRAPH,
    ID_BASE,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    RDF_TYPE,
    SG,
    compact,
    graph_iri,
)

SKIPPED_GRAPHS = frozenset(str(graph_iri(g)) for g in (INFERRED_GRAPH, ONTOLOGY_GRAPH, EVIDENCE_GRAPH))
CURATION_IRI = str(graph_iri(CURATION_GRAPH))
ONTOLOGY_IRI = str(graph_iri(ONTOLOGY_GRAPH))
LABEL = PREFIXES["rdfs"] + "label"
SUBCLASS_OF = ox.NamedNode(PREFIXES["rdfs"] + "subClassOf")
EVIDENCE_PREFIX = ID_BASE + "evidence/"  # the reifiers of statements: provenance, not entities

# The palette groups, first match wins: a cluster is a collaboration is an organisation, and it is shown as
# a cluster. Each group's colour and shape are the page's (static/explore.js); these are its names.
GROUPS = (
    ("person", ("Person",)),
    ("document", ("SourceDocument",)),
    ("cluster", ("Cluster",)),
    ("network", ("Collaboration", "Incubator")),
    ("project", ("Project", "ProjectPhase", "FundingProgramme")),
    ("place", ("Place", "PostalAddress")),
    ("organisation", ("Organisation",)),
)
GROUP_NAMES = tuple(name for name, _ in GROUPS) + ("other",)
DEFAULT_LIMIT = 100
MAX_LIMIT = 150  # neighbours of one expansion (entities.MAX_NEIGHBOURS too)
MAX_WHOLE = 2000  # nodes of the whole-graph feed
FACT_PROPERTIES = 12  # properties shown in the sidebar (the entity page has them all)


def is_entity(term) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(ID_BASE) \
        and not term.value.startswith(EVIDENCE_PREFIX)


def resolve(text: str) -> str | None:
    """An entity IRI from what a URL may carry: the IRI, its path (/id/cluster/x), cluster/x or cluster:x."""
    text = (text or "").strip()
    if text.startswith(ID_BASE):
        iri = text
    elif text.startswith("/id/"):
        iri = ID_BASE + text[len("/id/"):]
    elif "/" in text and ":" not in text:
        iri = ID_BASE + text.lstrip("/")
    elif ":" in text and "/" not in text:
        kind, _, slug = text.partition(":")
        iri = f"{ID_BASE}{kind}/{slug}"
    else:
        return None
    local = iri[len(ID_BASE):]
    kind, _, slug = local.partition("/")
    if not kind or not slug or iri.startswith(EVIDENCE_PREFIX) or any(c in local for c in " <>\"{}|\\^`"):
        return None
    return iri


def short(iri: str) -> str:
    """An entity's IRI as the explorer's URLs carry it: cluster/cool-silicon."""
    return iri[len(ID_BASE):] if iri.startswith(ID_BASE) else iri


def exists(store, iri: str) -> bool:
    node = ox.NamedNode(iri)
    return any(True for _ in store.quads(node, None, None, None)) or \
        any(True for _ in store.quads(None, None, node, None))


def _superclasses(store) -> dict[str, set[str]]:
    """Each ontology class with all its super-classes (itself included), from graph:ontology."""
    def compute():
        parents = defaultdict(set)
        for quad in store.quads(None, SUBCLASS_OF, None, ox.NamedNode(ONTOLOGY_IRI)):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
                parents[quad.subject.value].add(quad.object.value)
        closure = {}
        for cls in list(parents):
            seen, todo = {cls}, [cls]
            while todo:
                for parent in parents.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            closure[cls] = seen
        return closure
    return store.derived("explore.superclasses", compute)


def group_of(classes, superclasses: dict[str, set[str]]) -> tuple[str, str | None]:
    """The palette group of an entity with these asserted classes, and the class that puts it there."""
    for group, names in GROUPS:
        wanted = {str(SG) + n for n in names}
        for cls in sorted(classes):
            if superclasses.get(cls, {cls}) & wanted:
                return group, cls
    return "other", min(classes) if classes else None


def node_views(store, iris) -> list[dict]:
    """The nodes: IRI, label, asserted saxgraph classes, the main one and its label, the palette group."""
    iris = list(dict.fromkeys(iris))
    superclasses = _superclasses(store)
    classes = {}
    for iri in iris:
        classes[iri] = sorted({q.object.value for q in store.quads(ox.NamedNode(iri), RDF_TYPE, None, None)
                               if graph_name(q) not in SKIPPED_GRAPHS and q.object.value.startswith(str(SG))})
    labels = labels_of(store, iris)
    mains = {iri: group_of(classes[iri], superclasses) for iri in iris}
    class_labels = labels_of(store, sorted({c for cs in classes.values() for c in cs}))
    nodes = []
    for iri in iris:
        group, main = mains[iri]
        nodes.append({"id": iri, "short": short(iri), "label": best_label(labels.get(iri)) or compact(iri),
                      "classes": classes[iri], "class": main,
                      "class_label": (best_label(class_labels.get(main)) or compact(main)) if main else "",
                      "group": group})
    return nodes


def _edge_views(store, edges: dict) -> list[dict]:
    """(subject, property, object) -> graphs, as edges with the property's label, sorted."""
    labels = labels_of(store, sorted({p for _, p, _ in edges}))
    return [{"id": f"{s} {p} {o}", "source": s, "target": o, "property": p,
             "property_label": best_label(labels.get(p)) or compact(p), "graphs": sorted(graphs)}
            for (s, p, o), graphs in sorted(edges.items())]


def documents_of(store, graphs) -> dict[str, dict]:
    """Graph IRI -> how the page names it: the document's title, "the curator", else the graph's name."""
    out = {}
    for graph, info in source_documents(store, graphs).items():
        name = "curator" if graph == CURATION_IRI else graph.rsplit("/", 1)[-1]
        out[graph] = {"title": info["title"] or name, "document": info["document"],
                      "curation": graph == CURATION_IRI}
    return out


def _links(store, node: ox.NamedNode):
    """The asserted links from and to an entity: (subject, property, object, graph)."""
    for quad in list(store.quads(node, None, None, None)) + list(store.quads(None, None, node, None)):
        graph = graph_name(quad)
        if graph in SKIPPED_GRAPHS or quad.predicate == RDF_TYPE:
            continue
        if is_entity(quad.subject) and is_entity(quad.object) and quad.subject != quad.object:
            yield quad.subject.value, quad.predicate.value, quad.object.value, graph


def neighbours(store, iri: str, limit: int = DEFAULT_LIMIT) -> dict:
    """The entity, up to `limit` of its neighbours (in a stable order: by property, then IRI), the links
    between all of them, and the documents stating those links."""
    node = ox.NamedNode(iri)
    found = defaultdict(set)
    for s, p, o, graph in _links(store, node):
        found[(s, p, o)].add(graph)
    others = sorted({(p, o if s == iri else s) for s, p, o in found}, key=lambda t: (t[0], t[1]))
    ordered = list(dict.fromkeys(other for _, other in others))
    shown = ordered[:limit]
    keep = {iri, *shown}
    edges = {k: v for k, v in found.items() if k[0] in keep and k[2] in keep}
    for other in shown:  # the links among the neighbours themselves
        for s, p, o, graph in _links(store, ox.NamedNode(other)):
            if s in keep and o in keep and iri not in (s, o):
                edges.setdefault((s, p, o), set()).add(graph)
    graphs = {g for gs in edges.values() for g in gs if g}
    return {"iri": iri, "nodes": node_views(store, [iri, *shown]), "edges": _edge_views(store, edges),
            "documents": documents_of(store, graphs), "total": len(ordered), "limit": limit,
            "truncated": len(ordered) > limit}


def whole_graph(store, limit: int = MAX_WHOLE) -> dict:
    """Every domain entity linked to another (up to `limit`, by IRI) and all the links between them."""
    def compute():
        found = defaultdict(set)
        for quad in store.quads(None, None, None, None):
            graph = graph_name(quad)
            if graph in SKIPPED_GRAPHS or quad.predicate == RDF_TYPE:
                continue
            if is_entity(quad.subject) and is_entity(quad.object) and quad.subject != quad.object:
                found[(quad.subject.value, quad.predicate.value, quad.object.value)].add(graph)
        return found
    found = store.derived("explore.links", compute)
    iris = sorted({s for s, _, _ in found} | {o for _, _, o in found})
    shown = set(iris[:limit])
    edges = {k: v for k, v in found.items() if k[0] in shown and k[2] in shown}
    graphs = {g for gs in edges.values() for g in gs if g}
    return {"nodes": node_views(store, sorted(shown)), "edges": _edge_views(store, edges),
            "documents": documents_of(store, graphs), "total": len(iris), "limit": limit,
            "truncated": len(iris) > limit}


def facts(store, iri: str) -> dict:
    """What the sidebar shows of an entity: its label, types, a few statements and the documents behind it."""
    d = describe(store, iri, max_incoming=0)
    me = ox.NamedNode(iri)
    own = [f for f in d.outgoing if f.subject == me and not set(f.graphs) <= SKIPPED_GRAPHS]
    asserted = sorted({f.object.value for f in own
                       if f.predicate == RDF_TYPE and f.object.value.startswith(str(SG))})
    class_labels = labels_of(store, asserted)
    types = [{"iri": t, "label": best_label(class_labels.get(t)) or compact(t)} for t in asserted]
    grouped: dict[str, list] = {}
    for fact in own:
        if fact.predicate == RDF_TYPE or fact.predicate.value == LABEL:  # the heading says the label
            continue
        values = grouped.setdefault(fact.predicate.value, [])
        term = fact.object
        if isinstance(term, ox.NamedNode):
            label = best_label(d.labels.get(term.value)) or compact(term.value)
            values.append({"iri": term.value, "label": label})
        elif isinstance(term, ox.Literal):
            values.append({"value": term.value, "lang": term.language or ""})
    property_labels = labels_of(store, list(grouped))
    properties = [{"property": p, "label": best_label(property_labels.get(p)) or compact(p), "values": v[:5],
                   "more": max(0, len(v) - 5)} for p, v in grouped.items()]
    properties.sort(key=lambda g: g["label"].casefold())
    graphs = {g for f in own for g in f.graphs if g and g not in SKIPPED_GRAPHS}
    node = node_views(store, [iri])[0]
    return {**node, "types": types, "properties": properties[:FACT_PROPERTIES],
            "more_properties": max(0, len(properties) - FACT_PROPERTIES),
            "documents": documents_of(store, graphs)}
