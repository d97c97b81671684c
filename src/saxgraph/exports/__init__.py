"""Whole-dataset exports by format name: the RDF syntaxes (written by the store, except JSON-LD, compacted
with the project's @context by saxgraph.exports.jsonld) and the formats graph tools open (GraphML, GEXF, CSV
node and edge tables: saxgraph.exports.graph_tools), those also domain only (without the vocabulary). The
formats themselves are declared in saxgraph.formats; the files of /download/ (and of the dataset
description) are listed here, by `dump_files`."""

from dataclasses import dataclass
from typing import BinaryIO

from saxgraph import formats
from saxgraph.errors import SaxgraphError, UnknownFormatError
from saxgraph.exports.graph_tools import write_csv_zip, write_gexf, write_graphml
from saxgraph.exports.jsonld import write_jsonld

# name -> writer(store, output, domain_only) for the formats that are not RDF syntaxes
GRAPH_WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "csv": write_csv_zip}
# name -> writer(store, output) for the RDF syntaxes the store's own serialiser does not write as wanted
RDF_WRITERS = {"jsonld": write_jsonld}
DUMP_NAME, DOMAIN_DUMP_NAME = "saxgraph", "saxgraph-domain"


@dataclass(frozen=True)
class DumpFile:
    """A file of /download/: the dataset in a format, for graph tools also domain only."""
    fmt: formats.Format
    domain_only: bool = False

    @property
    def filename(self) -> str:
        return f"{DOMAIN_DUMP_NAME if self.domain_only else DUMP_NAME}.{self.fmt.extension}"

    @property
    def label(self) -> str:
        return f"{self.fmt.label}, domain only" if self.domain_only else self.fmt.label

    @property
    def command(self) -> str:
        return f"saxgraph export --format {self.fmt.name}" + (" --domain-only" if self.domain_only else "")


def dump_files() -> list[DumpFile]:
    """Every file of /download/: the RDF syntaxes, the graph-tool exports, then those domain only."""
    tools = formats.of_kind(formats.GRAPH_EXPORT)
    return ([DumpFile(f) for f in formats.of_kind(formats.RDF)] + [DumpFile(f) for f in tools]
            + [DumpFile(f, domain_only=True) for f in tools])


def export_names() -> list[str]:
    graph_tools = [f.name for f in formats.of_kind(formats.GRAPH_EXPORT)]
    return [f.name for f in formats.of_kind(formats.RDF)] + graph_tools


def check(name: str, domain_only: bool = False) -> None:
    """Refuse an unknown format, and domain only for an RDF syntax (which has every triple or none)."""
    if name not in GRAPH_WRITERS:
        try:
            formats.by_name(name, formats.RDF)
        except UnknownFormatError:
            known = ", ".join(export_names())
            raise UnknownFormatError(f"unknown export format {name!r}; known: {known}") from None
    if domain_only and name not in GRAPH_WRITERS:
        raise SaxgraphError(f"--domain-only is for the graph-tool formats ({', '.join(GRAPH_WRITERS)}), "
                            f"not {name}")


def export(store, name: str, output: BinaryIO, domain_only: bool = False) -> None:
    check(name, domain_only)
    if name in GRAPH_WRITERS:
        GRAPH_WRITERS[name](store, output, domain_only=domain_only)
        return
    fmt = formats.by_name(name, formats.RDF)
    if fmt.name in RDF_WRITERS:
        RDF_WRITERS[fmt.name](store, output)
        return
    store.export(fmt, output)
