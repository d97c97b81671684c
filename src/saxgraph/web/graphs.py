"""Named graphs: /graph/<slug>, one per source document plus the reference, ontology and inferred graphs."""

import pyoxigraph as ox
from flask import Blueprint, render_template

from saxgraph.describe.resource import labels_of, source_documents
from saxgraph.namespaces import graph_iri
from saxgraph.web import get_store
from saxgraph.web.representation import (
    graph_view,
    not_found,
    represent,
    sparql_links,
    split_extension,
    term_view,
    variant_links,
)

bp = Blueprint("graphs", __name__)

MAX_GRAPH_SUBJECTS = 2000  # subjects listed on a graph page (a named, documented limit)


@bp.get("/graph/<segment:name>")
def graph(name: str):
    store = get_store()
    slug, ext = split_extension(name)
    iri = str(graph_iri(slug))
    if iri not in store.graphs():
        slug, ext, iri = name, None, str(graph_iri(name))
        if iri not in store.graphs():
            raise not_found(iri, split_extension(name)[1])
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


