"""/sparql: the SPARQL 1.1 Protocol query operation (https://www.w3.org/TR/sparql11-protocol/), read-only.

GET ?query=, POST application/x-www-form-urlencoded, POST application/sparql-query; default-graph-uri and
named-graph-uri; content negotiation on Accept or `format`; without a query, the Service Description (RDF)
or, for a browser, the query UI; `format=html` (a link for people) shows the query's results in the query UI.
"""

import time
import weakref
from urllib.parse import parse_qsl

from flask import Blueprint, Response, current_app, redirect, request, url_for

from saxgraph import formats
from saxgraph.describe.service import describe_service, serialise
from saxgraph.errors import ProtocolError, QueryRefusedError, UnsupportedMediaTypeError
from saxgraph.query.runner import Limits, QueryRequest, QueryRunner, check_allowed
from saxgraph.query.text import classify
from saxgraph.web import ARRIVED, external_url, fast_path, get_store
from saxgraph.web.negotiation import named, negotiate
from saxgraph.web.ops import note
from saxgraph.web.rate_limit import query_allowance
from saxgraph.web.result_cache import AnswerCache, CachedAnswer, answer_key

bp = Blueprint("sparql", __name__)

FORM, DIRECT, UPDATE = formats.FORM, formats.SPARQL_QUERY, formats.SPARQL_UPDATE


@bp.route("/sparql", methods=["GET", "POST"], strict_slashes=False)
def endpoint():
    params = _parameters()
    if "update" in params or request.mimetype == UPDATE:
        raise QueryRefusedError("This endpoint is read-only: SPARQL Update is not accepted here. "
                                "The graph changes only through `saxgraph build` of the curated data.")
    queries = params.get("query", [])
    if len(queries) > 1:
        raise ProtocolError(f"The request has {len(queries)} 'query' parameters; the SPARQL protocol allows "
                            "one.")
    if not queries:
        if request.method == "POST":
            raise ProtocolError("No query: send it in the 'query' parameter (form POST) or as the body "
                                f"of a POST with Content-Type {DIRECT}.")
        return service_description()
    sparql = queries[0]
    if request.method == "GET" and params.get("format", [""])[0].strip().lower() == formats.HTML.name:
        # a person's link (the /examples page): the results page, not a results file for the browser to save
        return redirect(url_for("ui.query", query=sparql, run=1), code=303)
    check_allowed(sparql, current_app.extensions["saxgraph.service_allowlist"],
                  int(current_app.config["MAX_QUERY_PATTERNS"]))
    fmt = _negotiate(sparql, params)
    query_request = QueryRequest(
        sparql=sparql,
        results_format=fmt.name if fmt.kind == formats.RESULTS else "json",
        graph_format=fmt.name if fmt.kind == formats.RDF else "turtle",
        default_graphs=_graphs(params, "default-graph-uri"),
        named_graphs=_graphs(params, "named-graph-uri"),
        base_iri=request.base_url,
    )
    etag = answer_key(get_store().version, sparql, fmt.name, query_request.default_graphs,
                      query_request.named_graphs, query_request.base_iri)
    revalidating = request.method in ("GET", "HEAD")
    if revalidating and request.if_none_match.contains_weak(etag):
        note(cache="revalidated")
        return _cacheable(Response(status=304), etag)
    cache = answer_cache()
    answer = cache.get(etag)
    if revalidating:  # the next request just like this one can be answered without Flask (web.fast_path)
        request.environ[fast_path.PLAN] = (query_request, etag)
    if answer is None:
        with query_allowance() as spent:
            started = time.perf_counter()
            try:
                preset = request.environ.pop(fast_path.PRESET_ERROR, None)
                if preset is not None:  # the fast path ran this query already: its error, answered here
                    raise preset
                outcome = query_pool().run(query_request, float(current_app.config["QUERY_TIMEOUT"]),
                                           client=request.remote_addr or "", queue_timeout=_queue_budget())
            finally:
                spent["seconds"] = time.perf_counter() - started
            spent["seconds"] = outcome.seconds
        answer = CachedAnswer(outcome.body, outcome.format.content_type, outcome.size, outcome.form,
                              outcome.format_name)
        cache.put(etag, answer)
        note(cache="miss", query_ms=f"{outcome.seconds * 1000:.1f}")
    else:
        note(cache="hit")
    response = Response(answer.body, content_type=answer.content_type)
    response.headers["X-Result-Size"] = str(answer.size)
    note(form=answer.form, format=answer.format_name)
    return _cacheable(response, etag if revalidating else None)


def _queue_budget() -> float:
    """What is left of QUEUE_TIMEOUT for this request: the server counts it from when the request had
    arrived whole, so time spent waiting for a request thread counts too (saxgraph.server.request_reading)."""
    budget = float(current_app.config["QUEUE_TIMEOUT"])
    arrived = request.environ.get(ARRIVED)
    return budget - (time.monotonic() - arrived) if arrived is not None else budget


