"""Whole-dataset exports by format name: the RDF syntaxes (written by the store) and the formats graph
tools open (GraphML, GEXF, CSV node and edge tables: saxgraph.exports.graph_tools). The formats themselves
are declared in saxgraph.formats."""

from typing import BinaryIO

from saxgraph import formats
from saxgraph.errors import UnknownFormatError
from saxgraph.exports.graph_tools import write_csv_zip, write_gexf, write_graphml

# name -> writer(store, output) for the formats that are not RDF syntaxes
GRAPH_WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "csv": write_csv_zip}


def export_names() -> list[str]:
    graph_tools = [f.name for f in formats.of_kind(formats.GRAPH_EXPORT)]
    return [f.name for f in formats.of_kind(formats.RDF)] + graph_tools


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
