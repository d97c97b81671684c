"""Run SPARQL queries under the endpoint's limits: what may run at all (check_allowed: updates, SERVICE, the
size of the query), the limits one query may use (Limits), and running one query and writing its answer once
(execute). The embedded store's queries run in killable processes (saxgraph.query.pool); a remote store
enforces the time limit itself (DirectRunner)."""

import logging
import time
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox

from saxgraph import formats
from saxgraph.errors import (
    QueryRefusedError,
    QuerySyntaxError,
    ResultTooLargeError,
)
from saxgraph.query.federation import AllowedEndpoint, refused_services
from saxgraph.query.results import BoundedWriter, OverBudget, TooManyRows, capped, serialize_capped
from saxgraph.query.text import classify

log = logging.getLogger("saxgraph.query")

# pyoxigraph's parser recurses once per level of nesting and overflows the stack (the process dies) a few
# thousand levels down; real queries nest a few dozen levels at most.
MAX_NESTING = 256
# The same holds for a chain of operators that need no brackets (`1+1+...`, `!!!...true`, `a||b||...`):
# parsed and evaluated as a tree as deep as the chain is long, it kills the engine some 6000 operators in.
# Real queries use a few dozen.
MAX_OPERATORS = 2000
# Tokens inside parentheses (expressions, SELECT expressions, IN lists): 20,000 SELECT expressions took the
# engine 12 s to prepare even on a deep stack; 20,000 terms of an IN list compared with each row stay quick.
MAX_EXPRESSION_TERMS = 20_000


@dataclass(frozen=True)
class QueryRequest:
    sparql: str
    results_format: str = "json"  # for SELECT / ASK (formats.RESULTS names)
    graph_format: str = "turtle"  # for CONSTRUCT / DESCRIBE (formats.RDF names)
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None


@dataclass
class QueryOutcome:
    form: str  # "solutions", "boolean" or "graph"
    format_name: str  # a formats.RESULTS name for solutions and booleans, a formats.RDF name for graphs
    body: bytes
    size: int  # rows, 1 for a boolean, triples for a graph
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def format(self) -> formats.Format:  # resolved here: Format objects hold pyoxigraph enums (not picklable)
        return formats.by_name(self.format_name, formats.RDF if self.form == "graph" else formats.RESULTS)


def check_allowed(sparql: str, allowed: tuple[AllowedEndpoint, ...] = (), max_patterns: int = 128) -> None:
    """Refuse what a read-only, SSRF-safe endpoint must never run, before anything runs: updates, SERVICE
    to an endpoint not on the allow-list (however it is spelled), and queries larger than the engine can
    prepare safely within the time limit."""
    text = classify(sparql)
    if text.form == "UPDATE":
        raise QueryRefusedError("This endpoint is read-only: SPARQL Update is not accepted.")
    if text.depth > MAX_NESTING:
        raise QuerySyntaxError(f"The query nests brackets {text.depth} levels deep; this endpoint parses at "
                               f"most {MAX_NESTING} levels of {{ }}, ( ) and [ ].")
    if text.operators > MAX_OPERATORS:
        raise QuerySyntaxError(f"The query has {text.operators} operators (! + - * / && || = < > | ^); this "
                               f"endpoint evaluates queries with at most {MAX_OPERATORS}. Split the "
                               "expression, or use VALUES or IN ( ... ) for long lists.")
    if max_patterns and text.patterns > max_patterns:
        raise QuerySyntaxError(
            f"The query has {text.patterns} graph patterns (triple patterns, groups, OPTIONAL, UNION, MINUS, "
            f"BIND, FILTER, ...); this endpoint plans at most {max_patterns} (MAX_QUERY_PATTERNS): the "
            "engine's planning time grows steeply with their number. Use VALUES for long lists of "
            "alternatives, or split the query.")
    if text.expression_terms > MAX_EXPRESSION_TERMS:
        raise QuerySyntaxError(f"The query has {text.expression_terms} terms inside parentheses "
                               "(expressions, function arguments, IN lists); this endpoint evaluates at "
                               f"most {MAX_EXPRESSION_TERMS}. Use VALUES for long lists.")
    refused = refused_services(sparql, allowed)
    if refused:
        raise QueryRefusedError(
            f"SERVICE (federated query) to {', '.join(refused)} is refused: this endpoint does not fetch "
            "remote data on a client's behalf. An operator can allow-list SPARQL endpoints with the "
            "SERVICE_ALLOWLIST setting (SAXGRAPH_SERVICE_ALLOWLIST); a variable, relative or unresolvable "
            "target is never allowed. (The seven letters SERVICE followed by an IRI and a { are read as the "
            "keyword wherever they stand, even inside a string or a comment.)")


