"""The Flask app factory: the settings' defaults (saxgraph.settings), then SAXGRAPH_* environment variables,
then the mapping a caller passes; one blueprint per concern."""

import logging
import threading

from flask import Flask, g, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

from saxgraph import settings
from saxgraph.errors import SaxgraphError
from saxgraph.query.federation import allowed_endpoints
from saxgraph.store.dataset import Dataset
from saxgraph.store.open import open_dataset

# The WSGI environ key in which the server says when a request had arrived whole (time.monotonic()):
# time a request waited for a thread counts towards its queue budget (QUEUE_TIMEOUT).
ARRIVED = "saxgraph.arrived"

# One blueprint per concern; each module exposes `bp`.
BLUEPRINTS: list[str] = ["well_formed", "entities", "vocabulary", "graphs", "documents", "search",
                         "downloads", "sparql", "ops", "ui", "reconcile", "explore"]


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(settings.defaults())
    app.config.from_mapping(settings.from_environment())
    if config:
        app.config.from_mapping(settings.normalise(config))
    try:
        app.extensions["saxgraph.service_allowlist"] = allowed_endpoints(app.config["SERVICE_ALLOWLIST"])
    except ValueError as error:
        raise SaxgraphError(str(error)) from None
    app.extensions["saxgraph.store"] = _served_data(app)
    proxies = int(app.config["TRUSTED_PROXIES"] or 0)
    if proxies:  # the client's address (rate limit, log) and the public URL as the proxy received them
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies,
                                x_prefix=proxies)
    # the app's own modules read get_store() from this package: imported once it is complete
    from saxgraph.web import cors, errors, fast_path, language, rate_limit, security
    from saxgraph.web.converters import CONVERTERS
    from saxgraph.web.representation import href
    from saxgraph.web.vocabulary import class_counts

    app.url_map.converters.update(CONVERTERS)
    errors.register(app)
    security.register(app)
    cors.register(app)
    for name in BLUEPRINTS:
        module = __import__(f"saxgraph.web.{name}", fromlist=["bp"])
        app.register_blueprint(module.bp)
    language.register(app)  # after well_formed's checks, which keep undecodable query strings out
    app.add_template_filter(href, "local_href")  # a term's link on this host
    app.add_template_global(class_counts, "class_counts")  # the home page's and the header's class list
    rate_limit.register(app)  # after ops' request clock starts, so a refused request is logged too
    fast_path.install(app)  # a repeated GET /sparql answered without Flask's request machinery
    if not app.debug:
        logging.getLogger("saxgraph").setLevel(logging.INFO)
    return app


def _served_data(app: Flask, build_if_missing: bool = True) -> Dataset:
    """The data this app serves, at start and at every reload (saxgraph.store.open decides which)."""
    config = app.config
    return open_dataset(store=config["STORE"], backend=config["BACKEND"], backend_auth=config["BACKEND_AUTH"],
                        timeout=float(config["QUERY_TIMEOUT"]), data_files=config["DATA_FILES"],
                        build_dir=config["BUILD_DIR"],
                        build_if_missing=build_if_missing and config["BUILD_IF_MISSING"],
                        in_memory=config["STORE_IN_MEMORY"], public=config["PUBLIC"],
                        no_curation=config["NO_CURATION"])


def base_url() -> str:
    """This deployment's base URL, without a trailing slash: PUBLIC_URL when it is set (behind a proxy that
    does not say so), else as the request came in (its script root included)."""
    from flask import current_app, request

    return (current_app.config.get("PUBLIC_URL") or request.url_root).rstrip("/")


def external_url(endpoint: str, **values) -> str:
    """An absolute URL of a view, under `base_url()`."""
    from flask import request

    return base_url() + url_for(endpoint, **values)[len(request.script_root):]


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
    with _swap_lock:  # what is derived from the data (indexes, counts, dumps) lives on the store itself
        old_pool = app.extensions.pop("saxgraph.query_pool", None)
        app.extensions["saxgraph.store"] = store
    if old_pool is not None:
        old_pool.retire(grace=float(app.config["QUERY_TIMEOUT"]) + 5)
    return store
