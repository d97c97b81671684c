"""Typed errors; the web layer and the CLI map each kind to an HTTP status or an exit code in one place."""

from dataclasses import dataclass


class SaxgraphError(Exception):
    """Base of every error saxgraph raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the curated sources, located for the curator who must fix it."""

    file: str
    rule: str
    message: str
    entity: str | None = None
    property: str | None = None
    value: str | None = None
    severity: str = "Violation"

    def __str__(self) -> str:
        where = self.file
        parts = [f"{where}: {self.severity.lower()} [{self.rule}]"]
        if self.entity:
            parts.append(f"entity {self.entity}")
        if self.property:
            parts.append(f"property {self.property}")
        if self.value:
            parts.append(f"value {self.value}")
        return " ".join(parts) + f"\n    {self.message}"


class BuildError(SaxgraphError):
    """The sources are invalid; nothing was written."""

    def __init__(self, problems: list[Problem], step: str):
        self.problems = problems
        self.step = step
        super().__init__(f"{step} failed with {len(problems)} problem(s)")

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems) + f"\n{self}"


class NoBuildError(SaxgraphError):
    """There is no built dataset where one was expected."""


class QuerySyntaxError(SaxgraphError):
    """The SPARQL text does not parse; the message is the parser's, with its position."""


class QueryRefusedError(SaxgraphError):
    """The query parses but the endpoint will not run it (updates, SERVICE to a non-allow-listed IRI)."""


class QueryTimeoutError(SaxgraphError):
    """The query ran past the time limit and was stopped."""


class ResultTooLargeError(SaxgraphError):
    """The result exceeded the configured maximum number of rows or bytes."""


class QueryMemoryError(SaxgraphError):
    """The query needed more memory than a query process may use (QUERY_MEMORY); the process was replaced."""


class ServerBusyError(SaxgraphError):
    """No query process became free within the queue budget (QUEUE_TIMEOUT); retry after `retry_after` s."""

    def __init__(self, message: str, retry_after: int = 2):
        super().__init__(message)
        self.retry_after = retry_after


class NotAcceptableError(SaxgraphError):
    """No representation matches what the client accepts."""

    def __init__(self, message: str, available: list[str]):
        super().__init__(message)
        self.available = available


class UnknownFormatError(SaxgraphError):
    """A format name or extension that the registry does not know."""


class ProtocolError(SaxgraphError):
    """A request the SPARQL protocol does not allow (several queries, no query, text not UTF-8)."""


class UnsupportedMediaTypeError(SaxgraphError):
    """A request body in a media type the operation does not take."""


class QueryEvaluationError(SaxgraphError):
    """The query parses but the engine cannot evaluate it (e.g. an unsupported extension function)."""


class RateLimitedError(SaxgraphError):
    """A client sent more requests than the RATE_LIMIT setting allows; it may retry after `retry_after` s."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class BackendError(SaxgraphError):
    """A remote store did not answer as it should (unreachable, a server fault, an unreadable reply)."""


class PublishError(SaxgraphError):
    """Publishing to a store stopped or did not verify; says which graphs are published and which are not."""

    def __init__(self, message: str, published: list[str], pending: list[str]):
        self.published = published
        self.pending = pending
        super().__init__(message)

    def report(self) -> str:
        lines = [str(self), f"published ({len(self.published)}): " + (", ".join(self.published) or "none"),
                 f"not published ({len(self.pending)}): " + (", ".join(self.pending) or "none")]
        return "\n".join(lines)


class NotFoundError(SaxgraphError):
    """Nothing of that name here. `page`: a browser may get the answer as an HTML page (not when it asked
    for another representation, as `/id/x.ttl` does)."""

    def __init__(self, message: str, page: bool = True):
        super().__init__(message)
        self.page = page


class BadParameterError(SaxgraphError):
    """A request parameter a view cannot use (a limit out of range, a number that is not one)."""


class MalformedRequestError(SaxgraphError):
    """The HTTP request itself is malformed (bytes that are not UTF-8 in its URL, an impossible Host)."""


class ReconciliationError(SaxgraphError):
    """A reconciliation request (OpenRefine's Reconciliation Service API 0.2) that the API, or this service's
    documented limits, do not allow: not JSON, a field the API does not have, an unknown type or property,
    a batch over RECONCILE_MAX_BATCH. The message names the query and the field."""
