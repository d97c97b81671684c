"""A repeated `GET /sparql?query=...` answered without Flask's request machinery, with the same answer.

At seed size a query takes the engine well under a millisecond, and most of a request's time went to
Flask: the request context, the before- and after-request hooks (well-formedness, language, CORS, security
headers, the access log), routing, the view's parameter parsing, query checks, negotiation and ETag. For
one request all of that depends only on a few things: the dataset, the query string, Accept, Host, the
scheme and script root, Access-Control-Request-Headers. So the first such request goes through Flask as
always, and the view leaves its plan in the environ (the QueryRequest it made and the ETag); its response
headers are kept with the plan. The next request with the same key is answered here: the same query
request to the same query pool (the time limit, the queue budget, the kill-and-replace are the pool's),
the same headers, only Content-Type, Content-Length and X-Result-Size taken from the new answer, and the
same access-log line.

Anything else goes to Flask: other methods and paths, a conditional request (If-None-Match), a body, a
header value with CR, LF or NUL, an answer that is not a plain 200 (or sets a cookie: ?lang=), per-client
limits (saxgraph.web.rate_limit); with trusted proxies (ProxyFix rewrites the environ) it is not
installed. An error from the query
(syntax, timeout, a crash) is answered by Flask too: the request goes through it with the error preset,
which the view raises instead of running the query again (PRESET_ERROR).
"""

import logging
import threading
import time
from datetime import UTC, datetime

from saxgraph.web import ARRIVED

access_log = logging.getLogger("saxgraph.access")

# environ keys: the view's plan of a request that can be answered here next time; an error raised here
PLAN = "saxgraph.fast_plan"
PRESET_ERROR = "saxgraph.preset_error"
MAX_PLANS = 4096
_PER_ANSWER = frozenset({"content-type", "content-length", "x-result-size"})


class _Plan:
    __slots__ = ("request", "etag", "headers", "store")

    def __init__(self, query_request, etag: str, headers: list[tuple[str, str]], store):
        self.request, self.etag, self.headers, self.store = query_request, etag, headers, store


# Set by the server's request thread (saxgraph.server.request_reading) around a request it hands to WSGI:
# `head`, the request's bytes (a plan learnt is also kept under them), `preset_error`, an error the
# server's own answer met (Flask answers it without running the query again).
current = threading.local()


class Answered(Exception):
    """The query of a planned request failed; Flask is to answer `error`."""

    def __init__(self, error: Exception):
        super().__init__(error)
        self.error = error


def _clean(environ: dict) -> bool:
    for name, value in environ.items():
        if name.startswith("HTTP_") and ("\r" in value or "\n" in value or "\x00" in value):
            return False
    return True


