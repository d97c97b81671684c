"""The read-only dataset behind every query: one interface (`Dataset`), two backends: the embedded
pyoxigraph `Store` over a build here, and `saxgraph.store.remote.RemoteStore` over a SPARQL endpoint."""

import re
import threading
from abc import ABC, abstractmethod
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from saxgraph.errors import QuerySyntaxError
from saxgraph.formats import RDF, Format, by_extension
from saxgraph.namespaces import PREFIXES
from saxgraph.query.text import classify, readable_parse_error, undeclared_prefixes


def term_value(term) -> str | None:
    """A term as a plain string: IRIs and literals by their value, blank nodes as _:id."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


# SPARQL's default graph is the RDF merge (a set) of the graphs, but pyoxigraph's union default graph and
# multi-graph FROM both repeat a triple once per graph holding it (COUNT and DISTINCT-less results would be
# wrong). So the union is kept once, deduplicated, in this hidden graph and queried as the default graph.
UNION_GRAPH = ox.NamedNode("urn:x-saxgraph:union-default-graph")
_UNKNOWN_FUNCTION = re.compile(r"The custom function <([^>]*)> is not supported")


def _expression_error(*_args):
    return None  # pyoxigraph reads None from a custom function as an evaluation error


class Dataset(ABC):
    """What the web app and the CLI need from a dataset. The default graph of a query is the union of the
    named graphs (each triple once) unless the query or the protocol names a dataset. Results are
    pyoxigraph objects (QuerySolutions, QueryBoolean, an iterable of Triples; Quads from `quads`)."""

    manifest: dict
    origin: str

    @property
    @abstractmethod
    def version(self) -> str:
        """Changes whenever the data changes (ETags and caches derive from it)."""

    @abstractmethod
    def query(self, sparql: str, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None):
        """Run a read-only SPARQL query."""

    @abstractmethod
    def quads(self, subject=None, predicate=None, obj=None, graph=None):
        """The quads matching a pattern, each with the graph stating it (pyoxigraph terms; None: any)."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """The named graphs' IRIs, sorted."""

    @abstractmethod
    def __len__(self) -> int:
        """Quads in the named graphs."""

    @abstractmethod
    def query_runner(self, size: int, limits):
        """What runs the endpoint's queries under its time limit (`run(QueryRequest, timeout, client)`) and
        `limits` (saxgraph.query.runner.Limits)."""

    def derived(self, key, compute):
        """What is computed from the data once (an index, counts, a dump), kept on the dataset itself: the
        data never change while a dataset is served, and a reload serves a new dataset, which starts
        afresh while the old one goes with everything derived from it. Built once even when requests race
        (each key has its own lock, so one slow dump holds up no other key)."""
        state = self.__dict__.setdefault("_derived", {})
        guard = self.__dict__.setdefault("_derived_guard", threading.Lock())
        with guard:
            if key in state:
                return state[key]
            lock = self.__dict__.setdefault("_derived_locks", {}).setdefault(key, threading.Lock())
        with lock:
            if key not in state:
                value = compute()
                with guard:
                    state[key] = value
        return state[key]

    def derived_already(self, key):
        """What `derived` keeps under `key`, None if it has not been computed (nothing is computed here)."""
        return self.__dict__.get("_derived", {}).get(key)

    @property
    def triples(self) -> int:
        """Distinct triples of the default graph (the union of the named graphs): from the build's manifest,
        else counted once."""
        if "triples" in self.manifest:
            return int(self.manifest["triples"])
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        return self.derived("triples", lambda: int(self.select(count)[0]["n"]))

    def select(self, sparql: str, **kwargs) -> list[dict[str, str]]:
        result = self.query(sparql, **kwargs)
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: term_value(row[n]) for n in names if row[n] is not None} for row in result]

    def ask(self, sparql: str, **kwargs) -> bool:
        result = self.query(sparql, **kwargs)
        if not isinstance(result, ox.QueryBoolean):
            raise TypeError("ask() needs an ASK query")
        return bool(result)

    def export(self, fmt: Format, output: BinaryIO | None = None) -> bytes | None:
        """The whole dataset; triple formats get the union of the graphs, each triple once."""
        if fmt.datasets:
            quads = sorted(self.quads(), key=str)
            return ox.serialize(quads, output, format=fmt.ox_format)
        triples = sorted({q.triple for q in self.quads()}, key=str)
        return ox.serialize(triples, output, format=fmt.ox_format, prefixes=_prefixes_for(fmt))


