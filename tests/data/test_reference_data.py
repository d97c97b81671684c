"""The reference data (data/reference/): facts of the world only (names, ISO 3166 and NUTS codes, the state
and country a place lies in, the topic and role vocabularies), nothing a document alone states, no entry that
nothing names or uses, and no impossible typing. What the audit of issue 15 removed stays removed."""

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES
from tests.helpers.documents import NotStated, fact_id, holds, reason

GRAPH = "reference"

NOT_STATED = [
    NotStated("organisation:bmbf sg:location ?where",
              "no document says where the ministry sits (Bonn, in fact)"),
    NotStated("?programme sg:funder ?who",
              "who funds a programme is a document's statement or the curator's"),
    NotStated("?s dcterms:description ?d FILTER(?s IN (organisation:bmbf, programme:wir, "
              "programme:innovative-hochschule))", "descriptions in wording from outside the documents"),
    NotStated("VALUES ?p { programme:wir programme:innovative-hochschule } ?p ?q ?o",
              "programmes only document 002 names are stated in its graph"),
    NotStated("?place a sg:FederalState , sg:City", "a place is a state or a city here, not both"),
    NotStated("?place sg:locatedIn ?place", "nothing lies in itself"),
    NotStated("place:berlin ?p ?o", "no document names Berlin"),
    NotStated("VALUES ?state { place:brandenburg place:bremen place:mecklenburg-western-pomerania "
              "place:schleswig-holstein } ?state ?p ?o", "federal states no document names and nothing uses"),
    NotStated("VALUES ?role { role:chair role:coordinator role:founding-member role:shareholder "
              "role:spokesperson } ?role ?p ?o", "roles nothing uses"),
    NotStated("VALUES ?topic { topic:it-security topic:renewable-energy } ?topic ?p ?o",
              "topics nothing uses"),
    NotStated('?country skos:altLabel ?code VALUES ?code { "POR"@en "NED"@en "ESP"@en "DEU"@en }',
              "document 003's country codes are its names for the countries: stated in its graph"),
    NotStated("?topic skos:scopeNote ?note", "what a document says about a topic is in its graph"),
]


@pytest.mark.parametrize("fact", NOT_STATED, ids=fact_id)
def test_the_reference_data_do_not_state(dataset, fact):
    assert not holds(dataset, GRAPH, fact.pattern), f"{fact.why}: {fact.pattern}"


def test_every_reference_entry_is_named_or_used(dataset):
    """Each entry is mentioned by a document graph or the curation graph, or used by another entry (a city's
    state, a topic's broader topic, the scheme of the topics)."""
    unused = dataset.select(SPARQL_PREFIXES + """
        SELECT DISTINCT ?entry WHERE {
          GRAPH graph:reference { ?entry a ?class }
          FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?entry } FILTER(?g NOT IN (graph:reference, graph:inferred,
                                                                          graph:evidence)) }
          FILTER NOT EXISTS { GRAPH ?g { ?entry ?p ?o } FILTER(?g NOT IN (graph:reference, graph:inferred,
                                                                          graph:evidence)) }
          FILTER NOT EXISTS { GRAPH graph:reference { ?other ?p ?entry } }
        }""")
    assert unused == []


def test_what_moved_to_the_curation_graph_gives_its_reason(dataset):
    assert reason(dataset, "programme:leading-edge-cluster-internationalisation", "sg:funder",
                  "organisation:bmbf")


def test_hamburg_is_a_city_state_city_with_its_nuts_code(dataset):
    assert dataset.ask(SPARQL_PREFIXES + """ASK { GRAPH graph:reference {
        place:hamburg a sg:City ; sg:locatedIn place:germany ; sg:nutsCode "DE6" } }""")
