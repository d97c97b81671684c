"""Where the curated sources (ontology, shapes, data) and the build output live."""

import os
from dataclasses import dataclass
from pathlib import Path

from saxgraph import settings
from saxgraph.namespaces import CURATION_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, graph_iri

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # src/saxgraph (the package), beside src/ in a checkout


def source_root() -> Path:
    """The folder holding ontology/, shapes/ and data/: the checkout, else the installed package data."""
    env = settings.get("SOURCE_ROOT")
    if env:
        return Path(env)
    checkout = PACKAGE_DIR.parents[1]
    if (checkout / "ontology" / "saxgraph.ttl").is_file() and (checkout / "pyproject.toml").is_file():
        return checkout
    return PACKAGE_DIR / "resources"


def default_build_dir() -> Path:
    env = settings.get("BUILD_DIR")
    if env:
        return Path(env)
    root = source_root()
    if root != PACKAGE_DIR / "resources":
        return root / "build"
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "saxgraph" / "build"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    graph: str  # graph slug: a document slug, "reference" or "ontology"

    @property
    def graph_iri(self):
        return graph_iri(self.graph)


@dataclass(frozen=True)
class Sources:
    ontology: tuple[SourceFile, ...]
    shapes: tuple[Path, ...]
    data: tuple[SourceFile, ...]
    texts: Path | None = None  # data/sources/: the documents themselves, which the quotes are checked against

    @property
    def all_rdf(self) -> tuple[SourceFile, ...]:
        return self.ontology + self.data


def graph_slug_for(path: Path, data_dir: Path) -> str:
    """data/<slug>.ttl and data/<slug>.<part>.ttl go to graph <slug>; data/reference/* to 'reference',
    data/curation/* to 'curation'."""
    relative = path.relative_to(data_dir)
    if relative.parts[0] == "reference":
        return REFERENCE_GRAPH
    if relative.parts[0] == "curation":
        return CURATION_GRAPH
    return relative.name.split(".", 1)[0]


def discover(root: Path | None = None, data_files: list[Path] | None = None) -> Sources:
    root = Path(root) if root else source_root()
    data_dir = root / "data"
    if data_files is None:
        files = sorted(data_dir.rglob("*.ttl"))
    else:
        files = sorted(Path(p).resolve() for p in data_files)
    data = []
    for path in files:
        try:
            slug = graph_slug_for(path.resolve(), data_dir.resolve())
        except ValueError:
            slug = path.name.split(".", 1)[0]
        data.append(SourceFile(path, slug))
    return Sources(
        ontology=tuple(SourceFile(p, ONTOLOGY_GRAPH) for p in sorted((root / "ontology").glob("*.ttl"))),
        shapes=tuple(sorted((root / "shapes").glob("*.ttl"))),
        data=tuple(data),
        texts=data_dir / "sources",
    )
