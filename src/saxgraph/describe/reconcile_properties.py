"""The properties the reconciliation service offers, and their values per entity, read once per dataset
version: the ontology's own properties (ids are their local names in the schema space, `managedBy`), two
standard ones (`skos:altLabel`, `dcterms:description`), and three a spreadsheet asks for that the graph
states over a path (`city`, `country`, `targetCountries`)."""

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from saxgraph.namespaces import ID_BASE, PREFIXES, SG, SPARQL_PREFIXES

SKOS_ALT = PREFIXES["skos"] + "altLabel"
DESCRIPTION = PREFIXES["dcterms"] + "description"


@dataclass(frozen=True)
class Property:
    id: str
    name: str
    description: str
    predicate: str | None = None  # the property IRI, for one the graph states directly
    pattern: str | None = None  # a SPARQL pattern binding ?s and ?o, for a derived property
    range: str | None = None  # the class (a type id) of its entity values, where one is declared
    personal: bool = False  # marked sg:personalData: never offered in public mode


# What a spreadsheet asks for that the graph states over more than one step.
DERIVED = (
    Property("city", "city", "The city the entity is located in, or the city of its address "
             "(sg:location or sg:address/sg:addressCity, a sg:City).",
             pattern="{ ?s sg:location ?o } UNION { ?s sg:address/sg:addressCity ?o } ?o a sg:City .",
             range="City"),
    Property("country", "country", "The country the entity is in: that of its location or of its address, "
             "or the country a place lies in (over sg:locatedIn).",
             pattern="{ ?s sg:locatedIn+ ?o } UNION { ?s sg:location|sg:address/sg:addressCity|"
                     "sg:address/sg:addressCountry ?x . ?x sg:locatedIn* ?o } ?o a sg:Country .",
             range="Country"),
    Property("targetCountries", "target countries", "The countries (and the regions some entries name) "
             "that the entity's internationalisation projects target, in their concept and implementation "
             "phases (sg:carriesOut/sg:hasPhase/sg:targetCountry; a project's or a phase's own).",
             pattern="{ ?s sg:targetCountry ?o } UNION { ?s sg:hasPhase/sg:targetCountry ?o } UNION "
                     "{ ?s sg:carriesOut/sg:hasPhase/sg:targetCountry ?o }",
             range="Place"),
)
STANDARD = (
    Property("skos:altLabel", "alternative label", "Other names the documents use: abbreviations, "
             "the name with its legal form, the German name.", predicate=SKOS_ALT),
    Property("dcterms:description", "description", "What the documents say the entity is.",
             predicate=DESCRIPTION),
)

ONTOLOGY_PROPERTIES = SPARQL_PREFIXES + f"""
SELECT ?p ?label ?comment ?range ?personal WHERE {{
  VALUES ?kind {{ owl:ObjectProperty owl:DatatypeProperty }}
  ?p a ?kind . FILTER(STRSTARTS(STR(?p), "{SG}"))
  OPTIONAL {{ ?p rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }}
  OPTIONAL {{ ?p rdfs:comment ?comment FILTER(LANGMATCHES(LANG(?comment), "en")) }}
  OPTIONAL {{ ?p rdfs:range ?range FILTER(STRSTARTS(STR(?range), "{SG}")) }}
  OPTIONAL {{ ?p sg:personalData ?personal }}
}}
"""


def _local(iri: str) -> str:
    return iri[len(str(SG)):]


class PropertyValues:
    """Every offered property, with the values each entity has for it (pyoxigraph IRIs and literals)."""

    def __init__(self, store):
        self.properties: dict[str, Property] = {}
        for row in store.select(ONTOLOGY_PROPERTIES):
            pid = _local(row["p"])
            if pid in self.properties:
                continue
            personal = row.get("personal", "").lower() in ("true", "1")
            self.properties[pid] = Property(pid, row.get("label", pid), row.get("comment", ""),
                                            predicate=row["p"],
                                            range=_local(row["range"]) if "range" in row else None,
                                            personal=personal)
        for prop in STANDARD + DERIVED:
            assert prop.id not in self.properties, f"{prop.id} is also an ontology property"
            self.properties[prop.id] = prop
        self.values: dict[str, dict[str, list]] = {pid: defaultdict(list) for pid in self.properties}
        direct = {p.predicate: p.id for p in self.properties.values() if p.predicate}
        listed = " ".join(f"<{iri}>" for iri in sorted(direct))
        self._collect(store, direct, f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {listed} }} ?s ?p ?o . "
                                     f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID_BASE}")) }}')
        for prop in DERIVED:
            sparql = (SPARQL_PREFIXES + f"SELECT DISTINCT ?s ?o WHERE {{ {prop.pattern} "
                      f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID_BASE}")) }}')
            self._collect(store, None, sparql, prop.id)
        for by_entity in self.values.values():
            for values in by_entity.values():
                values.sort(key=_order)

    def _collect(self, store, direct: dict | None, sparql: str, pid: str | None = None) -> None:
        for row in store.query(sparql):
            key = direct[row["p"].value] if direct is not None else pid
            obj = row["o"]
            if isinstance(obj, ox.BlankNode):
                continue  # the curated data has none; an anonymous node names nothing a cell can hold
            self.values[key][row["s"].value].append(obj)

    def of(self, pid: str, iri: str) -> list:
        return self.values[pid].get(iri, [])

    def used_by(self, iris) -> dict[str, int]:
        """Property id -> how many of these entities have a value for it."""
        iris = set(iris)
        return {pid: n for pid, by_entity in self.values.items()
                if (n := sum(1 for iri in by_entity if iri in iris))}


def _order(term) -> tuple:
    if isinstance(term, ox.Literal):
        return (1, term.language != "en", term.language or "", term.value)
    return (0, term.value)
