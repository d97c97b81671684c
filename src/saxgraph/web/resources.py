"""Dereferenceable IRIs, entity/class/ontology/graph pages and label search.

The server answers for its own IRIs on whatever host it runs: a request path such as `/id/cluster/x` is
mapped to the canonical IRI `https://w3id.org/saxgraph/id/cluster/x` (namespaces.iri_for_path), so the same
data works on localhost and behind the public host.

Dereferencing answers 200 directly (no 303): the IRIs are slash IRIs of things, but every representation
served is a description *of* the thing, and a direct 200 with `Content-Location` naming the variant URL
(`/id/cluster/x.ttl`) saves crawlers a round trip, as the W3C TAG's httpRange-14 follow-up (2007) and
Wikidata's /wiki/Special:EntityData practice allow. `Vary: Accept` and one `Link: rel="alternate"` per
other variant go with every negotiated answer; an explicit extension overrides Accept."""

import hashlib
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from saxgraph import __version__, formats
from saxgraph.describe.entity import (
    RDF_TYPE,
    Description,
    best_label,
    describe,
    graph_name,
    labels_of,
    serialize,
    source_documents,
)
from saxgraph.namespaces import (
    BASE,
    GRAPH_BASE,
    ID_BASE,
    INFERRED_GRAPH,
    KINDS,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    PREFIXES,
    SG,
    compact,
    graph_iri,
    iri_for_path,
    path_for_iri,
)
from saxgraph.search import MAX_LIMIT, search
from saxgraph.stats import CLASS_COUNTS
from saxgraph.web import get_store
from saxgraph.web.errors import plain
from saxgraph.web.negotiation import negotiate, vary_and_alternates

bp = Blueprint("resources", __name__, template_folder="pages")

# Bounds of the pages (named, documented limits).
MAX_CLASS_INSTANCES = 2000  # instances listed on a class page
MAX_GRAPH_SUBJECTS = 2000  # subjects listed on a graph page
MAX_NEIGHBOURS = 150  # nodes in one neighbourhood expansion

# Datasets keep the graph each fact comes from; they are offered last (Accept: */* gets HTML).
RDF_ORDER = ("turtle", "jsonld", "rdfxml", "ntriples", "trig", "nquads")
INFERRED_IRI = str(graph_iri(INFERRED_GRAPH))
ONTOLOGY_GRAPH_IRI = str(graph_iri(ONTOLOGY_GRAPH))
RDFS = PREFIXES["rdfs"]
OWL = PREFIXES["owl"]


@bp.after_request
def allow_cross_origin(response: Response) -> Response:
    """Linked data is read by scripts on other sites too (CORS_ORIGINS, '*' by default; empty = off)."""
    origins = current_app.config.get("CORS_ORIGINS")
    if origins and "Access-Control-Allow-Origin" not in response.headers:
        response.headers["Access-Control-Allow-Origin"] = origins
        response.headers["Access-Control-Expose-Headers"] = "Link, ETag, Content-Location, Vary"
    return response


def offers() -> list[formats.Format]:
    return [formats.by_name("html", formats.PAGE)] + [formats.by_name(n, formats.RDF) for n in RDF_ORDER]


def json_format() -> formats.Format:
    return formats.by_name("json", formats.PAGE)


formats.register(formats.Format("json", "application/json", "json", formats.PAGE, "JSON"))


def split_extension(name: str) -> tuple[str, str | None]:
    """`cool-silicon.ttl` -> (`cool-silicon`, `ttl`) when the suffix names an offered format."""
    base, dot, ext = name.rpartition(".")
    if dot and base and ext.lower() in {f.extension for f in offers()}:
        return base, ext.lower()
    return name, None


# --- views of terms --------------------------------------------------------------------------------------

# Schemes a page may link to. Any string that parses as an IRI can be in the data, `javascript:` and `data:`
# included; those are shown, never made into links a click would run (the CSP would block them too).
LINKABLE_SCHEMES = {"http", "https", "ftp", "mailto", "tel", "urn"}


