"""The read-only dataset behind every query: one interface (`Dataset`), two backends: the embedded
pyoxigraph `Store` over a build here, and `saxgraph.remote.RemoteStore` over a SPARQL endpoint."""

import json
import os
import re
import shutil
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from saxgraph.errors import NoBuildError, QuerySyntaxError
from saxgraph.formats import RDF, Format, by_extension
from saxgraph.namespaces import PREFIXES
from saxgraph.sparql_text import classify, undeclared_prefixes

DATASET_FILE = "saxgraph.nq"
MANIFEST_FILE = "manifest.json"
PREBUILT_PREFIX = "store-"  # build/store-<hash>/: the dataset as an on-disk pyoxigraph store, opened read-only
# Up to this many quads a build is loaded into memory by default (a few seconds at most here; its queries run
# 2-6x faster than on the on-disk store); a larger one is opened on disk (milliseconds at any size).
IN_MEMORY_MAX_QUADS = 250_000


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
        `limits` (saxgraph.query_runner.Limits)."""

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

    def __init__(self, store: ox.Store, manifest: dict | None = None, origin: str = "", prebuilt: bool = False):
        """`prebuilt`: the store already holds the union graph (written by `write_prebuilt`) and is read-only."""
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
    def open_build(cls, build_dir: Path | None = None, build_if_missing: bool = True, progress=None,
                   in_memory: bool | str = "auto") -> "Store":
        """The last good build; builds first when there is none and `build_if_missing`.

        `in_memory`: True loads the N-Quads into memory (seconds per million quads, faster queries); False
        opens the build's prebuilt on-disk store read-only (milliseconds at any size); "auto" loads builds of
        up to IN_MEMORY_MAX_QUADS quads into memory. A build without a prebuilt store is loaded into memory."""
        from saxgraph.build import build
        from saxgraph.sources import default_build_dir

        build_dir = Path(build_dir) if build_dir else default_build_dir()
        dataset, manifest_path = build_dir / DATASET_FILE, build_dir / MANIFEST_FILE
        if not dataset.is_file():
            if not build_if_missing:
                raise NoBuildError(f"no build in {build_dir}: run `saxgraph build` first")
            build(out_dir=build_dir, progress=progress or (lambda _: None))
        manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
        prebuilt = manifest.get("store")
        if in_memory == "auto":
            in_memory = manifest.get("quads", 0) <= IN_MEMORY_MAX_QUADS
        if prebuilt and not in_memory and (build_dir / prebuilt).is_dir():
            # named by the data's hash and renamed into place only when whole: it matches its manifest
            return cls(ox.Store.read_only(str(build_dir / prebuilt)), manifest, origin=str(build_dir / prebuilt),
                       prebuilt=True)
        manifest, data = _consistent_build(dataset, manifest_path)
        store = cls.from_nquads(data, manifest)
        store.origin = str(dataset)
        return store

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
                return self._store.query(sparql, base_iri=base_iri, custom_functions=unknown or None, **options)
            except SyntaxError as error:
                raise QuerySyntaxError(str(error) + _prefix_hint(sparql)) from None
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
        from saxgraph.query_runner import QueryPool

        return QueryPool(self, size=size, limits=limits)


def _consistent_build(dataset: Path, manifest_path: Path, attempts: int = 5) -> tuple[dict, bytes]:
    """The dataset's bytes and the manifest that describes them. A build replaces the two files one after
    the other (each atomically), so a reader between the two renames sees a new dataset beside the old
    manifest: the manifest's hash tells, and the reader waits for the second rename."""
    import hashlib
    import time

    for _ in range(attempts):
        data = dataset.read_bytes()
        manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
        expected = manifest.get("hash")
        if expected is None or expected == "sha256:" + hashlib.sha256(data).hexdigest():
            return manifest, data
        time.sleep(0.2)
    raise NoBuildError(f"{dataset} does not match the hash in {manifest_path}: a build is still being "
                       "written, or the files were changed by hand; run `saxgraph build` again")


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


# --- the prebuilt on-disk store ------------------------------------------------------------------------

# The graph of an N-Quads line is its last term, always an IRI in a build: dropping it gives N-Triples.
_GRAPH_OF_LINE = re.compile(rb' <[^<>"\s]*> \.$', re.MULTILINE)


def prebuilt_name(version: str) -> str:
    return PREBUILT_PREFIX + version.rsplit(":", 1)[-1][:16]


def write_prebuilt(out_dir: Path, nquads: bytes, version: str) -> str:
    """The dataset and its union graph as an on-disk pyoxigraph store in out_dir; returns its folder name.

    Written under a temporary name and renamed into place when complete, so a folder of that name is
    always whole; named by the data's hash, so a server holding an older one open keeps its files."""
    name = prebuilt_name(version)
    target = Path(out_dir) / name
    if target.is_dir():
        return name  # the same data, already prepared
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out_dir))
    try:
        store = ox.Store(str(staging))
        store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        # a set: a triple stated in several graphs is stored once in the union
        store.bulk_load(_GRAPH_OF_LINE.sub(b" .", nquads), format=ox.RdfFormat.N_TRIPLES, to_graph=UNION_GRAPH)
        store.flush()
        store.optimize()
        del store  # closes the database before the rename
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return name


def remove_stale_prebuilt(out_dir: Path, keep: set[str]) -> None:
    """Prebuilt stores of older builds (and leftovers of interrupted ones), except those in `keep`."""
    for path in Path(out_dir).iterdir():
        stale = path.name.startswith(PREBUILT_PREFIX) or path.name.startswith("." + PREBUILT_PREFIX)
        if stale and path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
