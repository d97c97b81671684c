"""Requests too malformed for any view: checked once, before routing, so that no view meets them.

Werkzeug decodes a raw (not percent-encoded) query string strictly as UTF-8 when a view first reads
`request.args` and raises UnicodeDecodeError from deep inside the view; it reads the Host header's port
only when a URL is built; and its ETag parser loops forever, growing a list without bound, on an
If-None-Match value that ends in a line feed (werkzeug 3.1 `parse_etags`). All these faults are the client's,
so they are a 400 here, with the reason.

A chunked body (no Content-Length) is read here whole, under MAX_CONTENT_LENGTH: Werkzeug would stop
reading it at the limit and hand the view a truncated body as if it were complete (a query losing its
trailing `OFFSET 5`), and a malformed chunk would surface in the view as a server fault."""

import io
from urllib.parse import unquote_to_bytes, urlsplit

from flask import Blueprint, request
from werkzeug.exceptions import RequestEntityTooLarge

from saxgraph.errors import MalformedRequestError

try:  # gunicorn reports a malformed chunked body while the application reads it
    from gunicorn.http.errors import ParseException as _BodyParseError
except ImportError:  # waitress reads and checks the body itself, before the application runs
    class _BodyParseError(Exception):
        pass

bp = Blueprint("well_formed", __name__)


@bp.before_app_request
def refuse_malformed_requests() -> None:
    _require_utf8(request.query_string, "query string", percent_encoded=True)
    # WSGI hands over the path percent-decoded, its bytes as latin-1 characters
    _require_utf8(request.environ.get("PATH_INFO", "").encode("latin-1", "replace"), "path")
    _require_clean_header_values(request.headers)
    _require_host(request.headers.get("Host"))
    _read_chunked_body()


def _read_chunked_body() -> None:
    environ = request.environ
    if environ.get("CONTENT_LENGTH") or "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        return
    limit = request.max_content_length
    try:
        body = environ["wsgi.input"].read(limit + 1 if limit is not None else -1)
    except (_BodyParseError, ValueError, OSError) as error:
        raise MalformedRequestError(f"The chunked request body is malformed or incomplete ({error!r}); "
                                    "send each chunk's size in hexadecimal, the chunk and CRLF, and end "
                                    "with a chunk of size 0 (RFC 9112 section 7.1).") from None
    if limit is not None and len(body) > limit:
        raise RequestEntityTooLarge()
    environ["wsgi.input"] = io.BytesIO(body)  # what the view reads: the body, de-chunked, of known length
    environ["CONTENT_LENGTH"] = str(len(body))
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    environ.pop("wsgi.input_terminated", None)


def _require_utf8(raw: bytes, where: str, percent_encoded: bool = False) -> None:
    """Raw and percent-encoded bytes alike must be UTF-8 (RFC 3986 section 2.5, RFC 3987)."""
    try:
        raw.decode("utf-8")
        if percent_encoded:
            unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError as error:
        raise MalformedRequestError(f"The {where} of the URL is not valid UTF-8 ({error.reason} at byte "
                                    f"{error.start}); encode text as UTF-8, "
                                    "then percent-encode it.") from None


def _require_clean_header_values(headers) -> None:
    """RFC 9110 section 5.5: CR, LF and NUL are never valid in a field value; a recipient may reject them."""
    for name, value in headers.items():
        if any(c in value for c in "\r\n\x00"):
            raise MalformedRequestError(f"The {name[:100]} header contains CR, LF or NUL, which HTTP field "
                                        "values may not contain (RFC 9110 section 5.5).")


def _require_host(host: str | None) -> None:
    if host is None:
        return
    try:
        _ = urlsplit("//" + host).port  # raises for a port out of range or not a number
    except ValueError as error:
        raise MalformedRequestError(f"The Host header {host[:100]!r} is not a valid host[:port]: {error}.") \
            from None
