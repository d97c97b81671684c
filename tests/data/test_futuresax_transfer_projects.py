"""Document 002 (futureSAX, "Saxon Projects for Innovation & Transfer"): the WiR! alliances recomine, SmartERZ
and Lausitz - Life and Technology, the LESSIE network and the Saxony5 transfer network, as the curated data
answers for them.

The audit tables: what the document states, sentence by sentence (each fact in its words and as a pattern of
the document's graph), and what an audit found the graph said without the document."""

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES
from tests.helpers.documents import SG, NotStated, Stated, audit, in_graph, iri, reason, values

FILE = "002_e9acecd4deaafc04.txt"
GRAPH = "futuresax-transfer-projects"

RECOMINE_SUBPROJECTS = {
    "recomine-technology-platform", "recomine-alliance-strategy", "recomine-sales-structure",
    "recomine-transfer-office", "recomine-stakeholder-exchange", "recomine-mine-water-resources",
    "recomine-mine-water-sediments", "recomine-tailings-forestry", "recomine-tailings-bioleaching",
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

STATED = [
    Stated("Saxon Projects for Innovation & Transfer",
           "document:futuresax-transfer-projects dcterms:title "
           '"Saxon Projects for Innovation & Transfer"@en'),
    Stated("futureSAX actively supports these networks",
           "VALUES ?c { alliance:recomine alliance:smarterz alliance:lausitz-life-and-technology "
           "network:lessie "
           "network:saxony5 } ?c sg:supportedBy organisation:futuresax"),
    Stated("Die Sächsische Transfer Roadshow macht erfolgreiche Transferprojekte mit Modellchakater "
           "sichtbar.",
           'project:saxon-transfer-roadshow a sg:Project ; rdfs:label "Sächsische Transfer Roadshow"@de'),
    # recomine
    Stated("rECOmine - rethinging resources",
           'alliance:recomine skos:altLabel "rECOmine - rethinging resources" , "rECOmine"'),
    Stated("BMBF-Projekt: WiR! Change through innovation in regions",
           "alliance:recomine sg:fundingProgramme programme:wir . programme:wir sg:funder organisation:bmbf "
           "; "
           'rdfs:label "WiR! Change through innovation in regions"@en . organisation:bmbf skos:altLabel '
           '"BMBF"'),
    Stated("Freiberg - Regional Alliance on Mining Waste",
           'alliance:recomine sg:location place:freiberg ; skos:altLabel "Regional Alliance on Mining '
           'Waste"@en'),
    Stated("The recomine alliance works at the interface of environmental, resource technology and "
           "digitalization on the topic of mining waste.",
           "alliance:recomine sg:topic topic:mining-waste , topic:environmental-technology , "
           "topic:resource-technology , topic:digitalisation"),
    Stated("In recomine an innovative technology platform is being developed",
           "?platform a sg:Project ; sg:subProjectOf alliance:recomine ; "
           'rdfs:label "innovative technology platform of recomine"@en'),
    Stated("more than 40 partners from research, industry, trade and society in the Erzgebirge region",
           "alliance:recomine sg:location place:erzgebirge ; sg:partnerCount [ sg:numericValue 40 ; "
           'sg:qualifier sg:moreThan ] ; sg:memberKind "research"@en , "industry"@en , "trade"@en , '
           '"society"@en'),
    Stated("In three initial projects",
           'alliance:recomine sg:quantity [ sg:numericValue 3 ; sg:asStated "three initial projects"@en ]'),
    Stated("Development of a joint alliance strategy to generate innovations in the Ore Mountains region",
           "project:recomine-alliance-strategy sg:subProjectOf alliance:recomine ; sg:location "
           "place:erzgebirge . "
           'place:erzgebirge skos:altLabel "Ore Mountains"@en'),
    Stated("Four selected technical recome projects will address the resource potential of heavy metal "
           "contaminated mine waters",
           'alliance:recomine sg:quantity [ sg:numericValue 4 ; sg:asStated "Four selected technical recome '
           'projects"@en ] . project:recomine-mine-water-resources sg:subProjectOf alliance:recomine'),
    Stated("and the bioleaching of tailings pile material",
           'project:recomine-tailings-bioleaching rdfs:label "Bioleaching of tailings pile material"@en'),
    Stated("Further projects will follow after a further round of selection by the recomime advisory board "
           "in "
           "Q3 2020 and Q1 2021.",
           'organisation:recomine-advisory-board rdfs:label "recomime advisory board"@en ; '
           "sg:unitOf alliance:recomine . ?round sg:planned true ; sg:about alliance:recomine ; "
           'sg:participant organisation:recomine-advisory-board ; sg:date "2021"^^xsd:gYear'),
    # SmartERZ
    Stated("Smart Composites ERZgebirge", 'alliance:smarterz skos:altLabel "Smart Composites ERZgebirge"'),
    Stated("BMBF-Project: WiR! Change through innovation in regions",
           "alliance:smarterz sg:fundingProgramme programme:wir"),
    Stated("Annaberg-Buchholz - cross-sector technology clusters",
           "alliance:smarterz sg:location place:annaberg-buchholz"),
    Stated("The SmartERZ Alliance", 'alliance:smarterz a sg:Alliance ; rdfs:label "SmartERZ"@en'),
    Stated("the region, which has been reinventing itself time and again for 800 years",
           "place:erzgebirge sg:quantity [ sg:numericValue 800 ]"),
    Stated("the transformation of the Erzgebirge region into a leading high-tech location for "
           "functionalized, "
           "novel composite materials, so-called smart composites",
           "alliance:smarterz sg:topic topic:smart-composites ; sg:location place:erzgebirge"),
    Stated("alliance of currently 160 partners from business and science",
           "alliance:smarterz sg:partnerCount [ sg:numericValue 160 ; sg:qualifier sg:exactly ]"),
    Stated("over the next five years",
           'alliance:smarterz sg:quantity [ sg:numericValue 5 ; sg:unitText "years"@en ]'),
    Stated("The first four projects were launched at the end of 2019",
           'project:smartstrat sg:subProjectOf alliance:smarterz ; sg:startDate "2019"^^xsd:gYear'),
    Stated("The cross-industry and cross-company technology cluster SmartERZ",
           "alliance:smarterz a sg:Cluster"),
    Stated("The alliance already includes more than 160 partners from business, science and society.",
           "alliance:smarterz sg:partnerCount [ sg:numericValue 160 ; sg:qualifier sg:moreThan ] ; "
           'sg:memberKind "business"@en , "science"@en , "society"@en'),
    # Lausitz - Life and Technology
    Stated("Lausitz - Life and Technology",
           'alliance:lausitz-life-and-technology rdfs:label "Lausitz - Life and Technology"@en ; '
           "sg:fundingProgramme programme:wir"),
    Stated("Zittau - cross-competence network in the border triangle",
           "alliance:lausitz-life-and-technology sg:location place:zittau"),
    Stated("With Life and Technology (L&T), an alliance has been created",
           'alliance:lausitz-life-and-technology a sg:Alliance ; skos:altLabel "L&T" , "Life and '
           'Technology"@en'),
    Stated("Lausitz - Life and Technology is a cooperation project of the University of Applied Sciences "
           "Zittau/Görlitz, the district of Görlitz, ULT AG and the Fraunhofer Institute for Machine Tools "
           "and "
           "Forming Technology IWU.",
           "alliance:lausitz-life-and-technology sg:hasPartner organisation:hochschule-zittau-goerlitz , "
           "organisation:district-of-goerlitz , organisation:ult , organisation:fraunhofer-iwu . "
           'organisation:ult sg:legalForm "AG" . organisation:district-of-goerlitz a sg:PublicBody'),
    Stated("four fields of innovation are being expanded",
           "alliance:lausitz-life-and-technology sg:quantity [ sg:numericValue 4 ] ; "
           "sg:topic topic:networked-energy-systems , topic:additive-manufacturing , "
           "topic:non-formal-regional-education , topic:attractive-living-and-working-spaces"),
    Stated("the central location of Lusatia in the border triangle of Poland, the Czech Republic and Germany",
           "alliance:lausitz-life-and-technology sg:location place:lusatia . "
           "place:lusatia sg:locatedIn place:border-triangle-germany-poland-czechia . "
           "place:border-triangle-germany-poland-czechia sg:locatedIn place:poland , place:czechia , "
           "place:germany"),
    # LESSIE
    Stated("LESSIE – Leipziger Smart Service Engineering",
           'network:lessie rdfs:label "LESSIE – Leipziger Smart Service Engineering"@en ; skos:altLabel '
           '"LESSIE"'),
    Stated("Leipzig - Regional Cooperation Network for Smart Services",
           "network:lessie sg:location place:leipzig"),
    Stated("with partners from the Leipzig area, Central Germany and Saxony",
           'network:lessie sg:memberKind "partners from the Leipzig area, Central Germany and Saxony"@en'),
    Stated("are to be demonstrated in a Smart Service Lab over the long term",
           "project:smart-service-lab sg:subProjectOf network:lessie ; sg:planned true"),
    Stated("Smart services for decentralized data management",
           "network:lessie sg:topic topic:smart-services-for-decentralised-data-management"),
    Stated("The network is managed by IFDT - Institut für Digitale Technologien gGmbH.",
           "network:lessie sg:managedBy organisation:institut-fuer-digitale-technologien . "
           'organisation:institut-fuer-digitale-technologien sg:legalForm "gGmbH" ; skos:altLabel "IFDT"'),
    # Saxony5
    Stated("Transfer network Saxony5 of the Saxon HAW",
           'network:saxony5 a sg:InnovationNetwork ; skos:altLabel "Transfer network Saxony5 of the Saxon '
           'HAW"@en'),
    Stated('Bund-Länder-funding initiative "Innovative Hochschule',
           "network:saxony5 sg:fundingProgramme programme:innovative-hochschule . "
           'programme:innovative-hochschule rdfs:label "Innovative Hochschule"@de'),
    Stated("Dresden, Leipzig, Mittweida, Zittau/Görlitz, Zwickau",
           "network:saxony5 sg:location place:dresden , place:leipzig , place:mittweida , place:zittau , "
           "place:goerlitz , place:zwickau"),
    Stated("the five Saxon Universities of Applied Sciences (HAW), 6 research and development teams",
           "network:saxony5 sg:memberCount [ sg:numericValue 5 ] . project:saxony5-co-creation-labs "
           "sg:subProjectOf network:saxony5 ; sg:quantity [ sg:numericValue 6 ]"),
    Stated("bundles the resources and competencies of the five HAW as well as of several direct partners",
           'network:saxony5 sg:memberKind "direct partners"@en'),
    Stated("Surface technology (surface analysis, surface structuring, surface functionalization, coating "
           "technology)",
           "project:saxony5-co-creation-labs sg:topic topic:surface-technology"),
]

NOT_STATED = [
    NotStated("document:futuresax-transfer-projects dcterms:publisher ?who",
              "the page does not say who publishes it (graph/curation)"),
    NotStated("programme:innovative-hochschule sg:funder ?who",
              "the text says only 'Bund-Länder-funding initiative' (on main the reference data said BMBF)"),
    NotStated('?p rdfs:label "WIR! – Change through Innovation in the Region"@en',
              "wording from outside the text"),
    NotStated("?p rdfs:label ?l FILTER(LANG(?l) = 'de' && CONTAINS(?l, 'Wandel durch Innovation'))",
              "the German WiR! name is nowhere in the text"),
    NotStated("network:saxony5 sg:hasMember ?university",
              "the text names the five HAW only by town: which universities they are is the curator's"),
    NotStated('?u rdfs:label "Mittweida University of Applied Sciences"@en', "a name the text never uses"),
    NotStated('?u skos:altLabel "Westsächsische Hochschule Zwickau"', "a name the text never uses"),
    NotStated("place:erzgebirge sg:locatedIn place:czechia",
              "the text's Erzgebirge region is not placed in Czechia"),
    NotStated("place:lusatia sg:locatedIn place:poland",
              "the text places Lusatia in the border triangle only"),
    NotStated("project:recomine-tailings-bioleaching sg:topic topic:biotechnology", "inferred, not stated"),
    NotStated('?p dcterms:description ?d FILTER(CONTAINS(?d, "microorganisms"))',
              "the text says 'bioleaching'"),
    NotStated('alliance:recomine skos:altLabel "rECOmine – rethinking resources"@en',
              "the heading reads 'rethinging' (the corrected form is the curator's)"),
    NotStated("network:lessie sg:location place:central-germany , place:saxony",
              "the partners are from Central Germany and Saxony; the network is in Leipzig"),
    NotStated("?topic skos:inScheme ?scheme",
              "the topic scheme is vocabulary (reference data), not the text"),
    NotStated('?p rdfs:label "Lausitz – Life and Technology"@en', "the text writes a hyphen"),
    NotStated('?p rdfs:label "Innovative University"@en', "the text uses the German name"),
    NotStated('organisation:futuresax skos:altLabel "innovation platform of the Free State of Saxony"@en',
              "the breadcrumb does not say that futureSAX is the platform (graph/curation)"),
]

test_the_document_states, test_the_document_does_not_state = audit(FILE, GRAPH, STATED, NOT_STATED)


# Entities per sg: class, as typed in this document's graph.
INVENTORY = {
    "SourceDocument": 1,
    "Organisation": 1,                  # futureSAX
    "Alliance": 3,                      # recomine, SmartERZ, Lausitz - Life and Technology
    "Cluster": 1,                       # SmartERZ is also called a technology cluster
    "InnovationNetwork": 2,             # LESSIE, Saxony5
    "OrganisationalUnit": 1,            # recomine advisory board
    "UniversityOfAppliedSciences": 1,   # Zittau/Görlitz (the other four HAW are the curator's)
    "ResearchInstitute": 2,             # Fraunhofer IWU, IFDT
    "Company": 1,                       # ULT AG
    "PublicBody": 1,                    # the district of Görlitz
    "FundingProgramme": 2,              # WiR!, Innovative Hochschule
    "Project": 16,                      # roadshow, recomine 9, SmartERZ 4, LESSIE lab, Saxony5 labs
    "Event": 2,                         # recomine selection rounds Q3 2020, Q1 2021
    "Region": 3,                        # Erzgebirge, Lusatia, border triangle
    "Quantity": 11,
}


def test_inventory(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          {in_graph(GRAPH, "?s a ?class")}
          FILTER(STRSTARTS(STR(?class), STR(sg:)))
        }} GROUP BY ?class""")
    assert {row["class"][len(SG):]: int(row["n"]) for row in rows} == INVENTORY


def pairs(dataset, query, a, b):
    return {(row[a], row[b]) for row in dataset.select(SPARQL_PREFIXES + query)}


def test_the_page_names_no_persons_addresses_or_phones(dataset):
    """The page gives no contact persons, addresses or phone numbers; none may have been invented."""
    assert not dataset.ask(SPARQL_PREFIXES + f"""
        ASK {{ {in_graph(GRAPH, '''
          {{ ?x a sg:Person }} UNION {{ ?x a sg:PostalAddress }} UNION {{ ?x a sg:Membership }}
          UNION {{ ?x sg:telephone ?t }} UNION {{ ?x sg:contactPerson ?p }}''')} }}""")


def test_every_organisation_collaboration_and_project_is_described_in_english(dataset):
    assert values(dataset, f"""
        SELECT ?x WHERE {{ {in_graph(GRAPH, "?x a ?c")}
          VALUES ?c {{ sg:Alliance sg:InnovationNetwork sg:Project sg:Organisation sg:OrganisationalUnit
                      sg:UniversityOfAppliedSciences sg:ResearchInstitute sg:Company sg:PublicBody }}
          FILTER NOT EXISTS {{ ?x dcterms:description ?d FILTER(LANG(?d) = "en") }} }}""", "x") == set()


# ---------------------------------------------------------------- competency questions

def test_cq01_wir_alliances_and_their_towns(dataset):
    """Which WiR! alliances does the page present, and in which town is each based?"""
    assert pairs(dataset, f"""
        SELECT ?a ?town WHERE {{
          {in_graph(GRAPH, "?a a sg:Alliance ; sg:fundingProgramme programme:wir ; sg:location ?town")}
          ?town a sg:City }}""", "a", "town") == {
        (iri("alliance", "recomine"), iri("place", "freiberg")),
        (iri("alliance", "smarterz"), iri("place", "annaberg-buchholz")),
        (iri("alliance", "lausitz-life-and-technology"), iri("place", "zittau")),
    }


def test_cq03_the_universities_of_saxony5_and_their_towns(dataset):
    """Which universities form Saxony5, and where are they? Answered with the curator's identifications."""
    assert pairs(dataset, """
        SELECT ?u ?town WHERE {
          network:saxony5 sg:hasMember ?u . ?u a sg:UniversityOfAppliedSciences ; sg:location ?town }""",
        "u", "town") >= {(iri("organisation", u), iri("place", t)) for u, t in SAXONY5_UNIVERSITIES.items()}
    assert values(dataset, "SELECT ?u WHERE { network:saxony5 sg:hasMember ?u }", "u") == {
        iri("organisation", u) for u in SAXONY5_UNIVERSITIES}


