"""Synthetic saxgraph data that follows the ontology and passes the shapes, at any size
(seeded, deterministic).

    python bench/generate.py --triples 100000 --out /tmp/synth-100k

writes <out>/{ontology,shapes} (links to the project's) and <out>/data/ (reference places and topics plus
one document file per 50,000 triples), ready for `saxgraph build --root <out>`.
"""

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEADER = """@prefix sg: <https://w3id.org/saxgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/saxgraph/id/> .
"""

COUNTRIES = [("germany", "Germany", "DE", "DEU"), ("france", "France", "FR", "FRA"),
             ("japan", "Japan", "JP", "JPN"), ("netherlands", "Netherlands", "NL", "NLD"),
             ("united-states", "United States", "US", "USA"), ("china", "China", "CN", "CHN"),
             ("austria", "Austria", "AT", "AUT"), ("spain", "Spain", "ES", "ESP"),
             ("italy", "Italy", "IT", "ITA"), ("singapore", "Singapore", "SG", "SGP")]
TOPICS = ["microelectronics", "software", "energy", "biotechnology", "photonics", "logistics", "materials",
          "mobility", "health", "aviation", "robotics", "sensors"]
KINDS_OF_ORG = [("Company", "GmbH"), ("University", None), ("ResearchInstitute", None),
                ("Association", "e. V.")]


def iri(kind: str, slug: str) -> str:
    return f"<https://w3id.org/saxgraph/id/{kind}/{slug}>"


def reference(regions: int, cities_per_region: int) -> tuple[str, list[str]]:
    out = [HEADER]
    for slug, name, a2, a3 in COUNTRIES:
        out.append(f'{iri("place", slug)} a sg:Country ; rdfs:label "{name}"@en ; sg:iso3166Alpha2 "{a2}" ; '
                   f'sg:iso3166Alpha3 "{a3}" ; skos:exactMatch '
                   f'<http://publications.europa.eu/resource/authority/country/{a3}> .')
    cities = []
    for r in range(regions):
        country = COUNTRIES[r % len(COUNTRIES)][0]
        region = f"region-{r}"
        out.append(f'{iri("place", region)} a sg:Region ; rdfs:label "Region {r}"@en ; '
                   f'sg:locatedIn {iri("place", country)} .')
        for c in range(cities_per_region):
            city = f"city-{r}-{c}"
            cities.append((city, country))
            out.append(f'{iri("place", city)} a sg:City ; rdfs:label "City {r}.{c}"@en ; '
                       f'sg:locatedIn {iri("place", region)} , {iri("place", country)} .')
    out.append(f'{iri("scheme", "topics")} a skos:ConceptScheme ; skos:prefLabel "topics"@en .')
    for t in TOPICS:
        out.append(f'{iri("topic", t)} a sg:Topic ; skos:prefLabel "{t}"@en ; '
                   f'skos:inScheme {iri("scheme", "topics")} .')
    out.append(f'{iri("role", "contact-person")} a sg:Role ; skos:prefLabel "contact person"@en .')
    out.append(f'{iri("organisation", "funder")} a sg:PublicBody ; rdfs:label "Funding ministry"@en .')
    out.append(f'{iri("programme", "programme")} a sg:FundingProgramme ; rdfs:label "Programme"@en ; '
               f'dcterms:description "A synthetic funding programme."@en ; '
               f'sg:funder {iri("organisation", "funder")} .')
    return "\n".join(out) + "\n", cities


