"""`saxgraph publish`: push a validated build into any store that speaks the SPARQL 1.1 Graph Store HTTP
Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/), then verify it by SPARQL.

Each named graph of the build, then the union graph that serves as the default graph (each triple once),
is replaced by one PUT of its N-Triples: the store swaps a graph in one transaction, so no graph is ever
left half written, and publishing the same build again changes nothing. Graphs under the project's graph
base that the build no longer has are deleted. Afterwards the triple count of every graph is read back by
SPARQL and compared with the build manifest; then the build's hash is recorded in one more small graph,
which is the dataset version (ETags) the replicas serve.
"""

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

from saxgraph import formats
from saxgraph.build.folder import DATASET_FILE, read_manifest
from saxgraph.build.sources import default_build_dir
from saxgraph.errors import NoBuildError, PublishError, SaxgraphError
from saxgraph.store.dataset import UNION_GRAPH
from saxgraph.store.http_client import HttpClient

N_TRIPLES = formats.by_name("ntriples", formats.RDF).media_type
# the query endpoint beside each store's Graph Store endpoint, by the GSP endpoint's path
QUERY_PATHS = {"/store": "/query", "/sparql-graph-crud-auth": "/sparql", "/sparql-graph-crud": "/sparql",
               "/data": "/sparql"}


@dataclass
class PublishReport:
    published: dict[str, int]  # graph IRI -> triples, as verified in the store
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def default_query_endpoint(store_url: str) -> str:
    """Oxigraph's /store -> /query, Virtuoso's /sparql-graph-crud[-auth] -> /sparql, Fuseki's /ds/data ->
    /ds/sparql; anything else must be given."""
    parts = urlsplit(store_url)
    for suffix, query_path in QUERY_PATHS.items():
        if parts.path.endswith(suffix):
            path = parts.path[: -len(suffix)] + query_path
            return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    raise ValueError(f"cannot tell the SPARQL query endpoint of {store_url}: give --query-endpoint")


def graph_url(store_url: str, graph: str) -> str:
    """The GSP URL of one graph: `?graph=` (the standard), or after a store's own parameter when the URL
    ends with it (Virtuoso: `...?graph-uri=`)."""
    if store_url.endswith("="):
        return store_url + quote(graph, safe="")
    return f"{store_url}{'&' if '?' in store_url else '?'}graph={quote(graph, safe='')}"


def load_build(build_dir: Path | None = None) -> tuple[dict, dict[str, list[ox.Triple]]]:
    """The manifest and the triples of each graph of a build, checked against each other."""
    build_dir = Path(build_dir) if build_dir else default_build_dir()
    manifest, dataset = read_manifest(build_dir), build_dir / DATASET_FILE
    if manifest is None or not dataset.is_file():
        raise NoBuildError(f"no build in {build_dir}: run `saxgraph build` first")
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(dataset), format=ox.RdfFormat.N_QUADS):
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise NoBuildError(f"{dataset} has triples outside a named graph; it is not a saxgraph build")
        graphs[quad.graph_name.value].append(quad.triple)
    counts = {g: len(t) for g, t in graphs.items()}
    if counts != manifest.get("graphs"):
        raise NoBuildError(f"{dataset} does not match its manifest: rebuild with `saxgraph build`")
    return manifest, dict(graphs)


def publish(store_url: str, query_endpoint: str | None = None, auth: tuple[str, str] | None = None,
            build_dir: Path | None = None, timeout: float = 300.0,
            progress: Callable[[str], None] = lambda _: None) -> PublishReport:
    from saxgraph.store.remote import BUILD_HASH, PUBLICATION_GRAPH, RemoteStore

    started = time.perf_counter()
    query_endpoint = query_endpoint or default_query_endpoint(store_url)
    manifest, graphs = load_build(build_dir)
    union = sorted({t for triples in graphs.values() for t in triples}, key=str)
    plan = [(iri, sorted(graphs[iri], key=str)) for iri in sorted(graphs)] + [(UNION_GRAPH.value, union)]
    expected = {iri: len(set(triples)) for iri, triples in plan}
    client = HttpClient(auth)
    done: list[str] = []
    # until this publication is complete, the store carries no build hash: a replica started meanwhile
    # serves what it finds under a version of its own, never the previous build's
    try:
        client.request("DELETE", graph_url(store_url, PUBLICATION_GRAPH.value), timeout=timeout)
    except SaxgraphError as error:
        raise _stopped(f"the store at {store_url} cannot be reached: {error}", done, plan) from None
    for iri, triples in plan:
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        try:
            reply = client.request("PUT", graph_url(store_url, iri), body,
                                   {"Content-Type": N_TRIPLES}, timeout=timeout)
        except SaxgraphError as error:
            raise _stopped(f"PUT {iri} failed: {error}", done, plan) from None
        if reply.status not in (200, 201, 204):
            raise _stopped(f"PUT {iri} answered {reply.status}: {reply.text.strip()[:500]}", done, plan)
        done.append(iri)
        progress(f"published {iri} ({len(triples)} triples)")

    try:
        remote = RemoteStore(query_endpoint, auth, timeout=timeout)
    except SaxgraphError as error:
        raise PublishError(f"all graphs were sent, but reading them back from {query_endpoint} failed: "
                           f"{error}", done, []) from None
    found = {**remote.manifest["graphs"], UNION_GRAPH.value: remote.manifest["triples"]}
    removed = []
    for stale in sorted(set(found) - set(expected)):
        reply = client.request("DELETE", graph_url(store_url, stale), timeout=timeout)
        if reply.status not in (200, 204, 404):
            raise PublishError(f"DELETE of the stale graph {stale} answered {reply.status}", done, [])
        removed.append(stale)
        progress(f"removed {stale} (not in this build)")
    wrong = {iri: (n, found.get(iri, 0)) for iri, n in expected.items() if found.get(iri, 0) != n}
    if wrong:
        detail = "; ".join(f"{iri}: {n} in the build, {got} in the store" for iri, (n, got) in wrong.items())
        verified = [i for i in done if i not in wrong]
        raise PublishError(f"verification failed: {detail}", verified, list(wrong))
    progress(f"verified {len(expected)} graphs by SPARQL at {query_endpoint}: counts match the build "
             f"({manifest['hash'][:19]}…)")
    record = ox.serialize([ox.Triple(PUBLICATION_GRAPH, BUILD_HASH, ox.Literal(manifest["hash"]))],
                          format=ox.RdfFormat.N_TRIPLES)
    reply = client.request("PUT", graph_url(store_url, PUBLICATION_GRAPH.value), record,
                           {"Content-Type": N_TRIPLES}, timeout=timeout)
    if reply.status not in (200, 201, 204):
        raise PublishError(f"the graphs are published and verified, but recording the build's hash in "
                           f"{PUBLICATION_GRAPH.value} answered {reply.status}", done,
                           [PUBLICATION_GRAPH.value])
    return PublishReport({iri: found[iri] for iri in expected}, removed, time.perf_counter() - started)


def _stopped(message: str, done: list[str], plan) -> PublishError:
    pending = [iri for iri, _ in plan if iri not in done]
    return PublishError(message + " (every graph sent before is complete; the rest keep their previous "
                        "content: publish again to finish)", list(done), pending)