class Store(Dataset):
    """The embedded backend: a pyoxigraph store in this process, loaded from a build or from files."""

    def __init__(self, store: ox.Store, manifest: dict | None = None, origin: str = "",
                 prebuilt: bool = False):
        """`prebuilt`: the store already holds the union graph (build.folder.write_prebuilt), read-only."""
        self._store = store
        self.manifest = manifest or {}
        self.origin = origin
        if prebuilt:
            self._named = [g for g in self._store.named_graphs() if g != UNION_GRAPH]
            self._size = self.manifest.get("quads")
            if self._size is None:
                self._size = sum(1 for _ in self.quads())
            return
        self._store.remove_graph(UNION_GRAPH) if self._store.contains_named_graph(UNION_GRAPH) else None
        self._named = [g for g in self._store.named_graphs() if g != UNION_GRAPH]
        self._size = len(self._store)
        self._store.update(f"INSERT {{ GRAPH {UNION_GRAPH} {{ ?s ?p ?o }} }} "
                           "WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")

    # --- opening -------------------------------------------------------------------------------------

    @classmethod
    def from_nquads(cls, data: bytes | Path, manifest: dict | None = None) -> "Store":
        store = ox.Store()
        if isinstance(data, Path):
            store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        else:
            store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        return cls(store, manifest, origin="build")

    @classmethod
    def from_files(cls, paths: list[Path]) -> "Store":
        """Any RDF files: N-Quads and TriG keep their named graphs; triple formats go to the default graph."""
        import hashlib

        store, digest = ox.Store(), hashlib.sha256()
        for path in paths:
            path = Path(path)
            fmt = by_extension(path.suffix.lstrip(".").lower(), RDF)
            if fmt is None:
                raise ValueError(f"{path}: unknown RDF file extension {path.suffix!r}")
            content = path.read_bytes()
            digest.update(content)
            store.bulk_load(content, format=fmt.ox_format, base_iri=path.resolve().as_uri())
        manifest = {"hash": "sha256:" + digest.hexdigest(), "sources": [str(p) for p in paths]}
        return cls(store, manifest, origin=", ".join(str(p) for p in paths))

    # --- identity ------------------------------------------------------------------------------------

    @property
    def version(self) -> str:
        """Changes whenever the data changes: the build's content hash (ETags derive from it)."""
        return self.manifest.get("hash", "unversioned")

    # --- querying ------------------------------------------------------------------------------------

    def query(self, sparql: str, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None):
        """A dataset given by the protocol replaces the union default graph, and so do the query's own FROM
        and FROM NAMED (pyoxigraph would let the union override them)."""
        options = {}
        if default_graphs is None and named_graphs is None:
            if not classify(sparql).names_dataset:
                options = {"default_graph": UNION_GRAPH, "named_graphs": self._named}
        else:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs or []]
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or []]
        unknown = {}
        while True:
            try:
                return self._store.query(sparql, base_iri=base_iri, custom_functions=unknown or None,
                                         **options)
            except SyntaxError as error:
                raise QuerySyntaxError(readable_parse_error(str(error)) + _prefix_hint(sparql)) from None
            except RuntimeError as error:
                # SPARQL 1.1 section 17.1: calling a function the engine does not know is an expression
                # error (unbound in a projection, false in a filter), not a failed query; pyoxigraph
                # rejects the query instead, so such functions are given that meaning here.
                match = _UNKNOWN_FUNCTION.fullmatch(str(error))
                if not match or len(unknown) >= 32:
                    raise
                unknown[ox.NamedNode(match.group(1))] = _expression_error

    def quads(self, subject=None, predicate=None, obj=None, graph=None):
        found = self._store.quads_for_pattern(subject, predicate, obj, graph)
        return found if graph is not None else (q for q in found if q.graph_name != UNION_GRAPH)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._named)

    def __len__(self) -> int:
        return self._size

    def query_runner(self, size: int, limits):
        """pyoxigraph cannot interrupt a query: forked workers that can be killed at the time limit."""
        from saxgraph.query.pool import QueryPool

        return QueryPool(self, size=size, limits=limits)


def _prefixes_for(fmt: Format) -> dict[str, str] | None:
    return PREFIXES if fmt.name in ("turtle", "rdfxml") else None


def _prefix_hint(sparql: str) -> str:
    """pyoxigraph reports an undeclared prefix as some unrelated expected token: name it, with the fix."""
    missing = undeclared_prefixes(sparql)
    if not missing:
        return ""
    lines = [f"PREFIX {name}: <{PREFIXES[name]}>" if name in PREFIXES else f"PREFIX {name}: <...>"
             for name in missing]
    return ("\nUndeclared prefix: " + ", ".join(f"{name}:" for name in missing)
            + ". Start the query with:\n" + "\n".join(lines))