def href(iri: str) -> str:
    """Where a browser on this host follows an IRI: our own IRIs locally, foreign ones as they are, and
    nowhere ("") for a scheme outside LINKABLE_SCHEMES."""
    local = path_for_iri(iri)
    if local:
        return local
    return iri if urlsplit(iri).scheme.lower() in LINKABLE_SCHEMES else ""


def term_view(term, labels: dict, documents: dict | None = None) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"kind": "iri", "iri": term.value, "href": href(term.value),
                "label": best_label(labels.get(term.value)) or compact(term.value),
                "compact": compact(term.value), "local": term.value.startswith(BASE)}
    if isinstance(term, ox.BlankNode):
        return {"kind": "bnode", "value": f"_:{term.value}"}
    datatype = term.datatype.value
    plain_types = (PREFIXES["xsd"] + "string", PREFIXES["rdf"] + "langString")
    return {"kind": "literal", "value": term.value, "lang": term.language,
            "datatype": None if datatype in plain_types else compact(datatype)}


def graph_view(graph: str, documents: dict) -> dict:
    info = documents.get(graph) or {}
    slug = graph[len(GRAPH_BASE):] if graph.startswith(GRAPH_BASE) else graph
    if graph == INFERRED_IRI:
        label = "materialised alignments"
    else:
        label = info.get("title") or slug
    return {"iri": graph, "href": href(graph), "label": label, "slug": slug,
            "document": info.get("document"), "inferred": graph == INFERRED_IRI}


def grouped(facts, labels, documents, side: str) -> list[dict]:
    """Facts grouped by property: [{property, values: [{term, sources}]}] (side: the term shown)."""
    groups: dict[str, dict] = {}
    for fact in facts:
        group = groups.setdefault(fact.predicate.value, {
            "property": term_view(fact.predicate, labels), "values": []})
        shown = fact.object if side == "object" else fact.subject
        group["values"].append({"term": term_view(shown, labels),
                                "sources": [graph_view(g, documents) for g in fact.graphs]})
    for group in groups.values():
        group["values"].sort(key=lambda v: (v["term"].get("label") or v["term"].get("value") or "")
                             .casefold())
    return sorted(groups.values(), key=lambda g: (g["property"]["iri"] != PREFIXES["rdf"] + "type",
                                                  g["property"]["label"].casefold()))


def variant_links(path: str) -> list[dict]:
    return [{"media_type": f.media_type, "url": f"{path}.{f.extension}", "label": f.label, "name": f.name,
             "extension": f.extension} for f in offers()]


def sparql_links(query: str) -> dict:
    return {"text": query, "endpoint": "/sparql?query=" + quote(query, safe=""),
            "editor": "/query#query=" + quote(query, safe="")}


# --- responses ------------------------------------------------------------------------------------------

def represent(path: str, ext: str | None, quads_fn, html_fn) -> Response:
    """Negotiate, then answer with the HTML page or the quads in the chosen RDF syntax."""
    fmt = negotiate(offers(), extension=ext)
    # The page changes with the data and with the code that renders it: known before anything is rendered.
    tag = f"{get_store().version} {__version__} {fmt.name} {path}"
    etag = hashlib.sha256(tag.encode()).hexdigest()[:32]
    unchanged = request.method in ("GET", "HEAD") and request.if_none_match.contains_weak(etag)
    if unchanged:
        response = Response(status=304)  # the client's copy is current: skip rendering and serialising
    elif fmt.kind == formats.PAGE:
        response = Response(html_fn(), mimetype="text/html")
    else:
        response = Response(serialize(quads_fn(), fmt), content_type=fmt.content_type)
    if ext is None:
        response.headers["Content-Location"] = f"{path}.{fmt.extension}"
    alternates = [(f"{path}.{f.extension}", f) for f in offers() if f is not fmt]
    vary_and_alternates(response, alternates)
    response.set_etag(etag)
    return response if unchanged else response.make_conditional(request)


def not_found(what: str, ext: str | None = None) -> Response:
    fmt = negotiate(offers(), extension=ext)
    if fmt.kind == formats.PAGE:
        page = render_template("not_found.html", what=what)
        response = Response(page, status=404, mimetype="text/html")
    else:
        response = plain(404, f"Not found: {what}")
    response.vary.add("Accept")
    return response