@dataclass(frozen=True)
class Limits:
    """What one query may use (the settings of the same names)."""

    max_rows: int | None = 100_000  # MAX_RESULT_ROWS: solutions or triples
    max_bytes: int = 32 * 1024 * 1024  # MAX_RESULT_BYTES: the serialised answer
    memory: int = 0  # QUERY_MEMORY: bytes a query process may allocate beyond its own at fork; 0: no bound
    network: bool = False  # whether query processes may open sockets (only with a SERVICE_ALLOWLIST)
    queue_timeout: float = 5.0  # QUEUE_TIMEOUT: seconds a query may wait for a free query process


class QueryRunner(Protocol):
    def run(self, request: QueryRequest, timeout: float, client: str = "",
            queue_timeout: float | None = None) -> QueryOutcome:
        """The serialised result, or QueryTimeoutError (503) when it takes longer than `timeout` seconds;
        `client` (the address asking) decides who goes first when queries wait for a query process."""

    def retire(self, grace: float) -> None:
        """A newer runner serves from now on (a reload): wind down once running queries had `grace` s."""

    def close(self) -> None:
        """Stop now."""


DEFAULT_LIMITS = Limits()  # the settings' defaults


def execute(store, request: QueryRequest, limits: Limits = DEFAULT_LIMITS, **options) -> QueryOutcome:
    """Run one query in this process and serialise its result once (`options`: the store's own, e.g.
    timeout); ResultTooLargeError past the row or byte cap."""
    started = time.perf_counter()
    result = store.query(request.sparql, default_graphs=_list(request.default_graphs),
                         named_graphs=_list(request.named_graphs), base_iri=request.base_iri, **options)
    try:
        if isinstance(result, ox.QuerySolutions):
            fmt = formats.by_name(request.results_format, formats.RESULTS)
            try:
                body, size = serialize_capped(result, fmt.name, fmt.ox_format, limits.max_rows,
                                              limits.max_bytes)
            except TooManyRows as error:
                raise ResultTooLargeError(_too_many(error.limit, "rows")) from None
            return QueryOutcome("solutions", fmt.name, body, size, time.perf_counter() - started)
        out = BoundedWriter(limits.max_bytes)
        if isinstance(result, ox.QueryBoolean):
            fmt = formats.by_name(request.results_format, formats.RESULTS)
            result.serialize(out, format=fmt.ox_format)
            form, size = "boolean", 1
        else:
            fmt = formats.by_name(request.graph_format, formats.RDF)
            try:
                triples = list(capped(result, limits.max_rows))
            except TooManyRows as error:
                raise ResultTooLargeError(_too_many(error.limit, "triples")) from None
            ox.serialize(triples, out, format=fmt.ox_format)
            form, size = "graph", len(triples)
    except OverBudget:
        raise ResultTooLargeError(
            f"The answer is larger than {limits.max_bytes} bytes, the limit of this endpoint "
            "(MAX_RESULT_BYTES). Add LIMIT/OFFSET to page through it, select fewer or shorter values, or "
            "download the data dumps.") from None
    return QueryOutcome(form, fmt.name, out.getvalue(), size, time.perf_counter() - started)


def _list(graphs):
    return list(graphs) if graphs is not None else None


def _too_many(limit: int, what: str) -> str:
    return (f"The result has more than {limit} {what}, the limit of this endpoint (MAX_RESULT_ROWS). "
            "Add LIMIT/OFFSET to page through it, or download the data dumps.")


class DirectRunner:
    """For a store that enforces the time limit itself (a remote endpoint, by HTTP timeout): run in the
    request's thread."""

    def __init__(self, store, limits: Limits = DEFAULT_LIMITS):
        self.store, self.limits = store, limits

    def run(self, request: QueryRequest, timeout: float, client: str = "",
            queue_timeout: float | None = None) -> QueryOutcome:
        return execute(self.store, request, self.limits, timeout=timeout)

    def retire(self, grace: float) -> None:
        pass  # nothing of its own to wind down: queries already running finish in their requests' threads

    def close(self) -> None:
        pass
