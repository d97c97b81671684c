"""Document 001 (the Dresden/Leipzig hub): the two hubs, their partners, SpinLab, what the Leipzig hub plans
and the contact persons, as the curated data answers for them.

The audit tables: what the document states, sentence by sentence (each fact in its words and as a pattern of
the document's graph), and what an audit found the graph said without the document."""

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES
from tests.helpers.documents import SG, NotStated, Stated, audit, in_graph, iri, reason, values

FILE = "001_46cbbce316df3487.txt"
GRAPH = "digital-hub-dresden-leipzig"

ACADEMIC_PARTNERS_DRESDEN = {"tu-chemnitz", "tu-dresden", "htw-dresden", "fraunhofer-enas", "fraunhofer-ipms",
                             "fraunhofer-iwu"}
BUSINESS_PARTNERS_DRESDEN = {"infineon", "globalfoundries", "sap", "t-systems-mms", "isax", "n-plus-p"}
PARTNERS_LEIPZIG = {"saxon-state-government", "city-of-leipzig", "university-of-leipzig", "htwk-leipzig",
                    "hhl-leipzig-graduate-school-of-management", "verbundnetzgas", "european-energy-exchange",
                    "leipziger-gruppe", "porsche", "dell", "arvato"}
COMPANIES_IN_THE_REGION = ("verbundnetzgas", "european-energy-exchange", "leipziger-gruppe", "porsche",
                           "dell", "arvato")

