"""/search: label search over the entities, as a page and as JSON."""

from flask import Blueprint, Response, jsonify, render_template, request

from saxgraph import formats
from saxgraph.describe.resource import best_label, labels_of
from saxgraph.describe.search import MAX_LIMIT, search
from saxgraph.errors import BadParameterError
from saxgraph.namespaces import compact
from saxgraph.web import get_store
from saxgraph.web.negotiation import negotiate
from saxgraph.web.representation import href

bp = Blueprint("search", __name__)


@bp.get("/search")
def search_view():
    query = request.args.get("q", "").strip()
    raw_limit = request.args.get("limit", "20")
    try:
        limit = int(raw_limit)
    except ValueError:
        raise BadParameterError(f"limit must be a whole number from 1 to {MAX_LIMIT}, not {raw_limit!r}") \
            from None
    if not 1 <= limit <= MAX_LIMIT:
        raise BadParameterError(f"limit must be from 1 to {MAX_LIMIT}, not {limit}")
    fmt = negotiate([formats.HTML, formats.JSON])
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


