"""The concise bounded description of a resource: what it states, what states something about it, the
labels of everything it links to, and the named graph (source document) each fact comes from.

Used by the RDF and the HTML views of a resource alike, and callable on its own:
`describe(store, "https://w3id.org/saxgraph/id/cluster/cool-silicon")`."""

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from saxgraph.describe import language
from saxgraph.namespaces import PREFIXES, PROV, RDF_TYPE

LABEL_PROPERTIES = (
    ox.NamedNode(PREFIXES["rdfs"] + "label"),
    ox.NamedNode(PREFIXES["skos"] + "prefLabel"),
)
# Shown as the name of a resource that has no label (a quantity "as stated", a document title, an address).
FALLBACK_LABEL_PROPERTIES = (
    ox.NamedNode(PREFIXES["dcterms"] + "title"),
    ox.NamedNode(PREFIXES["sg"] + "asStated"),
    ox.NamedNode(PREFIXES["sg"] + "streetAddress"),
)
# Names for the standard properties and classes the ontology uses but does not itself label.
STANDARD_LABELS = {
    PREFIXES["rdf"] + "type": "type",
    PREFIXES["rdfs"] + "label": "label",
    PREFIXES["rdfs"] + "comment": "comment",
    PREFIXES["skos"] + "prefLabel": "preferred label",
    PREFIXES["skos"] + "altLabel": "alternative label",
    PREFIXES["skos"] + "exactMatch": "exact match",
    PREFIXES["skos"] + "broader": "broader",
    PREFIXES["skos"] + "inScheme": "in scheme",
    PREFIXES["skos"] + "topConceptOf": "top concept of",
    PREFIXES["dcterms"] + "description": "description",
    PREFIXES["dcterms"] + "title": "title",
    PREFIXES["dcterms"] + "date": "date",
    PREFIXES["dcterms"] + "language": "language",
    PREFIXES["dcterms"] + "publisher": "publisher",
    PREFIXES["owl"] + "sameAs": "same as",
    PREFIXES["prov"] + "wasDerivedFrom": "derived from",
}
DESCRIPTION_PROPERTIES = (
    ox.NamedNode(PREFIXES["dcterms"] + "description"),
    ox.NamedNode(PREFIXES["rdfs"] + "comment"),
    ox.NamedNode(PREFIXES["skos"] + "definition"),
)
DERIVED_FROM = ox.NamedNode(str(PROV.wasDerivedFrom))
TITLE = ox.NamedNode(PREFIXES["dcterms"] + "title")

# Bounds of a description: a hub such as a country can be the object of very many statements, and
# blank-node closure is followed only this deep (the curated data has no blank nodes at all).
MAX_INCOMING = 1000
MAX_BNODE_DEPTH = 3


@dataclass(frozen=True)
class Fact:
    """One triple and every named graph that states it (sorted graph IRIs)."""

    subject: object
    predicate: ox.NamedNode
    object: object
    graphs: tuple[str, ...]

    def quads(self) -> list[ox.Quad]:
        if not self.graphs:  # stated in the default graph (a store made from plain triple files)
            return [ox.Quad(self.subject, self.predicate, self.object, ox.DefaultGraph())]
        return [ox.Quad(self.subject, self.predicate, self.object, ox.NamedNode(g)) for g in self.graphs]


@dataclass
class Description:
    iri: str
    outgoing: list[Fact] = field(default_factory=list)  # about the resource (and its blank nodes)
    incoming: list[Fact] = field(default_factory=list)  # pointing at the resource
    incoming_truncated: bool = False
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # IRI -> language ('' none) -> label
    label_facts: list[Fact] = field(default_factory=list)  # the label triples of linked resources
    documents: dict[str, dict] = field(default_factory=dict)  # graph IRI -> {"document", "title"}

    @property
    def exists(self) -> bool:
        return bool(self.outgoing or self.incoming)

    @property
    def node(self) -> ox.NamedNode:
        return ox.NamedNode(self.iri)

    def types(self) -> list[str]:
        return sorted({f.object.value for f in self.outgoing
                       if f.subject == self.node and f.predicate == RDF_TYPE})

    def label(self, iri: str | None = None, lang: str = "en") -> str | None:
        """The best label of `iri` (default: the resource): `lang`, then no language, then any."""
        found = self.labels.get(iri or self.iri, {})
        return found.get(lang) or found.get("") or (found[min(found)] if found else None)

    def quads(self) -> list[ox.Quad]:
        """The description as quads, each in the graph that states it; sorted for stable output."""
        seen = set()
        for fact in self.outgoing + self.incoming + self.label_facts:
            seen.update(fact.quads())
        return sorted(seen, key=str)

    def triples(self) -> list[ox.Triple]:
        return sorted({q.triple for q in self.quads()}, key=str)


