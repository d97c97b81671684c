"""Document 000 ("MICRO! - Networks & Incubators"): Silicon Saxony, Organic Electronics Saxony, the Smart
Systems Campus Chemnitz and the TechnologieZentrumDresden, as the curated data answers for them.

The audit tables: what the document states, sentence by sentence (each fact in its words and as a pattern of
the document's graph), and what an audit found the graph said without the document."""

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES
from tests.helpers.documents import SG, NotStated, Stated, audit, in_graph, iri, reason, values

FILE = "000_905c7d61bd444823.txt"
GRAPH = "micro-networks-incubators"

STATED = [
    Stated("MICRO! - Networks & Incubators",
           'document:micro-networks-incubators dcterms:title "MICRO! - Networks & Incubators"@en'),
    # Silicon Saxony
    Stated("With Silicon Saxony e. V., one of the world’s largest microelectronics / ICT clusters is active "
           "in Saxony.",
           'cluster:silicon-saxony a sg:Cluster ; skos:altLabel "Silicon Saxony e. V." ; '
           'sg:legalForm "e. V." ; sg:location place:saxony ; sg:topic topic:microelectronics , '
           "topic:information-and-communication-technology"),
    Stated("With more than 350 members, Silicon Saxony e. V.  is one of the largest microelectronics and IT "
           "clusters",
           'cluster:silicon-saxony sg:memberCount [ sg:numericValue 350 ; sg:qualifier sg:moreThan ; '
           'sg:asStated "more than 350 members"@en ]'),
    Stated("As a self-financed association, Silicon Saxony has united manufacturers, suppliers, service "
           "providers, universities, research institutes, public institutions as well as branch-relevant "
           "startups",
           'cluster:silicon-saxony a sg:Association ; sg:memberKind "manufacturers"@en , "suppliers"@en , '
           '"service providers"@en , "universities"@en , "research institutes"@en , '
           '"public institutions"@en , "branch-relevant startups"@en'),
    Stated("since its founding in 2000", 'cluster:silicon-saxony sg:foundingDate "2000"^^xsd:gYear'),
    Stated("promoting Saxony’s expansion into a software state",
           "cluster:silicon-saxony sg:topic topic:software"),
    Stated("artificial intelligence, robotics, automation, the internet of things, sensor technology, energy "
           "efficiency, neuromorphic and / or edge computing",
           "cluster:silicon-saxony sg:topic topic:artificial-intelligence , topic:robotics , "
           "topic:automation , topic:internet-of-things , topic:sensor-technology , "
           "topic:energy-efficiency , "
           "topic:neuromorphic-computing , topic:edge-computing"),
    # Organic Electronics Saxony
    Stated("Organic Electronics Saxony (OES) innovation network",
           "network:organic-electronics-saxony a sg:InnovationNetwork ; "
           'rdfs:label "Organic Electronics Saxony"@en ; skos:altLabel "OES"'),
    Stated("Logo Netzwerk Organic Electronics Saxony",
           'network:organic-electronics-saxony skos:altLabel "Netzwerk Organic Electronics Saxony"@de'),
    Stated("represents the interests of Europe’s leading cluster for organic, flexible and printed "
           "electronics, and thereby unites the key research and industry stakeholders in Saxony",
           "network:organic-electronics-saxony sg:location place:saxony ; "
           "sg:topic topic:organic-electronics , topic:flexible-electronics , topic:printed-electronics"),
    Stated("“EEInnovation” is a European initiative, in which OES, together with 31 partners",
           "project:eeinnovation a sg:Project ; sg:carriedOutBy network:organic-electronics-saxony ; "
           "sg:partnerCount [ sg:numericValue 31 ; sg:qualifier sg:exactly ]"),
    Stated("the technological potentials of organic electronics as well as nanoelectronics / "
           "microelectronics",
           "project:eeinnovation sg:topic topic:organic-electronics , topic:nanoelectronics , "
           "topic:microelectronics"),
    Stated("“OES-international” is the name of the project, in which from 2016 on the OES stakeholders",
           'project:oes-international rdfs:label "OES-international"@en ; sg:startDate "2016"^^xsd:gYear ; '
           "sg:carriedOutBy network:organic-electronics-saxony"),
    Stated("in close collaboration with Japanese and British technology leaders",
           "project:oes-international sg:targetCountry place:japan , place:united-kingdom"),
    Stated("will develop organic and printed components to product maturity in Germany",
           "project:oes-international sg:location place:germany ; sg:topic topic:organic-electronics , "
           "topic:printed-electronics"),
    Stated("applications in the automobile manufacturing, medical engineering and other industries",
           "project:oes-international sg:topic topic:automotive , topic:medical-engineering"),
    # Smart Systems Campus Chemnitz
    Stated("Source: CWE – Chemnitzer Wirtschaftsförderungs- und Entwicklungsgesellschaft mbH",
           "document:micro-networks-incubators sg:credit ?cwe . ?cwe a sg:Company ; skos:altLabel \"CWE\" ; "
           'sg:legalForm "mbH" ; '
           'rdfs:label "Chemnitzer Wirtschaftsförderungs- und Entwicklungsgesellschaft mbH"@de'),
    Stated("is a highly focused, dynamic network of microsystems technology competencies",
           "incubator:smart-systems-campus-chemnitz a sg:InnovationNetwork ; "
           "sg:topic topic:microsystems-technology"),
    Stated("The extensive technology park, with an area of nearly 4.5 hectares",
           "incubator:smart-systems-campus-chemnitz a sg:TechnologyPark ; sg:area [ sg:numericValue 4.5 ; "
           'sg:qualifier sg:nearly ; sg:unitText "hectares"@en ]'),
    Stated("in the immediate vicinity of the Chemnitz University of Technology, the Fraunhofer Institutes "
           "for Electronic Nano Systems (ENAS) and for Machine Tools and Forming Technology (IWU)",
           "incubator:smart-systems-campus-chemnitz sg:locatedNear organisation:tu-chemnitz , "
           "organisation:fraunhofer-enas , organisation:fraunhofer-iwu . "
           'organisation:tu-chemnitz rdfs:label "Chemnitz University of Technology"@en . '
           'organisation:fraunhofer-enas skos:altLabel "ENAS" . '
           'organisation:fraunhofer-iwu skos:altLabel "IWU"'),
    # TechnologieZentrumDresden
    Stated("The TechnologieZentrumDresden (TZD) was founded in 1990",
           'incubator:technologiezentrum-dresden skos:altLabel "TZD" ; sg:foundingDate "1990"^^xsd:gYear'),
    Stated("is a joint-venture of the Dresden University of Technology, the City of Dresden, the "
           "Ostsächsische Sparkasse Dresden and of the Technology Center Dortmund",
           "incubator:technologiezentrum-dresden sg:jointVenturePartner organisation:tu-dresden , "
           "organisation:city-of-dresden , organisation:ostsaechsische-sparkasse-dresden , "
           "incubator:technology-center-dortmund . "
           'organisation:tu-dresden skos:altLabel "Dresden University of Technology"@en'),
    Stated("As one of the largest German technology centers",
           "incubator:technologiezentrum-dresden a sg:TechnologyCentre ; sg:location place:germany"),
    Stated("Key sectors of the TZD North location are micro- and nanotechnology, microsystem technology and "
           "Environmental Technology.",
           "incubator:tzd-north sg:unitOf incubator:technologiezentrum-dresden ; "
           "sg:topic topic:microtechnology , topic:nanotechnology , topic:microsystems-technology , "
           "topic:environmental-technology"),
    Stated("Short distances to the semiconductor fabs of Infinon and GLOBALFOUNDRIES, the branch network "
           "Silicon Saxony e. V.",
           "incubator:tzd-north sg:locatedNear organisation:infineon , organisation:globalfoundries , "
           'cluster:silicon-saxony . organisation:infineon skos:altLabel "Infinon"'),
    Stated("The TZD South location with its location near the main campus of the Dresden University of "
           "Technology",
           "incubator:tzd-south sg:unitOf incubator:technologiezentrum-dresden ; "
           "sg:locatedNear organisation:tu-dresden"),
    Stated("in the sectors measurement and sensor technology, production technology, materials and "
           "environmental technology",
           "incubator:tzd-south sg:topic topic:measurement-technology , topic:sensor-technology , "
           "topic:production-technology , topic:materials , topic:environmental-technology"),
    Stated('The main focal points of the "Universelle Werke" site include lightweight construction, '
           "materials sciences and robotics.",
           "incubator:universelle-werke sg:unitOf incubator:technologiezentrum-dresden ; "
           "sg:topic topic:lightweight-construction , topic:materials-science , topic:robotics"),
]