def _cacheable(response: Response, etag: str | None) -> Response:
    """The caching headers of an answer (and of its 304): it changes only with the data and the request."""
    response.vary.add("Accept")
    response.headers["Cache-Control"] = f"public, max-age={int(current_app.config['SPARQL_CACHE_MAX_AGE'])}"
    if etag:
        response.set_etag(etag)
    return response


def answer_cache() -> AnswerCache:
    """This server process's cache of serialised answers (RESULT_CACHE_BYTES; 0 turns it off)."""
    cache = current_app.extensions.get("saxgraph.answer_cache")
    if cache is None:
        config = current_app.config
        cache = AnswerCache(int(config["RESULT_CACHE_BYTES"]), int(config["RESULT_CACHE_ENTRY_BYTES"]))
        current_app.extensions["saxgraph.answer_cache"] = cache
    return cache


def _parameters() -> dict[str, list[str]]:
    """Protocol parameters from the URL and, for a form POST, the body; decoded strictly as UTF-8."""
    params: dict[str, list[str]] = {}

    def add(raw: bytes, where: str) -> None:
        try:
            pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
        except UnicodeDecodeError as error:
            raise ProtocolError(f"The {where} is not valid UTF-8 ({error.reason} at byte {error.start}); "
                                "SPARQL protocol requests are UTF-8.") from None
        for name, value in pairs:
            params.setdefault(name, []).append(value)

    add(request.query_string, "query string")
    if request.method == "POST":
        mimetype = request.mimetype
        if mimetype == FORM:
            add(request.get_data(cache=True), "form body")
        elif mimetype == DIRECT:
            charset = request.mimetype_params.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                raise ProtocolError(f"The query body is declared as {charset}; the SPARQL protocol requires "
                                    "UTF-8.")
            try:
                body = request.get_data(cache=True).decode("utf-8")
            except UnicodeDecodeError as error:
                raise ProtocolError(f"The query body is not valid UTF-8 ({error.reason} at byte "
                                    f"{error.start}); the SPARQL protocol requires UTF-8.") from None
            params.setdefault("query", []).append(body)
        elif mimetype != UPDATE:
            shown = mimetype or "none"
            raise UnsupportedMediaTypeError(
                f"POST to /sparql takes Content-Type {FORM} (query=...) or {DIRECT} (the query as the body); "
                f"this request has {shown}.")
    return params


def _graphs(params: dict, name: str) -> tuple[str, ...] | None:
    if "default-graph-uri" not in params and "named-graph-uri" not in params:
        return None  # no protocol dataset: the query's FROM clauses, else the union of all graphs
    return tuple(params.get(name, []))


def _negotiate(sparql: str, params: dict) -> formats.Format:
    """The answer's format, for the query form at hand: a format, output or results parameter (SPARQLWrapper
    sends all three, Fuseki reads `output`; "xml" means RDF/XML for a CONSTRUCT and SPARQL XML for a
    SELECT), else Accept."""
    form = classify(sparql).form
    if form in ("CONSTRUCT", "DESCRIBE"):
        offers = list(formats.RDF_OFFERS)
    else:
        offers = list(formats.ASK_OFFERS if form == "ASK" else formats.SELECT_OFFERS)
    asked = [v for name in ("format", "output", "results") for v in params.get(name, []) if v.strip()]
    for value in asked:
        fmt = named(value, offers)
        if fmt is not None:
            return fmt
    if asked:
        return negotiate(offers, extension=asked[0])  # none offered for this query form: 406, with the list
    return negotiate(offers, param=None)  # format, output and results were read above (URL, form body)


def service_description() -> Response:
    explicit = request.args.get("format")
    fmt = negotiate([*formats.RDF_OFFERS, formats.HTML], extension=explicit)
    if fmt is formats.HTML:
        return redirect(url_for("ui.query"), code=303)
    body = serialise(describe_service(get_store(), external_url("sparql.endpoint")), fmt)
    response = Response(body, content_type=fmt.content_type)
    response.vary.add("Accept")
    return response


def query_pool() -> QueryRunner:
    """What runs the app's queries under the time limit, as the store served now needs it (a reload replaces
    both): for the embedded store, worker processes forked lazily in the serving process (after gunicorn's
    fork)."""
    extensions = current_app.extensions
    pool = extensions.get("saxgraph.query_pool")
    if pool is None:
        config = current_app.config
        limits = Limits(max_rows=int(config["MAX_RESULT_ROWS"]), max_bytes=int(config["MAX_RESULT_BYTES"]),
                        memory=int(float(config["QUERY_MEMORY"]) * 2**20),
                        network=bool(extensions["saxgraph.service_allowlist"]),
                        queue_timeout=float(config["QUEUE_TIMEOUT"]))
        candidate = extensions["saxgraph.store"].query_runner(int(config["QUERY_WORKERS"]), limits)
        pool = extensions.setdefault("saxgraph.query_pool", candidate)  # one pool, if two requests race
        if pool is candidate:
            weakref.finalize(current_app._get_current_object(), pool.close)
    return pool
