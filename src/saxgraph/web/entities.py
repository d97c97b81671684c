"""Entity pages: /id/<kind>/<slug> in every representation, and the neighbourhood graph's JSON."""

from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, jsonify, render_template, request, url_for

from saxgraph.describe.evidence import references
from saxgraph.describe.resource import Description, best_label, describe, graph_name, labels_of
from saxgraph.namespaces import (
    CURATION_GRAPH,
    EVIDENCE_GRAPH,
    ID_BASE,
    INFERRED_GRAPH,
    KINDS,
    ONTOLOGY_GRAPH,
    PREFIXES,
    RDF,
    RDF_TYPE,
    SG,
    compact,
    graph_iri,
    iri_for_path,
)
from saxgraph.web import get_store
from saxgraph.web.representation import (
    graph_view,
    grouped,
    href,
    not_found,
    represent,
    sparql_links,
    split_extension,
    term_view,
    variant_links,
)

bp = Blueprint("entities", __name__)

MAX_NEIGHBOURS = 150  # nodes in one neighbourhood expansion (a named, documented limit)
INFERRED_IRI = str(graph_iri(INFERRED_GRAPH))
CURATION_IRI = str(graph_iri(CURATION_GRAPH))
EVIDENCE_IRI = str(graph_iri(EVIDENCE_GRAPH))
ONTOLOGY_GRAPH_IRI = str(graph_iri(ONTOLOGY_GRAPH))
RDFS = PREFIXES["rdfs"]


@bp.get("/id/<segment:kind>/<segment:name>")
def entity(kind: str, name: str):
    store = get_store()
    slug, ext = split_extension(name)
    iri, description = iri_for_path(f"/id/{kind}/{slug}"), None
    if kind in KINDS:
        description = describe(store, iri)
        if not description.exists and ext:  # a slug that really ends in ".ttl" and the like
            slug, ext, iri = name, None, iri_for_path(f"/id/{kind}/{name}")
            description = describe(store, iri)
    if description is None or not description.exists:
        raise not_found(iri, ext)
    path = f"/id/{kind}/{slug}"
    return represent(path, ext, description.quads, lambda: entity_page(description, path))


INCOMING_PAGE = 50  # links from other resources per page (`?incoming=<page>`)


def only_inferred(fact) -> bool:
    """Stated nowhere but in the materialised alignments."""
    return bool(fact.graphs) and set(fact.graphs) <= {INFERRED_IRI}


class Citations:
    """The sources a page cites, numbered in the order they are first cited: each document (or the
    curator) is named once per page, in its "Sources" list, and each statement refers to it by number."""

    def __init__(self, documents: dict):
        self.documents, self.numbers, self.listed = documents, {}, []

    def number(self, graph: str) -> int:
        if graph not in self.numbers:
            view = graph_view(graph, self.documents)
            view["number"] = len(self.listed) + 1
            view["curation"] = graph == CURATION_IRI
            view["text_href"] = (url_for("documents.document", name=view["slug"])
                                 if view["document"] else None)
            self.numbers[graph] = view["number"]
            self.listed.append(view)
        return self.numbers[graph]


