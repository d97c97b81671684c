"""The Flask app factory: defaults, then SAXGRAPH_* environment variables, then the mapping a caller passes."""

import logging
from pathlib import Path

from flask import Flask

from saxgraph.store import Store
from saxgraph.web import errors

DEFAULTS = {
    # Where the data comes from: a Store object, RDF files, or a build folder (built when missing).
    "STORE": None,
    "DATA_FILES": None,
    "BUILD_DIR": None,
    # How a build is opened: "auto" loads a small one into memory (faster queries) and opens a large one's
    # prebuilt on-disk store (starts in milliseconds); true always memory, false always the on-disk store.
    "STORE_IN_MEMORY": "auto",
    # Public base URL of this deployment, when behind a proxy; otherwise taken from each request.
    "PUBLIC_URL": None,
    # Limits (documented in README "Limits").
    "QUERY_TIMEOUT": 10.0,  # seconds a query may run before it is stopped (503)
    "QUERY_WORKERS": 2,  # forked processes per server process that run queries (killed at the time limit)
    "MAX_RESULT_ROWS": 100_000,  # solutions a SELECT may return
    "MAX_CONTENT_LENGTH": 1_000_000,  # bytes of request body (413 beyond)
    "SERVICE_ALLOWLIST": [],  # IRIs (prefixes) SERVICE may call; empty = SERVICE refused
    "CORS_ORIGINS": "*",
    # HTTP caching of /sparql answers (README "Performance"): answers change only with a new build.
    "SPARQL_CACHE_MAX_AGE": 60,  # seconds a client or proxy may reuse an answer without revalidating
    "RESULT_CACHE_BYTES": 64_000_000,  # serialised answers kept per server process (0: no cache)
    "RESULT_CACHE_ENTRY_BYTES": 1_000_000,  # larger answers are not kept (their ETag still gives 304s)
}

# One blueprint per concern; each module exposes `bp`. Added here as the concerns land.
BLUEPRINTS: list[str] = ["resources", "downloads", "sparql", "ops", "ui"]


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


def _open_store(app: Flask) -> Store:
    if app.config["STORE"] is not None:
        return app.config["STORE"]
    files = app.config["DATA_FILES"]
    if files:
        if isinstance(files, str):
            files = files.split(",")
        return Store.from_files([Path(f) for f in files])
    build_dir = app.config["BUILD_DIR"]
    return Store.open_build(Path(build_dir) if build_dir else None, in_memory=_in_memory(app.config["STORE_IN_MEMORY"]))


def _in_memory(setting) -> bool | str:
    """The STORE_IN_MEMORY setting: "auto", or a boolean (from the environment: true/false, 1/0)."""
    if isinstance(setting, str) and setting.strip().lower() == "auto":
        return "auto"
    if isinstance(setting, str):
        return setting.strip().lower() in ("1", "true", "yes", "on")
    return bool(setting)


def get_store() -> Store:
    from flask import current_app

    return current_app.extensions["saxgraph.store"]
