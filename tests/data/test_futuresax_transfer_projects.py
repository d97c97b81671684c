"""Document 002 (futureSAX, "Saxon Projects for Innovation & Transfer"): the WIR! alliances recomine, SmartERZ
and Lausitz – Life and Technology, the LESSIE network and the Saxony5 transfer network, as the curated data
answers for them."""

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES

GRAPH = "https://w3id.org/saxgraph/graph/futuresax-transfer-projects"
ID = "https://w3id.org/saxgraph/id/"
SG = "https://w3id.org/saxgraph/ontology#"

RECOMINE_SUBPROJECTS = {
    "recomine-alliance-strategy", "recomine-sales-structure", "recomine-transfer-office",
    "recomine-stakeholder-exchange", "recomine-mine-water-resources", "recomine-mine-water-sediments",
    "recomine-tailings-forestry", "recomine-tailings-bioleaching",
}
SMARTERZ_SUBPROJECTS = {"smartstrat", "eheatdigiline", "struktronik", "smarthydro"}
SAXONY5_UNIVERSITIES = {
    "htw-dresden": "dresden",
    "htwk-leipzig": "leipzig",
    "hochschule-mittweida": "mittweida",
    "hochschule-zittau-goerlitz": "zittau",
    "westsaechsische-hochschule-zwickau": "zwickau",
}
COLLABORATIONS = {"alliance/recomine", "alliance/smarterz", "alliance/lausitz-life-and-technology",
                  "network/lessie", "network/saxony5"}


def iri(kind, slug):
    return f"{ID}{kind}/{slug}"


def values(dataset, query, var):
    return {row[var] for row in dataset.select(SPARQL_PREFIXES + query)}


def pairs(dataset, query, a, b):
    return {(row[a], row[b]) for row in dataset.select(SPARQL_PREFIXES + query)}


# Entities per sg: class, as typed in this document's graph.
INVENTORY = {
    "SourceDocument": 1,
    "Organisation": 1,
    "Alliance": 3,
    "Cluster": 1,
    "InnovationNetwork": 2,
    "OrganisationalUnit": 1,
    "UniversityOfAppliedSciences": 5,
    "ResearchInstitute": 2,
    "Company": 1,
    "PublicBody": 1,
    "FundingProgramme": 2,
    "Project": 15,
    "Event": 2,
    "Region": 4,
    "District": 1,
    "City": 1,
    "Quantity": 11,
    "Topic": 20,
}


def test_inventory(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          GRAPH <{GRAPH}> {{ ?s a ?class }}
          FILTER(STRSTARTS(STR(?class), STR(sg:)))
        }} GROUP BY ?class""")
    assert {row["class"][len(SG):]: int(row["n"]) for row in rows} == INVENTORY


def test_document_node(dataset):
    assert dataset.ask(SPARQL_PREFIXES + """
        ASK { document:futuresax-transfer-projects a sg:SourceDocument ;
                dcterms:title "Saxon Projects for Innovation & Transfer"@en ;
                sg:sourceFile "002_e9acecd4deaafc04.txt" ; dcterms:language "en" ;
                dcterms:publisher organisation:futuresax }""")


def test_the_page_names_no_persons_addresses_or_phones(dataset):
    """The page gives no contact persons, addresses or phone numbers; none may have been invented."""
    assert not dataset.ask(SPARQL_PREFIXES + f"""
        ASK {{ GRAPH <{GRAPH}> {{
          {{ ?x a sg:Person }} UNION {{ ?x a sg:PostalAddress }} UNION {{ ?x a sg:Membership }}
          UNION {{ ?x sg:telephone ?t }} UNION {{ ?x sg:contactPerson ?p }} }} }}""")


def test_wir_alliances_and_their_towns(dataset):
    assert pairs(dataset, f"""
        SELECT ?a ?town WHERE {{ GRAPH <{GRAPH}> {{
          ?a a sg:Alliance ; sg:fundingProgramme programme:wir ; sg:location ?town }} ?town a sg:City }}""",
        "a", "town") == {
        (iri("alliance", "recomine"), iri("place", "freiberg")),
        (iri("alliance", "smarterz"), iri("place", "annaberg-buchholz")),
        (iri("alliance", "lausitz-life-and-technology"), iri("place", "zittau")),
    }


def test_wir_is_funded_by_the_bmbf(dataset):
    assert values(dataset, """
        SELECT ?acronym WHERE { programme:wir sg:funder ?f . ?f skos:altLabel ?acronym }""",
        "acronym") == {"BMBF"}


def test_the_universities_of_saxony5_and_their_towns(dataset):
    assert pairs(dataset, """
        SELECT ?u ?town WHERE {
          network:saxony5 sg:hasMember ?u . ?u a sg:UniversityOfAppliedSciences ; sg:location ?town }""",
        "u", "town") >= {(iri("organisation", u), iri("place", t)) for u, t in SAXONY5_UNIVERSITIES.items()}
    assert values(dataset, "SELECT ?u WHERE { network:saxony5 sg:hasMember ?u }", "u") == {
        iri("organisation", u) for u in SAXONY5_UNIVERSITIES}


def test_saxony5_counts_and_programme(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?programme ?members ?teams WHERE {
          network:saxony5 sg:fundingProgramme ?programme ; sg:memberCount [ sg:numericValue ?members ] .
          project:saxony5-co-creation-labs sg:subProjectOf network:saxony5 ;
                                           sg:quantity [ sg:numericValue ?teams ; sg:unitText ?unit ] }""")
    assert [(r["programme"], r["members"], r["teams"]) for r in rows] == [
        (iri("programme", "innovative-hochschule"), "5", "6")]


