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
SMARTERZ_PROJECT_TITLES = {
    "SMARTStrat": "Testing and manufacturing strategies for smart composite applications up to series "
                  "production",
    "eHeatDigiLine": "Configurator based production line of individual textile vehicle heaters for "
                     "e-mobility",
    "StrukTronik": "Structurally conformal embedding of microelectric systems in thermoplastic composite "
                   "structures",
    "SmartHydro": "Technology development for intelligent tank carrier systems of hydrogen-powered vehicles",
}
SMARTERZ_SUBPROJECTS = {"smartstrat", "eheatdigiline", "struktronik", "smarthydro"}
SAXONY5_UNIVERSITIES = {
    "htw-dresden": "dresden",
    "htwk-leipzig": "leipzig",
    "hochschule-mittweida": "mittweida",
    "hochschule-zittau-goerlitz": "zittau",
    "westsaechsische-hochschule-zwickau": "zwickau",
}
LAUSITZ_PARTNERS = {"hochschule-zittau-goerlitz", "district-of-goerlitz", "ult", "fraunhofer-iwu"}
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
    "Organisation": 1,                  # futureSAX
    "Alliance": 3,                      # recomine, SmartERZ, Lausitz – Life and Technology
    "Cluster": 1,                       # SmartERZ is also called a technology cluster
    "InnovationNetwork": 2,             # LESSIE, Saxony5
    "OrganisationalUnit": 1,            # recomine advisory board
    "UniversityOfAppliedSciences": 5,   # the five HAW of Saxony5
    "ResearchInstitute": 2,             # Fraunhofer IWU, IFDT
    "Company": 1,                       # ULT AG
    "PublicBody": 2,                    # BMBF, district of Görlitz
    "FundingProgramme": 2,              # WIR!, Innovative Hochschule
    "Project": 15,                      # roadshow, recomine 8, SmartERZ 4, LESSIE lab, Saxony5 labs
    "Event": 2,                         # recomine selection rounds Q3 2020, Q1 2021
    "Region": 4,                        # Erzgebirge, Lusatia, border triangle, Central Germany
    "District": 1,                      # district of Görlitz
    "City": 1,                          # Annaberg-Buchholz (the others are in reference/)
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


def test_graph_derives_from_the_document(dataset):
    assert dataset.ask(SPARQL_PREFIXES + f"""
        ASK {{ <{GRAPH}> prov:wasDerivedFrom document:futuresax-transfer-projects }}""")


def test_the_page_names_no_persons_addresses_or_phones(dataset):
    """The page gives no contact persons, addresses or phone numbers; none may have been invented."""
    assert not dataset.ask(SPARQL_PREFIXES + f"""
        ASK {{ GRAPH <{GRAPH}> {{
          {{ ?x a sg:Person }} UNION {{ ?x a sg:PostalAddress }} UNION {{ ?x a sg:Membership }}
          UNION {{ ?x sg:telephone ?t }} UNION {{ ?x sg:contactPerson ?p }} }} }}""")


def test_every_organisation_collaboration_and_project_is_described_in_english(dataset):
    assert values(dataset, f"""
        SELECT ?x WHERE {{ GRAPH <{GRAPH}> {{ ?x a ?c }}
          VALUES ?c {{ sg:Alliance sg:InnovationNetwork sg:Project sg:Organisation sg:OrganisationalUnit
                      sg:UniversityOfAppliedSciences sg:ResearchInstitute sg:Company sg:PublicBody }}
          FILTER NOT EXISTS {{ ?x dcterms:description ?d FILTER(LANG(?d) = "en") }} }}""", "x") == set()


# ---------------------------------------------------------------- competency questions

def test_cq01_wir_alliances_and_their_towns(dataset):
    """Which WIR! alliances does the page present, and in which town is each based?"""
    assert pairs(dataset, f"""
        SELECT ?a ?town WHERE {{ GRAPH <{GRAPH}> {{
          ?a a sg:Alliance ; sg:fundingProgramme programme:wir ; sg:location ?town }} ?town a sg:City }}""",
        "a", "town") == {
        (iri("alliance", "recomine"), iri("place", "freiberg")),
        (iri("alliance", "smarterz"), iri("place", "annaberg-buchholz")),
        (iri("alliance", "lausitz-life-and-technology"), iri("place", "zittau")),
    }


def test_cq02_wir_is_funded_by_the_bmbf(dataset):
    """Who funds the WIR! programme?"""
    assert values(dataset, """
        SELECT ?acronym WHERE { programme:wir sg:funder ?f . ?f skos:altLabel ?acronym }""",
        "acronym") == {"BMBF"}


def test_cq03_the_universities_of_saxony5_and_their_towns(dataset):
    """Which universities form Saxony5, and where are they?"""
    assert pairs(dataset, """
        SELECT ?u ?town WHERE {
          network:saxony5 sg:hasMember ?u . ?u a sg:UniversityOfAppliedSciences ; sg:location ?town }""",
        "u", "town") >= {(iri("organisation", u), iri("place", t)) for u, t in SAXONY5_UNIVERSITIES.items()}
    assert values(dataset, "SELECT ?u WHERE { network:saxony5 sg:hasMember ?u }", "u") == {
        iri("organisation", u) for u in SAXONY5_UNIVERSITIES}


