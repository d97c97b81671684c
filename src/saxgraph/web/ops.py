"""Operations: /health for load balancers and one structured access-log line per request."""

import logging
import time
from datetime import UTC, datetime

from flask import Blueprint, current_app, g, jsonify, request

from saxgraph import __version__
from saxgraph.web import get_store

bp = Blueprint("ops", __name__)
access_log = logging.getLogger("saxgraph.access")


@bp.get("/health")
def health():
    store = get_store()
    response = jsonify(status="ok", version=__version__, dataset=store.version, triples=store.triples,
                       quads=len(store), graphs=len(store.graphs()),
                       public=bool(store.manifest.get("public")),  # personal data left out (PUBLIC)
                       curation=store.manifest.get("curation", True))  # False: graph/curation left out
    response.headers["Cache-Control"] = "no-store"
    return response


def note(**fields) -> None:
    """Add fields (query form, result size, ...) to this request's access-log line."""
    g.setdefault("saxgraph_log", {}).update(fields)


@bp.before_app_request
def _start_clock():
    g.saxgraph_started = time.perf_counter()


@bp.after_app_request
def _log_request(response):
    started = g.pop("saxgraph_started", None)
    if started is not None and current_app.config["ACCESS_LOG"]:
        fields = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": request.method, "path": request.path, "status": response.status_code,
            "duration_ms": f"{(time.perf_counter() - started) * 1000:.1f}",
            "bytes": response.content_length if response.content_length is not None else "-",
            "result_size": response.headers.get("X-Result-Size", "-"),
            **g.pop("saxgraph_log", {}),
            "remote": request.remote_addr or "-",
        }
        access_log.info("request " + " ".join(f"{k}={v}" for k, v in fields.items()))
    return response
