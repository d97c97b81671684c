"""The home page, the query UI (vendored YASGUI) and the catalogue of example queries."""

import json
import posixpath
from urllib.parse import quote

from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, request, url_for

from saxgraph import formats
from saxgraph.errors import BadParameterError
from saxgraph.namespaces import BASE, KINDS, PREFIXES
from saxgraph.query import examples
from saxgraph.web import completions, external_url, get_store, language
from saxgraph.web.errors import plain
from saxgraph.web.negotiation import negotiate, vary_and_alternates
from saxgraph.web.vocabulary import class_counts

bp = Blueprint("ui", __name__)


JSON, HTML = formats.JSON, formats.HTML


def _html_or_json():
    return negotiate([HTML, JSON])


def summary() -> dict:
    store = get_store()
    return {"title": "saxgraph", "quads": len(store), "graphs": store.graphs(), "version": store.version,
            "classes": [{k: c[k] for k in ("iri", "label", "count")} for c in class_counts(store)],
            "sparql_endpoint": external_url("sparql.endpoint"),
            "examples": external_url("ui.examples_json")}


@bp.get("/")
def home():
    if _html_or_json() is JSON:
        return vary_and_alternates(jsonify(summary()), [])
    response = Response(render_template("home.html", summary=summary(), examples=examples.catalogue(),
                                        alternates=[{"media_type": JSON.media_type, "url": "/index.json",
                                                     "label": "JSON"}]))
    return vary_and_alternates(response, [("/index.json", JSON)])


@bp.get("/index.json")
def home_json():
    return jsonify(summary())


@bp.get("/query")
def query():
    """YASGUI on /sparql; ?query= or ?example=<name> fills the editor."""
    text = request.args.get("query")
    name = request.args.get("example")
    chosen = examples.by_name(name) if name else None
    if name and chosen is None:
        return plain(404, f"No example query named {name!r}; see /examples.")
    if text is None:
        text = (chosen or examples.catalogue()[0]).query
    # relative to the page ("sparql"), so the editor posts to this deployment's endpoint behind any proxy
    endpoint = posixpath.relpath(url_for("sparql.endpoint"), posixpath.dirname(url_for("ui.query")))
    config = {"endpoint": endpoint, "query": text, "prefixes": PREFIXES,
              "examples": [e.as_json() for e in examples.catalogue()],
              "run": bool(request.args.get("run"))}
    # "<" escaped: a query containing "</script>" must not end the script element it is embedded in
    # the page maps the project's IRIs (BASE...) to this host's pages (local_base...), as `local_href` does
    return render_template("query.html", config=json.dumps(config).replace("<", "\\u003c"), chosen=chosen,
                           iri_base=BASE, local_base=url_for("ui.home"), entity_prefixes=KINDS)


@bp.get("/query/completions.json")
def completions_json():
    """The editor's completions: ?kind=class|property|entity&q=<prefixed name, IRI or label start>."""
    kind = request.args.get("kind", "")
    if kind not in completions.KIND_NAMES:
        raise BadParameterError(f"kind must be one of {', '.join(completions.KIND_NAMES)}, not {kind!r}")
    raw_limit = request.args.get("limit", "20")
    if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= completions.MAX_LIMIT:
        raise BadParameterError(f"limit must be a whole number from 1 to {completions.MAX_LIMIT}, "
                                f"not {raw_limit!r}")
    store = get_store()
    public = bool(current_app.config["PUBLIC"] or store.manifest.get("public"))
    text = request.args.get("q", "")
    found = completions.complete(store, kind, text, int(raw_limit), public, language.current())
    response = jsonify({"kind": kind, "q": text, "results": found})
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says: the SVG icon the pages link to."""
    response = redirect(url_for("static", filename="favicon.svg"), code=301)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@bp.get("/examples")
def examples_page():
    if _html_or_json() is JSON:
        return examples_json()
    items = [{"example": e, "editor": url_for("ui.query", example=e.name, run=1),
              # format=html: the results shown (a browser saves the Accept-negotiated SPARQL XML as a file)
              "results": url_for("sparql.endpoint") + "?query=" + quote(e.query, safe="") + "&format=html",
              "raw": url_for("ui.example_file", name=e.name)} for e in examples.catalogue()]
    response = Response(render_template("examples.html", items=items, alternates=[
        {"media_type": JSON.media_type, "url": "/examples.json", "label": JSON.label}]))
    return vary_and_alternates(response, [("/examples.json", JSON)])


@bp.get("/examples.json")
def examples_json():
    return jsonify({"examples": [
        {**e.as_json(), "url": external_url("ui.example_file", name=e.name)}
        for e in examples.catalogue()]})


@bp.get("/examples/<name>.rq")
def example_file(name: str):
    example = examples.by_name(name)
    if example is None:
        return plain(404, f"No example query named {name!r}; see /examples.")
    return Response(example.query, content_type=f"{formats.SPARQL_QUERY}; charset=utf-8")