NOT_STATED = [
    NotStated("organisation:infineon sg:location ?where",
              "the text speaks of the semiconductor fabs of Infinon, not of where the company is"),
    NotStated("organisation:globalfoundries sg:location ?where",
              "the text speaks of the semiconductor fabs of GLOBALFOUNDRIES, not of where the company is"),
    NotStated("incubator:universelle-werke sg:location ?where",
              "the text does not place the Universelle Werke"),
    NotStated('?s dcterms:description ?d FILTER(CONTAINS(?d, "three sites"))',
              "the text names three locations but never counts 'three sites'"),
    NotStated("incubator:technologiezentrum-dresden sg:location place:dresden",
              "Dresden is in the name only: the curator's reading (graph/curation)"),
    NotStated("?institute sg:unitOf organisation:fraunhofer-gesellschaft",
              "the text names Fraunhofer institutes, never the Fraunhofer-Gesellschaft"),
    NotStated("VALUES ?i { organisation:fraunhofer-enas organisation:fraunhofer-iwu } ?i sg:location ?where",
              "the text does not say where the Fraunhofer institutes are"),
    NotStated("organisation:ostsaechsische-sparkasse-dresden a sg:Company",
              "the text does not say what kind of organisation the Sparkasse is"),
    NotStated('?s dcterms:description "Semiconductor manufacturer."@en', "general knowledge, not the text"),
    NotStated('?s dcterms:description ?d FILTER(CONTAINS(?d, "Technical university in"))',
              "general knowledge, not the text"),
    NotStated("place:dortmund ?p ?o", "the text names Dortmund only in the Technology Center's name"),
    NotStated('organisation:tu-dresden rdfs:label "TU Dresden"@en',
              "document 000 writes 'Dresden University of Technology' (the label is document 001's)"),
    NotStated('?s skos:altLabel ?name VALUES ?name { "Fraunhofer ENAS" "Fraunhofer IWU" }',
              "no document writes these names"),
    NotStated('cluster:silicon-saxony dcterms:description ?d FILTER(CONTAINS(?d, "Saxony as Europe"))',
              "the text says 'Europe's leading microelectronics location', not that Saxony is it"),
    NotStated("VALUES ?site { incubator:tzd-north incubator:tzd-south incubator:universelle-werke } "
              "?site a sg:TechnologyCentre", "the text calls them locations and a site of the TZD"),
    NotStated('document:micro-networks-incubators dcterms:title "MICRO! – Networks & Incubators"@en',
              "the title is written with a hyphen, not an en dash"),
]