@pytest.mark.parametrize("university", sorted(SAXONY5_UNIVERSITIES))
def test_each_saxony5_university_is_the_curators_identification(dataset, university):
    assert reason(dataset, "network:saxony5", "sg:hasMember", f"organisation:{university}")


def test_cq04_saxony5_counts_and_programme(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?programme ?members ?teams WHERE {
          network:saxony5 sg:fundingProgramme ?programme ; sg:memberCount [ sg:numericValue ?members ] .
          project:saxony5-co-creation-labs sg:subProjectOf network:saxony5 ;
                                           sg:quantity [ sg:numericValue ?teams ; sg:unitText ?unit ] }""")
    assert [(r["programme"], r["members"], r["teams"]) for r in rows] == [
        (iri("programme", "innovative-hochschule"), "5", "6")]


def test_cq06_subprojects_of_recomine(dataset):
    assert values(dataset, "SELECT ?p WHERE { ?p sg:subProjectOf alliance:recomine }", "p") == {
        iri("project", p) for p in RECOMINE_SUBPROJECTS}


def test_cq07_subprojects_via_inverse(dataset):
    """The build materialises sg:hasSubProject and dcterms:hasPart from sg:subProjectOf."""
    assert values(dataset, "SELECT ?p WHERE { alliance:smarterz dcterms:hasPart ?p }", "p") == {
        iri("project", p) for p in SMARTERZ_SUBPROJECTS}
    assert values(dataset, "SELECT ?p WHERE { network:lessie sg:hasSubProject ?p }", "p") == {
        iri("project", "smart-service-lab")}


def test_cq08_smarterz_projects_and_their_titles(dataset):
    assert pairs(dataset, """
        SELECT ?label ?start WHERE { ?p sg:subProjectOf alliance:smarterz ; rdfs:label ?label ;
                                        sg:startDate ?start }""", "label", "start") == {
        (label, "2019") for label in SMARTERZ_PROJECT_TITLES}
    assert pairs(dataset, """
        SELECT ?label ?title WHERE { ?p sg:subProjectOf alliance:smarterz ; rdfs:label ?label ;
                                        skos:altLabel ?title }""", "label", "title") == set(
        SMARTERZ_PROJECT_TITLES.items())


def test_cq10_recomine_stated_counts(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?value ?qualifier ?stated WHERE {
          alliance:recomine sg:quantity|sg:partnerCount ?q .
          ?q sg:numericValue ?value ; sg:qualifier ?qualifier ; sg:asStated ?stated }""")
    assert {(r["value"], r["qualifier"], r["stated"]) for r in rows} == {
        ("40", SG + "moreThan", "more than 40 partners from research, industry, trade and society"),
        ("3", SG + "exactly", "three initial projects"),
        ("4", SG + "exactly", "Four selected technical recome projects"),
    }