def statements(facts, labels, citations: Citations, refs: dict, side: str = "object") -> list[dict]:
    """Facts grouped by property, Wikidata-style: each value with the numbers of the sources stating it and,
    folded under it, the document's words (quote and lines, a link to them) or the curator's reason."""
    groups: dict[str, dict] = {}
    for fact in facts:
        group = groups.setdefault(fact.predicate.value, {"property": term_view(fact.predicate, labels),
                                                         "values": []})
        shown = fact.object if side == "object" else fact.subject
        found = refs.get((fact.subject, fact.predicate, fact.object), [])
        references = []
        for ref in found:
            number = citations.number(ref.graph)
            view = citations.listed[number - 1]
            link = None
            if ref.line is not None and view["text_href"]:
                link = f"{view['text_href']}?lines={ref.lines}#L{ref.line}"
            references.append({"number": number, "quote": ref.quote, "reason": ref.reason,
                               "lines": ref.lines, "href": link})
        cited = {r["number"] for r in references}
        graphs = [citations.number(g) for g in fact.graphs if g not in (INFERRED_IRI, EVIDENCE_IRI)]
        group["values"].append({"term": term_view(shown, labels), "sources": sorted(set(graphs) | cited),
                                "references": references,
                                "curated": bool(fact.graphs) and set(fact.graphs) <= {CURATION_IRI}})
    for group in groups.values():
        group["values"].sort(key=lambda v: (v["term"].get("label") or v["term"].get("value") or "")
                             .casefold())
    return sorted(groups.values(), key=lambda g: (g["property"]["iri"] != PREFIXES["rdf"] + "type",
                                                  g["property"]["label"].casefold()))