test_the_document_states, test_the_document_does_not_state = audit(FILE, GRAPH, STATED, NOT_STATED)


# Entities per sg: class, as typed in this document's graph.
INVENTORY = {
    "SourceDocument": 1,
    "Cluster": 1,
    "Association": 1,
    "InnovationNetwork": 2,
    "Project": 2,
    "Quantity": 3,
    "TechnologyPark": 1,
    "TechnologyCentre": 2,
    "OrganisationalUnit": 3,
    "Company": 3,
    "Organisation": 1,
    "PublicBody": 1,
    "University": 2,
    "ResearchInstitute": 2,
}


def test_inventory(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          {in_graph(GRAPH, "?s a ?class")}
          FILTER(STRSTARTS(STR(?class), STR(sg:)))
        }} GROUP BY ?class""")
    assert {row["class"][len(SG):]: int(row["n"]) for row in rows} == INVENTORY


def test_silicon_saxony_member_count_keeps_its_qualifier(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?value ?qualifier ?unit ?stated WHERE {
          cluster:silicon-saxony sg:memberCount ?q .
          ?q sg:numericValue ?value ; sg:qualifier ?qualifier ; sg:unitText ?unit ; sg:asStated ?stated }""")
    assert [(r["value"], r["qualifier"], r["unit"], r["stated"]) for r in rows] == [
        ("350", SG + "moreThan", "members", "more than 350 members")]


def test_silicon_saxony_topics(dataset):
    query = f"SELECT ?t WHERE {{ {in_graph(GRAPH, 'cluster:silicon-saxony sg:topic ?t')} }}"
    assert values(dataset, query, "t") == {
        iri("topic", slug) for slug in (
            "microelectronics", "information-and-communication-technology", "software",
            "artificial-intelligence", "robotics", "automation", "internet-of-things", "sensor-technology",
            "energy-efficiency", "neuromorphic-computing", "edge-computing")}


def test_oes_projects(dataset):
    rows = values(dataset, f"""SELECT ?pair WHERE {{
        {in_graph(GRAPH, "?project sg:carriedOutBy network:organic-electronics-saxony ; rdfs:label ?label")}
        BIND(CONCAT(STR(?project), " ", ?label) AS ?pair) }}""", "pair")
    assert rows == {f"{iri('project', 'eeinnovation')} EEInnovation",
                    f"{iri('project', 'oes-international')} OES-international"}


def test_tzd_sites_and_their_key_sectors(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?site (COUNT(DISTINCT ?t) AS ?n) WHERE {{
          ?site org:unitOf incubator:technologiezentrum-dresden . {in_graph(GRAPH, "?site sg:topic ?t")}
        }} GROUP BY ?site""")
    assert {(r["site"], int(r["n"])) for r in rows} == {
        (iri("incubator", "tzd-north"), 4), (iri("incubator", "tzd-south"), 5),
        (iri("incubator", "universelle-werke"), 3)}


# --- the curator's readings: in graph/curation, each with its reason ------------------------------------

@pytest.mark.parametrize("s,p,o", [
    ("incubator:technologiezentrum-dresden", "sg:location", "place:dresden"),
    ("incubator:technology-center-dortmund", "sg:location", "place:dortmund"),
    ("organisation:tu-chemnitz", "sg:location", "place:chemnitz"),
    ("organisation:fraunhofer-enas", "sg:unitOf", "organisation:fraunhofer-gesellschaft"),
    ("organisation:fraunhofer-iwu", "sg:unitOf", "organisation:fraunhofer-gesellschaft"),
])
def test_the_curators_reading_has_its_reason(dataset, s, p, o):
    assert reason(dataset, s, p, o)


def test_dortmund_is_in_germany(dataset):
    """Answered with the curation graph (Dortmund from the name) and the reference data."""
    assert dataset.ask(SPARQL_PREFIXES + """
        ASK { incubator:technology-center-dortmund sg:location ?city . ?city sg:locatedIn+ place:germany }""")
