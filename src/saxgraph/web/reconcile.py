"""/reconcile: the Reconciliation Service API 0.2, the protocol OpenRefine speaks, over the served data.

GET /reconcile                    the service manifest (JSONP with callback=)
GET|POST /reconcile queries=...   a batch of reconciliation queries (form POST, as OpenRefine sends it)
GET|POST /reconcile extend=...    data extension: values of chosen properties for a list of ids
GET /reconcile/properties         property proposals for a type (type=, limit=)
GET /reconcile/suggest/<kind>     suggest entities, types or properties (prefix=, cursor=)
GET /reconcile/preview?id=        the preview card (HTML, framed by OpenRefine)

The work is saxgraph.describe.reconcile and .reconcile_services; this module reads requests and writes
responses: JSON (or JSONP), CORS for any origin (the API requires it) and typed errors, so bad input is a
400 naming the problem. Limits are the RECONCILE_* settings (saxgraph.web DEFAULTS)."""

import json
import re

from flask import Blueprint, Response, current_app, render_template, request

from saxgraph.describe.reconcile import Limits, manifest, reconcile
from saxgraph.describe.reconcile_index import index_for
from saxgraph.describe.reconcile_services import (
    extend,
    preview,
    propose_properties,
    suggest_entities,
    suggest_properties,
    suggest_types,
)
from saxgraph.errors import ReconciliationError, UnsupportedMediaTypeError
from saxgraph.namespaces import path_for_iri
from saxgraph.web import base_url, get_store
from saxgraph.web.security import frameable

bp = Blueprint("reconcile", __name__)

FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
# A JSONP callback is a JavaScript name, nothing else: the body is a script a page runs.
CALLBACK = re.compile(r"^[A-Za-z_$][\w$]{0,63}(\.[A-Za-z_$][\w$]{0,63}){0,4}$")
SUGGEST = {"entity": suggest_entities, "type": suggest_types, "property": suggest_properties}


def _limits() -> Limits:
    c = current_app.config
    return Limits(max_batch=int(c["RECONCILE_MAX_BATCH"]),
                  max_query_length=int(c["RECONCILE_MAX_QUERY_LENGTH"]),
                  default_limit=int(c["RECONCILE_DEFAULT_LIMIT"]), max_limit=int(c["RECONCILE_MAX_LIMIT"]),
                  max_extend_ids=int(c["RECONCILE_MAX_EXTEND_IDS"]),
                  max_extend_properties=int(c["RECONCILE_MAX_EXTEND_PROPERTIES"]),
                  suggest_page=int(c["RECONCILE_SUGGEST_LIMIT"]))


def _public() -> bool:
    """Public mode: the setting, or a dataset built public (its manifest says so)."""
    return bool(current_app.config["PUBLIC"] or get_store().manifest.get("public"))


def _parameters() -> dict[str, list[str]]:
    """The request's parameters: the query string and, for a POST, its form body."""
    params = request.args.to_dict(flat=False)
    if request.method == "POST":
        if request.mimetype not in FORMS and (request.mimetype or request.get_data(cache=True)):
            raise UnsupportedMediaTypeError(
                "POST to /reconcile takes a form (Content-Type application/x-www-form-urlencoded, with "
                f"queries=... or extend=...); this request has {request.mimetype or 'a body of no type'}")
        for key, values in request.form.to_dict(flat=False).items():
            params.setdefault(key, []).extend(values)
    return params


def _one(params: dict, key: str) -> str | None:
    values = params.get(key)
    if not values:
        return None
    if len(values) > 1:
        raise ReconciliationError(f"the request has {len(values)} '{key}' parameters; send one")
    return values[0]


def _answer(data: dict, params: dict | None = None) -> Response:
    """JSON, or JSONP when a callback is named (older OpenRefine front ends)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    callback = _one(params if params is not None else request.args.to_dict(flat=False), "callback")
    if callback is None:
        return Response(body, mimetype="application/json")
    if not CALLBACK.match(callback):
        raise ReconciliationError("callback must be the name of a JavaScript function (letters, digits, _ "
                                  f"and $, dotted), not {callback[:80]!r}")
    return Response(f"/**/{callback}({body});", mimetype="application/javascript")


@bp.route("/reconcile", methods=["GET", "POST"], strict_slashes=False)
def service():
    params = _parameters()
    queries, extension = _one(params, "queries"), _one(params, "extend")
    index = index_for(get_store())
    if queries is not None and extension is not None:
        raise ReconciliationError("the request has both 'queries' and 'extend'; send one of them")
    if queries is not None:
        return _answer(reconcile(index, queries, _limits(), _public()), params)
    if extension is not None:
        return _answer(extend(index, extension, _limits(), _public()), params)
    if request.method == "POST":
        raise ReconciliationError("a POST to /reconcile needs 'queries' (a JSON query batch) or 'extend' "
                                  "(a JSON data extension query) in its form body")
    return _answer(manifest(index, base_url(), _limits(), _public()), params)


@bp.get("/reconcile/suggest/<any(entity, type, property):service>")
def suggest(service: str):
    index, args = index_for(get_store()), request.args
    if service == "entity":
        data = suggest_entities(index, args.get("prefix"), args.get("cursor"), args.getlist("type"),
                                _limits(), _public())
    else:
        data = SUGGEST[service](index, args.get("prefix"), args.get("cursor"), _limits(), _public())
    return _answer(data)


@bp.get("/reconcile/properties")
def properties():
    index = index_for(get_store())
    return _answer(propose_properties(index, request.args.get("type"), request.args.get("limit"), _public()))


@bp.get("/reconcile/preview")
def preview_card():
    entity_id = request.args.get("id")
    if not entity_id:
        raise ReconciliationError("the preview needs the 'id' parameter: an entity id such as "
                                  "cluster/silicon-saxony")
    card = preview(index_for(get_store()), get_store(), entity_id, _public())
    if card is not None:
        card["page"] = request.script_root + path_for_iri(card["iri"])
        for document in card["documents"]:
            document["page"] = request.script_root + path_for_iri(document["iri"])
    html = render_template("reconcile_preview.html", card=card, asked=entity_id)
    response = Response(html, status=200 if card else 404, mimetype="text/html")
    return frameable(response, str(current_app.config["RECONCILE_PREVIEW_FRAME_ANCESTORS"]))