def entity_page(d: Description, path: str) -> str:
    store, labels = get_store(), d.labels
    me = ox.NamedNode(d.iri)
    inferred = [f for f in d.outgoing if only_inferred(f)]
    asserted = [f for f in d.outgoing if not only_inferred(f)]
    own = [f for f in asserted if f.subject == me]
    nested = [f for f in asserted if f.subject != me]
    types = [term_view(ox.NamedNode(t), labels) for t in d.types()
             if any(f.predicate == RDF_TYPE and f.object.value == t for f in own)]
    for t in types:
        t["class_href"] = url_for("vocabulary.class_page", term=t["iri"][len(str(SG)):]) \
            if t["iri"].startswith(str(SG)) else None
    descriptions = [f.object for f in own if f.predicate.value in
                    (PREFIXES["dcterms"] + "description", RDFS + "comment")]
    # evidence statements about this resource are shown as the references of its statements, not as links
    incoming = [f for f in d.incoming if not only_inferred(f) and not set(f.graphs) <= {EVIDENCE_IRI}]
    page = max(1, _page_number(request.args.get("incoming")))
    pages = max(1, -(-len(incoming) // INCOMING_PAGE))
    page = min(page, pages)
    shown_incoming = incoming[(page - 1) * INCOMING_PAGE:page * INCOMING_PAGE]
    refs = references(store, [me, *{f.subject for f in nested}, *{f.subject for f in shown_incoming}])
    citations = Citations(d.documents)
    query = (f"SELECT ?property ?value ?graph WHERE {{\n  GRAPH ?graph {{ <{d.iri}> ?property ?value }}\n}}"
             f" ORDER BY ?property ?value")
    incoming_query = (f"SELECT ?subject ?property ?graph WHERE {{\n  GRAPH ?graph {{ ?subject ?property "
                      f"<{d.iri}> }}\n}} ORDER BY ?property ?subject")
    quotes_query = (f"PREFIX rdf: <{RDF}>\nPREFIX sg: <{SG}>\n"
                    f"SELECT ?property ?value ?quote ?line WHERE {{\n  GRAPH <{EVIDENCE_IRI}> {{\n"
                    f"    ?statement rdf:subject <{d.iri}> ; rdf:predicate ?property ; rdf:object ?value ;\n"
                    f"               sg:quote ?quote ; sg:sourceLine ?line\n  }}\n}}\n"
                    "ORDER BY ?property ?line")
    properties = statements([f for f in own if f.predicate != RDF_TYPE], labels, citations, refs)
    type_statements = statements([f for f in own if f.predicate == RDF_TYPE], labels, citations, refs)
    return render_template(
        "resource.html", d=d, iri=d.iri, path=path, label=d.label() or compact(d.iri), types=types,
        type_statements=type_statements, descriptions=[term_view(t, labels) for t in descriptions],
        properties=properties, bnodes=statements(nested, labels, citations, refs),
        inferred=grouped(inferred, labels, d.documents, "object"),
        incoming=statements(shown_incoming, labels, citations, refs, side="subject"),
        incoming_count=len(incoming), incoming_page=page, incoming_pages=pages,
        sources=citations.listed, alternates=[a for a in variant_links(path) if a["name"] != "html"],
        variants=variant_links(path), sparql=sparql_links(query),
        sparql_incoming=sparql_links(incoming_query),
        sparql_quotes=sparql_links(quotes_query), neighbourhood_url=f"{path}/neighbourhood.json",
        explore_url=url_for("explore.page", focus=path[len("/id/"):]), cytoscape=cytoscape_asset())


def _page_number(raw) -> int:
    try:
        return int(raw) if raw is not None else 1
    except ValueError:
        return 1


def cytoscape_asset() -> str | None:
    """The vendored Cytoscape.js (never a CDN); None while it is not vendored, and the page says so."""
    static = Path(bp.root_path) / "static" / "vendor"
    for candidate in sorted(static.glob("cytoscape*/**/cytoscape.min.js")) + sorted(
            static.glob("**/cytoscape.min.js")):
        return url_for("static", filename=str(candidate.relative_to(Path(bp.root_path) / "static")))
    return None


# --- neighbourhood graph (JSON for the Cytoscape view) ----------------------------------------------------

@bp.get("/id/<segment:kind>/<segment:slug>/neighbourhood.json")
def neighbourhood(kind: str, slug: str):
    store = get_store()
    iri = iri_for_path(f"/id/{kind}/{slug}")
    if kind not in KINDS or not any(
            True for _ in store.quads(ox.NamedNode(iri), None, None, None)):
        raise not_found(iri, "json")
    return jsonify(neighbourhood_data(store, iri))


def neighbourhood_data(store, iri: str, limit: int = MAX_NEIGHBOURS) -> dict:
    """The entity, the entities it links to or is linked from (asserted facts only), and those links."""
    node = ox.NamedNode(iri)
    edges, neighbours = {}, []
    for quad in list(store.quads(node, None, None, None)) + list(store.quads(None, None, node, None)):
        if graph_name(quad) in (INFERRED_IRI, ONTOLOGY_GRAPH_IRI) or quad.predicate == RDF_TYPE:
            continue
        s, o = quad.subject, quad.object
        if not (isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode)):
            continue
        if not (s.value.startswith(ID_BASE) and o.value.startswith(ID_BASE)):
            continue
        other = o.value if s == node else s.value
        if other not in neighbours:
            if len(neighbours) >= limit:
                continue
            neighbours.append(other)
        edges[(s.value, quad.predicate.value, o.value)] = None
    iris = [iri] + neighbours
    labels = labels_of(store, iris + sorted({p for _, p, _ in edges}))
    classes = _main_classes(store, iris)
    class_labels = labels_of(store, sorted({c for c in classes.values() if c}))
    nodes = [{"data": {"id": i, "label": best_label(labels.get(i)) or compact(i), "href": href(i),
                       "class": best_label(class_labels.get(classes.get(i))) or "",
                       "neighbourhood": href(i) + "/neighbourhood.json", "root": i == iri}} for i in iris]
    links = [{"data": {"id": f"{s} {p} {o}", "source": s, "target": o, "property": p,
                       "label": best_label(labels.get(p)) or compact(p)}} for s, p, o in edges]
    return {"iri": iri, "nodes": nodes, "edges": links, "truncated": len(neighbours) >= limit}


def _main_classes(store, iris) -> dict[str, str | None]:
    """Each entity's first asserted saxgraph class (the inferred graph holds only super-classes)."""
    out = {}
    for iri in iris:
        classes = sorted(q.object.value for q in store.quads(ox.NamedNode(iri), RDF_TYPE, None, None)
                         if graph_name(q) != INFERRED_IRI and q.object.value.startswith(str(SG)))
        out[iri] = classes[0] if classes else None
    return out


