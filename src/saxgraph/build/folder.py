"""The build folder: what `saxgraph build` writes and the server opens, and how.

    saxgraph.nq          the dataset: sorted N-Quads, one line per quad (byte-identical for the same input)
    manifest.json        its version (sha256 of saxgraph.nq), counts, sources, build phases, the store's name
    store-<hash>/        the same data with its union graph as an on-disk pyoxigraph store, opened read-only

Files are written beside their targets and renamed into place only when all are whole, the store before the
manifest that names it, so a reader never sees a half-written build; one function makes the sorted N-Quads
and one the version from them, for the full build, the public build and the public load alike."""

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from saxgraph.build.sources import default_build_dir
from saxgraph.errors import NoBuildError
from saxgraph.store.dataset import UNION_GRAPH

DATASET_FILE = "saxgraph.nq"
MANIFEST_FILE = "manifest.json"
PREBUILT_PREFIX = "store-"  # store-<hash>/: the dataset as an on-disk pyoxigraph store, opened read-only


def sorted_nquads(quads: Iterable) -> bytes:
    """Sorted N-Quads of `quads` (pyoxigraph Quads, or (s, p, o, g) tuples of its terms): the same quads
    give byte-identical output, whatever their order (pyoxigraph writes, Python sorts)."""
    text = ox.serialize((q if isinstance(q, ox.Quad) else ox.Quad(*q) for q in quads),
                        format=ox.RdfFormat.N_QUADS)
    lines = text.splitlines(keepends=True)
    lines.sort()
    return b"".join(lines)


def version_of(nquads: bytes) -> str:
    """The dataset's version: the hash of its sorted N-Quads (ETags, caches and /health derive from it)."""
    return "sha256:" + hashlib.sha256(nquads).hexdigest()


def derived_store(store, kept: list[ox.Quad], note: str, **manifest):
    """A Store of `kept` (quads filtered out of `store`'s) with its own version and counts in its manifest:
    the same quads, and version, as a build that leaves the same out (public mode, no curation)."""
    from saxgraph.store.dataset import Store

    body = sorted_nquads(kept)
    graphs: dict[str, int] = {}
    for q in kept:
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        graphs[name] = graphs.get(name, 0) + 1
    counts = {"hash": version_of(body), "quads": len(kept), "graphs": dict(sorted(graphs.items())),
              "triples": len({(q.subject, q.predicate, q.object) for q in kept})}
    derived = Store.from_nquads(body, {**store.manifest, **counts, **manifest})
    derived.origin = f"{store.origin} ({note})"
    return derived


def folder(out_dir: Path | str | None = None) -> Path:
    return Path(out_dir) if out_dir else default_build_dir()


def read_manifest(out_dir: Path | None = None) -> dict | None:
    path = folder(out_dir) / MANIFEST_FILE
    return json.loads(path.read_text()) if path.is_file() else None


def has_build(out_dir: Path | None = None) -> bool:
    return (folder(out_dir) / DATASET_FILE).is_file()


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write every file beside its target first and rename into place only when all are written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in files:  # what a build killed mid-write left behind (never read: the targets are untouched)
        for leftover in out_dir.glob(f".{name}.*"):
            leftover.unlink(missing_ok=True)
    staged = []
    try:
        for name, content in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=out_dir)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((tmp, out_dir / name))
    except BaseException:
        for tmp, _ in staged:
            os.unlink(tmp)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)


def write_build(out_dir: Path, nquads: bytes, manifest: dict) -> None:
    """The dataset and its manifest, atomically (the store the manifest names must be written first)."""
    manifest_text = json.dumps(manifest, indent=2) + "\n"
    write_atomically(out_dir, {DATASET_FILE: nquads, MANIFEST_FILE: manifest_text.encode()})