def test_networks_funded_by_innovative_hochschule(dataset):
    assert values(dataset, "SELECT ?n WHERE { ?n sg:fundingProgramme programme:innovative-hochschule }",
                  "n") == {iri("network", "saxony5")}


def test_subprojects_of_recomine(dataset):
    assert values(dataset, "SELECT ?p WHERE { ?p sg:subProjectOf alliance:recomine }", "p") == {
        iri("project", p) for p in RECOMINE_SUBPROJECTS}


def test_subprojects_via_inverse(dataset):
    """The build materialises sg:hasSubProject and dcterms:hasPart from sg:subProjectOf."""
    assert values(dataset, "SELECT ?p WHERE { alliance:smarterz dcterms:hasPart ?p }", "p") == {
        iri("project", p) for p in SMARTERZ_SUBPROJECTS}


def test_smarterz_projects_started_in_2019(dataset):
    assert pairs(dataset, """
        SELECT ?label ?start WHERE { ?p sg:subProjectOf alliance:smarterz ; rdfs:label ?label ;
                                        sg:startDate ?start }""", "label", "start") == {
        ("SMARTStrat", "2019"), ("eHeatDigiLine", "2019"), ("StrukTronik", "2019"), ("SmartHydro", "2019")}


def test_recomine_stated_counts(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?value ?qualifier ?stated WHERE {
          alliance:recomine sg:quantity|sg:partnerCount ?q .
          ?q sg:numericValue ?value ; sg:qualifier ?qualifier ; sg:asStated ?stated }""")
    assert {(r["value"], r["qualifier"], r["stated"]) for r in rows} == {
        ("40", SG + "moreThan", "more than 40 partners from research, industry, trade and society"),
        ("3", SG + "exactly", "three initial projects"),
        ("4", SG + "exactly", "Four selected technical recome projects"),
    }


def test_smarterz_partner_counts_keep_both_statements(dataset):
    assert pairs(dataset, """
        SELECT ?value ?qualifier WHERE { alliance:smarterz sg:partnerCount ?q .
                                         ?q sg:numericValue ?value ; sg:qualifier ?qualifier }""",
        "value", "qualifier") == {("160", SG + "exactly"), ("160", SG + "moreThan")}


def test_partners_of_lausitz_life_and_technology(dataset):
    assert values(dataset, "SELECT ?p WHERE { alliance:lausitz-life-and-technology sg:hasPartner ?p }",
                  "p") == {iri("organisation", "hochschule-zittau-goerlitz"), iri("place", "district-of-goerlitz"),
                           iri("organisation", "ult"), iri("organisation", "fraunhofer-iwu")}


def test_fraunhofer_iwu_keeps_its_shared_label(dataset):
    assert values(dataset, """
        SELECT ?l WHERE { organisation:fraunhofer-iwu rdfs:label ?l }""", "l") == {
        "Fraunhofer Institute for Machine Tools and Forming Technology IWU"}


def test_university_in_both_saxony5_and_lausitz(dataset):
    assert values(dataset, """
        SELECT ?u WHERE { network:saxony5 sg:hasMember ?u .
                          alliance:lausitz-life-and-technology sg:hasPartner ?u }""", "u") == {
        iri("organisation", "hochschule-zittau-goerlitz")}


def test_border_triangle_countries(dataset):
    assert values(dataset, """
        SELECT ?c WHERE { alliance:lausitz-life-and-technology sg:location ?r .
                          ?r sg:locatedIn ?c . ?c a sg:Country . ?r skos:altLabel "border triangle"@en }""",
        "c") == {iri("place", c) for c in ("germany", "poland", "czechia")}


def test_lusatia_has_its_german_name(dataset):
    assert values(dataset, 'SELECT ?l WHERE { place:lusatia rdfs:label ?l FILTER(LANG(?l) = "de") }', "l") == {
        "Lausitz"}


def test_collaborations_supported_by_futuresax(dataset):
    assert values(dataset, "SELECT ?c WHERE { ?c sg:supportedBy organisation:futuresax }", "c") == {
        ID + c for c in COLLABORATIONS}


def test_lessie_is_managed_by_ifdt(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?form ?de WHERE { network:lessie sg:managedBy ?o .
          ?o skos:altLabel "IFDT" ; sg:legalForm ?form ; rdfs:label ?de FILTER(LANG(?de) = "de") }""")
    assert [(r["form"], r["de"]) for r in rows] == [("gGmbH", "Institut für Digitale Technologien gGmbH")]