def cluster_block(rng: random.Random, n: int, cities, members: int) -> list[str]:
    c = f"c{n}"
    city, country = rng.choice(cities)
    lines = []
    org_iris = []
    for m in range(members):
        kind, form = rng.choice(KINDS_OF_ORG)
        o = f"{c}-org{m}"
        org_iris.append(iri("organisation", o))
        extra = f' ; sg:legalForm "{form}"' if form else ""
        ocity, _ = rng.choice(cities)
        lines.append(f'{iri("organisation", o)} a sg:{kind} ; rdfs:label "Organisation {n}.{m}"@en ; '
                     f'sg:location {iri("place", ocity)} ; '
                     f'sg:topic {iri("topic", rng.choice(TOPICS))}{extra} .')
    partner = f"c{rng.randrange(max(n, 1))}" if n else c
    lines.append(
        f'{iri("cluster", c)} a sg:Cluster ; rdfs:label "Cluster {n}"@en , "Cluster {n} (de)"@de ; '
        f'dcterms:description "Synthetic cluster number {n} with {members} members."@en ; '
        f'sg:location {iri("place", city)} ; '
        f'sg:topic {iri("topic", rng.choice(TOPICS))} , {iri("topic", rng.choice(TOPICS))} ; '
        f'sg:hasMember {" , ".join(org_iris)} ; sg:managedBy {org_iris[0]} ; '
        f'sg:partnerCluster {iri("cluster", partner)} ; sg:memberCount {iri("quantity", c + "-members")} ; '
        f'sg:address {iri("address", c)} ; sg:contactPerson {iri("person", c + "-contact")} ; '
        f'sg:fundingProgramme {iri("programme", "programme")} ; '
        f'sg:foundingDate "{rng.randint(1990, 2020)}"^^xsd:gYear .')
    lines.append(f'{iri("quantity", c + "-members")} a sg:Quantity ; sg:numericValue {members} ; '
                 f'sg:qualifier sg:{rng.choice(["exactly", "moreThan", "about"])} ; '
                 f'sg:unitText "members"@en ; '
                 f'sg:asStated "{members} members"@en .')
    postal = f"{rng.randint(1000, 99999):05d}"
    lines.append(f'{iri("address", c)} a sg:PostalAddress ; sg:streetAddress "Street {n}" ; '
                 f'sg:postalCode "{postal}" ; '
                 f'sg:addressLocality "City" ; sg:addressCity {iri("place", city)} ; '
                 f'sg:addressCountry {iri("place", country)} .')
    phone = f"+49{rng.randint(10**8, 10**10)}"
    lines.append(f'{iri("person", c + "-contact")} a sg:Person ; rdfs:label "Person {n}" ; '
                 f'sg:givenName "Person" ; '
                 f'sg:familyName "Number {n}" ; sg:telephone "{phone}" ; sg:telephoneAsStated "{phone}" ; '
                 f'sg:memberOf {iri("cluster", c)} .')
    lines.append(f'{iri("membership", c + "-contact")} a sg:Membership ; '
                 f'sg:member {iri("person", c + "-contact")} ; '
                 f'sg:organisation {iri("cluster", c)} ; sg:role {iri("role", "contact-person")} ; '
                 f'sg:roleTitle "Project Manager"@en .')
    def targets() -> str:
        return " , ".join(iri("place", s) for s in sorted({rng.choice(COUNTRIES)[0] for _ in range(3)}))

    lines.append(f'{iri("project", c)} a sg:InternationalisationProject ; '
                 f'rdfs:label "Project of cluster {n}"@en ; '
                 f'dcterms:description "Synthetic internationalisation project."@en ; '
                 f'sg:carriedOutBy {iri("cluster", c)} ; '
                 f'sg:fundingProgramme {iri("programme", "programme")} ; '
                 f'sg:hasPhase {iri("phase", c + "-concept")} , {iri("phase", c + "-implementation")} .')
    lines.append(f'{iri("phase", c + "-concept")} a sg:ConceptPhase ; rdfs:label "Concept phase {n}"@en ; '
                 f'sg:targetCountry {targets()} .')
    lines.append(f'{iri("phase", c + "-implementation")} a sg:ImplementationPhase ; '
                 f'rdfs:label "Implementation phase {n}"@en ; sg:targetCountry {targets()} .')
    return lines


TRIPLES_PER_CLUSTER = 70 + 6 * 8  # approximate, with 8 members on average


def generate(triples: int, out: Path, seed: int = 42) -> dict:
    rng = random.Random(seed)
    out = Path(out)
    (out / "data" / "reference").mkdir(parents=True, exist_ok=True)
    for name in ("ontology", "shapes"):
        link = out / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    clusters = max(1, triples // TRIPLES_PER_CLUSTER)
    regions = max(2, clusters // 200)
    text, cities = reference(regions, 5)
    (out / "data" / "reference" / "places.ttl").write_text(text)
    per_document = max(1, 50_000 // TRIPLES_PER_CLUSTER)
    for d, start in enumerate(range(0, clusters, per_document)):
        lines = [HEADER, f'{iri("document", f"doc-{d}")} a sg:SourceDocument ; '
                         f'dcterms:title "Synthetic document {d}"@en ; '
                         f'sg:sourceFile "{d:03d}_{d:016x}.txt" ; dcterms:language "en" .']
        for n in range(start, min(start + per_document, clusters)):
            lines += cluster_block(rng, n, cities, rng.randint(4, 12))
        (out / "data" / f"doc-{d}.ttl").write_text("\n".join(lines) + "\n")
    return {"clusters": clusters, "documents": -(-clusters // per_document), "cities": len(cities)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    print(generate(args.triples, args.out, args.seed))


if __name__ == "__main__":
    main()
