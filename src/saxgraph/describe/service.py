"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/)."""

import pyoxigraph as ox

from saxgraph import formats
from saxgraph.namespaces import DCTERMS, ENTAILMENT, PREFIXES, RDF_TYPE, SD, VOID, W3C_FORMATS, XSD

# formats.Format name -> the W3C format IRI that names it (https://www.w3.org/ns/formats/)
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "nquads": "N-Quads",
    "trig": "TriG", "jsonld": "JSON-LD", "rdfxml": "RDF_XML",
}


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def describe_service(store, endpoint_url: str, title: str = "saxgraph SPARQL endpoint") -> list[ox.Triple]:
    """Triples describing the service at `endpoint_url` and its default dataset (union default graph)."""
    service = ox.NamedNode(endpoint_url + "#service")
    dataset = ox.NamedNode(endpoint_url + "#dataset")
    default_graph = ox.NamedNode(endpoint_url + "#default-graph")
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint_url)),
        ox.Triple(service, ox.NamedNode(DCTERMS + "title"), ox.Literal(title, language="en")),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(service, _sd("defaultEntailmentRegime"),
                  ox.NamedNode(ENTAILMENT + "Simple")),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
        ox.Triple(default_graph, ox.NamedNode(VOID + "triples"), ox.Literal(str(_union_size(store)),
                  datatype=ox.NamedNode(XSD + "integer"))),
    ]
    for fmt in formats.of_kind(formats.RESULTS) + formats.of_kind(formats.RDF):
        if fmt.name in FORMAT_IRIS:
            iri = ox.NamedNode(W3C_FORMATS + FORMAT_IRIS[fmt.name])
            triples.append(ox.Triple(service, _sd("resultFormat"), iri))
    for number, graph in enumerate(store.graphs(), 1):
        named = ox.NamedNode(f"{endpoint_url}#named-graph-{number}")
        description = ox.NamedNode(f"{endpoint_url}#named-graph-{number}-description")
        size = sum(1 for _ in store.quads(None, None, None, ox.NamedNode(graph)))
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(graph)),
            ox.Triple(named, _sd("graph"), description),
            ox.Triple(description, RDF_TYPE, _sd("Graph")),
            ox.Triple(description, ox.NamedNode(VOID + "triples"),
                      ox.Literal(str(size), datatype=ox.NamedNode(XSD + "integer"))),
        ]
    return triples


def _union_size(store) -> int:
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    return int(next(iter(result))["n"].value)


def serialise(triples: list[ox.Triple], fmt: formats.Format) -> bytes:
    prefixes = None
    if fmt.name in ("turtle", "rdfxml"):
        prefixes = {**PREFIXES, "sd": SD, "void": VOID, "dcterms": DCTERMS}
    if fmt.datasets:
        return ox.serialize([ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples],
                            format=fmt.ox_format)
    return ox.serialize(triples, format=fmt.ox_format, prefixes=prefixes)