def stage_dataset(out_dir: Path) -> Path:
    """A new, empty file beside the dataset to write it into (commit_build renames it into place); what
    an interrupted build left behind is removed first."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for leftover in out_dir.glob(f".{DATASET_FILE}.*"):
        leftover.unlink(missing_ok=True)
    fd, path = tempfile.mkstemp(prefix=f".{DATASET_FILE}.", dir=out_dir)
    os.close(fd)
    return Path(path)


def commit_build(out_dir: Path, staged_dataset: Path, manifest: dict) -> None:
    """The staged dataset (stage_dataset) and its manifest renamed into place, the dataset first; the store
    the manifest names must be written before."""
    with open(staged_dataset, "rb") as handle:
        os.fsync(handle.fileno())
    manifest_text = json.dumps(manifest, indent=2) + "\n"
    for leftover in out_dir.glob(f".{MANIFEST_FILE}.*"):
        leftover.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{MANIFEST_FILE}.", dir=out_dir)
    with os.fdopen(fd, "wb") as handle:
        handle.write(manifest_text.encode())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(staged_dataset, out_dir / DATASET_FILE)
    os.replace(tmp, out_dir / MANIFEST_FILE)


def consistent_build(out_dir: Path, attempts: int = 5) -> tuple[dict, bytes]:
    """The dataset's bytes and the manifest that describes them. A build replaces the two files one after
    the other (each atomically), so a reader between the two renames sees a new dataset beside the old
    manifest: the manifest's hash tells, and the reader waits for the second rename."""
    dataset, manifest_path = Path(out_dir) / DATASET_FILE, Path(out_dir) / MANIFEST_FILE
    for _ in range(attempts):
        data = dataset.read_bytes()
        manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
        expected = manifest.get("hash")
        if expected is None or expected == version_of(data):
            return manifest, data
        time.sleep(0.2)
    raise NoBuildError(f"{dataset} does not match the hash in {manifest_path}: a build is still being "
                       "written, or the files were changed by hand; run `saxgraph build` again")



# The graph of an N-Quads line is its last term, always an IRI in a build: dropping it gives N-Triples.
_GRAPH_OF_LINE = re.compile(rb' <[^<>"\s]*> \.$', re.MULTILINE)


def prebuilt_name(version: str) -> str:
    return PREBUILT_PREFIX + version.rsplit(":", 1)[-1][:16]


def write_prebuilt(out_dir: Path, nquads: bytes | Path, version: str,
                   union: bytes | Path | None = None) -> str:
    """The dataset and its union graph as an on-disk pyoxigraph store in out_dir; returns its folder name.
    `nquads` are the dataset's N-Quads (bytes, or a file: bulk-loaded from there), `union` its distinct
    triples as N-Triples (derived from `nquads` when not given).

    Written under a temporary name and renamed into place when complete, so a folder of that name is
    always whole; named by the data's hash, so a server holding an older one open keeps its files."""
    name = prebuilt_name(version)
    target = Path(out_dir) / name
    if target.is_dir():
        return name  # the same data, already prepared
    if union is None:
        union = _GRAPH_OF_LINE.sub(b" .", nquads if isinstance(nquads, bytes) else Path(nquads).read_bytes())
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out_dir))
    try:
        store = ox.Store(str(staging))
        _bulk_load(store, nquads, ox.RdfFormat.N_QUADS)
        # a set: a triple stated in several graphs is stored once in the union
        _bulk_load(store, union, ox.RdfFormat.N_TRIPLES, to_graph=UNION_GRAPH)
        store.flush()
        store.optimize()
        del store  # closes the database before the rename
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return name


def _bulk_load(store: ox.Store, data: bytes | Path, fmt, **options) -> None:
    if isinstance(data, bytes):
        store.bulk_load(data, format=fmt, **options)
    else:
        store.bulk_load(path=str(data), format=fmt, **options)


def remove_stale_prebuilt(out_dir: Path, keep: set[str]) -> None:
    """Prebuilt stores of older builds (and leftovers of interrupted ones), except those in `keep`."""
    for path in Path(out_dir).iterdir():
        stale = path.name.startswith(PREBUILT_PREFIX) or path.name.startswith("." + PREBUILT_PREFIX)
        if stale and path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
