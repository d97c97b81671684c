"""The vocabulary: the ontology (/ontology, each term documented at /ontology#Term) and the classes with
their instances (/classes, /class/<Term>)."""

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, render_template, url_for

from saxgraph import formats
from saxgraph.describe.resource import RDF_TYPE, best_label, labels_of
from saxgraph.describe.stats import CLASS_COUNTS
from saxgraph.namespaces import ID_BASE, ONTOLOGY_GRAPH, ONTOLOGY_IRI, PREFIXES, SG, compact, graph_iri
from saxgraph.web import get_store
from saxgraph.web.negotiation import negotiate
from saxgraph.web.representation import not_found, offers, represent, sparql_links, term_view, variant_links

bp = Blueprint("vocabulary", __name__)

MAX_CLASS_INSTANCES = 2000  # instances listed on a class page (a named, documented limit)
ONTOLOGY_GRAPH_IRI = str(graph_iri(ONTOLOGY_GRAPH))
RDFS = PREFIXES["rdfs"]
OWL = PREFIXES["owl"]


@bp.get("/ontology")
@bp.get("/ontology.<ext>")
def ontology(ext: str | None = None):
    if ext is not None and ext.lower() not in {f.extension for f in offers()}:
        raise not_found(f"{ONTOLOGY_IRI}.{ext}")
    store = get_store()
    if not ontology_quads(store):
        raise not_found(ONTOLOGY_IRI, ext)
    return represent("/ontology", ext and ext.lower(), lambda: ontology_quads(store),
                     lambda: ontology_page(store))


def ontology_quads(store) -> list:
    """The ontology graph of a build; in a store made from plain files, the statements about its terms."""
    found = list(store.quads(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH_IRI)))
    if not found:
        found = [q for q in store.quads(None, None, None, None)
                 if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ONTOLOGY_IRI)]
    return found


def ontology_terms(store) -> dict:
    """Classes and properties of the ontology with labels, comments and alignments."""
    terms: dict[str, dict[str, list]] = {}
    for quad in ontology_quads(store):
        if isinstance(quad.subject, ox.NamedNode):
            terms.setdefault(quad.subject.value, {}).setdefault(quad.predicate.value, []).append(quad.object)
    return terms


def ontology_page(store) -> str:
    terms = ontology_terms(store)
    labels = {iri: {o.language or "": o.value for o in props.get(RDFS + "label", [])}
              for iri, props in terms.items()}
    labels.update({k: v for k, v in labels_of(store, _linked(terms)).items() if k not in labels})
    kinds = {"classes": (OWL + "Class",), "properties": (OWL + "ObjectProperty", OWL + "DatatypeProperty"),
             "individuals": (OWL + "NamedIndividual",)}
    sections = {}
    for section, types in kinds.items():
        rows = []
        for iri, props in sorted(terms.items()):
            declared = {o.value for o in props.get(PREFIXES["rdf"] + "type", [])}
            if not iri.startswith(str(SG)) or not declared & set(types):
                continue
            by_lang = lambda p, props=props: {o.language or "": o.value for o in props.get(p, [])}  # noqa: E731
            view = lambda p, props=props: [term_view(o, labels) for o in props.get(p, [])]  # noqa: E731
            rows.append({"iri": iri, "name": iri[len(str(SG)):], "label": by_lang(RDFS + "label"),
                         "comment": by_lang(RDFS + "comment"),
                         "kind": ", ".join(compact(t) for t in sorted(declared)),
                         "super": view(RDFS + "subClassOf") + view(RDFS + "subPropertyOf"),
                         "domain": view(RDFS + "domain"), "range": view(RDFS + "range"),
                         "inverse": view(OWL + "inverseOf"),
                         "equivalent": view(OWL + "equivalentClass") + view(OWL + "equivalentProperty"),
                         "class_href": url_for("vocabulary.class_page", term=iri[len(str(SG)):])
                         if section == "classes" else None})
        sections[section] = rows
    meta = terms.get(ONTOLOGY_IRI, {})
    info = {"title": {o.language or "": o.value for o in meta.get(PREFIXES["dcterms"] + "title", [])},
            "description": {o.language or "": o.value
                            for o in meta.get(PREFIXES["dcterms"] + "description", [])},
            "version": next((o.value for o in meta.get(OWL + "versionInfo", [])), None)}
    return render_template("ontology.html", sections=sections, info=info, iri=ONTOLOGY_IRI,
                           alternates=[a for a in variant_links("/ontology") if a["name"] != "html"],
                           variants=variant_links("/ontology"),
                           sparql=sparql_links(f"SELECT ?term ?property ?value WHERE {{\n  GRAPH <"
                                               f"{ONTOLOGY_GRAPH_IRI}> {{ ?term ?property ?value }}\n}}"))


def _linked(terms) -> set[str]:
    return {o.value for props in terms.values() for objs in props.values() for o in objs
            if isinstance(o, ox.NamedNode)}


def class_counts(store=None) -> list[dict]:
    """Entities per saxgraph class, with labels and the URL of each class page (once per dataset)."""
    store = store or get_store()

    def count() -> list[dict]:
        rows = store.select(CLASS_COUNTS)
        labels = labels_of(store, [r["class"] for r in rows])
        return [{"iri": r["class"], "name": r["class"][len(str(SG)):], "count": int(r["n"]),
                 "label": best_label(labels.get(r["class"])) or compact(r["class"])} for r in rows]

    return [{**row, "href": url_for("vocabulary.class_page", term=row["name"])}
            for row in store.derived("class counts", count)]


@bp.app_template_global("class_counts")
def _class_counts_global():
    return class_counts()


@bp.get("/classes")
def classes():
    counts = class_counts()
    fmt = negotiate([formats.HTML, formats.JSON])
    if fmt.name == "json":
        response = jsonify({"classes": counts})
    else:
        response = Response(render_template("classes.html", counts=counts), mimetype="text/html")
    response.vary.add("Accept")
    return response


@bp.get("/class/<segment:term>")
def class_page(term: str):
    store = get_store()
    iri = str(SG) + term
    declared = any(
        True for _ in store.quads(ox.NamedNode(iri), RDF_TYPE, ox.NamedNode(OWL + "Class"), None))
    if not declared:
        raise not_found(f"class {compact(iri)}")
    query = f"SELECT DISTINCT ?instance WHERE {{ ?instance a <{iri}> }} ORDER BY ?instance"
    instances = [r["instance"] for r in store.select(query) if r["instance"].startswith(ID_BASE)]
    listed = instances[:MAX_CLASS_INSTANCES]
    labels = labels_of(store, listed + [iri])
    rows = sorted((term_view(ox.NamedNode(i), labels) for i in listed), key=lambda t: t["label"].casefold())
    fmt = negotiate([formats.HTML, formats.JSON])
    if fmt.name == "json":
        response = jsonify({"class": iri, "count": len(instances),
                            "instances": [{"iri": r["iri"], "label": r["label"]} for r in rows]})
    else:
        page = render_template("class.html", iri=iri, term=term, label=best_label(labels.get(iri)) or term,
                               instances=rows, count=len(instances), truncated=len(instances) > len(listed),
                               sparql=sparql_links(query))
        response = Response(page, mimetype="text/html")
    response.vary.add("Accept")
    return response