def test_cq12_partners_of_lausitz_life_and_technology(dataset):
    assert values(dataset, "SELECT ?p WHERE { alliance:lausitz-life-and-technology sg:hasPartner ?p }",
                  "p") == {iri("organisation", p) for p in LAUSITZ_PARTNERS}


def test_cq13_district_of_goerlitz_takes_part_as_a_public_body(dataset):
    """The district is a partner as a body; its territory (reference data) is a district of Saxony."""
    assert pairs(dataset, """
        SELECT ?body ?state WHERE {
          alliance:lausitz-life-and-technology sg:hasPartner ?body . ?body a sg:PublicBody ; sg:location ?d .
          ?d a sg:District ; sg:locatedIn ?state . ?state a sg:FederalState }""", "body", "state") == {
        (iri("organisation", "district-of-goerlitz"), iri("place", "saxony"))}


def test_cq16_university_in_both_saxony5_and_lausitz(dataset):
    assert values(dataset, """
        SELECT ?u WHERE { network:saxony5 sg:hasMember ?u .
                          alliance:lausitz-life-and-technology sg:hasPartner ?u }""", "u") == {
        iri("organisation", "hochschule-zittau-goerlitz")}


def test_cq20_lessie_is_managed_by_ifdt(dataset):
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
        "smart services for decentralized data management", "smart services in public administration"}


