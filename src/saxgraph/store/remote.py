"""The remote backend: the same `Dataset` interface answered by a SPARQL 1.1 Protocol endpoint (Oxigraph
server, Virtuoso, Fuseki, ...) holding a build that `saxgraph publish` put there.

Answers come back as pyoxigraph objects, so the web layer serialises them exactly as it does the embedded
store's. The default graph is the build's union graph (published beside the named graphs, each triple
once), sent as `default-graph-uri` with the published graphs as `named-graph-uri`: stores differ in what
their own default graph is (Virtuoso: everything it holds, system graphs included; Oxigraph: an empty
graph), and none of them merges several graphs as a set.
"""

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from urllib.parse import urlencode

import pyoxigraph as ox

from saxgraph import formats
from saxgraph.errors import BackendError, QuerySyntaxError, QueryTimeoutError
from saxgraph.namespaces import DCTERMS, GRAPH_BASE, XSD
from saxgraph.query.runner import DirectRunner
from saxgraph.query.text import classify
from saxgraph.store.dataset import UNION_GRAPH, Dataset
from saxgraph.store.http_client import HttpClient

log = logging.getLogger("saxgraph.store.remote")

FORM = formats.FORM + "; charset=utf-8"
# What is asked of a store: N-Triples or SPARQL JSON, Turtle or SPARQL XML second; whatever a store sends
# that saxgraph.formats knows (its aliases included, as Virtuoso's text/plain for N-Triples) is read.
GRAPH_ACCEPT = (f"{formats.by_name('ntriples', formats.RDF).media_type}, "
                f"{formats.by_name('turtle', formats.RDF).media_type};q=0.5")
RESULTS_ACCEPT = (f"{formats.by_name('json', formats.RESULTS).media_type}, "
                  f"{formats.by_name('xml', formats.RESULTS).media_type};q=0.5")
# `saxgraph publish` records the build's content hash here, last, once the graphs are verified
PUBLICATION_GRAPH = ox.NamedNode("urn:x-saxgraph:publication")
BUILD_HASH = ox.NamedNode(DCTERMS + "identifier")
PATTERN_CACHE_SIZE = 20_000  # quad patterns remembered per replica process (LRU)
GRAPH_COUNTS = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}") || ?g = {UNION_GRAPH}) }} GROUP BY ?g')


