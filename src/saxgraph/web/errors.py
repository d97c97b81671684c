"""Typed errors mapped to HTTP once, at the edge. Bad input is 4xx with a message a person can act on;
anything else is a logged 500, never dressed up as a 400. Every error is text/plain, on every route and
status (Werkzeug's own 404, 405, 413, ... included), except for a client that prefers HTML (a browser),
which gets the same message as a page."""

import logging

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from saxgraph.errors import (
    BackendError,
    BadParameterError,
    MalformedRequestError,
    NotAcceptableError,
    NotFoundError,
    ProtocolError,
    QueryEvaluationError,
    QueryMemoryError,
    QueryRefusedError,
    QuerySyntaxError,
    QueryTimeoutError,
    RateLimitedError,
    ReconciliationError,
    ResultTooLargeError,
    ServerBusyError,
    UnknownFormatError,
    UnsupportedMediaTypeError,
)

STATUS = {
    QuerySyntaxError: 400,
    BadParameterError: 400,
    UnknownFormatError: 400,
    ProtocolError: 400,
    MalformedRequestError: 400,
    QueryEvaluationError: 400,
    ReconciliationError: 400,
    UnsupportedMediaTypeError: 415,
    QueryRefusedError: 403,
    NotAcceptableError: 406,
    ResultTooLargeError: 413,
    RateLimitedError: 429,
    QueryTimeoutError: 503,
    QueryMemoryError: 503,
    ServerBusyError: 503,
    BackendError: 502,
}
log = logging.getLogger("saxgraph.web")


def plain(status: int, message: str, headers: dict | None = None) -> Response:
    response = Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain")
    response.headers.update(headers or {})
    return response


def register(app: Flask) -> None:
    for error_class, status in STATUS.items():
        app.register_error_handler(error_class, _handler(status))
    app.register_error_handler(NotFoundError, _not_found)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_fault)


def wants_html() -> bool:
    """Whether the client ranks HTML above plain text (a browser's Accept does; curl's */* does not)."""
    return request.accept_mimetypes.best_match(["text/plain", "text/html"]) == "text/html"


def _not_found(error: NotFoundError) -> Response:
    """Nothing of that name: a page for a browser (unless it asked for another representation), else text."""
    if error.page and wants_html():
        page = render_template("not_found.html", what=str(error))
        response = Response(page, status=404, mimetype="text/html")
    else:
        response = plain(404, f"Not found: {error}")
    response.vary.add("Accept")
    return response


def _http_error(error: HTTPException) -> Response:
    """Werkzeug's own errors (no such route, method not allowed, body too large, ...), as text."""
    if isinstance(error, InternalServerError):
        return _server_fault(error)
    message = error.description or error.name
    if error.code == 404:
        message = f"Not found: {request.path}. Start from / (the home page) or /sparql."
    elif error.code == 405:
        allowed = ", ".join(error.valid_methods or [])
        message = f"{request.method} is not allowed on {request.path}; allowed: {allowed}."
    elif error.code == 413:
        message = (f"The request body is larger than {request.max_content_length} bytes, the limit of this "
                   "server (MAX_CONTENT_LENGTH).")
    response = page_or_text(error.code or 500, message)
    for name, value in error.get_headers():
        if name.lower() not in ("content-type", "content-length"):
            response.headers[name] = value
    return response


def _server_fault(error: InternalServerError) -> Response:
    """An exception no handler expected: Flask has logged it with its traceback; the client learns only
    that it is the server's fault."""
    return page_or_text(500, "Internal server error: the fault is logged on the server. Try again, or "
                             "report the request if it keeps failing.")


def page_or_text(status: int, message: str) -> Response:
    if wants_html():
        page = render_template("error.html", status=status, title=_title(status), message=message)
        response = Response(page, status=status, mimetype="text/html")
    else:
        response = plain(status, f"{_title(status)}: {message}")
    response.vary.add("Accept")
    return response


def _handler(status: int):
    def handle(error):
        retry_after = getattr(error, "retry_after", 5 if status == 503 else None)
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        return plain(status, f"{_title(status)}: {error}", headers)

    return handle


def _title(status: int) -> str:
    return {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
            406: "Not acceptable", 408: "Request timeout", 413: "Too large", 414: "URI too long",
            415: "Unsupported media type", 429: "Too many requests", 431: "Request header fields too large",
            500: "Internal server error", 502: "Bad gateway", 503: "Service unavailable"}.get(status, "Error")