def test_cq22_co_creation_lab_competence_areas(dataset):
    assert values(dataset, """
        SELECT ?label WHERE { project:saxony5-co-creation-labs sg:topic ?t .
                              ?t skos:prefLabel ?label FILTER(LANG(?label) = "en") }""",
        "label") == {"factory of the future", "networked mobility", "additive manufacturing",
                     "supply infrastructure", "agriculture and biodiversity", "surface technology"}


def test_cq23_additive_manufacturing_is_shared_by_two_collaborations(dataset):
    assert values(dataset, f"""
        SELECT ?who WHERE {{ {in_graph(GRAPH, "?who sg:topic topic:additive-manufacturing")} }}""",
        "who") == {iri("alliance", "lausitz-life-and-technology"), iri("project", "saxony5-co-creation-labs")}


def test_cq24_recomine_selection_rounds(dataset):
    assert pairs(dataset, """
        SELECT ?label ?year WHERE {
          ?e a sg:Event ; sg:planned true ; sg:about alliance:recomine ; rdfs:label ?label ; sg:date ?year ;
             sg:participant ?board . ?board sg:unitOf alliance:recomine }""",
        "label", "year") == {("recomine project selection round, Q3 2020", "2020"),
                             ("recomine project selection round, Q1 2021", "2021")}


