"""The one registry of formats: name, media type, extension and pyoxigraph's writer of each, declared here
once, with the one order in which they are offered; every view, the CLI, the exports and the store clients
read them from here (no module adds a format as a side effect of being imported)."""

from dataclasses import dataclass, field

import pyoxigraph as ox

from saxgraph.errors import UnknownFormatError

RDF = "rdf"  # graphs and datasets
RESULTS = "results"  # SELECT / ASK results
GRAPH_EXPORT = "graph-export"  # node/edge exports for graph tools
PAGE = "page"  # human-readable pages and their JSON twins

# Request bodies of the SPARQL protocol (not formats anything is written in)
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


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
    names: tuple[str, ...] = field(default=())  # other names clients put in format=/output=/results=
    charset: bool = True

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.charset else self.media_type

    def called(self, value: str) -> bool:
        """Whether a client naming a format `value` (a name, an extension or a media type) means this one."""
        return value in (self.name, self.extension, self.media_type, *self.aliases, *self.names)


FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", "ttl", RDF, "Turtle", ox.RdfFormat.TURTLE,
           aliases=("application/x-turtle", "application/turtle"), names=("n3",)),
    Format("jsonld", "application/ld+json", "jsonld", RDF, "JSON-LD", ox.RdfFormat.JSON_LD, datasets=True,
           names=("json", "json-ld")),
    Format("rdfxml", "application/rdf+xml", "rdf", RDF, "RDF/XML", ox.RdfFormat.RDF_XML,
           aliases=("application/xml", "text/xml"), names=("xml", "rdf+xml")),
    Format("ntriples", "application/n-triples", "nt", RDF, "N-Triples", ox.RdfFormat.N_TRIPLES,
           aliases=("text/plain",)),
    Format("trig", "application/trig", "trig", RDF, "TriG", ox.RdfFormat.TRIG, datasets=True,
           aliases=("application/x-trig",)),
    Format("nquads", "application/n-quads", "nq", RDF, "N-Quads", ox.RdfFormat.N_QUADS, datasets=True,
           aliases=("text/x-nquads",)),
    Format("html", "text/html", "html", PAGE, "HTML", aliases=("application/xhtml+xml",)),
    Format("json", "application/json", "json", PAGE, "JSON"),
    Format("csv", "text/csv", "csv", PAGE, "CSV"),  # a page's table (a class's instances), header row first
    Format("json", "application/sparql-results+json", "srj", RESULTS, "SPARQL JSON",
           ox.QueryResultsFormat.JSON, aliases=("application/json",), names=("sparql-results+json",)),
    Format("xml", "application/sparql-results+xml", "srx", RESULTS, "SPARQL XML",
           ox.QueryResultsFormat.XML, aliases=("application/xml", "text/xml"), names=("sparql-results+xml",)),
    Format("csv", "text/csv", "csv", RESULTS, "CSV", ox.QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", "tsv", RESULTS, "TSV", ox.QueryResultsFormat.TSV),
    Format("graphml", "application/graphml+xml", "graphml", GRAPH_EXPORT, "GraphML"),
    Format("gexf", "application/gexf+xml", "gexf", GRAPH_EXPORT, "GEXF 1.3"),
    Format("csv", "application/zip", "csv.zip", GRAPH_EXPORT, "CSV nodes + edges (zip)", charset=False),
)

# What is offered for a graph or a dataset, in the server's order of preference (the first is the default
# and breaks ties in Accept); formats that keep named graphs last.
RDF_OFFERS = tuple(f for f in FORMATS if f.kind == RDF)
SELECT_OFFERS = tuple(f for f in FORMATS if f.kind == RESULTS)
ASK_OFFERS = tuple(f for f in SELECT_OFFERS if f.name in ("json", "xml"))


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


HTML = by_name("html", PAGE)
JSON = by_name("json", PAGE)
CSV = by_name("csv", PAGE)
