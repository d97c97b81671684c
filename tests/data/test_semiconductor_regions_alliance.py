"""Document 003 (press release, Brussels, 6 March 2023): the Alliance of Semiconductor Regions, as the
curated data answers for it."""

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES

GRAPH = "https://w3id.org/saxgraph/graph/semiconductor-regions-alliance"
ID = "https://w3id.org/saxgraph/id/"
SG = "https://w3id.org/saxgraph/ontology#"
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
    return ID + "place/" + slug


def values(dataset, query, var):
    return {row[var] for row in dataset.select(SPARQL_PREFIXES + query)}


# Entities per sg: class, as typed in this document's graph.
INVENTORY = {
    "SourceDocument": 1,
    "Alliance": 3,
    "OrganisationalUnit": 1,
    "PublicBody": 2,
    "Person": 3,
    "Membership": 2,
    "Quantity": 3,
    "Event": 1,
    "Topic": 1,
}


def test_inventory(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          GRAPH <{GRAPH}> {{ ?s a ?class }}
          FILTER(STRSTARTS(STR(?class), STR(sg:)))
        }} GROUP BY ?class""")
    assert {row["class"][len(SG):]: int(row["n"]) for row in rows} == INVENTORY


def test_the_thirteen_member_regions(dataset):
    assert values(dataset, f"""
        SELECT ?region WHERE {{ GRAPH <{GRAPH}> {{ <{ALLIANCE}> sg:hasMember ?region }} }}""",
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
          GRAPH <{GRAPH}> {{ <{ALLIANCE}> sg:memberCount ?q .
                             ?q sg:numericValue ?value ; sg:qualifier ?qualifier ;
                                sg:asStated ?stated }} }}""")
    assert [(row["value"], row["qualifier"]) for row in rows] == [("13", SG + "exactly")]
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?value ?unit WHERE {{
          GRAPH <{GRAPH}> {{ <{ALLIANCE}> sg:quantity ?q .
                             ?q sg:numericValue ?value ; sg:unitText ?unit }} }}""")
    assert {(row["value"], row["unit"]) for row in rows} == {("9", "member states of the European Union")}


def test_who_initiated_the_alliance(dataset):
    assert values(dataset, f"SELECT ?who WHERE {{ <{ALLIANCE}> sg:initiatedBy ?who }}", "who") == {
        place("saxony"), ID + "organisation/saxon-state-government"}


def test_signing_of_the_declaration_of_intent(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?event ?date ?where WHERE {{
          ?event a sg:Event ; sg:about <{ALLIANCE}> ; sg:date ?date ; sg:location ?where }}""")
    assert [(row["event"], row["date"], row["where"]) for row in rows] == [
        (ID + "event/alliance-declaration-signing", "2023-03-06", place("brussels"))]


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
        SELECT ?alliance WHERE {{ GRAPH <{GRAPH}> {{ ?alliance a sg:Alliance ; sg:hasMember place:saxony }}
                                  FILTER(?alliance != <{ALLIANCE}>) }}""", "alliance") == {
        ID + "alliance/automotive-regions-alliance", ID + "alliance/solar-alliance"}


def test_steering_committee(dataset):
    assert values(dataset, f"""
        SELECT ?committee WHERE {{ ?committee sg:unitOf <{ALLIANCE}> .
                                   <{ALLIANCE}> sg:managedBy ?committee }}""",
        "committee") == {ID + "organisation/alliance-of-semiconductor-regions-steering-committee"}


def test_alliance_works_towards_the_eu_chips_act(dataset):
    assert dataset.ask(SPARQL_PREFIXES + f"""
        ASK {{ <{ALLIANCE}> sg:topic ?t . ?t skos:prefLabel "EU Chips Act"@en }}""")


def test_document_date_and_place(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?date ?where ?file WHERE {
          document:semiconductor-regions-alliance dcterms:date ?date ; sg:location ?where ;
                                                  sg:sourceFile ?file }""")
    assert [(row["date"], row["where"], row["file"]) for row in rows] == [
        ("2023-03-06", place("brussels"), "003_f1c3e89d6c51ce37.txt")]


def test_graph_derives_from_its_document(dataset):
    assert dataset.ask(SPARQL_PREFIXES + f"""
        ASK {{ <{GRAPH}> prov:wasDerivedFrom document:semiconductor-regions-alliance }}""")
