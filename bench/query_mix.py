"""The query mix of the load benchmark: the example queries, and lookups, joins, aggregates, text filters,
2-hop neighbourhoods and entity descriptions (DESCRIBE, what an entity page loads) on entities sampled from
the data (seeded), each a complete SPARQL query with its PREFIX lines, so every server gets the same text."""

import random
from dataclasses import dataclass

from saxgraph.query.examples import catalogue, with_prefixes
from saxgraph.query.text import classify

SG = "https://w3id.org/saxgraph/ontology#"
JSON = "application/sparql-results+json"
TURTLE = "text/turtle"
PER_KIND = 10  # queries per parametrised kind


@dataclass(frozen=True)
class Query:
    kind: str
    sparql: str

    @property
    def accept(self) -> str:
        return TURTLE if classify(self.sparql).form in ("CONSTRUCT", "DESCRIBE") else JSON


def sample(store, cls: str, n: int, rng: random.Random) -> list[str]:
    rows = store.select(f"SELECT ?s WHERE {{ ?s a <{SG}{cls}> }} ORDER BY ?s")
    iris = [r["s"] for r in rows]
    return rng.sample(iris, min(n, len(iris)))


def query_mix(store, seed: int = 7) -> list[Query]:
    rng = random.Random(seed)
    clusters = sample(store, "Cluster", PER_KIND, rng)
    organisations = sample(store, "Organisation", PER_KIND, rng)
    labels = [r["label"] for r in store.select(
        f"SELECT ?label WHERE {{ ?s a <{SG}Cluster> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label "
        'FILTER(LANG(?label) = "en") } ORDER BY ?label')]
    needles = [label.split()[-1][:2] for label in rng.sample(labels, min(5, len(labels)))]
    mix = [Query("example", example.query) for example in catalogue()]
    mix += [Query("lookup", with_prefixes(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"))
            for iri in organisations]
    mix += [Query("join", with_prefixes(
        f"SELECT ?member ?name ?cityName WHERE {{ <{iri}> sg:hasMember ?member . ?member rdfs:label ?name ; "
        "sg:location ?city . ?city rdfs:label ?cityName } ORDER BY ?name")) for iri in clusters]
    mix += [Query("aggregate", with_prefixes(body)) for body in (
        "SELECT ?topic (COUNT(DISTINCT ?org) AS ?n) WHERE { ?org sg:topic ?topic } "
        "GROUP BY ?topic ORDER BY DESC(?n)",
        "SELECT ?country (COUNT(DISTINCT ?cluster) AS ?n) WHERE { ?cluster a sg:Cluster ; "
        "sg:location ?city . ?city sg:locatedIn ?country . ?country a sg:Country } "
        "GROUP BY ?country ORDER BY DESC(?n)",
    )]
    mix += [Query("text", with_prefixes(
        f"SELECT ?s ?label WHERE {{ ?s a sg:Cluster ; rdfs:label ?label "
        f'FILTER(CONTAINS(LCASE(STR(?label)), "{needle}")) }} ORDER BY ?s LIMIT 50')) for needle in needles]
    mix += [Query("2-hop", with_prefixes(
        f"SELECT ?p1 ?n1 ?p2 ?n2 WHERE {{ <{iri}> ?p1 ?n1 . OPTIONAL {{ ?n1 ?p2 ?n2 }} }} LIMIT 1000"))
        for iri in clusters]
    mix += [Query("describe", f"DESCRIBE <{iri}>") for iri in clusters]
    return mix


def entity_paths(store, seed: int = 7) -> list[str]:
    """Entity pages of saxgraph's own linked-data views (HTML), for the linked-data row."""
    from saxgraph.namespaces import path_for_iri

    rng = random.Random(seed)
    return [path_for_iri(iri) for iri in sample(store, "Cluster", PER_KIND, rng) +
            sample(store, "Organisation", PER_KIND, rng)]
