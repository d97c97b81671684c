"""Document 003 (press release, Brussels, 6 March 2023): the Alliance of Semiconductor Regions, as the
curated data answers for it.

The audit tables: what the document states, sentence by sentence (each fact in its words and as a pattern of
the document's graph), and what an audit found the graph said without the document."""

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES
from tests.helpers.documents import SG, NotStated, Stated, audit, iri, reason, values

FILE = "003_f1c3e89d6c51ce37.txt"
GRAPH = "semiconductor-regions-alliance"
GRAPH_IRI = "https://w3id.org/saxgraph/graph/" + GRAPH
ID = "https://w3id.org/saxgraph/id/"
ALLIANCE = ID + "alliance/alliance-of-semiconductor-regions"

MEMBER_REGIONS = {
    "basque-country": "spain",
    "bavaria": "germany",
    "centro": "portugal",
    "flanders": "belgium",
    "carinthia": "austria",
    "catalonia": "spain",
    "north-brabant": "netherlands",
    "overijssel": "netherlands",
    "piedmont": "italy",
    "provence-alpes-cote-d-azur": "france",
    "saxony": "germany",
    "styria": "austria",
    "south-moravia": "czechia",
}


def place(slug):
    return iri("place", slug)


STATED = [
    Stated("Saxony initiates foundation of an alliance of European semiconductor regions",
           "document:semiconductor-regions-alliance dcterms:title ?t . "
           'alliance:alliance-of-semiconductor-regions skos:altLabel "alliance of European semiconductor '
           'regions"@en'),
    Stated("Saxon state government meets in Brussels - signing of a joint declaration of intent to establish "
           "an "
           "alliance of European microelectronics regions",
           "event:alliance-declaration-signing sg:location place:brussels ; "
           "sg:participant organisation:saxon-state-government . alliance:alliance-of-semiconductor-regions "
           "sg:topic topic:microelectronics"),
    Stated("Brussels (6 March 2023)",
           'document:semiconductor-regions-alliance dcterms:date "2023-03-06"^^xsd:date ; '
           "sg:location place:brussels"),
    Stated("Together with 12 microelectronics locations from nine member states of the European Union, the "
           "Free "
           "State of Saxony has initiated the foundation of an Alliance of Semiconductor Regions.",
           "alliance:alliance-of-semiconductor-regions a sg:Alliance ; sg:initiatedBy place:saxony ; "
           "sg:memberCount [ sg:numericValue 13 ] ; sg:quantity [ sg:numericValue 9 ]"),
    Stated("The future members signed a corresponding declaration of intent today (6 March 2023) in "
           "Brussels.",
           'event:alliance-declaration-signing sg:date "2023-03-06"^^xsd:date ; '
           "sg:about alliance:alliance-of-semiconductor-regions ; sg:participant place:south-moravia"),
    Stated("In this way, the Alliance will make an active contribution to the implementation of the EU Chip "
           "Act.",
           "alliance:alliance-of-semiconductor-regions sg:topic topic:eu-chips-act"),
    Stated("Minister President Michael Kretschmer explained",
           "?m sg:member person:michael-kretschmer ; sg:role role:minister-president ; "
           'sg:roleTitle "Minister President"@en'),
    Stated("The new European Alliance of Semiconductor Regions on the initiative of the Free State",
           'alliance:alliance-of-semiconductor-regions skos:altLabel "European Alliance of Semiconductor '
           'Regions"@en'),
    Stated("I welcome the initiative of the Saxon State Government to forge an alliance",
           "alliance:alliance-of-semiconductor-regions sg:initiatedBy organisation:saxon-state-government . "
           'organisation:saxon-state-government rdfs:label "Saxon State Government"@en'),
    Stated("With 30 years of continuous and increasing investment, the Flemish government",
           'organisation:flemish-government rdfs:label "Flemish government"@en ; sg:topic '
           'topic:semiconductors ; '
           "sg:quantity [ sg:numericValue 30 ]"),
    Stated("said Jo Brouns, Minister of Economy of the Flemish Region and co-signatory of the Memorandum of "
           "Understanding.",
           "event:alliance-declaration-signing sg:participant person:jo-brouns . ?m sg:member "
           "person:jo-brouns ; "
           'sg:roleTitle "Minister of Economy of the Flemish Region"@en'),
    Stated("Members of the Alliance are the regions of Basque Country (ESP), Bavaria (DEU), Centro-Region "
           "(POR)",
           "alliance:alliance-of-semiconductor-regions sg:hasMember place:basque-country , place:bavaria , "
           "place:centro . place:centro sg:locatedIn place:portugal ; skos:altLabel \"Centro-Region\" . "
           'place:portugal skos:altLabel "POR"@en'),
    Stated("North Brabant (NED) Overijssel (NED)",
           "place:overijssel sg:locatedIn place:netherlands . place:netherlands skos:altLabel \"NED\"@en"),
    Stated("The founding of the alliance is expected to be completed in the 1st quarter of 2024.",
           'alliance:alliance-of-semiconductor-regions sg:expectedFounding "2024-Q1"'),
    Stated("Saxony will host the founding event.",
           "?founding a sg:Event ; sg:planned true ; sg:about alliance:alliance-of-semiconductor-regions ; "
           'sg:location place:saxony ; sg:date "2024"^^xsd:gYear'),
    Stated("In the future, the alliance will be coordinated by a steering committee consisting of "
           "representatives of the individual signatory regions",
           "organisation:alliance-of-semiconductor-regions-steering-committee sg:planned true ; "
           "sg:unitOf alliance:alliance-of-semiconductor-regions ; "
           'sg:memberKind "representatives of the individual signatory regions"@en'),
    Stated("This is already demonstrated by Saxony's membership in the Automotive Regions Alliance and the "
           "Solar "
           "Alliance.",
           "alliance:automotive-regions-alliance sg:hasMember place:saxony . "
           "alliance:solar-alliance sg:hasMember place:saxony"),
    Stated("Picture: Pawel Sosnowski",
           "document:semiconductor-regions-alliance sg:credit person:pawel-sosnowski"),
]