def test_cq04_saxony5_counts_and_programme(dataset):
    """Under which programme is Saxony5 funded, how many universities and how many lab teams does it have?"""
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?programme ?members ?teams WHERE {
          network:saxony5 sg:fundingProgramme ?programme ; sg:memberCount [ sg:numericValue ?members ] .
          project:saxony5-co-creation-labs sg:subProjectOf network:saxony5 ;
                                           sg:quantity [ sg:numericValue ?teams ; sg:unitText ?unit ] }""")
    assert [(r["programme"], r["members"], r["teams"]) for r in rows] == [
        (iri("programme", "innovative-hochschule"), "5", "6")]


def test_cq05_networks_funded_by_innovative_hochschule(dataset):
    assert values(dataset, "SELECT ?n WHERE { ?n sg:fundingProgramme programme:innovative-hochschule }",
                  "n") == {iri("network", "saxony5")}


def test_cq06_subprojects_of_recomine(dataset):
    """What are the sub-projects of recomine?"""
    assert values(dataset, "SELECT ?p WHERE { ?p sg:subProjectOf alliance:recomine }", "p") == {
        iri("project", p) for p in RECOMINE_SUBPROJECTS}


def test_cq07_subprojects_via_inverse(dataset):
    """The build materialises sg:hasSubProject and dcterms:hasPart from sg:subProjectOf."""
    assert values(dataset, "SELECT ?p WHERE { alliance:smarterz dcterms:hasPart ?p }", "p") == {
        iri("project", p) for p in SMARTERZ_SUBPROJECTS}
    assert values(dataset, "SELECT ?p WHERE { network:lessie sg:hasSubProject ?p }", "p") == {
        iri("project", "smart-service-lab")}


def test_cq08_smarterz_projects_started_in_2019(dataset):
    """Which SmartERZ projects started, and when?"""
    assert pairs(dataset, """
        SELECT ?label ?start WHERE { ?p sg:subProjectOf alliance:smarterz ; rdfs:label ?label ;
                                        sg:startDate ?start }""", "label", "start") == {
        (label, "2019") for label in SMARTERZ_PROJECT_TITLES}


def test_cq09_smarterz_project_titles(dataset):
    assert pairs(dataset, """
        SELECT ?label ?title WHERE { ?p sg:subProjectOf alliance:smarterz ; rdfs:label ?label ;
                                        skos:altLabel ?title }""", "label", "title") == set(
        SMARTERZ_PROJECT_TITLES.items())


def test_cq10_recomine_stated_counts(dataset):
    """How many partners and projects does recomine have, with the qualifier as stated?"""
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?value ?qualifier ?stated WHERE {
          alliance:recomine sg:quantity|sg:partnerCount ?q .
          ?q sg:numericValue ?value ; sg:qualifier ?qualifier ; sg:asStated ?stated }""")
    assert {(r["value"], r["qualifier"], r["stated"]) for r in rows} == {
        ("40", SG + "moreThan", "more than 40 partners from research, industry, trade and society"),
        ("3", SG + "exactly", "three initial projects"),
        ("4", SG + "exactly", "Four selected technical recome projects"),
    }


def test_cq11_smarterz_partner_counts_keep_both_statements(dataset):
    """The page says both "currently 160 partners" and "more than 160 partners"."""
    assert pairs(dataset, """
        SELECT ?value ?qualifier WHERE { alliance:smarterz sg:partnerCount ?q .
                                         ?q sg:numericValue ?value ; sg:qualifier ?qualifier }""",
        "value", "qualifier") == {("160", SG + "exactly"), ("160", SG + "moreThan")}


def test_cq12_partners_of_lausitz_life_and_technology(dataset):
    """Who are the partners of Lausitz – Life and Technology?"""
    assert values(dataset, "SELECT ?p WHERE { alliance:lausitz-life-and-technology sg:hasPartner ?p }",
                  "p") == {iri("organisation", p) for p in LAUSITZ_PARTNERS}


def test_cq13_district_of_goerlitz_takes_part_as_a_public_body(dataset):
    """The district is a partner as a body; its territory is a district of Saxony."""
    assert pairs(dataset, """
        SELECT ?body ?state WHERE {
          alliance:lausitz-life-and-technology sg:hasPartner ?body . ?body a sg:PublicBody ; sg:location ?d .
          ?d a sg:District ; sg:locatedIn ?state . ?state a sg:FederalState }""", "body", "state") == {
        (iri("organisation", "district-of-goerlitz"), iri("place", "saxony"))}