STATED = [
    Stated("© Silvio Dittrich/LTM",
           "document:digital-hub-dresden-leipzig sg:credit person:silvio-dittrich , organisation:ltm"),
    Stated("With Dresden mainly focusing on basic research, and Leipzig placing a strong focus on practical "
           "applications, the two hubs offer a perfect combination of knowledge and skills.",
           "hub:dresden-leipzig-hub sg:hasMember hub:smart-systems-hub-dresden , "
           "hub:smart-infrastructure-hub-leipzig . hub:smart-systems-hub-dresden sg:location place:dresden . "
           "hub:smart-infrastructure-hub-leipzig sg:location place:leipzig"),
    Stated("digital technology is shaping and transforming our society, economy and industry",
           "hub:dresden-leipzig-hub sg:topic topic:digitalisation"),
    # the Dresden hub
    Stated("The Dresden is pursuing a smart systems strategy, aiming at ‘enabling IoT’, and focusing on "
           "combining hardware, software and connectivity",
           "hub:smart-systems-hub-dresden sg:topic topic:smart-systems , topic:internet-of-things , "
           "topic:software"),
    Stated("The Dresden hub is working with a number of skilled partners from academia and the industrial "
           "sector, innovative IT companies, creative start-ups and established networks.",
           'hub:smart-systems-hub-dresden rdfs:label "Dresden hub"@en ; sg:memberKind "skilled partners from '
           'academia and the industrial sector"@en , "innovative IT companies"@en , "creative start-ups"@en '
           ', "established networks"@en'),
    Stated("Based at the campus of TU Dresden, the hub offers a dynamic digital ecosystem.",
           "hub:smart-systems-hub-dresden sg:location ?campus . "
           '?campus a sg:Place ; rdfs:label "campus of TU Dresden"@en'),
    Stated("micro-electronics and sensor technology – all areas in which Dresden has been able to leverage "
           "considerable investment, synergies and expertise – the fast-growing software sector, big data, "
           "high-performance computing or high-speed mobile phone connections, Dresden has the skills",
           "hub:smart-systems-hub-dresden sg:topic topic:microelectronics , topic:sensor-technology , "
           "topic:big-data , topic:high-performance-computing , topic:mobile-communications"),
    Stated("the hub’s academic partners including TU Chemnitz, TU Dresden, HTW Dresden, the ENAS, IPMS and "
           "IWU Fraunhofer institutes",
           "VALUES ?partner { organisation:tu-chemnitz organisation:tu-dresden organisation:htw-dresden "
           "organisation:fraunhofer-enas organisation:fraunhofer-ipms organisation:fraunhofer-iwu } "
           "hub:smart-systems-hub-dresden sg:hasPartner ?partner . ?m sg:member ?partner ; "
           'sg:organisation hub:smart-systems-hub-dresden ; sg:role role:academic-partner ; sg:roleTitle '
           '"academic partner"@en'),
    Stated("TU Chemnitz, TU Dresden, HTW Dresden, the ENAS, IPMS and IWU Fraunhofer institutes",
           'organisation:tu-chemnitz skos:altLabel "TU Chemnitz" . organisation:tu-dresden rdfs:label "TU '
           'Dresden"@en . organisation:fraunhofer-ipms a sg:ResearchInstitute ; skos:altLabel "IPMS"'),
    Stated("the hub’s business partners including Infineon, Globalfoundries, SAP, T-Systems MMS, iSAX, N+P "
           "und many others",
           "VALUES ?partner { organisation:infineon organisation:globalfoundries organisation:sap "
           "organisation:t-systems-mms organisation:isax organisation:n-plus-p } "
           "hub:smart-systems-hub-dresden sg:hasPartner ?partner . ?partner a sg:Company . ?m sg:member "
           "?partner ; sg:organisation hub:smart-systems-hub-dresden ; sg:role role:business-partner . "
           'organisation:infineon rdfs:label "Infineon"@en . organisation:globalfoundries skos:altLabel '
           '"Globalfoundries"'),
    # the Leipzig hub
    Stated("The Leipzig smart infrastructure hub focuses on energy, smart cities, e-health, and "
           "cross-cutting technologies.",
           'hub:smart-infrastructure-hub-leipzig rdfs:label "Leipzig smart infrastructure hub"@en ; '
           "sg:topic topic:energy , topic:smart-cities , topic:e-health , topic:cross-cutting-technologies"),
    Stated("Apart from the Free State of Saxony, the city of Leipzig and several universities (the "
           "University of Leipzig, HTWK Leipzig, HHL Leipzig Graduate School of Management)",
           "hub:smart-infrastructure-hub-leipzig sg:hasPartner organisation:saxon-state-government , "
           "organisation:city-of-leipzig , organisation:university-of-leipzig , organisation:htwk-leipzig , "
           "organisation:hhl-leipzig-graduate-school-of-management . "
           'organisation:saxon-state-government skos:altLabel "Free State of Saxony"@en . '
           "organisation:htwk-leipzig a sg:University"),
    Stated("many companies based in the region such as Verbundnetzgas AG, the European Energy Exchange "
           "(EEX), Leipziger Gruppe, Porsche, DELL und arvato are also part of the hub",
           'hub:smart-infrastructure-hub-leipzig sg:memberKind "companies based in the region"@en ; '
           "sg:hasPartner organisation:verbundnetzgas , organisation:european-energy-exchange , "
           "organisation:leipziger-gruppe , organisation:porsche , organisation:dell , organisation:arvato . "
           'organisation:verbundnetzgas sg:legalForm "AG" . organisation:european-energy-exchange '
           'skos:altLabel "EEX"'),
    Stated("‘SpinLab – the HHL accelerator’ is a leading accelerator programme that is focusing on the "
           "issues named above",
           "incubator:spinlab a sg:Accelerator ; "
           'skos:altLabel "SpinLab" , "SpinLab – the HHL accelerator"@en ; '
           "sg:unitOf organisation:hhl-leipzig-graduate-school-of-management ; sg:topic topic:energy , "
           "topic:smart-cities , topic:e-health , topic:cross-cutting-technologies"),
    Stated("In the medium-term, an additional venture capital fund is to be set up.",
           "?fund a sg:Project ; sg:planned true ; sg:subProjectOf hub:smart-infrastructure-hub-leipzig ; "
           'rdfs:label "additional venture capital fund"@en'),
    Stated("additional rental units are to be provided on existing premises in the dynamic community in the "
           "West of Leipzig",
           "?units sg:planned true ; sg:subProjectOf hub:smart-infrastructure-hub-leipzig ; "
           'sg:location place:leipzig ; rdfs:label "additional rental units"@en'),
    Stated("In the long term, a centre of excellence for energy and smart cities involving all universities "
           "will be created",
           "?centre sg:planned true ; sg:subProjectOf hub:smart-infrastructure-hub-leipzig ; sg:topic "
           "topic:energy , topic:smart-cities"),
    # the contacts
    Stated("A joint website for the Dresden/Leipzig hub will be launched and a joint contact person named "
           "soon. Until then, please contact the persons listed below",
           "hub:dresden-leipzig-hub a sg:Hub ; "
           "sg:contactPerson person:sebastian-lindner , person:eric-weber"),
    Stated("Dr Sebastian Lindner AG Smart Systems Hub",
           'person:sebastian-lindner sg:honorificPrefix "Dr" ; sg:memberOf organisation:smart-systems-hub . '
           'organisation:smart-systems-hub skos:altLabel "AG Smart Systems Hub" ; '
           "sg:contactPerson person:sebastian-lindner"),
    Stated("Dr Eric Weber SpinLab – the HHL Accelerator",
           'person:eric-weber sg:honorificPrefix "Dr" ; sg:memberOf incubator:spinlab . incubator:spinlab '
           'rdfs:label "SpinLab – the HHL Accelerator"@en ; sg:contactPerson person:eric-weber'),
    Stated("Tel.: +49 (0)351 56 41 270",
           'person:sebastian-lindner sg:telephoneAsStated "+49 (0)351 56 41 270" ; sg:telephone '
           '"+493515641270"'),
    Stated("Tel.: +49 (0)341 355 785 70",
           'person:eric-weber sg:telephoneAsStated "+49 (0)341 355 785 70" ; sg:telephone "+4934135578570"'),
]