# --- entities -------------------------------------------------------------------------------------------

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
        return not_found(iri, ext)
    path = f"/id/{kind}/{slug}"
    return represent(path, ext, description.quads, lambda: entity_page(description, path))


def only_inferred(fact) -> bool:
    """Stated nowhere but in the materialised alignments."""
    return bool(fact.graphs) and set(fact.graphs) <= {INFERRED_IRI}


def entity_page(d: Description, path: str) -> str:
    labels = d.labels
    me = ox.NamedNode(d.iri)
    inferred = [f for f in d.outgoing if only_inferred(f)]
    asserted = [f for f in d.outgoing if not only_inferred(f)]
    own = [f for f in asserted if f.subject == me]
    bnode_facts = [f for f in asserted if f.subject != me]
    types = [term_view(ox.NamedNode(t), labels) for t in d.types()
             if any(f.predicate == RDF_TYPE and f.object.value == t for f in own)]
    for t in types:
        t["class_href"] = url_for("resources.class_page", term=t["iri"][len(str(SG)):]) \
            if t["iri"].startswith(str(SG)) else None
    descriptions = [f.object for f in own if f.predicate.value in
                    (PREFIXES["dcterms"] + "description", RDFS + "comment")]
    incoming = [f for f in d.incoming if not only_inferred(f)]
    query = (f"SELECT ?property ?value ?graph WHERE {{\n  GRAPH ?graph {{ <{d.iri}> ?property ?value }}\n}}"
             f" ORDER BY ?property ?value")
    incoming_query = (f"SELECT ?subject ?property ?graph WHERE {{\n  GRAPH ?graph {{ ?subject ?property "
                      f"<{d.iri}> }}\n}} ORDER BY ?property ?subject")
    sources = [graph_view(g, d.documents) for g in sorted(d.documents) if g != INFERRED_IRI]
    return render_template(
        "resource.html", d=d, iri=d.iri, path=path, label=d.label() or compact(d.iri), types=types,
        descriptions=[term_view(t, labels) for t in descriptions],
        properties=grouped([f for f in own if f.predicate != RDF_TYPE], labels, d.documents, "object"),
        bnodes=grouped(bnode_facts, labels, d.documents, "object"),
        inferred=grouped(inferred, labels, d.documents, "object"),
        incoming=grouped(incoming, labels, d.documents, "subject"), sources=sources,
        alternates=[a for a in variant_links(path) if a["name"] != "html"], variants=variant_links(path),
        sparql=sparql_links(query), sparql_incoming=sparql_links(incoming_query),
        neighbourhood_url=f"{path}/neighbourhood.json", cytoscape=cytoscape_asset())


def cytoscape_asset() -> str | None:
    """The vendored Cytoscape.js (never a CDN); None while it is not vendored, and the page says so."""
    from pathlib import Path

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
        return plain(404, f"Not found: {iri}")
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


# --- the ontology ----------------------------------------------------------------------------------------

@bp.get("/ontology")
@bp.get("/ontology.<ext>")
def ontology(ext: str | None = None):
    if ext is not None and ext.lower() not in {f.extension for f in offers()}:
        return not_found(f"{ONTOLOGY_IRI}.{ext}")
    store = get_store()
    if not ontology_quads(store):
        return not_found(ONTOLOGY_IRI, ext)
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
                         "class_href": url_for("resources.class_page", term=iri[len(str(SG)):])
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


# --- named graphs ----------------------------------------------------------------------------------------

@bp.get("/graph/<segment:name>")
def graph(name: str):
    store = get_store()
    slug, ext = split_extension(name)
    iri = str(graph_iri(slug))
    if iri not in store.graphs():
        slug, ext, iri = name, None, str(graph_iri(name))
        if iri not in store.graphs():
            return not_found(iri, split_extension(name)[1])
    node = ox.NamedNode(iri)
    path = f"/graph/{slug}"
    return represent(path, ext, lambda: list(store.quads(None, None, None, node)),
                     lambda: graph_page(store, iri, path))


