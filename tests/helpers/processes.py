"""Server processes in tests: a free loopback port, waiting until a started server answers (or a condition
holds), and a plain HTTP request to it that returns the status instead of raising."""

import socket
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_text(log: Path | None) -> str:
    if log is None:
        return "(no log)"
    try:
        return Path(log).read_text(errors="replace")
    except OSError as error:
        return f"(log unreadable: {error})"


def wait_for(url: str, process, log: Path | None = None, seconds: float = 30) -> None:
    """Until `url` answers a GET with a 2xx; AssertionError (with the server's log) if the process exits
    first or nothing answers within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}: {_log_text(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                response.read()
            return
        except OSError:  # refused, reset, timed out, or an HTTP error status: not up yet
            time.sleep(0.2)
    raise AssertionError(f"server not up at {url} within {seconds:g} s: {_log_text(log)}")


def wait_until(predicate, seconds: float = 30, interval: float = 0.1):
    """Poll `predicate` until it returns something true; that value, or its last value when time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


def fetch(url: str, data: bytes | None = None, headers: dict | None = None,
          timeout: float = 60) -> tuple[int, bytes]:
    """(status, body) of a request; an HTTP error status is returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    """(status, body) of a GET."""
    return fetch(url, timeout=timeout)