NOT_STATED = [
    NotStated("alliance:alliance-of-semiconductor-regions sg:managedBy ?committee",
              "'In the future, the alliance will be coordinated by a steering committee': planned, not "
              "present"),
    NotStated("VALUES ?a { alliance:automotive-regions-alliance alliance:solar-alliance } ?a sg:topic ?t",
              "their topics would be read from their names (graph/curation)"),
    NotStated('?a dcterms:description ?d FILTER(CONTAINS(?d, "Alliance of automotive regions"))',
              "the text does not say what the alliance is"),
    NotStated("event:alliance-declaration-signing sg:initiatedBy ?who",
              "Saxony initiated the alliance's foundation, not the signing"),
    NotStated("organisation:flemish-government sg:location ?where", "the text does not place the government"),
    NotStated('?s dcterms:description ?d FILTER(CONTAINS(?d, "EU Chips Act"))',
              "the text writes 'EU Chip Act' and 'EU chip law'"),
    NotStated("?topic a sg:Topic", "the topic scheme is vocabulary (reference data), not the text"),
]

test_the_document_states, test_the_document_does_not_state = audit(FILE, GRAPH, STATED, NOT_STATED)


# Entities per sg: class, as typed in this document's graph.
INVENTORY = {
    "SourceDocument": 1,
    "Alliance": 3,
    "OrganisationalUnit": 1,
    "PublicBody": 2,
    "Person": 3,
    "Membership": 2,
    "Quantity": 3,
    "Event": 2,
}


def test_inventory(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          GRAPH <{GRAPH_IRI}> {{ ?s a ?class }}
          FILTER(STRSTARTS(STR(?class), STR(sg:)))
        }} GROUP BY ?class""")
    assert {row["class"][len(SG):]: int(row["n"]) for row in rows} == INVENTORY


def test_the_thirteen_member_regions(dataset):
    assert values(dataset, f"""
        SELECT ?region WHERE {{ GRAPH <{GRAPH_IRI}> {{ <{ALLIANCE}> sg:hasMember ?region }} }}""",
        "region") == {place(slug) for slug in MEMBER_REGIONS}


def test_member_regions_lie_in_nine_countries(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?region ?country WHERE {{
          <{ALLIANCE}> sg:hasMember ?region .
          ?region sg:locatedIn ?country . ?country a sg:Country .
        }}""")
    assert {(row["region"], row["country"]) for row in rows} == {
        (place(region), place(country)) for region, country in MEMBER_REGIONS.items()}
    assert len({row["country"] for row in rows}) == 9


def test_member_regions_are_also_members_in_org_terms(dataset):
    assert values(dataset, f"SELECT ?m WHERE {{ <{ALLIANCE}> org:hasMember ?m }}", "m") == {
        place(slug) for slug in MEMBER_REGIONS}


def test_member_count_and_member_states_as_stated(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?value ?qualifier ?stated WHERE {{
          GRAPH <{GRAPH_IRI}> {{ <{ALLIANCE}> sg:memberCount ?q .
                             ?q sg:numericValue ?value ; sg:qualifier ?qualifier ;
                                sg:asStated ?stated }} }}""")
    assert [(row["value"], row["qualifier"]) for row in rows] == [("13", SG + "exactly")]
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?value ?unit WHERE {{
          GRAPH <{GRAPH_IRI}> {{ <{ALLIANCE}> sg:quantity ?q .
                             ?q sg:numericValue ?value ; sg:unitText ?unit }} }}""")
    assert {(row["value"], row["unit"]) for row in rows} == {("9", "member states of the European Union")}


