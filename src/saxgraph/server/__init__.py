"""`saxgraph serve`: the Flask app under a production WSGI server (gunicorn; waitress where gunicorn
cannot run, e.g. on Windows).

SIGHUP reloads the data (a new `saxgraph build`, or the --data files) without dropping a request. Under
gunicorn the app is loaded once in the master (preload) and workers inherit it by fork, so the master loads
the new data and gunicorn's own HUP handling starts new workers on it, then stops the old ones gracefully:
each finishes the requests it has. Under waitress (one process) the app swaps its store in place
(saxgraph.web.reload_store). Data that fail to load leave the old data served."""

import logging
import signal
import sys
import threading

from saxgraph.errors import SaxgraphError
from saxgraph.web import create_app, reload_store

log = logging.getLogger("saxgraph.server")


def app_config(args) -> dict:
    config = {}
    if args.data:
        config["DATA_FILES"] = [str(p) for p in args.data]
    if getattr(args, "build_dir", None):
        config["BUILD_DIR"] = str(args.build_dir)
    if getattr(args, "public", False):
        config["PUBLIC"] = True
    if getattr(args, "no_curation", False):
        config["NO_CURATION"] = True
    if getattr(args, "backend", None):
        config["BACKEND"] = args.backend
    if getattr(args, "backend_auth", None):
        config["BACKEND_AUTH"] = args.backend_auth
    return config


def serve(args) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)
    # Load (or build) the data once, before any worker exists: workers inherit it by fork.
    config = app_config(args)
    app = create_app(config)
    store = app.extensions["saxgraph.store"]
    url = f"http://{args.host}:{args.port}"
    print(f"saxgraph: serving {len(store)} quads from {store.origin or 'memory'} at {url}/ "
          f"(SPARQL endpoint {url}/sparql)", file=sys.stderr, flush=True)
    server = args.server
    if server == "auto":
        server = "gunicorn" if _gunicorn_available() else "waitress"
    if server == "gunicorn":
        return _gunicorn(app, args, config)
    return _waitress(app, args)


def _gunicorn_available() -> bool:
    try:
        import gunicorn.app.base  # noqa: F401  (needs fcntl: not on Windows)
    except ImportError:
        return False
    return True


def _gunicorn(app, args, config: dict) -> int:
    from gunicorn.app.base import BaseApplication

    timeout = float(app.config["QUERY_TIMEOUT"])

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{args.host}:{args.port}")
            self.cfg.set("workers", args.workers)
            # gthread, with a deadline for each request to arrive (slow clients: REQUEST_READ_TIMEOUT) and
            # connections spread evenly over the workers (saxgraph.server.balancing)
            self.cfg.set("worker_class", "saxgraph.server.balancing.BalancedThreadWorker")
            self.cfg.set("threads", 4)
            # a query is stopped by our own limit first; gunicorn's is the backstop for a stuck worker
            self.cfg.set("timeout", int(timeout) + 30)
            self.cfg.set("graceful_timeout", 10)
            self.cfg.set("preload_app", True)
            self.cfg.set("accesslog", None)  # saxgraph.access logs one structured line per request
            # the longest request line gunicorn reads (its most; a longer GET is 414: send the query by POST)
            self.cfg.set("limit_request_line", 8190)
            if "control_socket_disable" in self.cfg.settings:
                # gunicorn >= 25 opens one control socket per user (~/.gunicorn/gunicorn.ctl): a second
                # server on the same machine would take it over; saxgraph does not use it
                self.cfg.set("control_socket_disable", True)

        def load(self):
            return app

        def reload(self):
            """SIGHUP in the master: load the data again; gunicorn then forks new workers from `wsgi()`."""
            super().reload()
            try:
                fresh = create_app({**config, "BUILD_IF_MISSING": False})
            except (SaxgraphError, OSError, ValueError, SyntaxError) as error:
                log.error("reload failed, still serving the previous data: %s", error)
                return
            _announce(fresh, "reloaded")
            self.callable = fresh

    Server().run()
    return 0


def _announce(app, what: str) -> None:
    store = app.extensions["saxgraph.store"]
    log.info("%s: serving %d quads, dataset %s", what, len(store), store.version)


def _waitress(app, args) -> int:
    import waitress

    def reload_in_background(*_):
        def run():
            try:
                reload_store(app)
            except (SaxgraphError, OSError, ValueError, SyntaxError) as error:
                log.error("reload failed, still serving the previous data: %s", error)
                return
            _announce(app, "reloaded")

        threading.Thread(target=run, name="saxgraph-reload", daemon=True).start()

    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, reload_in_background)

    waitress.serve(app, host=args.host, port=args.port, threads=max(4, args.workers * 4))
    return 0
