"""Document 000 ("MICRO! – Networks & Incubators"): Silicon Saxony, Organic Electronics Saxony, the Smart
Systems Chemnitz and the TechnologieZentrumDresden, as the curated data answers for them."""

from saxgraph.namespaces import SPARQL_PREFIXES

GRAPH = "https://w3id.org/saxgraph/graph/micro-networks-incubators"
ID = "https://w3id.org/saxgraph/id/"
SG = "https://w3id.org/saxgraph/ontology#"


def iri(kind, slug):
    return f"{ID}{kind}/{slug}"


def values(dataset, query, var):
    return {row[var] for row in dataset.select(SPARQL_PREFIXES + query)}


def in_graph(pattern):
    return f"GRAPH <{GRAPH}> {{ {pattern} }}"


# Entities per sg: class, as typed in this document's graph.
INVENTORY = {
    "SourceDocument": 1,
    "Cluster": 1,
    "Association": 1,
    "InnovationNetwork": 2,
    "Project": 2,
    "Quantity": 3,
    "TechnologyPark": 1,
    "TechnologyCentre": 5,
    "OrganisationalUnit": 3,
    "Company": 4,
    "PublicBody": 1,
    "University": 2,
    "ResearchInstitute": 3,
    "City": 1,
}


def test_inventory(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          {in_graph("?s a ?class")}
          FILTER(STRSTARTS(STR(?class), STR(sg:)))
        }} GROUP BY ?class""")
    assert {row["class"][len(SG):]: int(row["n"]) for row in rows} == INVENTORY


def test_silicon_saxony_is_one_node_cluster_and_association(dataset):
    assert dataset.ask(SPARQL_PREFIXES + """
        ASK { cluster:silicon-saxony a sg:Cluster , sg:Association , org:OrganizationalCollaboration ;
                                     sg:legalForm "e. V." ; sg:foundingDate "2000"^^xsd:gYear }""")


def test_silicon_saxony_member_count_keeps_its_qualifier(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?value ?qualifier ?unit ?stated WHERE {
          cluster:silicon-saxony sg:memberCount ?q .
          ?q sg:numericValue ?value ; sg:qualifier ?qualifier ; sg:unitText ?unit ; sg:asStated ?stated }""")
    assert [(r["value"], r["qualifier"], r["unit"], r["stated"]) for r in rows] == [
        ("350", SG + "moreThan", "members", "more than 350 members")]


def test_silicon_saxony_member_kinds(dataset):
    assert values(dataset, "SELECT ?k WHERE { cluster:silicon-saxony sg:memberKind ?k }", "k") == {
        "manufacturers", "suppliers", "service providers", "universities", "research institutes",
        "public institutions", "branch-relevant startups"}


def test_silicon_saxony_topics(dataset):
    query = f"SELECT ?t WHERE {{ {in_graph('cluster:silicon-saxony sg:topic ?t')} }}"
    assert values(dataset, query, "t") == {
        iri("topic", slug) for slug in (
            "microelectronics", "information-and-communication-technology", "software",
            "artificial-intelligence", "robotics", "automation", "internet-of-things", "sensor-technology",
            "energy-efficiency", "neuromorphic-computing", "edge-computing")}


def test_oes_projects(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?project ?label WHERE {{
          {in_graph("?project sg:carriedOutBy network:organic-electronics-saxony ; rdfs:label ?label")} }}""")
    assert {(r["project"], r["label"]) for r in rows} == {
        (iri("project", "eeinnovation"), "EEInnovation"),
        (iri("project", "oes-international"), "OES-international")}


def test_eeinnovation_has_31_partners_besides_oes(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?value ?qualifier WHERE { project:eeinnovation sg:partnerCount ?q .
                                         ?q sg:numericValue ?value ; sg:qualifier ?qualifier }""")
    assert [(r["value"], r["qualifier"]) for r in rows] == [("31", SG + "exactly")]


def test_oes_international_start_and_target_countries(dataset):
    assert values(dataset, "SELECT ?c WHERE { project:oes-international sg:targetCountry ?c }", "c") == {
        iri("place", "japan"), iri("place", "united-kingdom")}
    assert values(dataset, "SELECT ?d WHERE { project:oes-international sg:startDate ?d }", "d") == {"2016"}


def test_smart_systems_campus_area_and_neighbours(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?value ?qualifier ?unit WHERE { incubator:smart-systems-campus-chemnitz sg:area ?q .
          ?q sg:numericValue ?value ; sg:qualifier ?qualifier ; sg:unitText ?unit }""")
    assert [(r["value"], r["qualifier"], r["unit"]) for r in rows] == [("4.5", SG + "nearly", "hectares")]
    assert values(dataset, "SELECT ?n WHERE { incubator:smart-systems-campus-chemnitz sg:locatedNear ?n }",
                  "n") == {iri("organisation", s)
                           for s in ("tu-chemnitz", "fraunhofer-enas", "fraunhofer-iwu")}


def test_campus_section_credits_cwe(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?who ?alt WHERE { document:micro-networks-incubators sg:credit ?who .
                                 ?who skos:altLabel ?alt }""")
    assert {(r["who"], r["alt"]) for r in rows} == {
        (iri("organisation", "chemnitzer-wirtschaftsfoerderungs-und-entwicklungsgesellschaft"), "CWE")}


def test_tzd_joint_venture_partners(dataset):
    assert values(dataset, """
        SELECT ?p WHERE { incubator:technologiezentrum-dresden sg:jointVenturePartner ?p }""", "p") == {
        iri("organisation", "tu-dresden"), iri("organisation", "city-of-dresden"),
        iri("organisation", "ostsaechsische-sparkasse-dresden"),
        iri("incubator", "technology-center-dortmund")}


def test_tzd_founded_1990(dataset):
    assert values(dataset, "SELECT ?d WHERE { incubator:technologiezentrum-dresden sg:foundingDate ?d }",
                  "d") == {"1990"}


def test_tzd_sites_and_their_key_sectors(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?site (COUNT(DISTINCT ?t) AS ?n) WHERE {{
          ?site org:unitOf incubator:technologiezentrum-dresden . {in_graph("?site sg:topic ?t")}
        }} GROUP BY ?site""")
    assert {(r["site"], int(r["n"])) for r in rows} == {
        (iri("incubator", "tzd-north"), 4), (iri("incubator", "tzd-south"), 5),
        (iri("incubator", "universelle-werke"), 3)}


def test_what_lies_near_tzd_north(dataset):
    assert values(dataset, "SELECT ?n WHERE { incubator:tzd-north sg:locatedNear ?n }", "n") == {
        iri("organisation", "infineon"), iri("organisation", "globalfoundries"),
        iri("cluster", "silicon-saxony")}


def test_fraunhofer_institutes_are_units_of_the_fraunhofer_gesellschaft(dataset):
    assert values(dataset, f"""
        SELECT ?i WHERE {{ {in_graph("?i sg:unitOf organisation:fraunhofer-gesellschaft")} }}""", "i") == {
        iri("organisation", "fraunhofer-enas"), iri("organisation", "fraunhofer-iwu")}


def test_dortmund_is_in_germany(dataset):
    assert dataset.ask(SPARQL_PREFIXES + """
        ASK { incubator:technology-center-dortmund sg:location ?city . ?city sg:locatedIn+ place:germany }""")