class SparqlFastPath:
    """WSGI middleware in front of the Flask app (see the module's docstring)."""

    def __init__(self, app, wsgi_app):
        self.app, self.wsgi_app = app, wsgi_app
        self.extensions, self.config = app.extensions, app.config
        self._plans: dict[tuple, _Plan] = {}
        self._raw_plans: dict[bytes, _Plan] = {}
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        preset = getattr(current, "preset_error", None)
        if preset is not None:
            current.preset_error = None
            environ[PRESET_ERROR] = preset
            return self.wsgi_app(environ, start_response)
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO") != "/sparql" \
                or "HTTP_IF_NONE_MATCH" in environ or environ.get("CONTENT_LENGTH") \
                or "HTTP_TRANSFER_ENCODING" in environ or "saxgraph.clients" in self.extensions \
                or not _clean(environ):
            return self.wsgi_app(environ, start_response)
        store = self.extensions["saxgraph.store"]
        key = (id(store), store.version, environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT"),
               environ.get("HTTP_HOST"), environ.get("wsgi.url_scheme"), environ.get("SCRIPT_NAME", ""),
               environ.get("SERVER_NAME"), environ.get("SERVER_PORT"),
               environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS"))
        plan = self._plans.get(key)
        if plan is None or plan.store is not store or "saxgraph.query_pool" not in self.extensions:
            return self._learn(key, store, environ, start_response)
        head = getattr(current, "head", None)
        if head is not None and head not in self._raw_plans:
            with self._lock:
                if len(self._raw_plans) >= MAX_PLANS:
                    self._raw_plans.clear()
                self._raw_plans[head] = plan
        try:
            headers, body = self.answer(plan, environ.get("REMOTE_ADDR") or "", environ.get(ARRIVED))
        except Answered as failed:
            environ[PRESET_ERROR] = failed.error
            return self.wsgi_app(environ, start_response)
        start_response("200 OK", headers)
        return [body]

    def _learn(self, key: tuple, store, environ: dict, start_response):
        """Through Flask; keep the plan and headers of an ordinary 200 answer for the next request."""
        head = getattr(current, "head", None)

        def capture(status, headers, exc_info=None):
            plan = environ.get(PLAN)
            if plan is not None and status.startswith("200 ") and exc_info is None \
                    and not any(n.lower() == "set-cookie" for n, _ in headers):  # ?lang= sets one
                learnt = _Plan(plan[0], plan[1], [(n, v) for n, v in headers if n.lower() not in _PER_ANSWER],
                               store)
                with self._lock:
                    if len(self._plans) >= MAX_PLANS or len(self._raw_plans) >= MAX_PLANS:
                        self._plans.clear()
                        self._raw_plans.clear()
                    self._plans[key] = learnt
                    if head is not None:
                        self._raw_plans[head] = learnt
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, capture)

    def planned(self, head: bytes) -> _Plan | None:
        """The plan learnt for a request of exactly these bytes, if it still holds (same data, pool up)."""
        plan = self._raw_plans.get(head)
        if plan is None or plan.store is not self.extensions["saxgraph.store"] \
                or "saxgraph.query_pool" not in self.extensions or "saxgraph.clients" in self.extensions:
            return None
        return plan

    def answer(self, plan: _Plan, remote: str, arrived: float | None) -> tuple[list[tuple[str, str]], bytes]:
        """Run the planned request (or take its answer from the answer cache): the response headers and
        body of a 200, logged as Flask logs it; Answered if the query failed."""
        started = time.perf_counter()
        config = self.config
        cache = self.extensions.get("saxgraph.answer_cache")
        answer = cache.get(plan.etag) if cache is not None else None
        if answer is None:
            budget = float(config["QUEUE_TIMEOUT"])
            if arrived is not None:
                budget -= time.monotonic() - arrived
            pool = self.extensions.get("saxgraph.query_pool")
            if pool is None:
                raise Answered(RuntimeError("no query pool"))  # not reached: planned() checks
            try:
                outcome = pool.run(plan.request, float(config["QUERY_TIMEOUT"]), client=remote,
                                   queue_timeout=budget)
            except Exception as error:  # noqa: BLE001  (Flask answers it, as it answers every error)
                raise Answered(error) from None
            body, content_type, size = outcome.body, outcome.format.content_type, outcome.size
            form, format_name = outcome.form, outcome.format_name
            if cache is not None:
                from saxgraph.web.result_cache import CachedAnswer

                cache.put(plan.etag, CachedAnswer(body, content_type, size, form, format_name))
            fields = {"cache": "miss", "query_ms": f"{outcome.seconds * 1000:.1f}"}
        else:
            body, content_type, size = answer.body, answer.content_type, answer.size
            form, format_name = answer.form, answer.format_name
            fields = {"cache": "hit"}
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body))),
                   ("X-Result-Size", str(size)), *plan.headers]
        if config["ACCESS_LOG"]:
            access_log.info("request " + " ".join(f"{k}={v}" for k, v in {
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "method": "GET", "path": "/sparql", "status": 200,
                "duration_ms": f"{(time.perf_counter() - started) * 1000:.1f}",
                "bytes": len(body), "result_size": size, **fields, "form": form, "format": format_name,
                "remote": remote or "-"}.items()))
        return headers, body


def of(wsgi_app) -> SparqlFastPath | None:
    """The fast path of a Flask app (or of a WSGI wrapper with `.app`), if it has one."""
    app = getattr(wsgi_app, "app", wsgi_app)
    fast = getattr(app, "wsgi_app", None)
    return fast if isinstance(fast, SparqlFastPath) else None


def install(app) -> None:
    if int(app.config["TRUSTED_PROXIES"] or 0):
        return
    app.wsgi_app = SparqlFastPath(app, app.wsgi_app)