class RemoteStore(Dataset):
    """A read-only view of the saxgraph graphs in a remote store, through its SPARQL query endpoint."""

    def __init__(self, endpoint: str, auth: tuple[str, str] | None = None, timeout: float = 10.0):
        self.endpoint = endpoint
        self.timeout = timeout
        self.origin = endpoint
        self._client = HttpClient(auth)
        self._graphs: list[str] = []  # the published named graphs, read next
        self._cache: OrderedDict[tuple, tuple] = OrderedDict()
        self._cache_lock = threading.Lock()
        counts = {row["g"]: int(row["n"]) for row in self.select(GRAPH_COUNTS, default_graphs=[],
                                                                  named_graphs=None)}
        union = counts.pop(UNION_GRAPH.value, 0)
        if not counts or not union:
            raise BackendError(f"the store behind {endpoint} holds no published saxgraph build (no graphs "
                               f"under {GRAPH_BASE} and its union graph): run `saxgraph publish` first")
        self._graphs = sorted(counts)
        self._size = sum(counts.values())
        self.manifest = {"hash": self._build_hash(counts), "graphs": counts, "triples": union}

    def _build_hash(self, counts: dict[str, int]) -> str:
        """The published build's hash (so ETags match the embedded store's); for graphs put there some other
        way, one derived from their sizes."""
        rows = self.select(f"SELECT ?hash WHERE {{ GRAPH {PUBLICATION_GRAPH} {{ {PUBLICATION_GRAPH} "
                           f"{BUILD_HASH} ?hash }} }}", default_graphs=[], named_graphs=None)
        if rows:
            return rows[0]["hash"]
        digest = hashlib.sha256(json.dumps(sorted(counts.items())).encode()).hexdigest()
        return f"unpublished:{digest[:32]}"

    @property
    def version(self) -> str:
        return self.manifest["hash"]

    def graphs(self) -> list[str]:
        return list(self._graphs)

    def __len__(self) -> int:
        return self._size

    def query_runner(self, size: int, limits):
        return DirectRunner(self, limits)

    # --- querying ------------------------------------------------------------------------------------

    def query(self, sparql: str, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None,
              timeout: float | None = None):
        """Like the embedded store's; `base_iri` is not sent (the protocol has no parameter for it)."""
        text = classify(sparql)
        params = [("query", sparql)]
        if default_graphs is None and named_graphs is None:
            if not text.names_dataset:  # FROM in the query sets its dataset; the protocol would override it
                params.append(("default-graph-uri", UNION_GRAPH.value))
                params += [("named-graph-uri", g) for g in self._graphs]
        else:
            params += [("default-graph-uri", g) for g in default_graphs or []]
            params += [("named-graph-uri", g) for g in named_graphs or []]
        accept = GRAPH_ACCEPT if text.returns_graph else RESULTS_ACCEPT
        timeout = self.timeout if timeout is None else timeout
        # Virtuoso stops a query at its `timeout` (ms; other stores ignore it); the HTTP timeout stops waiting
        params.append(("timeout", str(int(timeout * 1000))))
        try:
            reply = self._client.request(
                "POST", self.endpoint, urlencode(params).encode(), timeout=timeout,
                headers={"Accept": accept, "Content-Type": FORM})
        except QueryTimeoutError:
            raise QueryTimeoutError(_too_slow(timeout)) from None
        if reply.status == 400:
            # Virtuoso repeats the whole query, with its own pragmas, after its message
            message = reply.text.strip().split("\n\nSPARQL query:")[0]
            raise QuerySyntaxError(f"The store rejected the query: {message[:2000]}")
        if _timed_out(reply):
            raise QueryTimeoutError(_too_slow(timeout))
        if reply.status != 200:
            log.error("store %s answered %s: %s", self.endpoint, reply.status, reply.text[:500])
            raise BackendError(f"the store answered {reply.status}: {reply.text.strip()[:500]}")
        result = _parse(reply, text.returns_graph)
        return _as_boolean(result) if text.form == "ASK" else result

    def quads(self, subject=None, predicate=None, obj=None, graph=None):
        if any(isinstance(t, ox.BlankNode) for t in (subject, predicate, obj)):
            return iter(())  # a remote store's blank node labels cannot be named in a later query
        # A resource page looks up a hundred or more patterns (labels of every linked thing): answered
        # once per replica, since the data change only by a publication, after which replicas restart.
        key = (subject, predicate, obj, graph)
        with self._cache_lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return iter(found)
        found = self._quads(subject, predicate, obj, graph)
        with self._cache_lock:
            self._cache[key] = found
            if len(self._cache) > PATTERN_CACHE_SIZE:
                self._cache.popitem(last=False)
        return iter(found)

    def _quads(self, subject, predicate, obj, graph) -> tuple:
        s, p, o = (_term(t, v) for t, v in ((subject, "?s"), (predicate, "?p"), (obj, "?o")))
        g = _term(graph, "?g")
        sparql = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH {g} {{ {s} {p} {o} }} }}"
        if graph is not None:
            sparql = f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ {s} {p} {o} }} }}"
        result = self.query(sparql)
        quads = []
        for row in result:
            quads.append(ox.Quad(subject or row["s"], predicate or row["p"], obj or _canonical(row["o"]),
                                 graph or row["g"]))
        return tuple(quads)


def _term(term, variable: str) -> str:
    return variable if term is None else str(term)


BOOLEAN = ox.NamedNode(XSD + "boolean")
CANONICAL_BOOLEANS = {"0": "false", "1": "true"}


def _canonical(term):
    """Virtuoso keeps xsd:boolean as 0/1: the same values, written as the build wrote them."""
    if isinstance(term, ox.Literal) and term.datatype == BOOLEAN and term.value in CANONICAL_BOOLEANS:
        return ox.Literal(CANONICAL_BOOLEANS[term.value], datatype=BOOLEAN)
    return term


def _too_slow(timeout: float) -> str:
    return (f"The query ran longer than the time limit of {timeout:g} s and was stopped. Narrow it (LIMIT, "
            "more specific patterns) or raise QUERY_TIMEOUT if you run this server.")


def _as_boolean(result):
    """Virtuoso 7 answers ASK as one solution binding __ASK_RETVAL to 0 or 1."""
    if not isinstance(result, ox.QuerySolutions):
        return result
    rows = list(result)
    value = bool(rows) and rows[0][0] is not None and rows[0][0].value not in ("0", "false")
    return ox.parse_query_results(json.dumps({"head": {}, "boolean": value}).encode(),
                                  format=ox.QueryResultsFormat.JSON)


def _timed_out(reply) -> bool:
    # Virtuoso's "anytime query" answers a partial result with this state: not an answer to give anyone
    if reply.headers.get("x-sql-state", "").upper() == "S1TAT":
        return True
    return reply.status in (500, 503) and "timeout" in reply.text.lower().replace(" ", "")


def _parse(reply, graph: bool):
    media_type = reply.media_type or ""
    fmt = formats.by_media_type(media_type, formats.RDF if graph else formats.RESULTS)
    if fmt is None:
        raise BackendError(f"the store answered in {media_type or 'no media type'}, which saxgraph does not "
                           "read")
    try:
        if graph:
            return list(ox.parse(reply.body, format=fmt.ox_format))
        return ox.parse_query_results(reply.body, format=fmt.ox_format)
    except (SyntaxError, ValueError) as error:
        raise BackendError(f"the store's {media_type} answer does not parse: {error}") from None
