"""The VoID + DCAT description of the dataset, served at /.well-known/void (RFC 5785, VoID §7.2).

Counts come from the store itself; access URLs (endpoint, dumps) from the deployment's base URL, so the
same description is right on localhost and behind the public host. `validate()` checks a description
against its SHACL shape (shapes_void.ttl, beside this module)."""

from pathlib import Path

import pyoxigraph as ox

from saxgraph import formats
from saxgraph.describe.resource import DERIVED_FROM, RDF_TYPE, TITLE
from saxgraph.exports import dump_files
from saxgraph.namespaces import (
    BASE,
    CURATION_GRAPH,
    DCAT,
    EVIDENCE_GRAPH,
    GRAPH_BASE,
    ID_BASE,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    PROV,
    REFERENCE_GRAPH,
    SD,
    STANDARD_PREFIXES,
    VOID,
    graph_iri,
)

DESCRIPTION_IRI = BASE + ".well-known/void"
DATASET = ox.NamedNode(DESCRIPTION_IRI + "#saxgraph")
PUBLISHER = ox.NamedNode(DESCRIPTION_IRI + "#publisher")
SERVICE = ox.NamedNode(DESCRIPTION_IRI + "#sparql")
LICENSE = ox.NamedNode("https://creativecommons.org/licenses/by/4.0/")
SHAPE_FILE = Path(__file__).with_name("shapes_void.ttl")

DCT = PREFIXES["dcterms"]
FOAF = PREFIXES["foaf"]
XSD = PREFIXES["xsd"]
GRAPH_NOTES = {
    REFERENCE_GRAPH: "Reference data shared by the documents: countries, regions, cities, topics, roles.",
    ONTOLOGY_GRAPH: "The saxgraph ontology: classes and properties with their alignments.",
    INFERRED_GRAPH: "Triples entailed by the ontology's alignments (super-classes, super-properties, "
                    "inverses), materialised at build time.",
    CURATION_GRAPH: "The curator's identifications and inferences, which no document states: each with its "
                    "reason in the evidence graph.",
    EVIDENCE_GRAPH: "The evidence of every statement as standard RDF reification: the quote from its "
                    "document with the line span, or the curator's reason.",
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(XSD + "integer"))


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


_statistics: dict[tuple[int, str], dict] = {}


def statistics(store) -> dict:
    """VoID figures over the union of the graphs (cached per dataset version: the data is immutable)."""
    key = (id(store), store.version)
    if key not in _statistics:
        if len(_statistics) >= 4:
            _statistics.pop(next(iter(_statistics)))
        _statistics[key] = _count(store)
    return _statistics[key]


def _count(store) -> dict:
    triples = {q.triple for q in store.quads(None, None, None, None)}
    per_graph: dict[str, int] = {}
    for q in store.quads(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode):
            per_graph[q.graph_name.value] = per_graph.get(q.graph_name.value, 0) + 1
    classes = {t.object.value for t in triples
               if t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode)}
    properties = {t.predicate.value for t in triples}
    entities = {t.subject.value for t in triples
                if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(ID_BASE)}
    vocabularies = sorted({ns for ns in STANDARD_PREFIXES.values()
                           if any(i.startswith(ns) for i in classes | properties)})
    return {"triples": len(triples), "entities": len(entities), "classes": len(classes),
            "properties": len(properties), "vocabularies": vocabularies,
            "graphs": dict(sorted(per_graph.items()))}


