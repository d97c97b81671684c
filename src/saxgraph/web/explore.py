"""/explore: the graph explorer (static/explore.js over Cytoscape.js) and its JSON feeds, the page's
machine-readable twins: an entity's neighbours, an entity's facts for the sidebar, and the whole graph.

Errors of the feeds are JSON ({"error": ...}) with their status: a script reading a feed reads its errors
too."""

from flask import Blueprint, jsonify, render_template, request, url_for

from saxgraph.describe import explore
from saxgraph.web import get_store
from saxgraph.web.entities import cytoscape_asset
from saxgraph.web.representation import href

bp = Blueprint("explore", __name__)

# Each palette group's colour (Okabe-Ito, told apart by most colour-blind readers) and Cytoscape shape: the
# page's legend says them to the script (data- attributes), so this is their one place.
PALETTE = {
    "cluster": ("#D55E00", "hexagon"),
    "organisation": ("#0072B2", "round-rectangle"),
    "network": ("#CC79A7", "diamond"),
    "place": ("#009E73", "triangle"),
    "person": ("#E69F00", "ellipse"),
    "project": ("#56B4E9", "pentagon"),
    "document": ("#F0E442", "rectangle"),
    "other": ("#999999", "octagon"),
}
GROUP_LABELS = {"cluster": "Cluster", "organisation": "Organisation", "network": "Network or hub",
                "place": "Place", "person": "Person", "project": "Project", "document": "Document",
                "other": "Other"}


def _polygon(shape: str, size: float = 14) -> str:
    """The legend swatch of a shape as SVG polygon points (presentation attributes, which the CSP allows)."""
    import math

    c, r = size / 2, size / 2 - 1
    corners = {"hexagon": 6, "diamond": 4, "triangle": 3, "pentagon": 5, "octagon": 8}.get(shape)
    if corners is None:  # ellipse and rectangles: drawn as such by the template
        return ""
    start = -math.pi / 2 if shape in ("triangle", "pentagon", "diamond") else (
        math.pi / 8 if shape == "octagon" else 0)
    return " ".join(f"{c + r * math.cos(start + 2 * math.pi * i / corners):.1f},"
                    f"{c + r * math.sin(start + 2 * math.pi * i / corners):.1f}" for i in range(corners))


class FeedError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@bp.errorhandler(FeedError)
def _feed_error(error: FeedError):
    response = jsonify({"error": str(error), "status": error.status})
    response.status_code = error.status
    return response


def _limit(default: int, maximum: int) -> int:
    raw = request.args.get("limit")
    if raw is None:
        return default
    try:
        limit = int(raw)
    except ValueError:
        raise FeedError(400, f"limit must be a whole number from 1 to {maximum}, not {raw!r}") from None
    if not 1 <= limit <= maximum:
        raise FeedError(400, f"limit must be from 1 to {maximum}, not {limit}")
    return limit


def _entity() -> str:
    raw = request.args.get("iri")
    if not raw:
        raise FeedError(400, "iri is missing: the entity's IRI, its path (/id/cluster/x) or cluster/x")
    iri = explore.resolve(raw)
    if iri is None:
        raise FeedError(400, f"{raw!r} is not a saxgraph entity: give its IRI, /id/<kind>/<slug> or "
                             "<kind>/<slug>")
    if not explore.exists(get_store(), iri):
        raise FeedError(404, f"no entity {iri}")
    return iri


def _linked(data: dict) -> dict:
    """Local links of the nodes and documents (this host's paths; the IRIs stay canonical)."""
    for node in data.get("nodes", []):
        node["url"] = href(node["id"])
    for graph, info in data.get("documents", {}).items():
        info["url"] = href(graph)
        info["document_url"] = href(info["document"]) if info["document"] else None
    return data


@bp.get("/explore")
def page():
    focus = request.args.getlist("focus")
    feeds = {"neighbours": url_for("explore.neighbours_feed"), "facts": url_for("explore.facts_feed"),
             "whole": url_for("explore.whole_feed"), "search": url_for("search.search_view")}
    return render_template("explore.html", cytoscape=cytoscape_asset(), feeds=feeds, focus=focus,
                           groups=[{"name": g, "label": GROUP_LABELS[g], "colour": PALETTE[g][0],
                                    "shape": PALETTE[g][1], "points": _polygon(PALETTE[g][1])}
                                   for g in PALETTE], max_limit=explore.MAX_LIMIT,
                           default_limit=explore.DEFAULT_LIMIT)


@bp.get("/explore/neighbours.json")
def neighbours_feed():
    limit = _limit(explore.DEFAULT_LIMIT, explore.MAX_LIMIT)
    iri = _entity()
    return jsonify(_linked(explore.neighbours(get_store(), iri, limit)))


@bp.get("/explore/facts.json")
def facts_feed():
    iri = _entity()
    data = explore.facts(get_store(), iri)
    data["url"] = href(iri)
    for group in data["properties"]:
        for value in group["values"]:
            if "iri" in value:
                value["url"] = href(value["iri"])
    return jsonify(_linked(data))


@bp.get("/explore/whole.json")
def whole_feed():
    limit = _limit(explore.MAX_WHOLE, explore.MAX_WHOLE)
    return jsonify(_linked(explore.whole_graph(get_store(), limit)))