def test_cq14_company_partner_of_lausitz_life_and_technology(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?label ?form WHERE { alliance:lausitz-life-and-technology sg:hasPartner ?c . ?c a sg:Company ;
                                    rdfs:label ?label ; sg:legalForm ?form }""")
    assert [(r["label"], r["form"]) for r in rows] == [("ULT", "AG")]


def test_cq15_fraunhofer_iwu_keeps_its_shared_label(dataset):
    assert values(dataset, """
        SELECT ?l WHERE { organisation:fraunhofer-iwu rdfs:label ?l }""", "l") == {
        "Fraunhofer Institute for Machine Tools and Forming Technology IWU"}


def test_cq16_university_in_both_saxony5_and_lausitz(dataset):
    """Which organisation belongs to both Saxony5 and Lausitz – Life and Technology?"""
    assert values(dataset, """
        SELECT ?u WHERE { network:saxony5 sg:hasMember ?u .
                          alliance:lausitz-life-and-technology sg:hasPartner ?u }""", "u") == {
        iri("organisation", "hochschule-zittau-goerlitz")}


def test_cq17_border_triangle_countries(dataset):
    """Which countries meet in the border triangle of Lausitz – Life and Technology?"""
    assert values(dataset, """
        SELECT ?c WHERE { alliance:lausitz-life-and-technology sg:location ?r .
                          ?r sg:locatedIn ?c . ?c a sg:Country . ?r skos:altLabel "border triangle"@en }""",
        "c") == {iri("place", c) for c in ("germany", "poland", "czechia")}


def test_cq18_lusatia_has_its_german_name(dataset):
    query = 'SELECT ?l WHERE { place:lusatia rdfs:label ?l FILTER(LANG(?l) = "de") }'
    assert values(dataset, query, "l") == {"Lausitz"}


def test_cq19_collaborations_supported_by_futuresax(dataset):
    """Which collaborations does futureSAX support?"""
    assert values(dataset, "SELECT ?c WHERE { ?c sg:supportedBy organisation:futuresax }", "c") == {
        ID + c for c in COLLABORATIONS}


def test_cq20_lessie_is_managed_by_ifdt(dataset):
    """Who manages LESSIE, and with which legal form?"""
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?form ?de WHERE { network:lessie sg:managedBy ?o .
          ?o skos:altLabel "IFDT" ; sg:legalForm ?form ; rdfs:label ?de FILTER(LANG(?de) = "de") }""")
    assert [(r["form"], r["de"]) for r in rows] == [("gGmbH", "Institut für Digitale Technologien gGmbH")]


def test_cq21_lessie_topics(dataset):
    assert values(dataset, """
        SELECT ?label WHERE { network:lessie sg:topic ?t . ?t skos:broader topic:smart-services ;
                                                              skos:prefLabel ?label }""", "label") == {
        "blockchain-based smart services", "digital working worlds in smart service systems",
        "innovation through smart services with 3D printing",
        "medical data analytics for smart health services",
        "smart services for decentralised data management", "smart services in public administration"}


def test_cq22_co_creation_lab_competence_areas(dataset):
    """In which areas do the Saxony5 Co-Creation Labs offer competence?"""
    assert values(dataset, """
        SELECT ?label WHERE { project:saxony5-co-creation-labs sg:topic ?t .
                              ?t skos:prefLabel ?label FILTER(LANG(?label) = "en") }""",
        "label") == {"factory of the future", "networked mobility", "additive manufacturing",
                     "supply infrastructure", "agriculture and biodiversity", "surface technology"}


def test_cq23_additive_manufacturing_is_shared_by_two_collaborations(dataset):
    """Within this document; the topic is shared with document 004, whose clusters use it too."""
    assert values(dataset, f"""
        SELECT ?who WHERE {{ GRAPH <{GRAPH}> {{ ?who sg:topic topic:additive-manufacturing }} }}""",
        "who") == {iri("alliance", "lausitz-life-and-technology"), iri("project", "saxony5-co-creation-labs")}


def test_cq24_recomine_selection_rounds(dataset):
    """When does the recomine advisory board select further projects?"""
    assert pairs(dataset, """
        SELECT ?label ?year WHERE {
          ?e a sg:Event ; sg:about alliance:recomine ; rdfs:label ?label ; sg:date ?year ;
             sg:participant ?board . ?board sg:unitOf alliance:recomine }""",
        "label", "year") == {("recomine project selection round, Q3 2020", "2020"),
                             ("recomine project selection round, Q1 2021", "2021")}


@pytest.mark.parametrize(("place", "expected"), [
    ("annaberg-buchholz", {"erzgebirge", "saxony", "germany"}),
    ("district-of-goerlitz", {"saxony", "germany"}),
    ("central-germany", {"germany"}),
    ("border-triangle-germany-poland-czechia", {"saxony", "germany", "poland", "czechia"}),
    ("lusatia", {"saxony", "germany", "poland"}),
    ("erzgebirge", {"saxony", "germany", "czechia"}),
])
def test_cq25_places_lie_in_state_and_country(dataset, place, expected):
    assert values(dataset, f"SELECT ?p WHERE {{ place:{place} sg:locatedIn ?p }}", "p") == {
        iri("place", p) for p in expected}


def test_cq26_german_project_names(dataset):
    """The only project the page names in German is the Saxon Transfer Roadshow."""
    assert values(dataset, f"""
        SELECT ?l WHERE {{ GRAPH <{GRAPH}> {{ ?x a sg:Project ; rdfs:label ?l
                                             FILTER(LANG(?l) = "de") }} }}""",
        "l") == {"Sächsische Transfer Roadshow"}