def description(store, base_url: str) -> list[ox.Triple]:
    """The description as triples; `base_url` is where this deployment answers (no trailing slash)."""
    base_url = base_url.rstrip("/")
    stats = statistics(store)
    documents = len(graph_iris_of_documents(store))
    rdf_type, ds = RDF_TYPE, DATASET
    out = [
        ox.Triple(ds, rdf_type, _n(str(VOID.Dataset))),
        ox.Triple(ds, rdf_type, _n(str(DCAT.Dataset))),
        ox.Triple(ds, _n(DCT + "title"), _en("saxgraph: the innovation ecosystem of Saxony and Germany")),
        ox.Triple(ds, _n(DCT + "description"), _en(
            "Clusters, networks, hubs and incubators, their members and partners, regions, alliances, "
            f"projects, funding programmes, target countries and contacts, as stated in {documents} source "
            f"document{'s' if documents != 1 else ''}; one named graph per document.")),
        ox.Triple(ds, _n(DCT + "license"), LICENSE),
        ox.Triple(ds, _n(DCT + "publisher"), PUBLISHER),
        ox.Triple(PUBLISHER, rdf_type, _n(FOAF + "Organization")),
        ox.Triple(PUBLISHER, _n(FOAF + "name"), ox.Literal("the saxgraph project")),
        ox.Triple(ds, _n(PREFIXES["owl"] + "versionInfo"), ox.Literal(store.version)),
        ox.Triple(ds, _n(str(VOID.uriSpace)), ox.Literal(ID_BASE)),
        ox.Triple(ds, _n(str(VOID.sparqlEndpoint)), _n(f"{base_url}/sparql")),
        ox.Triple(ds, _n(str(VOID.rootResource)), _n(BASE + "ontology")),
        ox.Triple(ds, _n(str(VOID.triples)), _int(stats["triples"])),
        ox.Triple(ds, _n(str(VOID.entities)), _int(stats["entities"])),
        ox.Triple(ds, _n(str(VOID.classes)), _int(stats["classes"])),
        ox.Triple(ds, _n(str(VOID.properties)), _int(stats["properties"])),
    ]
    out += [ox.Triple(ds, _n(str(VOID.vocabulary)), _n(ns)) for ns in stats["vocabularies"]]
    # The endpoint as a DCAT data service.
    out += [
        ox.Triple(SERVICE, rdf_type, _n(str(DCAT.DataService))),
        ox.Triple(SERVICE, rdf_type, _n(str(SD.Service))),
        ox.Triple(SERVICE, _n(DCT + "title"), _en("saxgraph SPARQL 1.1 endpoint")),
        ox.Triple(SERVICE, _n(str(DCAT.endpointURL)), _n(f"{base_url}/sparql")),
        ox.Triple(SERVICE, _n(str(SD.endpoint)), _n(f"{base_url}/sparql")),
        ox.Triple(SERVICE, _n(DCT + "conformsTo"), _n("https://www.w3.org/TR/sparql11-protocol/")),
        ox.Triple(SERVICE, _n(str(DCAT.servesDataset)), ds),
        ox.Triple(SERVICE, _n(DCT + "license"), LICENSE),
    ]
    # One distribution per file of /download/; RDF dumps are also void:dataDump.
    for file in dump_files():
        fmt = file.fmt
        url = _n(f"{base_url}/download/{file.filename}")
        dist = _n(f"{DESCRIPTION_IRI}#dump-{fmt.name}" + ("-domain" if file.domain_only else ""))
        if fmt.kind == formats.RDF:
            out.append(ox.Triple(ds, _n(str(VOID.dataDump)), url))
        title = (f"saxgraph as {fmt.label}, domain only (without the vocabulary: topics, roles)"
                 if file.domain_only else f"saxgraph as {fmt.label}")
        out += [
            ox.Triple(ds, _n(str(DCAT.distribution)), dist),
            ox.Triple(dist, rdf_type, _n(str(DCAT.Distribution))),
            ox.Triple(dist, _n(DCT + "title"), _en(title)),
            ox.Triple(dist, _n(str(DCAT.downloadURL)), url),
            ox.Triple(dist, _n(str(DCAT.accessURL)), url),
            ox.Triple(dist, _n(str(DCAT.mediaType)),
                      _n(f"https://www.iana.org/assignments/media-types/{fmt.media_type}")),
            ox.Triple(dist, _n(DCT + "license"), LICENSE),
        ]
    # One subset per named graph, with the document it derives from.
    for graph, count in stats["graphs"].items():
        node = _n(graph)
        out += [
            ox.Triple(ds, _n(str(VOID.subset)), node),
            ox.Triple(node, rdf_type, _n(str(VOID.Dataset))),
            ox.Triple(node, _n(str(VOID.triples)), _int(count)),
            ox.Triple(node, _n(DCT + "license"), LICENSE),
        ]
        slug = graph[len(GRAPH_BASE):] if graph.startswith(GRAPH_BASE) else graph
        if slug in GRAPH_NOTES:
            out.append(ox.Triple(node, _n(DCT + "description"), _en(GRAPH_NOTES[slug])))
        for quad in store.quads(node, DERIVED_FROM, None, node):
            out.append(ox.Triple(node, _n(str(PROV.wasDerivedFrom)), quad.object))
            for title in store.quads(quad.object, TITLE, None, None):
                out.append(ox.Triple(node, _n(DCT + "title"), title.object))
    return sorted(set(out), key=str)


def graph_iris_of_documents(store) -> list[str]:
    """Named graphs that derive from a source document (not reference, ontology or inferred)."""
    special = {str(graph_iri(s)) for s in GRAPH_NOTES}
    return [g for g in store.graphs() if g not in special]


def validate(triples) -> tuple[bool, str]:
    """(conforms, report text) of a description against shapes_void.ttl, with pySHACL."""
    from pyshacl import validate as shacl
    from rdflib import Graph

    data = Graph().parse(data=ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = Graph().parse(SHAPE_FILE, format="turtle")
    conforms, _, text = shacl(data, shacl_graph=shapes)
    return conforms, text