def graph_name(quad) -> str:
    """The IRI of the graph a quad is in; "" for the default graph."""
    return quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""


def _facts(quads) -> list[Fact]:
    """Group quads into facts with the graphs stating each; sorted by predicate, then value."""
    graphs = defaultdict(set)
    for quad in quads:
        graph = graph_name(quad)
        graphs[(quad.subject, quad.predicate, quad.object)].add(graph)
    facts = [Fact(s, p, o, tuple(sorted(g for g in gs if g))) for (s, p, o), gs in graphs.items()]
    return sorted(facts, key=lambda f: (str(f.subject), f.predicate.value, str(f.object)))


def describe(store, iri: str, max_incoming: int = MAX_INCOMING) -> Description:
    """The concise bounded description of `iri` in `store` (a saxgraph Store); empty when unknown."""
    node = ox.NamedNode(iri)
    description = Description(iri)
    description.outgoing = _facts(store.quads(node, None, None, None))
    # Blank-node closure, as in a CBD proper (bounded: the build forbids blank nodes in curated data).
    frontier = {f.object for f in description.outgoing if isinstance(f.object, ox.BlankNode)}
    seen: set = set()
    for _ in range(MAX_BNODE_DEPTH):
        frontier -= seen
        if not frontier:
            break
        seen |= frontier
        extra = _facts(q for b in frontier for q in store.quads(b, None, None, None))
        description.outgoing += extra
        frontier = {f.object for f in extra if isinstance(f.object, ox.BlankNode)}
    incoming = []
    for quad in store.quads(None, None, node, None):
        if len(incoming) >= max_incoming * 4:  # a fact may be stated in several graphs
            break
        incoming.append(quad)
    facts = _facts(incoming)
    description.incoming_truncated = len(facts) > max_incoming or len(incoming) >= max_incoming * 4
    description.incoming = facts[:max_incoming]
    _add_labels(store, description)
    description.documents = source_documents(store, {g for f in description.outgoing + description.incoming
                                                     for g in f.graphs})
    return description


def _add_labels(store, description: Description) -> None:
    linked = {description.iri}
    for fact in description.outgoing:
        linked.add(fact.predicate.value)
        if isinstance(fact.object, ox.NamedNode):
            linked.add(fact.object.value)
    for fact in description.incoming:
        linked.add(fact.predicate.value)
        if isinstance(fact.subject, ox.NamedNode):
            linked.add(fact.subject.value)
    label_quads = []
    for iri in sorted(linked):
        for prop in LABEL_PROPERTIES:
            for quad in store.quads(ox.NamedNode(iri), prop, None, None):
                if isinstance(quad.object, ox.Literal):
                    description.labels.setdefault(iri, {}).setdefault(quad.object.language or "",
                                                                     quad.object.value)
                    label_quads.append(quad)
    add_fallback_labels(store, description.labels, linked)
    # The resource's own labels are already among its outgoing facts; predicates are the ontology's business.
    predicates = {f.predicate.value for f in description.outgoing + description.incoming}
    description.label_facts = [f for f in _facts(label_quads)
                               if f.subject.value != description.iri and f.subject.value not in predicates]


def labels_of(store, iris) -> dict[str, dict[str, str]]:
    """IRI -> language -> label for each IRI that has one (or a stand-in: title, text as stated...)."""
    out: dict[str, dict[str, str]] = {}
    iris = list(iris)
    for iri in iris:
        for prop in LABEL_PROPERTIES:
            for quad in store.quads(ox.NamedNode(iri), prop, None, None):
                if isinstance(quad.object, ox.Literal):
                    out.setdefault(iri, {}).setdefault(quad.object.language or "", quad.object.value)
    add_fallback_labels(store, out, iris)
    return out


