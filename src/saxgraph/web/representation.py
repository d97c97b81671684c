"""How the linked-data views represent what they describe: the negotiated answer (an HTML page or the
quads in an RDF syntax, with ETag, Content-Location, Vary and Link headers), and the view models the pages
show (terms, graphs, grouped facts, links to the same data elsewhere).

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
from flask import Response, request

from saxgraph import __version__, formats
from saxgraph.describe.resource import best_label, serialize
from saxgraph.errors import NotFoundError
from saxgraph.namespaces import BASE, GRAPH_BASE, INFERRED_GRAPH, PREFIXES, compact, graph_iri, path_for_iri
from saxgraph.web import get_store, language
from saxgraph.web.negotiation import negotiate, vary_and_alternates

INFERRED_IRI = str(graph_iri(INFERRED_GRAPH))


def offers() -> list[formats.Format]:
    """What a described thing is offered as: a page first (Accept: */* gets HTML), then the RDF syntaxes."""
    return [formats.HTML, *formats.RDF_OFFERS]


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
    tag = (f"{get_store().version} {__version__} {fmt.name} {path} {request.query_string.decode('latin-1')}"
           f" {language.current() if fmt.kind == formats.PAGE else ''}")
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


def not_found(what: str, ext: str | None = None) -> NotFoundError:
    """What a view raises for a name nothing answers to: as a page for a browser, unless the request asked
    for another representation by its extension (`/id/x.ttl`)."""
    return NotFoundError(what, page=ext is None or ext == formats.HTML.extension)



