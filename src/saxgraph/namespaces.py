"""The one place for saxgraph's base IRI, the namespaces it uses (the only module that spells one), its
prefixes and IRI minting. Each namespace is an rdflib Namespace, a string: `RDF + "type"` is the IRI as text,
`RDF.type` an rdflib term; the pyoxigraph terms every module needs are made here once."""

from functools import lru_cache

import pyoxigraph as ox
from rdflib import Namespace, URIRef

BASE = "https://w3id.org/saxgraph/"
ONTOLOGY_IRI = BASE + "ontology"
ID_BASE = BASE + "id/"
GRAPH_BASE = BASE + "graph/"

SG = Namespace(ONTOLOGY_IRI + "#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
W3C_FORMATS = Namespace("http://www.w3.org/ns/formats/")  # the W3C's IRIs of the RDF and results formats
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")
XSI = "http://www.w3.org/2001/XMLSchema-instance"  # XML Schema instances (GEXF's schemaLocation)

RDF_TYPE = ox.NamedNode(RDF + "type")
RDFS_LABEL = ox.NamedNode(RDFS + "label")

# Entity kinds: https://w3id.org/saxgraph/id/<kind>/<slug> (see data/README.md).
KINDS = (
    "cluster", "network", "hub", "alliance", "incubator", "organisation", "person", "membership",
    "place", "address", "project", "phase", "programme", "topic", "role", "quantity", "event",
    "document", "scheme", "evidence",
)

# Named graphs that are not source documents.
REFERENCE_GRAPH = "reference"
ONTOLOGY_GRAPH = "ontology"
INFERRED_GRAPH = "inferred"
CURATION_GRAPH = "curation"  # the curator's identifications and inferences (data/curation/), with reasons
EVIDENCE_GRAPH = "evidence"  # the quote or reason of every statement, reified (saxgraph.build.evidence)
NON_DOCUMENT_GRAPHS = frozenset({REFERENCE_GRAPH, ONTOLOGY_GRAPH, INFERRED_GRAPH, CURATION_GRAPH,
                                 EVIDENCE_GRAPH})

STANDARD_PREFIXES = {
    "sg": str(SG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "void": str(VOID),
    "sh": str(SH),
    "sgsh": BASE + "shapes#",
}

PREFIXES = {**STANDARD_PREFIXES, **{kind: f"{ID_BASE}{kind}/" for kind in KINDS}, "graph": GRAPH_BASE}

SPARQL_PREFIXES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
TURTLE_PREFIXES = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())


def entity_iri(kind: str, slug: str) -> URIRef:
    if kind not in KINDS:
        raise ValueError(f"unknown entity kind {kind!r}; known kinds: {', '.join(KINDS)}")
    return URIRef(f"{ID_BASE}{kind}/{slug}")


def graph_iri(slug: str) -> URIRef:
    return URIRef(GRAPH_BASE + slug)


def is_entity_iri(iri: str) -> bool:
    return iri.startswith(ID_BASE)


def iri_for_path(path: str) -> str:
    """The canonical IRI a request path on any host stands for (`/id/cluster/x` -> BASE + `id/cluster/x`)."""
    return BASE + path.lstrip("/")


def path_for_iri(iri: str) -> str | None:
    """The local path that dereferences a saxgraph IRI (fragment kept), or None for a foreign IRI."""
    return "/" + iri[len(BASE):] if iri.startswith(BASE) else None


# the longest namespace first (of equal ones, the first declared): the first that fits is compact's choice
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


@lru_cache(maxsize=2**16)
def compact(iri: str) -> str:
    """The shortest prefixed name for an IRI, or the IRI in angle brackets (remembered: validating a large
    build compacts the same IRIs many times over)."""
    for name, ns in _BY_LENGTH:
        if iri.startswith(ns):
            local = iri[len(ns):]
            if local and "/" not in local and "#" not in local:
                return f"{name}:{local}"
    return f"<{iri}>"
