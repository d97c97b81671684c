"""A plain HTTP client for remote stores (standard library only): Basic or Digest authentication as the
server asks for it, a deadline for the whole exchange, and typed errors instead of urllib's.

Authentication is sent with the request itself once the server's challenge is known (learnt by a HEAD
first): a store that answers a large PUT body with 401 closes the connection before the body is sent,
which urllib's challenge-then-retry handlers turn into a broken pipe.
"""

import hashlib
import os
import threading
import time
import urllib.error
import urllib.request
from base64 import b64encode
from dataclasses import dataclass
from urllib.parse import urlsplit

from saxgraph.errors import BackendError, QueryTimeoutError

CHUNK = 64 * 1024


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """`user:password` (the password may contain colons) or None."""
    if not value:
        return None
    user, colon, password = value.partition(":")
    if not colon or not user:
        raise ValueError("--auth takes USER:PASSWORD")
    return user, password


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to report, not to follow with credentials


class HttpClient:
    def __init__(self, auth: tuple[str, str] | None = None):
        self._auth = auth
        self._challenge: dict[str, str] | None = None  # scheme and parameters of the last 401
        self._count = 0
        self._lock = threading.Lock()  # one client serves a replica's request threads
        self._opener = urllib.request.build_opener(_NoRedirect)

    def request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = 60.0) -> Reply:
        """Any HTTP status is a Reply; only no answer within `timeout` seconds (QueryTimeoutError) or no
        connection at all (BackendError) raise."""
        headers = dict(headers or {})
        if self._auth and self._challenge is None and body:
            self._learn_challenge(url, timeout)
        if self._auth and self._challenge is not None:
            headers["Authorization"] = self._authorization(method, url)
        reply = self._send(method, url, body, headers, timeout)
        if reply.status == 401 and self._auth and self._take_challenge(reply):
            headers["Authorization"] = self._authorization(method, url)
            reply = self._send(method, url, body, headers, timeout)
        return reply

    # --- authentication ------------------------------------------------------------------------------

    def _learn_challenge(self, url: str, timeout: float) -> None:
        reply = self._send("HEAD", url, None, {}, timeout)
        if reply.status == 401:
            self._take_challenge(reply)

    def _take_challenge(self, reply: Reply) -> bool:
        value = reply.headers.get("www-authenticate", "")
        scheme, _, rest = value.partition(" ")
        if scheme.lower() not in ("basic", "digest"):
            return False
        params = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest)) if rest else {}
        self._challenge = {"scheme": scheme.lower(), **params}
        return True

    def _authorization(self, method: str, url: str) -> str:
        user, password = self._auth
        challenge = self._challenge
        if challenge["scheme"] == "basic":
            return "Basic " + b64encode(f"{user}:{password}".encode()).decode()
        parts = urlsplit(url)
        uri = parts.path + (f"?{parts.query}" if parts.query else "")
        realm, nonce = challenge.get("realm", ""), challenge.get("nonce", "")
        ha1 = _md5(f"{user}:{realm}:{password}")
        ha2 = _md5(f"{method}:{uri}")
        fields = {"username": user, "realm": realm, "nonce": nonce, "uri": uri}
        if "auth" in [q.strip() for q in challenge.get("qop", "").split(",")]:
            with self._lock:  # the nonce count must grow with every request that uses the nonce
                self._count += 1
                nc = f"{self._count:08x}"
            cnonce = os.urandom(8).hex()
            fields["response"] = _md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
            quoted = ", ".join(f'{k}="{v}"' for k, v in fields.items())
            header = f'Digest {quoted}, qop=auth, nc={nc}, cnonce="{cnonce}"'
        else:
            fields["response"] = _md5(f"{ha1}:{nonce}:{ha2}")
            header = "Digest " + ", ".join(f'{k}="{v}"' for k, v in fields.items())
        if "opaque" in challenge:
            header += f', opaque="{challenge["opaque"]}"'
        if "algorithm" in challenge:
            header += f", algorithm={challenge['algorithm']}"
        return header

    # --- transport -----------------------------------------------------------------------------------

    def _send(self, method: str, url: str, body: bytes | None, headers: dict, timeout: float) -> Reply:
        deadline = time.monotonic() + timeout
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            try:
                response = self._opener.open(request, timeout=timeout)
            except urllib.error.HTTPError as error:  # a status >= 400 is an answer too
                response = error
            with response:
                chunks = []
                while chunk := response.read(CHUNK):
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise TimeoutError
                return Reply(response.status, {k.lower(): v for k, v in response.headers.items()},
                             b"".join(chunks))
        except TimeoutError:
            raise QueryTimeoutError(f"{_where(url)} did not answer within {timeout:g} s.") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise QueryTimeoutError(f"{_where(url)} did not answer within {timeout:g} s.") from None
            raise BackendError(f"cannot reach {_where(url)}: {error.reason}") from None
        except (ConnectionError, OSError) as error:
            raise BackendError(f"the connection to {_where(url)} failed: {error}") from None


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def _where(url: str) -> str:
    return "the store at " + url.split("?")[0]
