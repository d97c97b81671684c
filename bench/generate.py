"""Synthetic saxgraph data that follows the ontology and passes the shapes and the evidence check, at any size
(seeded, deterministic).

    python bench/generate.py --triples 100000 --out /tmp/synth-100k

writes <out>/{ontology,shapes} (links to the project's) and <out>/data/ (reference places and topics plus
one document per 20 clusters, about 2,400 statements: data/doc-<n>.ttl, every statement quoting its text in
data/sources/, or with --quoted below 1 a share of them as reference data), ready for
`saxgraph build --root <out>`.
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


def cluster_block(rng: random.Random, n: int, cities, members: int) -> list[tuple[str, str, list]]:
    """The cluster's entities: (subject, what it is, [(predicate, [objects])])."""
    c = f"c{n}"
    city, country = rng.choice(cities)
    entities = []
    org_iris = []
    for m in range(members):
        kind, form = rng.choice(KINDS_OF_ORG)
        o = f"{c}-org{m}"
        org_iris.append(iri("organisation", o))
        ocity, _ = rng.choice(cities)
        props = [("a", [f"sg:{kind}"]), ("rdfs:label", [f'"Organisation {n}.{m}"@en']),
                 ("sg:location", [iri("place", ocity)]), ("sg:topic", [iri("topic", rng.choice(TOPICS))])]
        if form:
            props.append(("sg:legalForm", [f'"{form}"']))
        entities.append((iri("organisation", o), f"organisation {n}.{m}", props))
    partner = f"c{rng.randrange(max(n, 1))}" if n else c
    entities.append((iri("cluster", c), f"cluster {n}", [
        ("a", ["sg:Cluster"]), ("rdfs:label", [f'"Cluster {n}"@en', f'"Cluster {n} (de)"@de']),
        ("dcterms:description", [f'"Synthetic cluster number {n} with {members} members."@en']),
        ("sg:location", [iri("place", city)]),
        ("sg:topic", [iri("topic", rng.choice(TOPICS)), iri("topic", rng.choice(TOPICS))]),
        ("sg:hasMember", org_iris), ("sg:managedBy", [org_iris[0]]),
        ("sg:partnerCluster", [iri("cluster", partner)]),
        ("sg:memberCount", [iri("quantity", c + "-members")]),
        ("sg:address", [iri("address", c)]), ("sg:contactPerson", [iri("person", c + "-contact")]),
        ("sg:fundingProgramme", [iri("programme", "programme")]),
        ("sg:foundingDate", [f'"{rng.randint(1990, 2020)}"^^xsd:gYear'])]))
    entities.append((iri("quantity", c + "-members"), f"member count of cluster {n}", [
        ("a", ["sg:Quantity"]), ("sg:numericValue", [str(members)]),
        ("sg:qualifier", [f'sg:{rng.choice(["exactly", "moreThan", "about"])}']),
        ("sg:unitText", ['"members"@en']), ("sg:asStated", [f'"{members} members"@en'])]))
    postal = f"{rng.randint(1000, 99999):05d}"
    entities.append((iri("address", c), f"address of cluster {n}", [
        ("a", ["sg:PostalAddress"]), ("sg:streetAddress", [f'"Street {n}"']),
        ("sg:postalCode", [f'"{postal}"']),
        ("sg:addressLocality", ['"City"']), ("sg:addressCity", [iri("place", city)]),
        ("sg:addressCountry", [iri("place", country)])]))
    phone = f"+49{rng.randint(10**8, 10**10)}"
    entities.append((iri("person", c + "-contact"), f"contact person of cluster {n}", [
        ("a", ["sg:Person"]), ("rdfs:label", [f'"Person {n}"']), ("sg:givenName", ['"Person"']),
        ("sg:familyName", [f'"Number {n}"']), ("sg:telephone", [f'"{phone}"']),
        ("sg:telephoneAsStated", [f'"{phone}"']), ("sg:memberOf", [iri("cluster", c)])]))
    entities.append((iri("membership", c + "-contact"), f"contact post of cluster {n}", [
        ("a", ["sg:Membership"]), ("sg:member", [iri("person", c + "-contact")]),
        ("sg:organisation", [iri("cluster", c)]), ("sg:role", [iri("role", "contact-person")]),
        ("sg:roleTitle", ['"Project Manager"@en'])]))

    def targets():
        return [iri("place", s) for s in sorted({rng.choice(COUNTRIES)[0] for _ in range(3)})]

    entities.append((iri("project", c), f"project of cluster {n}", [
        ("a", ["sg:InternationalisationProject"]), ("rdfs:label", [f'"Project of cluster {n}"@en']),
        ("dcterms:description", ['"Synthetic internationalisation project."@en']),
        ("sg:carriedOutBy", [iri("cluster", c)]), ("sg:fundingProgramme", [iri("programme", "programme")]),
        ("sg:hasPhase", [iri("phase", c + "-concept"), iri("phase", c + "-implementation")])]))
    entities.append((iri("phase", c + "-concept"), f"concept phase of cluster {n}", [
        ("a", ["sg:ConceptPhase"]), ("rdfs:label", [f'"Concept phase {n}"@en']),
        ("sg:targetCountry", targets())]))
    entities.append((iri("phase", c + "-implementation"), f"implementation phase of cluster {n}", [
        ("a", ["sg:ImplementationPhase"]), ("rdfs:label", [f'"Implementation phase {n}"@en']),
        ("sg:targetCountry", targets())]))
    return entities


