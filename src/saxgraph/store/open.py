"""The one place that decides which data a command or the server works on: a remote store (--backend),
given data files, or the build (opened, or built first), then filtered: without the curation graph
(no_curation), without personal data (public mode)."""

from pathlib import Path

import pyoxigraph as ox

from saxgraph.build import folder
from saxgraph.build.curation import NO_CURATION_FOR_REMOTE_STORES, uncurated_store
from saxgraph.build.personal_data import NOT_FOR_REMOTE_STORES, public_store
from saxgraph.errors import NoBuildError, SaxgraphError
from saxgraph.store.dataset import Dataset, Store

# Up to this many quads a build is loaded into memory by default (a few seconds at most here; its queries run
# 2-6x faster than on the on-disk store); a larger one is opened on disk (milliseconds at any size).
IN_MEMORY_MAX_QUADS = 250_000


def open_dataset(*, store: Dataset | None = None, backend: str | None = None, backend_auth: str | None = None,
                 timeout: float = 300.0, data_files=None, build_dir: Path | str | None = None,
                 build_if_missing: bool = True,
                 in_memory: bool | str = "auto", public: bool = False, no_curation: bool = False,
                 progress=None) -> Dataset:
    """`store`: a Dataset already open (tests, embedding); `backend`: a SPARQL endpoint URL (its Graph Store
    at the same place, see saxgraph.store.remote);
    `data_files`: Turtle/N-Quads files (a list, or a comma-separated string); otherwise the build in
    `build_dir` (built first when missing and `build_if_missing`). Public mode and no_curation refuse a
    remote store: its data cannot be filtered as they are served."""
    if backend:
        if public:
            raise SaxgraphError(NOT_FOR_REMOTE_STORES)
        if no_curation:
            raise SaxgraphError(NO_CURATION_FOR_REMOTE_STORES)
        from saxgraph.store.http_client import parse_auth
        from saxgraph.store.remote import RemoteStore

        return RemoteStore(backend, parse_auth(backend_auth), timeout=timeout)
    if store is None and data_files:
        if isinstance(data_files, str):
            data_files = data_files.split(",")
        store = Store.from_files([Path(f) for f in data_files])
    elif store is None:
        store = open_build(build_dir, build_if_missing=build_if_missing, progress=progress,
                           in_memory=in_memory)
    return filtered(store, public=public, no_curation=no_curation)


def filtered(store: Store, public: bool = False, no_curation: bool = False) -> Store:
    """The curation graph left out first, then personal data: the order `saxgraph build` filters in, so
    the result has the same quads and hash as a build with the same switches."""
    if no_curation and store.manifest.get("curation", True):
        store = uncurated_store(store)
    if public:
        store = public_store(store)
    return store


def open_build(build_dir: Path | str | None = None, build_if_missing: bool = True, progress=None,
               in_memory: bool | str = "auto") -> Store:
    """The last good build; builds first when there is none and `build_if_missing`.

    `in_memory`: True loads the N-Quads into memory (seconds per million quads, faster queries); False
    opens the build's prebuilt on-disk store read-only (milliseconds at any size); "auto" loads builds of
    up to IN_MEMORY_MAX_QUADS quads into memory. A build without a prebuilt store is loaded into memory."""
    from saxgraph.build.pipeline import build

    build_dir = folder.folder(build_dir)
    if not folder.has_build(build_dir):
        if not build_if_missing:
            raise NoBuildError(f"no build in {build_dir}: run `saxgraph build` first")
        build(out_dir=build_dir, progress=progress or (lambda _: None))
    manifest = folder.read_manifest(build_dir) or {}
    prebuilt = manifest.get("store")
    if in_memory == "auto":
        in_memory = manifest.get("quads", 0) <= IN_MEMORY_MAX_QUADS
    if prebuilt and not in_memory and (build_dir / prebuilt).is_dir():
        # named by the data's hash and renamed into place only when whole: it matches its manifest
        location = str(build_dir / prebuilt)
        return Store(ox.Store.read_only(location), manifest, origin=location, prebuilt=True)
    manifest, data = folder.consistent_build(build_dir)
    store = Store.from_nquads(data, manifest)
    store.origin = str(build_dir / folder.DATASET_FILE)
    return store