NOT_STATED = [
    NotStated("hub:smart-systems-hub-dresden sg:managedBy ?who",
              "the text gives AG Smart Systems Hub only as the organisation of a contact person"),
    NotStated("VALUES ?company { " + " ".join(f"organisation:{c}" for c in COMPANIES_IN_THE_REGION) + " } "
              "?company sg:location ?where",
              "the text says 'based in the region', not in the city of Leipzig"),
    NotStated('?company dcterms:description ?d FILTER(CONTAINS(?d, "Carmaker") || CONTAINS(?d, "Gas '
              'company") || CONTAINS(?d, "IT company") || CONTAINS(?d, "Software company") || CONTAINS(?d, '
              '"Energy exchange") || CONTAINS(?d, "Services company") || CONTAINS(?d, "IT services"))',
              "descriptions from general knowledge, not from the text"),
    NotStated('?hub rdfs:label "Smart Infrastructure Hub Leipzig"@en',
              "the text writes 'Leipzig smart infrastructure hub'"),
    NotStated('?hub rdfs:label "Smart Systems Hub Dresden"@en', "the text calls it 'the Dresden hub'"),
    NotStated("?s a sg:UniversityOfAppliedSciences",
              "the text does not say that HTW Dresden and HTWK Leipzig are universities of applied sciences"),
    NotStated("hub:smart-infrastructure-hub-leipzig sg:hasPartner incubator:spinlab",
              "the text presents SpinLab in the hub's paragraph, not as its partner"),
    NotStated("organisation:smart-systems-hub sg:location ?where",
              "the text does not place AG Smart Systems Hub"),
    NotStated("?institute sg:unitOf organisation:fraunhofer-gesellschaft",
              "the text names Fraunhofer institutes, never the Fraunhofer-Gesellschaft"),
    NotStated('?s dcterms:description ?d FILTER(CONTAINS(?d, "Fraunhofer institute for"))',
              "descriptions from general knowledge"),
    NotStated('organisation:globalfoundries rdfs:label "GLOBALFOUNDRIES"@en',
              "document 001 writes 'Globalfoundries' (the label is document 000's)"),
    NotStated('organisation:tu-chemnitz rdfs:label "Chemnitz University of Technology"@en',
              "document 001 writes 'TU Chemnitz' (the full name is document 000's)"),
    NotStated('?s skos:altLabel "Fraunhofer ENAS"', "no document writes this name"),
]

test_the_document_states, test_the_document_does_not_state = audit(FILE, GRAPH, STATED, NOT_STATED)


# Entities per sg: class, as typed in this document's graph.
INVENTORY = {
    "SourceDocument": 1,
    "Hub": 3,
    "Accelerator": 1,
    "Organisation": 3,
    "University": 3,
    "ResearchInstitute": 3,
    "Company": 12,
    "PublicBody": 2,
    "Person": 3,
    "Membership": 14,
    "Place": 1,
    "Project": 3,
}


