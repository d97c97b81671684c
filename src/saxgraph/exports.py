"""Whole-dataset exports by format name: RDF syntaxes here, graph-tool formats registered by graphtools."""

from typing import BinaryIO

from saxgraph import formats
from saxgraph.errors import UnknownFormatError

# name -> writer(store, output) for formats that are not RDF syntaxes (GraphML, GEXF, CSV edge lists).
GRAPH_WRITERS = {}


def export_names() -> list[str]:
    return [f.name for f in formats.of_kind(formats.RDF)] + sorted(GRAPH_WRITERS)


def export(store, name: str, output: BinaryIO) -> None:
    if name in GRAPH_WRITERS:
        GRAPH_WRITERS[name](store, output)
        return
    try:
        fmt = formats.by_name(name, formats.RDF)
    except UnknownFormatError:
        known = ", ".join(export_names())
        raise UnknownFormatError(f"unknown export format {name!r}; known: {known}") from None
    store.export(fmt, output)


# The graph-tool writers register themselves in GRAPH_WRITERS and the format registry on import.
from saxgraph import graphtools  # noqa: E402,F401
