"""The Flask app factory: defaults, then SAXGRAPH_* environment variables, then the mapping a caller passes."""

import logging
import threading

from flask import Flask, g
from werkzeug.middleware.proxy_fix import ProxyFix

from saxgraph.datasets import filtered, open_dataset
from saxgraph.errors import SaxgraphError
from saxgraph.evidence import NO_CURATION_FOR_REMOTE_STORES
from saxgraph.personal_data import NOT_FOR_REMOTE_STORES
from saxgraph.store import Dataset
from saxgraph.web import errors, rate_limit, security
from saxgraph.web.converters import CONVERTERS

DEFAULTS = {
    # Where the data comes from: a Dataset object, a remote SPARQL endpoint holding a published build,
    # RDF files, or a build folder (built when missing).
    "STORE": None,
    "BACKEND": None,  # SPARQL query endpoint URL (`saxgraph serve --backend`)
    "BACKEND_AUTH": None,  # USER:PASSWORD for it (Basic or Digest, as it asks)
    "DATA_FILES": None,
    "BUILD_DIR": None,
    "BUILD_IF_MISSING": True,  # serve builds the data when BUILD_DIR has no build; a reload never does
    # How a build is opened: "auto" loads a small one into memory (faster queries) and opens a large one's
    # prebuilt on-disk store (starts in milliseconds); true always memory, false always the on-disk store.
    "STORE_IN_MEMORY": "auto",
    # Public base URL of this deployment, when behind a proxy; otherwise taken from each request.
    "PUBLIC_URL": None,
    # Reverse proxies in front of the server whose X-Forwarded-For/-Proto/-Host/-Port/-Prefix headers are
    # trusted (Werkzeug's ProxyFix): 1 behind one nginx. 0 ignores those headers, which any client can send.
    "TRUSTED_PROXIES": 0,
    # Limits (documented in README "Limits").
    "QUERY_TIMEOUT": 10.0,  # seconds a query may run before it is stopped (503)
    "QUERY_WORKERS": 2,  # forked processes per server process that run queries (killed at the time limit)
    "MAX_RESULT_ROWS": 100_000,  # solutions a SELECT may return
    "MAX_CONTENT_LENGTH": 1_000_000,  # bytes of request body (413 beyond)
    "REQUEST_READ_TIMEOUT": 30.0,  # seconds a request may take to arrive under gunicorn (408 beyond)
    "SERVICE_ALLOWLIST": [],  # IRIs (prefixes) SERVICE may call; empty = SERVICE refused
    "CORS_ORIGINS": "*",
    "RATE_LIMIT": 0,  # requests per minute per client address (429 beyond); 0 = no limit
    # Data protection: serve the public variant of the data, without personal data (saxgraph.personal_data).
    "PUBLIC": False,
    # Serve the documents' statements without the curator's identifications and inferences (graph/curation
    # and its evidence left out, the alignments materialised without it: saxgraph.evidence.without_curation).
    "NO_CURATION": False,
    # HTTP caching of /sparql answers (README "Performance"): answers change only with a new build.
    "SPARQL_CACHE_MAX_AGE": 60,  # seconds a client or proxy may reuse an answer without revalidating
    "RESULT_CACHE_BYTES": 64_000_000,  # serialised answers kept per server process (0: no cache)
    "RESULT_CACHE_ENTRY_BYTES": 1_000_000,  # larger answers are not kept (their ETag still gives 304s)
}

# One blueprint per concern; each module exposes `bp`. Added here as the concerns land.
BLUEPRINTS: list[str] = ["well_formed", "resources", "downloads", "sparql", "ops", "ui"]


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("SAXGRAPH")
    if config:
        app.config.from_mapping(config)
    if app.config["PUBLIC"] and app.config["BACKEND"]:
        raise SaxgraphError(NOT_FOR_REMOTE_STORES)
    if app.config["NO_CURATION"] and app.config["BACKEND"]:
        raise SaxgraphError(NO_CURATION_FOR_REMOTE_STORES)
    app.extensions["saxgraph.store"] = _served_data(app)
    proxies = int(app.config["TRUSTED_PROXIES"] or 0)
    if proxies:  # the client's address (rate limit, log) and the public URL as the proxy received them
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies,
                                x_prefix=proxies)
    app.url_map.converters.update(CONVERTERS)
    errors.register(app)
    security.register(app)
    for name in BLUEPRINTS:
        module = __import__(f"saxgraph.web.{name}", fromlist=["bp"])
        app.register_blueprint(module.bp)
    rate_limit.register(app)  # after ops' request clock starts, so a refused request is logged too
    if not app.debug:
        logging.getLogger("saxgraph").setLevel(logging.INFO)
    return app


def _served_data(app: Flask, build_if_missing: bool = True) -> Dataset:
    """The data this app serves, at start and at every reload (saxgraph.datasets decides which)."""
    if app.config["STORE"] is not None:
        return filtered(app.config["STORE"], public=bool(app.config["PUBLIC"]),
                        no_curation=bool(app.config["NO_CURATION"]))
    return open_dataset(backend=app.config["BACKEND"], backend_auth=app.config["BACKEND_AUTH"],
                        timeout=float(app.config["QUERY_TIMEOUT"]), data_files=app.config["DATA_FILES"],
                        build_dir=app.config["BUILD_DIR"],
                        build_if_missing=build_if_missing and app.config["BUILD_IF_MISSING"],
                        in_memory=_in_memory(app.config["STORE_IN_MEMORY"]), public=app.config["PUBLIC"],
                        no_curation=bool(app.config["NO_CURATION"]))


def _in_memory(setting) -> bool | str:
    """The STORE_IN_MEMORY setting: "auto", or a boolean (from the environment: true/false, 1/0)."""
    if isinstance(setting, str) and setting.strip().lower() == "auto":
        return "auto"
    if isinstance(setting, str):
        return setting.strip().lower() in ("1", "true", "yes", "on")
    return bool(setting)


def get_store() -> Dataset:
    """The store of this request: the one served when the request began, even if a reload swaps it."""
    from flask import current_app

    if "saxgraph_store" not in g:
        g.saxgraph_store = current_app.extensions["saxgraph.store"]
    return g.saxgraph_store


_swap_lock = threading.Lock()


def reload_store(app: Flask) -> Dataset:
    """Open the app's data again (a new build) and serve it from now on; requests already running finish on
    the store they began with, their query workers retire once those are done. Raises if the data cannot
    be opened, and the old store stays served."""
    store = _served_data(app, build_if_missing=False)
    with _swap_lock:
        old_pool = app.extensions.pop("saxgraph.query_pool", None)
        app.extensions["saxgraph.store"] = store
        app.extensions.pop("saxgraph.triples", None)  # counted from the data
    if old_pool is not None:
        old_pool.retire(grace=float(app.config["QUERY_TIMEOUT"]) + 5)
    return store