def test_inventory(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          {in_graph(GRAPH, "?s a ?class")}
          FILTER(STRSTARTS(STR(?class), STR(sg:)))
        }} GROUP BY ?class""")
    assert {row["class"][len(SG):]: int(row["n"]) for row in rows} == INVENTORY


def test_partners_of_the_dresden_hub(dataset):
    assert values(dataset, "SELECT ?p WHERE { hub:smart-systems-hub-dresden sg:hasPartner ?p }", "p") == {
        iri("organisation", s) for s in ACADEMIC_PARTNERS_DRESDEN | BUSINESS_PARTNERS_DRESDEN}


@pytest.mark.parametrize(("role", "expected"), [
    ("academic-partner", ACADEMIC_PARTNERS_DRESDEN),
    ("business-partner", BUSINESS_PARTNERS_DRESDEN),
])
def test_dresden_partners_by_role(dataset, role, expected):
    assert values(dataset, f"""
        SELECT ?p WHERE {{ ?m sg:organisation hub:smart-systems-hub-dresden ; sg:member ?p ;
                              sg:role role:{role} }}""",
        "p") == {iri("organisation", s) for s in expected}


def test_partners_of_the_leipzig_hub(dataset):
    """The document's eleven, and SpinLab, which the curator adds (graph/curation)."""
    query = "SELECT ?p WHERE { hub:smart-infrastructure-hub-leipzig sg:hasPartner ?p }"
    assert values(dataset, query, "p") == {
        iri("organisation", s) for s in PARTNERS_LEIPZIG} | {iri("incubator", "spinlab")}
    pattern = in_graph(GRAPH, "hub:smart-infrastructure-hub-leipzig sg:hasPartner ?p")
    stated = f"SELECT ?p WHERE {{ {pattern} }}"
    assert values(dataset, stated, "p") == {iri("organisation", s) for s in PARTNERS_LEIPZIG}


def test_partners_in_org_terms(dataset):
    """A user who only knows W3C ORG finds the partners as members."""
    assert values(dataset, "SELECT ?p WHERE { hub:smart-systems-hub-dresden org:hasMember ?p }", "p") == {
        iri("organisation", s) for s in ACADEMIC_PARTNERS_DRESDEN | BUSINESS_PARTNERS_DRESDEN}


def test_organisations_partnering_with_both_hubs(dataset):
    assert values(dataset, """
        SELECT ?p WHERE { hub:smart-systems-hub-dresden sg:hasPartner ?p .
                          hub:smart-infrastructure-hub-leipzig sg:hasPartner ?p }""", "p") == set()


@pytest.mark.parametrize(("person", "organisation", "stated", "e164"), [
    ("sebastian-lindner", iri("organisation", "smart-systems-hub"), "+49 (0)351 56 41 270", "+493515641270"),
    ("eric-weber", iri("incubator", "spinlab"), "+49 (0)341 355 785 70", "+4934135578570"),
])
def test_contact_persons(dataset, person, organisation, stated, e164):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?title ?stated ?e164 ?organisation WHERE {{
          ?organisation sg:contactPerson person:{person} .
          ?m sg:member person:{person} ; sg:organisation ?organisation ; sg:role role:contact-person .
          person:{person} sg:honorificPrefix ?title ; sg:telephoneAsStated ?stated ; sg:telephone ?e164 .
        }}""")
    assert [(r["title"], r["stated"], r["e164"], r["organisation"]) for r in rows] == [
        ("Dr", stated, e164, organisation)]


def test_what_the_leipzig_hub_plans(dataset):
    assert values(dataset, """SELECT ?label WHERE {
        ?plan sg:planned true ; sg:subProjectOf hub:smart-infrastructure-hub-leipzig ; rdfs:label ?label }""",
                  "label") == {"additional venture capital fund", "additional rental units",
                               "centre of excellence for energy and smart cities"}


def test_hubs_of_leipzig(dataset):
    assert values(dataset, f"""
        SELECT ?h WHERE {{ {in_graph(GRAPH, "?h a sg:Hub ; sg:location place:leipzig")} }}""", "h") == {
        iri("hub", "dresden-leipzig-hub"), iri("hub", "smart-infrastructure-hub-leipzig")}


@pytest.mark.parametrize("s,p,o", [
    ("organisation:htw-dresden", "rdf:type", "sg:UniversityOfAppliedSciences"),
    ("organisation:htwk-leipzig", "sg:location", "place:leipzig"),
    ("hub:smart-infrastructure-hub-leipzig", "sg:hasPartner", "incubator:spinlab"),
    ("hub:smart-systems-hub-dresden", "skos:altLabel", '"Smart Systems Hub"@en'),
])
def test_the_curators_reading_has_its_reason(dataset, s, p, o):
    assert reason(dataset, s, p, o)
