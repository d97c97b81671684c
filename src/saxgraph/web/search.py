"""/search: search over the entities' labels and descriptions, as a page and as JSON, counted and paged;
/search/suggest.json: the header's autocomplete, labels that begin with what was typed (the reconciliation
service's prefix matching, saxgraph.describe.reconcile_services)."""

import dataclasses
import re
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, render_template, request

from saxgraph import formats
from saxgraph.describe import search as label_search
from saxgraph.describe.reconcile_index import index_for as reconcile_index_for
from saxgraph.describe.reconcile_services import suggest_entities
from saxgraph.describe.resource import best_label, labels_of
from saxgraph.describe.search import MAX_LIMIT, search_page, words_of
from saxgraph.errors import BadParameterError
from saxgraph.namespaces import ID_BASE, SG, compact
from saxgraph.web import base_url, get_store, reconcile
from saxgraph.web.negotiation import negotiate
from saxgraph.web.representation import href

bp = Blueprint("search", __name__)

SUGGESTIONS = 8  # entries in the header's autocomplete list


def _whole(name: str, default: int, high: int | None) -> int:
    raw = request.args.get(name, "").strip() or str(default)
    allowed = f"a whole number from 1 to {high}" if high else "a whole number from 1 up"
    try:
        value = int(raw)
    except ValueError:
        raise BadParameterError(f"{name} must be {allowed}, not {raw!r}") from None
    if value < 1 or (high and value > high):
        raise BadParameterError(f"{name} must be from 1 to {high}, not {value}" if high else
                                f"{name} must be {allowed}, not {value}")
    return value


@bp.get("/search")
def search_view():
    query = request.args.get("q", "").strip()
    limit = _whole("limit", 20, MAX_LIMIT)  # results per page
    page = _whole("page", 1, None)
    fmt = negotiate([formats.HTML, formats.JSON])
    store = get_store()
    found = search_page(store, query, page, limit) if query else None
    total = found.total if found else 0
    pages = max(1, -(-total // limit))
    if found and page > pages:
        raise BadParameterError(f"page {page} is past the last page ({pages}) of {total} "
                                f"result{'s' if total != 1 else ''}")
    hits = found.hits if found else []
    class_labels = labels_of(store, sorted({c for h in hits for c in h.classes}))
    words = words_of(query)
    results = [{**h.as_dict(), "href": href(h.iri),
                "class_labels": [best_label(class_labels.get(c)) or compact(c) for c in h.classes]}
               for h in hits]
    for result in results:
        if result.get("snippet"):
            result["snippet_parts"] = marked(result["snippet"], words)

    def url(to: int, ext: str = "", absolute: bool = False) -> str:
        args = {"q": query, **({"limit": limit} if limit != 20 else {}), **({"page": to} if to > 1 else {})}
        if ext:
            args["format"] = ext
        return (base_url() if absolute else "") + "/search?" + urlencode(args)

    paging = {"next": page < pages and found is not None, "prev": page > 1}
    first = (page - 1) * limit + 1 if results else 0
    if fmt.name == "json":
        shown = [{k: v for k, v in r.items() if k != "snippet_parts"} for r in results]
        response = jsonify({"query": query, "results": shown, "total": total, "page": page, "pages": pages,
                            "limit": limit, "truncated": bool(found and found.truncated),
                            "next": url(page + 1, "json", True) if paging["next"] else None,
                            "prev": url(page - 1, "json", True) if paging["prev"] else None})
    else:
        response = Response(render_template(
            "search.html", query=query, results=results, total=total, page=page, pages=pages,
            first=first, last=first + len(results) - 1, truncated=bool(found and found.truncated),
            max_results=label_search.MAX_RESULTS, next_url=paging["next"] and url(page + 1),
            prev_url=paging["prev"] and url(page - 1), json_url=url(page, "json") if query else None),
            mimetype="text/html")
    response.vary.add("Accept")
    return response


def marked(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """`text` in pieces, each with whether it is a word that begins with one of the query's `words` (the
    page marks those; the template escapes every piece)."""
    pieces = []
    for piece in re.split(r"(\w+)", text):
        if piece:
            folded = " ".join(words_of(piece))
            pieces.append((piece, bool(folded) and any(folded.startswith(w) for w in words)))
    return pieces


@bp.get("/search/suggest.json")
def suggest():
    """Entities whose labels begin with `q` (or whose words begin with its words), best first, each with the
    local page it links to: the reconciliation service's suggest, without its persons in public mode."""
    prefix = request.args.get("q", "").strip()
    if len(prefix) > 200:
        raise BadParameterError("q must be at most 200 characters")
    store = get_store()
    found = []
    if prefix:
        limits = dataclasses.replace(reconcile._limits(), suggest_page=SUGGESTIONS)
        found = suggest_entities(reconcile_index_for(store), prefix, None, [], limits,
                                 reconcile._public())["result"]
    iris = [ID_BASE + item["id"] for item in found]
    kinds = {iri: str(SG) + item["notable"][0]["id"]
             for iri, item in zip(iris, found, strict=True) if item.get("notable")}
    labels = labels_of(store, iris + sorted(set(kinds.values())))
    items = [{"iri": iri, "href": href(iri), "label": best_label(labels.get(iri)) or item["name"],
              "type": best_label(labels.get(kinds.get(iri))) if iri in kinds else None}
             for iri, item in zip(iris, found, strict=True)]
    return jsonify({"query": prefix, "results": items})
