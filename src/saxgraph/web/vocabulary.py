"""The vocabulary: the ontology (/ontology, each term documented at /ontology#Term) and the classes with
their instances (/classes, /class/<Term>)."""

from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, render_template, request, url_for

from saxgraph import formats
from saxgraph.describe.class_table import (
    COLUMNS,
    MAX_SIZE,
    TableRequest,
    class_table,
    csv_text,
    instances_query,
)
from saxgraph.describe.resource import RDF_TYPE, best_label, labels_of
from saxgraph.describe.stats import CLASS_COUNTS
from saxgraph.namespaces import ONTOLOGY_GRAPH, ONTOLOGY_IRI, PREFIXES, SG, compact, graph_iri
from saxgraph.web import base_url, get_store
from saxgraph.web.negotiation import negotiate, vary_and_alternates
from saxgraph.web.representation import (
    href,
    not_found,
    offers,
    represent,
    sparql_links,
    term_view,
    variant_links,
)

bp = Blueprint("vocabulary", __name__)

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
    """A class's instances as a table (label, types, location, sources), sorted, filtered and paged by the
    query parameters; the same rows as CSV and JSON (`/class/<Term>.csv`, `.json` or `?format=`)."""
    store = get_store()
    term, ext = _table_extension(term)
    iri = str(SG) + term
    declared = any(
        True for _ in store.quads(ox.NamedNode(iri), RDF_TYPE, ox.NamedNode(OWL + "Class"), None))
    if not declared:
        raise not_found(f"class {compact(iri)}", ext)
    fmt = negotiate(TABLE_OFFERS, extension=ext)
    asked = TableRequest.from_args(request.args)
    table = class_table(store, iri, asked)
    path = url_for("vocabulary.class_page", term=term)
    label = best_label(labels_of(store, [iri]).get(iri)) or term

    def url(ext: str = "", absolute: bool = False, **changes) -> str:
        query = urlencode(asked.args(**changes))
        where = (base_url() if absolute else "") + path + (f".{ext}" if ext else "")
        return where + (f"?{query}" if query else "")

    links = {"next": table.page < table.pages and {"page": table.page + 1},
             "prev": table.page > 1 and {"page": table.page - 1}}
    if fmt is formats.CSV:
        response = Response(csv_text(table.rows), content_type=fmt.content_type)
        response.headers["Content-Disposition"] = f'inline; filename="{term}.csv"'
    elif fmt is formats.JSON:
        response = jsonify({
            "class": iri, "label": label, "count": table.count, "total": table.total, "page": table.page,
            "pages": table.pages, "size": asked.size, "sort": asked.sort, "desc": asked.desc,
            "filters": asked.filters, "columns": ["iri", *COLUMNS],
            "rows": [{**row, "href": href(row["iri"])} for row in table.rows],
            **{name: url("json", True, **change) if change else None for name, change in links.items()}})
    else:
        sorts = {c: url(sort=c, desc="1" if c == asked.sort and not asked.desc else None, page=None)
                 for c in COLUMNS}
        page = render_template(
            "class.html", iri=iri, term=term, label=label, table=table, asked=asked, sorts=sorts,
            rows=[{**row, "href": href(row["iri"]),
                   "types": [{**t, "href": _class_href(t["iri"])} for t in row["types"]],
                   "location": [{**p, "href": href(p["iri"])} for p in row["location"]],
                   "sources": [{**s, "href": href(s["iri"])} for s in row["sources"]]} for row in table.rows],
            next_url=links["next"] and url(**links["next"]), prev_url=links["prev"] and url(**links["prev"]),
            csv_url=url("csv"), json_url=url("json"), max_size=MAX_SIZE,
            sizes=sorted({25, 50, 100, MAX_SIZE, asked.size}),
            sparql=sparql_links(instances_query(iri)))
        response = Response(page, mimetype="text/html")
    vary_and_alternates(response, [(url(f.extension), f) for f in TABLE_OFFERS if f is not fmt])
    return response


TABLE_OFFERS = [formats.HTML, formats.JSON, formats.CSV]


def _table_extension(term: str) -> tuple[str, str | None]:
    """`Cluster.csv` -> (`Cluster`, `csv`) for the table's twins; class names hold no dot."""
    base, dot, ext = term.rpartition(".")
    if dot and base and ext.lower() in {f.extension for f in TABLE_OFFERS}:
        return base, ext.lower()
    return term, None


def _class_href(iri: str) -> str:
    return url_for("vocabulary.class_page", term=iri[len(str(SG)):]) if iri.startswith(str(SG)) else href(iri)
