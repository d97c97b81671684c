"""Document 001 (the Dresden/Leipzig digital hub): the two hubs, their partners, SpinLab and the contact
persons, as the curated data answers for them."""

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES

GRAPH = "https://w3id.org/saxgraph/graph/digital-hub-dresden-leipzig"
ID = "https://w3id.org/saxgraph/id/"
SG = "https://w3id.org/saxgraph/ontology#"

ACADEMIC_PARTNERS_DRESDEN = {"tu-chemnitz", "tu-dresden", "htw-dresden", "fraunhofer-enas", "fraunhofer-ipms",
                             "fraunhofer-iwu"}
BUSINESS_PARTNERS_DRESDEN = {"infineon", "globalfoundries", "sap", "t-systems-mms", "isax", "n-plus-p"}
PARTNERS_LEIPZIG = {"saxon-state-government", "city-of-leipzig", "university-of-leipzig", "htwk-leipzig",
                    "hhl-leipzig-graduate-school-of-management", "verbundnetzgas", "european-energy-exchange",
                    "leipziger-gruppe", "porsche", "dell", "arvato"}


def org(slug):
    return ID + "organisation/" + slug


def values(dataset, query, var):
    return {row[var] for row in dataset.select(SPARQL_PREFIXES + query)}


# Entities per sg: class, as typed in this document's graph.
INVENTORY = {
    "SourceDocument": 1,
    "Hub": 3,
    "Accelerator": 1,
    "Organisation": 2,
    "University": 4,
    "UniversityOfAppliedSciences": 2,
    "ResearchInstitute": 4,
    "Company": 12,
    "PublicBody": 2,
    "Person": 3,
    "Membership": 14,
}


def test_inventory(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          GRAPH <{GRAPH}> {{ ?s a ?class }}
          FILTER(STRSTARTS(STR(?class), STR(sg:)))
        }} GROUP BY ?class""")
    assert {row["class"][len(SG):]: int(row["n"]) for row in rows} == INVENTORY


def test_partners_of_the_dresden_hub(dataset):
    assert values(dataset, "SELECT ?p WHERE { hub:smart-systems-hub-dresden sg:hasPartner ?p }", "p") == {
        org(s) for s in ACADEMIC_PARTNERS_DRESDEN | BUSINESS_PARTNERS_DRESDEN}


@pytest.mark.parametrize(("role", "expected"), [
    ("academic-partner", ACADEMIC_PARTNERS_DRESDEN),
    ("business-partner", BUSINESS_PARTNERS_DRESDEN),
])
def test_dresden_partners_by_role(dataset, role, expected):
    assert values(dataset, f"""
        SELECT ?p WHERE {{ ?m sg:organisation hub:smart-systems-hub-dresden ; sg:member ?p ;
                              sg:role role:{role} }}""",
        "p") == {org(s) for s in expected}


def test_partners_of_the_leipzig_hub(dataset):
    query = "SELECT ?p WHERE { hub:smart-infrastructure-hub-leipzig sg:hasPartner ?p }"
    assert values(dataset, query, "p") == {
        org(s) for s in PARTNERS_LEIPZIG} | {ID + "incubator/spinlab"}


def test_partners_in_org_terms(dataset):
    """A user who only knows W3C ORG finds the partners as members."""
    assert values(dataset, "SELECT ?p WHERE { hub:smart-systems-hub-dresden org:hasMember ?p }", "p") == {
        org(s) for s in ACADEMIC_PARTNERS_DRESDEN | BUSINESS_PARTNERS_DRESDEN}


def test_organisations_partnering_with_both_hubs(dataset):
    assert values(dataset, """
        SELECT ?p WHERE { hub:smart-systems-hub-dresden sg:hasPartner ?p .
                          hub:smart-infrastructure-hub-leipzig sg:hasPartner ?p }""", "p") == set()


def test_joint_hub_joins_the_two_hubs(dataset):
    assert values(dataset, "SELECT ?h WHERE { hub:dresden-leipzig-hub sg:hasMember ?h }", "h") == {
        ID + "hub/smart-systems-hub-dresden", ID + "hub/smart-infrastructure-hub-leipzig"}


def test_topics_of_the_leipzig_hub(dataset):
    query = "SELECT ?t WHERE { hub:smart-infrastructure-hub-leipzig sg:topic ?t }"
    assert values(dataset, query, "t") == {
        ID + "topic/" + slug for slug in ("energy", "smart-cities", "e-health", "cross-cutting-technologies")}


def test_spinlab_is_the_hhl_accelerator(dataset):
    assert dataset.ask(SPARQL_PREFIXES + """
        ASK { incubator:spinlab a sg:Accelerator ;
                                rdfs:label "SpinLab – the HHL Accelerator"@en ;
                                sg:unitOf organisation:hhl-leipzig-graduate-school-of-management }""")


@pytest.mark.parametrize(("person", "organisation", "stated", "e164"), [
    ("sebastian-lindner", ID + "organisation/smart-systems-hub", "+49 (0)351 56 41 270", "+493515641270"),
    ("eric-weber", ID + "incubator/spinlab", "+49 (0)341 355 785 70", "+4934135578570"),
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


def test_joint_hub_contacts(dataset):
    assert values(dataset, "SELECT ?p WHERE { hub:dresden-leipzig-hub sg:contactPerson ?p }", "p") == {
        ID + "person/sebastian-lindner", ID + "person/eric-weber"}


def test_dresden_hub_managed_by_ag_smart_systems_hub(dataset):
    assert values(dataset, """
        SELECT ?alt WHERE { hub:smart-systems-hub-dresden sg:managedBy ?o . ?o skos:altLabel ?alt }""",
        "alt") == {"AG Smart Systems Hub"}


def test_hubs_of_leipzig(dataset):
    assert values(dataset, f"""
        SELECT ?h WHERE {{ GRAPH <{GRAPH}> {{ ?h a sg:Hub ; sg:location place:leipzig }} }}""", "h") == {
        ID + "hub/dresden-leipzig-hub", ID + "hub/smart-infrastructure-hub-leipzig"}