@pytest.mark.parametrize(("place", "expected"), [
    ("annaberg-buchholz", {"saxony", "germany"}),
    ("district-of-goerlitz", {"saxony", "germany"}),
    ("border-triangle-germany-poland-czechia", {"saxony", "germany", "poland", "czechia"}),
    ("lusatia", {"border-triangle-germany-poland-czechia"}),
    ("erzgebirge", {"saxony", "germany"}),
])
def test_cq25_places_lie_in_state_and_country(dataset, place, expected):
    """With the reference data and the curation graph (Saxony for the Erzgebirge and the border triangle)."""
    assert values(dataset, f"SELECT ?p WHERE {{ place:{place} sg:locatedIn ?p }}", "p") == {
        iri("place", p) for p in expected}


def test_cq26_german_project_names(dataset):
    assert values(dataset, f"""
        SELECT ?l WHERE {{ {in_graph(GRAPH, '?x a sg:Project ; rdfs:label ?l FILTER(LANG(?l) = "de")')} }}""",
        "l") == {"Sächsische Transfer Roadshow"}


@pytest.mark.parametrize("s,p,o", [
    ("document:futuresax-transfer-projects", "dcterms:publisher", "organisation:futuresax"),
    ("alliance:recomine", "skos:altLabel", '"rECOmine - rethinking resources"@en'),
    ("place:erzgebirge", "sg:locatedIn", "place:saxony"),
    ("project:saxon-transfer-roadshow", "rdfs:label", '"Saxon Transfer Roadshow"@en'),
])
def test_the_curators_reading_has_its_reason(dataset, s, p, o):
    assert reason(dataset, s, p, o)
