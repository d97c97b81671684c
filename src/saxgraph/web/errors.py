"""Typed errors mapped to HTTP once, at the edge. Bad input is 4xx with a message a person can act on;
anything else is a logged 500, never dressed up as a 400."""

from flask import Flask, Response

from saxgraph.errors import (
    BackendError,
    MalformedRequestError,
    NotAcceptableError,
    ProtocolError,
    QueryEvaluationError,
    QueryRefusedError,
    QuerySyntaxError,
    QueryTimeoutError,
    RateLimitedError,
    ReconciliationError,
    ResultTooLargeError,
    UnknownFormatError,
    UnsupportedMediaTypeError,
)

STATUS = {
    QuerySyntaxError: 400,
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
    BackendError: 502,
}


def plain(status: int, message: str, headers: dict | None = None) -> Response:
    response = Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain")
    response.headers.update(headers or {})
    return response


def register(app: Flask) -> None:
    for error_class, status in STATUS.items():
        app.register_error_handler(error_class, _handler(status))


def _handler(status: int):
    def handle(error):
        retry_after = getattr(error, "retry_after", 5 if status == 503 else None)
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        return plain(status, f"{_title(status)}: {error}", headers)

    return handle


def _title(status: int) -> str:
    return {400: "Bad request", 403: "Forbidden", 406: "Not acceptable", 413: "Result too large",
            415: "Unsupported media type", 429: "Too many requests", 502: "Bad gateway",
            503: "Service unavailable"}.get(status, "Error")