def turtle(subject: str, props: list, reifier: str | None = None) -> str:
    """One entity in Turtle; with `reifier`, every statement annotated `~ reifier` (its quote stated once)."""
    mark = f" ~ {reifier}" if reifier else ""
    return f"{subject} " + " ; ".join(f"{p} " + " , ".join(o + mark for o in objects)
                                      for p, objects in props) + " ."


TRIPLES_PER_CLUSTER = 70 + 6 * 8  # approximate, with 8 members on average
CLUSTERS_PER_DOCUMENT = 20  # a document of a few thousand statements, as the project's own are


def source_file(d: int) -> str:
    return f"{d % 1000:03d}_{d:016x}.txt"  # the shapes' pattern: three digits, underscore, 16 hex digits


def generate(triples: int, out: Path, seed: int = 42, quoted: float = 1.0) -> dict:
    """`quoted`: the share of the documents whose statements quote their text (data/<doc>.ttl, its text in
    data/sources/, every statement `~ evidence:<doc>-<entry>`, as the project's documents are); the others'
    clusters are reference data (data/reference/synthetic-<n>.ttl), validated alike but without evidence."""
    rng = random.Random(seed)
    out = Path(out)
    (out / "data" / "reference").mkdir(parents=True, exist_ok=True)
    (out / "data" / "sources").mkdir(parents=True, exist_ok=True)
    for name in ("ontology", "shapes"):
        link = out / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    clusters = max(1, triples // TRIPLES_PER_CLUSTER)
    regions = max(2, clusters // 200)
    text, cities = reference(regions, 5)
    (out / "data" / "reference" / "places.ttl").write_text(text)
    documents = quoted_documents = 0
    for d, start in enumerate(range(0, clusters, CLUSTERS_PER_DOCUMENT)):
        documents += 1
        blocks = [cluster_block(rng, n, cities, rng.randint(4, 12))
                  for n in range(start, min(start + CLUSTERS_PER_DOCUMENT, clusters))]
        if int((d + 1) * quoted) == int(d * quoted):  # not quoted: reference data
            lines = [HEADER] + [turtle(s, props) for block in blocks for s, _, props in block]
            (out / "data" / "reference" / f"synthetic-{d}.ttl").write_text("\n".join(lines) + "\n")
            continue
        quoted_documents += 1
        slug, title = f"doc-{d}", f"Synthetic document {d}"
        evidence = f"<https://w3id.org/saxgraph/id/evidence/{slug}-"
        sentences = [title]
        lines = [HEADER, f'{evidence}title> sg:quote "{title}" .',
                 f'{iri("document", slug)} a sg:SourceDocument ; '
                 f'dcterms:title "{title}"@en ~ {evidence}title> ; '
                 f'sg:sourceFile "{source_file(d)}" ; dcterms:language "en" .']
        for block in blocks:
            for k, (subject, what, props) in enumerate(block):
                n = block[-1][1].rsplit(" ", 1)[-1]
                sentence = f"Entry {k} of cluster {n}: the {what}, as this document describes it."
                sentences.append(sentence)
                reifier = f"{evidence}c{n}-{k}>"
                lines.append(f'{reifier} sg:quote "{sentence}" .')
                lines.append(turtle(subject, props, reifier))
        (out / "data" / f"{slug}.ttl").write_text("\n".join(lines) + "\n")
        (out / "data" / "sources" / source_file(d)).write_text("\n".join(sentences) + "\n")
    return {"clusters": clusters, "documents": documents, "quoted_documents": quoted_documents,
            "cities": len(cities)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--quoted", type=float, default=1.0,
                        help="share of the documents quoting their text (the rest: reference data)")
    args = parser.parse_args()
    print(generate(args.triples, args.out, args.seed, args.quoted))


if __name__ == "__main__":
    main()
