"""Whole-dataset exports by format name: RDF syntaxes here, graph-tool formats registered by graphtools."""

from typing import BinaryIO

from saxgraph import formats

# name -> writer(store, output) for formats that are not RDF syntaxes (GraphML, GEXF, CSV edge lists).
GRAPH_WRITERS = {}


def export_names() -> list[str]:
    return [f.name for f in formats.of_kind(formats.RDF)] + sorted(GRAPH_WRITERS)


def export(store, name: str, output: BinaryIO) -> None:
    if name in GRAPH_WRITERS:
        GRAPH_WRITERS[name](store, output)
        return
    store.export(formats.by_name(name, formats.RDF), output)


# The graph-tool writers register themselves in GRAPH_WRITERS and the format registry on import.
from saxgraph import graphtools  # noqa: E402,F401
