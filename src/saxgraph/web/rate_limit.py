"""Rate limiting per client address (the RATE_LIMIT setting: requests per minute; off when 0 or unset).

A token bucket per address, in this process: it holds up to RATE_LIMIT tokens, refills at RATE_LIMIT per
minute, and each request takes one; an empty bucket answers 429 with Retry-After (the seconds until the next
token). /health (load balancers) and /static/ (the pages' own scripts and styles) are not counted. The client
address is the one the WSGI server reports: behind a reverse proxy that is the proxy's, unless the proxy
passes the client's on and the app is wrapped to trust it (werkzeug.middleware.proxy_fix.ProxyFix). Each
server process keeps its own buckets, so with N worker processes a client may get up to N times the limit."""

import math
import threading
import time
from collections.abc import Callable

from flask import Flask, request

from saxgraph.errors import RateLimitedError

EXEMPT_PATHS = ("/health",)
EXEMPT_PREFIXES = ("/static/",)
MAX_TRACKED = 10_000  # addresses remembered before full (idle) buckets are forgotten


class RateLimiter:
    """Token buckets keyed by client address."""

    def __init__(self, per_minute: float, clock: Callable[[], float] = time.monotonic):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # address -> (tokens, when counted)
        self._lock = threading.Lock()

    def wait(self, address: str) -> float:
        """Take a token for `address`: 0 when granted, else the seconds until one is available."""
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get(address, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            if tokens >= 1:
                self._buckets[address] = (tokens - 1, now)
                if len(self._buckets) > MAX_TRACKED:
                    self._forget_idle(now)
                return 0.0
            self._buckets[address] = (tokens, now)
            return (1 - tokens) / self.rate

    def _forget_idle(self, now: float) -> None:
        for address, (tokens, then) in list(self._buckets.items()):
            if tokens + (now - then) * self.rate >= self.capacity:
                del self._buckets[address]


def register(app: Flask) -> None:
    per_minute = float(app.config.get("RATE_LIMIT") or 0)
    if per_minute <= 0:
        return
    limiter = RateLimiter(per_minute)
    app.extensions["saxgraph.rate_limiter"] = limiter

    @app.before_request
    def _limit():
        if request.path in EXEMPT_PATHS or request.path.startswith(EXEMPT_PREFIXES):
            return None
        wait = limiter.wait(request.remote_addr or "unknown")
        if wait > 0:
            raise RateLimitedError(
                f"Too many requests from {request.remote_addr}: this server answers at most "
                f"{per_minute:g} requests per minute per client address (RATE_LIMIT). Try again in "
                f"{math.ceil(wait)} s.", retry_after=math.ceil(wait))
        return None
