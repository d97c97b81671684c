"""CORS, decided once for the whole app: scripts on other sites (YASGUI or Sparklis hosted elsewhere,
OpenRefine, a notebook in the browser) may read the data routes: /sparql, the linked data, the downloads,
search and /reconcile. CORS_ORIGINS is the `Access-Control-Allow-Origin` (`*` by default; empty turns CORS
off). No credentials are ever allowed, so granting whatever headers a preflight asks for leaks nothing."""

import re

from flask import Flask, Response, current_app, request

# the blueprints whose answers are data for other sites' scripts (the UI pages are not)
DATA_BLUEPRINTS = frozenset({"sparql", "entities", "vocabulary", "graphs", "documents", "downloads",
                             "search", "reconcile", "explore"})
EXPOSED = "Content-Type, Content-Location, ETag, Link, Retry-After, Vary, X-Result-Size"
_HEADER_NAMES = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:[ \t]*,[ \t]*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*")


def allow_cross_origin(response: Response) -> Response:
    origins = current_app.config.get("CORS_ORIGINS")
    if not origins or request.blueprint not in DATA_BLUEPRINTS:
        return response
    response.headers["Access-Control-Allow-Origin"] = origins
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    asked = request.headers.get("Access-Control-Request-Headers", "").strip()
    # echoed only when it is a list of header names (a malformed request's value never reaches a header)
    allowed = asked if _HEADER_NAMES.fullmatch(asked) else "Content-Type, Accept"
    response.headers["Access-Control-Allow-Headers"] = allowed
    response.vary.add("Access-Control-Request-Headers")
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    response.headers["Access-Control-Max-Age"] = "86400"
    return response


def register(app: Flask) -> None:
    app.after_request(allow_cross_origin)
