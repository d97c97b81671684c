"""The one place that decides which data a command or the server works on: a remote store (--backend),
given data files, or the build (opened, or built first), then filtered: without the curation graph
(no_curation), without personal data (public mode)."""

from pathlib import Path

from saxgraph.errors import SaxgraphError
from saxgraph.evidence import NO_CURATION_FOR_REMOTE_STORES, uncurated_store
from saxgraph.personal_data import NOT_FOR_REMOTE_STORES, public_store
from saxgraph.store import Dataset, Store


def open_dataset(*, backend: str | None = None, backend_auth: str | None = None, timeout: float = 300.0,
                 data_files=None, build_dir: Path | str | None = None, build_if_missing: bool = True,
                 in_memory: bool | str = "auto", public: bool = False, no_curation: bool = False,
                 progress=None) -> Dataset:
    """`backend`: a SPARQL endpoint URL (its Graph Store at the same place, see saxgraph.remote);
    `data_files`: Turtle/N-Quads files (a list, or a comma-separated string); otherwise the build in
    `build_dir` (built first when missing and `build_if_missing`). Public mode and no_curation refuse a
    remote store: its data cannot be filtered as they are served."""
    if backend:
        if public:
            raise SaxgraphError(NOT_FOR_REMOTE_STORES)
        if no_curation:
            raise SaxgraphError(NO_CURATION_FOR_REMOTE_STORES)
        from saxgraph.http_client import parse_auth
        from saxgraph.remote import RemoteStore

        return RemoteStore(backend, parse_auth(backend_auth), timeout=timeout)
    if data_files:
        if isinstance(data_files, str):
            data_files = data_files.split(",")
        store = Store.from_files([Path(f) for f in data_files])
    else:
        store = Store.open_build(Path(build_dir) if build_dir else None, build_if_missing=build_if_missing,
                                 progress=progress, in_memory=in_memory)
    return filtered(store, public=public, no_curation=no_curation)


def filtered(store: Store, public: bool = False, no_curation: bool = False) -> Store:
    """The curation graph left out first, then personal data: the order `saxgraph build` filters in, so
    the result has the same quads and hash as a build with the same switches."""
    if no_curation and store.manifest.get("curation", True):
        store = uncurated_store(store)
    if public:
        store = public_store(store)
    return store
