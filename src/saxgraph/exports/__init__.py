"""Whole-dataset exports by format name: the RDF syntaxes (written by the store, except JSON-LD, compacted
with the project's @context by saxgraph.exports.jsonld) and the formats graph tools open (GraphML, GEXF, CSV
node and edge tables: saxgraph.exports.graph_tools). The formats themselves are declared in
saxgraph.formats."""

from typing import BinaryIO

from saxgraph import formats
from saxgraph.errors import UnknownFormatError
from saxgraph.exports.graph_tools import write_csv_zip, write_gexf, write_graphml
from saxgraph.exports.jsonld import write_jsonld

# name -> writer(store, output) for the formats that are not RDF syntaxes
GRAPH_WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "csv": write_csv_zip}
# name -> writer(store, output) for the RDF syntaxes the store's own serialiser does not write as wanted
RDF_WRITERS = {"jsonld": write_jsonld}


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
    if fmt.name in RDF_WRITERS:
        RDF_WRITERS[fmt.name](store, output)
        return
    store.export(fmt, output)