def test_lessie_topics(dataset):
    assert values(dataset, """
        SELECT ?label WHERE { network:lessie sg:topic ?t . ?t skos:broader topic:smart-services ;
                                                              skos:prefLabel ?label }""", "label") == {
        "blockchain-based smart services", "digital working worlds in smart service systems",
        "innovation through smart services with 3D printing", "medical data analytics for smart health services",
        "smart services for decentralised data management", "smart services in public administration"}


def test_co_creation_lab_competence_areas(dataset):
    assert values(dataset, """
        SELECT ?label WHERE { project:saxony5-co-creation-labs sg:topic ?t . ?t skos:prefLabel ?label }""",
        "label") == {"factory of the future", "networked mobility", "additive manufacturing",
                     "supply infrastructure", "agriculture and biodiversity", "surface technology"}


def test_additive_manufacturing_is_shared_by_two_collaborations(dataset):
    assert values(dataset, """
        SELECT ?who WHERE { ?who sg:topic topic:additive-manufacturing }""", "who") == {
        iri("alliance", "lausitz-life-and-technology"), iri("project", "saxony5-co-creation-labs")}


def test_recomine_selection_rounds(dataset):
    assert pairs(dataset, """
        SELECT ?label ?year WHERE { ?e a sg:Event ; sg:about alliance:recomine ; rdfs:label ?label ; sg:date ?year ;
                                       sg:participant ?board . ?board sg:unitOf alliance:recomine }""",
        "label", "year") == {("recomine project selection round, Q3 2020", "2020"),
                             ("recomine project selection round, Q1 2021", "2021")}


@pytest.mark.parametrize(("place", "expected"), [
    ("annaberg-buchholz", {"erzgebirge", "saxony", "germany"}),
    ("district-of-goerlitz", {"saxony", "germany"}),
    ("central-germany", {"germany"}),
])
def test_places_lie_in_state_and_country(dataset, place, expected):
    assert values(dataset, f"SELECT ?p WHERE {{ place:{place} sg:locatedIn ?p }}", "p") == {
        iri("place", p) for p in expected}


def test_german_names(dataset):
    assert values(dataset, f"""
        SELECT ?l WHERE {{ GRAPH <{GRAPH}> {{ ?x rdfs:label ?l FILTER(LANG(?l) = "de") }}
                           FILTER(STRSTARTS(STR(?x), "{ID}project/")) }}""", "l") == {"Sächsische Transfer Roadshow"}
