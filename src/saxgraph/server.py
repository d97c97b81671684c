"""`saxgraph serve`: the Flask app under a production WSGI server (gunicorn; waitress where gunicorn
cannot run, e.g. on Windows)."""

import logging
import sys

from saxgraph.web import create_app


def app_config(args) -> dict:
    config = {}
    if args.data:
        config["DATA_FILES"] = [str(p) for p in args.data]
    if getattr(args, "build_dir", None):
        config["BUILD_DIR"] = str(args.build_dir)
    if getattr(args, "public", False):
        config["PUBLIC"] = True
    if getattr(args, "backend", None):
        config["BACKEND"] = args.backend
    if getattr(args, "backend_auth", None):
        config["BACKEND_AUTH"] = args.backend_auth
    return config


def serve(args) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)
    # Load (or build) the data once, before any worker exists: workers inherit it by fork.
    app = create_app(app_config(args))
    store = app.extensions["saxgraph.store"]
    url = f"http://{args.host}:{args.port}"
    print(f"saxgraph: serving {len(store)} quads from {store.origin or 'memory'} at {url}/ "
          f"(SPARQL endpoint {url}/sparql)", file=sys.stderr, flush=True)
    server = args.server
    if server == "auto":
        server = "gunicorn" if _gunicorn_available() else "waitress"
    if server == "gunicorn":
        return _gunicorn(app, args)
    return _waitress(app, args)


def _gunicorn_available() -> bool:
    try:
        import gunicorn.app.base  # noqa: F401  (needs fcntl: not on Windows)
    except ImportError:
        return False
    return True


def _gunicorn(app, args) -> int:
    from gunicorn.app.base import BaseApplication

    timeout = float(app.config["QUERY_TIMEOUT"])

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{args.host}:{args.port}")
            self.cfg.set("workers", args.workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", 4)
            # a query is stopped by our own limit first; gunicorn's is the backstop for a stuck worker
            self.cfg.set("timeout", int(timeout) + 30)
            self.cfg.set("graceful_timeout", 10)
            self.cfg.set("preload_app", True)
            self.cfg.set("accesslog", None)  # saxgraph.access logs one structured line per request
            if "control_socket_disable" in self.cfg.settings:
                # gunicorn >= 25 opens one control socket per user (~/.gunicorn/gunicorn.ctl): a second
                # server on the same machine would take it over; saxgraph does not use it
                self.cfg.set("control_socket_disable", True)

        def load(self):
            return app

    Server().run()
    return 0


def _waitress(app, args) -> int:
    import waitress

    waitress.serve(app, host=args.host, port=args.port, threads=max(4, args.workers * 4))
    return 0