def test_who_initiated_the_alliance(dataset):
    assert values(dataset, f"SELECT ?who WHERE {{ <{ALLIANCE}> sg:initiatedBy ?who }}", "who") == {
        place("saxony"), ID + "organisation/saxon-state-government"}


def test_the_signing_and_the_planned_founding(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?event ?date ?where ?planned WHERE {{
          ?event a sg:Event ; sg:about <{ALLIANCE}> ; sg:date ?date ; sg:location ?where
          OPTIONAL {{ ?event sg:planned ?planned }} }}""")
    assert {(row["event"], row["date"], row["where"], row.get("planned")) for row in rows} == {
        (ID + "event/alliance-declaration-signing", "2023-03-06", place("brussels"), None),
        (ID + "event/alliance-founding", "2024", place("saxony"), "true")}


def test_signatories_of_the_declaration(dataset):
    participants = values(dataset, """
        SELECT ?p WHERE { event:alliance-declaration-signing sg:participant ?p }""", "p")
    assert participants == {place(slug) for slug in MEMBER_REGIONS} | {
        ID + "organisation/saxon-state-government", ID + "person/jo-brouns"}


def test_expected_founding(dataset):
    assert values(dataset, f"SELECT ?when WHERE {{ <{ALLIANCE}> sg:expectedFounding ?when }}", "when") == {
        "2024-Q1"}


@pytest.mark.parametrize(("person", "organisation", "role", "title"), [
    ("michael-kretschmer", "saxon-state-government", "minister-president", "Minister President"),
    ("jo-brouns", "flemish-government", "minister", "Minister of Economy of the Flemish Region"),
])
def test_ministers_and_their_posts(dataset, person, organisation, role, title):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?organisation ?role ?title WHERE {{
          ?m a org:Membership ; org:member person:{person} ; org:organization ?organisation ;
             org:role ?role ; sg:roleTitle ?title .
          person:{person} org:memberOf ?organisation .
        }}""")
    assert [(row["organisation"], row["role"], row["title"]) for row in rows] == [
        (ID + "organisation/" + organisation, ID + "role/" + role, title)]


def test_other_alliances_saxony_belongs_to(dataset):
    assert values(dataset, f"""
        SELECT ?alliance WHERE {{
          GRAPH <{GRAPH_IRI}> {{ ?alliance a sg:Alliance ; sg:hasMember place:saxony }}
                                  FILTER(?alliance != <{ALLIANCE}>) }}""", "alliance") == {
        ID + "alliance/automotive-regions-alliance", ID + "alliance/solar-alliance"}


def test_the_steering_committee_is_planned(dataset):
    """'In the future, the alliance will be coordinated by a steering committee': a planned unit."""
    assert values(dataset, f"""
        SELECT ?committee WHERE {{ ?committee sg:unitOf <{ALLIANCE}> ; sg:planned true }}""",
        "committee") == {ID + "organisation/alliance-of-semiconductor-regions-steering-committee"}


def test_alliance_works_towards_the_eu_chip_act(dataset):
    """The topic is named as the text names the act ("EU Chip Act"); the official name is an altLabel."""
    assert dataset.ask(SPARQL_PREFIXES + f"""
        ASK {{ <{ALLIANCE}> sg:topic ?t .
               ?t skos:prefLabel "EU Chip Act"@en ; skos:altLabel "EU Chips Act"@en }}""")


@pytest.mark.parametrize("s,p,o", [
    ("alliance:automotive-regions-alliance", "sg:topic", "topic:automotive"),
    ("alliance:solar-alliance", "sg:topic", "topic:solar-energy"),
    ("organisation:flemish-government", "sg:location", "place:flanders"),
])
def test_the_curators_reading_has_its_reason(dataset, s, p, o):
    assert reason(dataset, s, p, o)


def test_document_date_and_place(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?date ?where ?file WHERE {
          document:semiconductor-regions-alliance dcterms:date ?date ; sg:location ?where ;
                                                  sg:sourceFile ?file }""")
    assert [(row["date"], row["where"], row["file"]) for row in rows] == [
        ("2023-03-06", place("brussels"), "003_f1c3e89d6c51ce37.txt")]


def test_graph_derives_from_its_document(dataset):
    assert dataset.ask(SPARQL_PREFIXES + f"""
        ASK {{ <{GRAPH_IRI}> prov:wasDerivedFrom document:semiconductor-regions-alliance }}""")
