"""The Flask app factory: defaults, then SAXGRAPH_* environment variables, then the mapping a caller passes."""

import logging
import threading
from pathlib import Path

from flask import Flask, g

from saxgraph.store import Store
from saxgraph.web import errors

DEFAULTS = {
    # Where the data comes from: a Store object, RDF files, or a build folder (built when missing).
    "STORE": None,
    "DATA_FILES": None,
    "BUILD_DIR": None,
    "BUILD_IF_MISSING": True,  # serve builds the data when BUILD_DIR has no build; a reload never does
    # Public base URL of this deployment, when behind a proxy; otherwise taken from each request.
    "PUBLIC_URL": None,
    # Limits (documented in README "Limits").
    "QUERY_TIMEOUT": 10.0,  # seconds a query may run before it is stopped (503)
    "QUERY_WORKERS": 2,  # forked processes per server process that run queries (killed at the time limit)
    "MAX_RESULT_ROWS": 100_000,  # solutions a SELECT may return
    "MAX_CONTENT_LENGTH": 1_000_000,  # bytes of request body (413 beyond)
    "REQUEST_READ_TIMEOUT": 30.0,  # seconds a request may take to arrive under gunicorn (408 beyond)
    "SERVICE_ALLOWLIST": [],  # IRIs (prefixes) SERVICE may call; empty = SERVICE refused
    "CORS_ORIGINS": "*",
}

# One blueprint per concern; each module exposes `bp`. Added here as the concerns land.
BLUEPRINTS: list[str] = ["well_formed", "resources", "downloads", "sparql", "ops", "ui"]


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("SAXGRAPH")
    if config:
        app.config.from_mapping(config)
    app.extensions["saxgraph.store"] = _open_store(app)
    errors.register(app)
    for name in BLUEPRINTS:
        module = __import__(f"saxgraph.web.{name}", fromlist=["bp"])
        app.register_blueprint(module.bp)
    if not app.debug:
        logging.getLogger("saxgraph").setLevel(logging.INFO)
    return app


def _open_store(app: Flask, build_if_missing: bool = True) -> Store:
    if app.config["STORE"] is not None:
        return app.config["STORE"]
    files = app.config["DATA_FILES"]
    if files:
        if isinstance(files, str):
            files = files.split(",")
        return Store.from_files([Path(f) for f in files])
    build_dir = app.config["BUILD_DIR"]
    return Store.open_build(Path(build_dir) if build_dir else None,
                            build_if_missing=build_if_missing and app.config["BUILD_IF_MISSING"])


def get_store() -> Store:
    """The store of this request: the one served when the request began, even if a reload swaps it."""
    from flask import current_app

    if "saxgraph_store" not in g:
        g.saxgraph_store = current_app.extensions["saxgraph.store"]
    return g.saxgraph_store


_swap_lock = threading.Lock()


def reload_store(app: Flask) -> Store:
    """Open the app's data again (a new build) and serve it from now on; requests already running finish on
    the store they began with, their query workers retire once those are done. Raises if the data cannot
    be opened, and the old store stays served."""
    store = _open_store(app, build_if_missing=False)
    with _swap_lock:
        old_pool = app.extensions.pop("saxgraph.query_pool", None)
        app.extensions["saxgraph.store"] = store
        app.extensions.pop("saxgraph.triples", None)  # counted from the data
    if old_pool is not None:
        old_pool.retire(grace=float(app.config["QUERY_TIMEOUT"]) + 5)
    return store
