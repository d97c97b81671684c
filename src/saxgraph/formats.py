"""The one registry of formats: media type, extension and serialiser, used by every view and the CLI."""

from dataclasses import dataclass, field

import pyoxigraph as ox

from saxgraph.errors import UnknownFormatError

RDF = "rdf"  # graphs and datasets
RESULTS = "results"  # SELECT / ASK results
GRAPH_EXPORT = "graph-export"  # node/edge exports for graph tools
PAGE = "page"  # human-readable pages


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    kind: str
    label: str
    ox_format: object = None
    datasets: bool = False  # keeps named graphs
    aliases: tuple[str, ...] = field(default=())  # other media types clients send for it
    charset: bool = True

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.charset else self.media_type


FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", "ttl", RDF, "Turtle", ox.RdfFormat.TURTLE,
           aliases=("application/x-turtle", "application/turtle")),
    Format("ntriples", "application/n-triples", "nt", RDF, "N-Triples", ox.RdfFormat.N_TRIPLES,
           aliases=("text/plain",)),
    Format("nquads", "application/n-quads", "nq", RDF, "N-Quads", ox.RdfFormat.N_QUADS, datasets=True,
           aliases=("text/x-nquads",)),
    Format("trig", "application/trig", "trig", RDF, "TriG", ox.RdfFormat.TRIG, datasets=True,
           aliases=("application/x-trig",)),
    Format("jsonld", "application/ld+json", "jsonld", RDF, "JSON-LD", ox.RdfFormat.JSON_LD, datasets=True),
    Format("rdfxml", "application/rdf+xml", "rdf", RDF, "RDF/XML", ox.RdfFormat.RDF_XML,
           aliases=("application/xml", "text/xml")),
    Format("html", "text/html", "html", PAGE, "HTML", aliases=("application/xhtml+xml",)),
    Format("json", "application/sparql-results+json", "srj", RESULTS, "SPARQL JSON",
           ox.QueryResultsFormat.JSON, aliases=("application/json",)),
    Format("xml", "application/sparql-results+xml", "srx", RESULTS, "SPARQL XML",
           ox.QueryResultsFormat.XML, aliases=("application/xml", "text/xml")),
    Format("csv", "text/csv", "csv", RESULTS, "CSV", ox.QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", "tsv", RESULTS, "TSV", ox.QueryResultsFormat.TSV),
)


def register(fmt: Format) -> None:
    """Add a format (the graph-tool exports register themselves here)."""
    global FORMATS
    if any(f.name == fmt.name and f.kind == fmt.kind for f in FORMATS):
        return
    FORMATS = FORMATS + (fmt,)


def of_kind(kind: str) -> tuple[Format, ...]:
    return tuple(f for f in FORMATS if f.kind == kind)


def by_name(name: str, kind: str) -> Format:
    for f in of_kind(kind):
        if name in (f.name, f.extension):
            return f
    known = ", ".join(f.name for f in of_kind(kind))
    raise UnknownFormatError(f"unknown {kind} format {name!r}; known: {known}")


def by_extension(extension: str, kind: str) -> Format | None:
    return next((f for f in of_kind(kind) if f.extension == extension), None)


def by_media_type(media_type: str, kind: str) -> Format | None:
    media_type = media_type.split(";", 1)[0].strip().lower()
    for f in of_kind(kind):
        if media_type == f.media_type:
            return f
    return next((f for f in of_kind(kind) if media_type in f.aliases), None)
