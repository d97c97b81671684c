"""Operations: /health for load balancers and one structured access-log line per request."""

import logging
import time

from flask import Blueprint, current_app, g, jsonify, request

from saxgraph import __version__
from saxgraph.web import get_store

bp = Blueprint("ops", __name__)
access_log = logging.getLogger("saxgraph.access")


@bp.get("/health")
def health():
    store = get_store()
    return jsonify(status="ok", version=__version__, dataset=store.version, quads=len(store))


@bp.before_app_request
def _start_clock():
    g.saxgraph_started = time.perf_counter()


@bp.after_app_request
def _log_request(response):
    started = g.pop("saxgraph_started", None)
    if started is not None and current_app.config.get("ACCESS_LOG", True):
        access_log.info(
            "request method=%s path=%s status=%d duration_ms=%.1f bytes=%s result_size=%s remote=%s",
            request.method, request.path, response.status_code, (time.perf_counter() - started) * 1000,
            response.content_length if response.content_length is not None else "-",
            response.headers.get("X-Result-Size", "-"), request.remote_addr or "-")
    return response
