"""What each client address is using, shared by every worker process of a server: its request allowance
(RATE_LIMIT), its engine-time allowance (RATE_LIMIT_QUERY_SECONDS) and its queries running or waiting now
(MAX_CLIENT_QUERIES).

The table lives in shared memory made when the app is created, which under gunicorn is in the master
before it forks its workers (the app is preloaded), so a limit holds for the server as a whole, not per
worker process. Both allowances are token buckets: a bucket holds up to its capacity, refills at the
capacity per minute, and a request takes one token (or, for engine time, the seconds its query ran, charged
when it ends: a client whose bucket is empty waits until it has refilled). A fixed number of slots is kept;
when all are taken, the least recently seen idle client is forgotten (its buckets were full or refilling)."""

import hashlib
import multiprocessing
import time
from collections.abc import Callable
from ctypes import c_double, c_uint64

SLOTS = 8192
_PROBES = 32  # slots looked at for an address before the least recently seen of them is reused
# per slot: request tokens and their time, engine-second tokens and their time, queries now, last seen
_FIELDS = 6
_TOKENS, _TOKENS_AT, _SECONDS, _SECONDS_AT, _RUNNING, _SEEN = range(_FIELDS)


def _key(address: str) -> int:
    return int.from_bytes(hashlib.blake2b(address.encode(), digest_size=8).digest(), "little") or 1


class ClientTable:
    def __init__(self, requests_per_minute: float = 0, seconds_per_minute: float = 0, slots: int = SLOTS,
                 clock: Callable[[], float] = time.monotonic, stale_after: float = 600.0):
        """`stale_after`: seconds after which a client's count of running queries is known to be over
        (no query lives longer than the time limit plus the queue budget): a worker process killed mid-query
        cannot leave its client locked out."""
        self.requests_per_minute = float(requests_per_minute)
        self.seconds_per_minute = float(seconds_per_minute)
        self._keys = multiprocessing.RawArray(c_uint64, slots)
        self._values = multiprocessing.RawArray(c_double, slots * _FIELDS)
        self._lock = multiprocessing.Lock()
        self._slots, self.clock, self.stale_after = slots, clock, stale_after

    def take_request(self, address: str) -> float:
        """One request token for `address`: 0 when granted, else the seconds until one is available."""
        with self._lock:
            now = self.clock()
            base = self._slot(address, now)
            tokens = self._refilled(base + _TOKENS, self.requests_per_minute, now)
            granted = tokens >= 1
            self._values[base + _TOKENS] = tokens - 1 if granted else tokens
            return 0.0 if granted else (1 - tokens) * 60.0 / self.requests_per_minute

    def engine_time_wait(self, address: str) -> float:
        """0 when `address` has engine time left, else the seconds until its allowance is positive again."""
        with self._lock:
            now = self.clock()
            base = self._slot(address, now)
            tokens = self._refilled(base + _SECONDS, self.seconds_per_minute, now)
            self._values[base + _SECONDS] = tokens
            return 0.0 if tokens > 0 else (-tokens + 0.01) * 60.0 / self.seconds_per_minute

    def charge(self, address: str, seconds: float) -> None:
        """The engine time a query of `address` took, taken from its allowance (which may go below 0)."""
        with self._lock:
            now = self.clock()
            base = self._slot(address, now)
            tokens = self._refilled(base + _SECONDS, self.seconds_per_minute, now)
            self._values[base + _SECONDS] = tokens - seconds

    def enter(self, address: str, most: int) -> bool:
        """Count one more query of `address` running or waiting, unless it has `most` already."""
        with self._lock:
            now = self.clock()
            base = self._slot(address, now, touch=False)
            running = self._values[base + _RUNNING]
            if running > 0 and now - self._values[base + _SEEN] > self.stale_after:
                running = 0.0  # left behind by a worker process that died mid-query
            self._values[base + _SEEN] = now
            if running >= most:
                return False
            self._values[base + _RUNNING] = running + 1
            return True

    def leave(self, address: str) -> None:
        with self._lock:
            base = self._slot(address, self.clock())
            self._values[base + _RUNNING] = max(0.0, self._values[base + _RUNNING] - 1)

    def _slot(self, address: str, now: float, touch: bool = True) -> int:
        """The first field of `address`'s slot (under the lock); a slot is taken, buckets full, when it has
        none: an empty one, else the least recently seen idle one among those it may use."""
        key = _key(address)
        start = key % self._slots
        chosen, chosen_seen = None, None
        for probe in range(_PROBES):
            slot = (start + probe) % self._slots
            if self._keys[slot] == key:
                base = slot * _FIELDS
                if touch:
                    self._values[base + _SEEN] = now
                return base
            if self._keys[slot] == 0:
                chosen = slot
                break
            seen = self._values[slot * _FIELDS + _SEEN]
            idle = self._values[slot * _FIELDS + _RUNNING] <= 0 or now - seen > self.stale_after
            if idle and (chosen_seen is None or seen < chosen_seen):
                chosen, chosen_seen = slot, seen
        if chosen is None:
            chosen = start  # every client probed has queries running: the newcomer takes the first place
        self._keys[chosen] = key
        base = chosen * _FIELDS
        fresh = [self.requests_per_minute, now, self.seconds_per_minute, now, 0.0, now]
        self._values[base:base + _FIELDS] = fresh
        return base

    def _refilled(self, field: int, per_minute: float, now: float) -> float:
        """A bucket's tokens now (and its time set to now)."""
        tokens, then = self._values[field], self._values[field + 1]
        self._values[field + 1] = now
        return min(per_minute, tokens + (now - then) * per_minute / 60.0)