MEMBERSHIP = ox.NamedNode(PREFIXES["sg"] + "Membership")
MEMBER = ox.NamedNode(PREFIXES["sg"] + "member")
ORGANISATION = ox.NamedNode(PREFIXES["sg"] + "organisation")
ROLE = ox.NamedNode(PREFIXES["sg"] + "role")


def add_fallback_labels(store, labels: dict, iris) -> None:
    for iri in iris:
        if iri in labels:
            continue
        if iri in STANDARD_LABELS:
            labels[iri] = {"en": STANDARD_LABELS[iri]}
            continue
        shown = membership_label(store, iri)
        if shown:
            labels[iri] = shown
            continue
        for prop in FALLBACK_LABEL_PROPERTIES:
            literals = sorted((q.object for q in store.quads(ox.NamedNode(iri), prop, None, None)
                               if isinstance(q.object, ox.Literal)), key=lambda o: o.value, reverse=True)
            found = {o.language or "": o.value for o in literals}  # each language's first value, in any store
            if found:
                labels[iri] = found
                break


def membership_label(store, iri: str) -> dict[str, str] | None:
    """A post has no label of its own: it is shown as "<member> at <organisation> (<role>)", from its
    parts' labels, in each language they have (made for display here, never stated in the data)."""
    node = ox.NamedNode(iri)
    if not any(True for _ in store.quads(node, RDF_TYPE, MEMBERSHIP, None)):
        return None
    parts: dict[str, list[dict[str, str]]] = {}
    for name, prop in (("member", MEMBER), ("organisation", ORGANISATION), ("role", ROLE)):
        # every value, by IRI: a post with two roles reads the same from every store, whatever its order
        values = sorted(q.object.value for q in store.quads(node, prop, None, None)
                        if isinstance(q.object, ox.NamedNode))
        if values:
            found = labels_of(store, values)
            parts[name] = [found.get(value) or {"": value.rsplit("/", 1)[-1]} for value in values]
    if "member" not in parts or "organisation" not in parts:
        return None
    languages = set().union(*(found for each in parts.values() for found in each)) or {""}
    out = {}
    for lang in sorted(languages):
        words = {name: ", ".join(best_label(found, lang) for found in each) for name, each in parts.items()}
        text = f"{words['member']} {'bei' if lang == 'de' else 'at'} {words['organisation']}"
        if words.get("role"):
            text += f" ({words['role']})"
        out[lang] = text
    return out


def best_label(labels: dict[str, str] | None, lang: str | None = None) -> str | None:
    """The label in `lang`, by default the preferred language (saxgraph.describe.language)."""
    return language.pick(labels, lang)


def source_documents(store, graphs) -> dict[str, dict]:
    """Graph IRI -> the document it derives from and that document's title (when the graph says so)."""
    out = {}
    for graph in sorted(graphs):
        info = {"document": None, "title": None}
        g = ox.NamedNode(graph)
        for quad in store.quads(g, DERIVED_FROM, None, g):
            info["document"] = quad.object.value
            for title in store.quads(quad.object, TITLE, None, None):
                info["title"] = title.object.value
                break
            break
        out[graph] = info
    return out


def serialize(quads, fmt) -> bytes:
    """Quads in a registry format: dataset formats keep the graphs, triple formats get each triple once;
    Turtle, TriG and RDF/XML declare only the prefixes the output uses."""
    quads = list(quads)
    used = _used_prefixes(quads)
    if fmt.datasets:
        return ox.serialize(sorted(quads, key=str), format=fmt.ox_format,
                            prefixes=used if fmt.name == "trig" else None)
    triples = sorted({q.triple for q in quads}, key=str)
    return ox.serialize(triples, format=fmt.ox_format,
                        prefixes=used if fmt.name in ("turtle", "rdfxml") else None)


def _used_prefixes(quads) -> dict[str, str]:
    iris = set()
    for q in quads:
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return {name: ns for name, ns in PREFIXES.items() if any(i.startswith(ns) for i in iris)}
