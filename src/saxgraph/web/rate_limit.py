"""Limits per client address, for public deployments; all off by default (saxgraph.web.clients keeps the
counts, shared by every worker process of the server).

- RATE_LIMIT: requests per minute (a token bucket: up to RATE_LIMIT at once, then one every 60/RATE_LIMIT
  seconds); beyond, 429 with Retry-After. /health (load balancers) and /static/ (the pages' own scripts and
  styles) are not counted.
- RATE_LIMIT_QUERY_SECONDS: seconds of query engine time per minute; each query is charged the time it ran
  when it ends, so one client's expensive queries cannot take the server's query processes from others;
  a client that has used its allowance gets 429 until it has refilled.
- MAX_CLIENT_QUERIES: queries a client may have running or waiting for a query process at once; beyond,
  429 at once (its other queries are still being answered).

The client address is the one the WSGI server reports: behind a reverse proxy that is the proxy's, unless
the proxy passes the client's on and TRUSTED_PROXIES says to believe it."""

import math
from contextlib import contextmanager

from flask import Flask, current_app, request

from saxgraph.errors import RateLimitedError
from saxgraph.web.clients import ClientTable

EXEMPT_PATHS = ("/health",)
EXEMPT_PREFIXES = ("/static/",)


class RateLimiter:
    """RATE_LIMIT's token buckets, keyed by client address (for one process, or shared: see ClientTable)."""

    def __init__(self, per_minute: float, clock=None, table: ClientTable | None = None):
        self.table = table or ClientTable(requests_per_minute=per_minute,
                                          **({"clock": clock} if clock else {}))

    def wait(self, address: str) -> float:
        """Take a token for `address`: 0 when granted, else the seconds until one is available."""
        return self.table.take_request(address)


def register(app: Flask) -> None:
    config = app.config
    per_minute = float(config.get("RATE_LIMIT") or 0)
    seconds = float(config.get("RATE_LIMIT_QUERY_SECONDS") or 0)
    most = int(config.get("MAX_CLIENT_QUERIES") or 0)
    if per_minute <= 0 and seconds <= 0 and most <= 0:
        return
    longest = float(config["QUERY_TIMEOUT"]) + float(config["QUEUE_TIMEOUT"])  # a query's longest life
    table = ClientTable(requests_per_minute=per_minute, seconds_per_minute=seconds,
                        stale_after=2 * longest + 60)
    app.extensions["saxgraph.clients"] = table
    if per_minute <= 0:
        return

    @app.before_request
    def _limit():
        if request.path in EXEMPT_PATHS or request.path.startswith(EXEMPT_PREFIXES):
            return None
        wait = table.take_request(_address())
        if wait > 0:
            raise RateLimitedError(
                f"Too many requests from {_address()}: this server answers at most {per_minute:g} requests "
                f"per minute per client address (RATE_LIMIT). Try again in {math.ceil(wait)} s.",
                retry_after=math.ceil(wait))
        return None


def _address() -> str:
    return request.remote_addr or "unknown"


@contextmanager
def query_allowance():
    """Around one query: refuse it when its client has used its engine time or has too many queries at
    once, and charge the time it took. Yields a dict in which the caller leaves the engine seconds."""
    table: ClientTable | None = current_app.extensions.get("saxgraph.clients")
    spent = {"seconds": 0.0}
    if table is None:
        yield spent
        return
    config, address = current_app.config, _address()
    per_minute = float(config.get("RATE_LIMIT_QUERY_SECONDS") or 0)
    most = int(config.get("MAX_CLIENT_QUERIES") or 0)
    if per_minute > 0:
        wait = table.engine_time_wait(address)
        if wait > 0:
            raise RateLimitedError(
                f"{address} has used the query time this server allows a client ({per_minute:g} s of query "
                f"engine time per minute, RATE_LIMIT_QUERY_SECONDS). Try again in {math.ceil(wait)} s.",
                retry_after=math.ceil(wait))
    if most > 0 and not table.enter(address, most):
        raise RateLimitedError(
            f"{address} already has {most} queries running or waiting here, the most this server allows a "
            "client at once (MAX_CLIENT_QUERIES). Send the next one when one of them has been answered.",
            retry_after=1)
    try:
        yield spent
    finally:
        if most > 0:
            table.leave(address)
        if per_minute > 0:
            table.charge(address, spent["seconds"])