def graph_page(store, iri: str, path: str) -> str:
    node = ox.NamedNode(iri)
    subjects, triples = set(), 0
    for quad in store.quads(None, None, None, node):
        triples += 1
        if isinstance(quad.subject, ox.NamedNode):
            subjects.add(quad.subject.value)
    listed = sorted(subjects)[:MAX_GRAPH_SUBJECTS]
    labels = labels_of(store, listed)
    documents = source_documents(store, [iri])
    rows = sorted((term_view(ox.NamedNode(s), labels) for s in listed), key=lambda t: t["label"].casefold())
    return render_template("graph.html", iri=iri, path=path, view=graph_view(iri, documents),
                           document=documents[iri], triples=triples, subjects=rows,
                           subject_count=len(subjects), truncated=len(subjects) > len(listed),
                           alternates=[a for a in variant_links(path) if a["name"] != "html"],
                           variants=variant_links(path),
                           sparql=sparql_links(f"SELECT ?s ?p ?o WHERE {{\n  GRAPH <{iri}> {{ ?s ?p ?o }}\n}}"
                                               ))


# --- classes ---------------------------------------------------------------------------------------------

_counts_cache: dict[tuple[int, str], list[dict]] = {}


def class_counts(store=None) -> list[dict]:
    """Entities per saxgraph class, with labels and the URL of each class page (cached per version)."""
    store = store or get_store()
    key = (id(store), store.version)
    if key not in _counts_cache:
        rows = store.select(CLASS_COUNTS)
        labels = labels_of(store, [r["class"] for r in rows])
        _counts_cache.clear()
        _counts_cache[key] = [
            {"iri": r["class"], "name": r["class"][len(str(SG)):], "count": int(r["n"]),
             "label": best_label(labels.get(r["class"])) or compact(r["class"]),
             "href": url_for("resources.class_page", term=r["class"][len(str(SG)):])}
            for r in rows]
    return _counts_cache[key]


@bp.app_template_global("class_counts")
def _class_counts_global():
    return class_counts()


@bp.get("/classes")
def classes():
    counts = class_counts()
    fmt = negotiate([formats.by_name("html", formats.PAGE), json_format()])
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
        return not_found(f"class {compact(iri)}")
    query = f"SELECT DISTINCT ?instance WHERE {{ ?instance a <{iri}> }} ORDER BY ?instance"
    instances = [r["instance"] for r in store.select(query) if r["instance"].startswith(ID_BASE)]
    listed = instances[:MAX_CLASS_INSTANCES]
    labels = labels_of(store, listed + [iri])
    rows = sorted((term_view(ox.NamedNode(i), labels) for i in listed), key=lambda t: t["label"].casefold())
    fmt = negotiate([formats.by_name("html", formats.PAGE), json_format()])
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


# --- search ----------------------------------------------------------------------------------------------

@bp.get("/search")
def search_view():
    query = request.args.get("q", "").strip()
    raw_limit = request.args.get("limit", "20")
    try:
        limit = int(raw_limit)
    except ValueError:
        return plain(400, f"Bad request: limit must be a whole number from 1 to {MAX_LIMIT}, "
                          f"not {raw_limit!r}")
    if not 1 <= limit <= MAX_LIMIT:
        return plain(400, f"Bad request: limit must be from 1 to {MAX_LIMIT}, not {limit}")
    fmt = negotiate([formats.by_name("html", formats.PAGE), json_format()])
    store = get_store()
    hits = search(store, query, limit) if query else []
    class_labels = labels_of(store, sorted({c for h in hits for c in h.classes}))
    results = [{**h.as_dict(), "href": href(h.iri),
                "class_labels": [best_label(class_labels.get(c)) or compact(c) for c in h.classes]}
               for h in hits]
    if fmt.name == "json":
        response = jsonify({"query": query, "results": results})
    else:
        response = Response(render_template("search.html", query=query, results=results),
                            mimetype="text/html")
    response.vary.add("Accept")
    return response


@bp.app_template_filter("local_href")
def _local_href(iri: str) -> str:
    return href(iri)

