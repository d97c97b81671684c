"""Document 004 (the 32 leading-edge clusters of the BMBF internationalisation measure), entries of lines
233-472 (data/leading-edge-clusters.part2.ttl), as the dataset answers for them: the document's graph and
the curator's additions together, unless a question asks the document's graph alone. The first half
(leading-edge-clusters.ttl) shares the named graph, so every question here is limited to these clusters.
The audit of what the document states is in test_leading_edge_clusters_audit.py."""

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES
from tests.helpers.leading_edge_clusters import GRAPH, ID, iri, place, values
from tests.helpers.leading_edge_clusters import SG_NS as SG
from tests.helpers.leading_edge_clusters import targets as targets_of

# The seventeen entries of the second half, in document order, with their internationalisation project.
PROJECTS = {
    "cluster/hamburg-aviation": "hamburg-aviation-internationalisation",
    "cluster/ikv": "ikv-internationalisation",
    "network/sport-innovation-network": "sinn-i",
    "cluster/its-owl": "its-owl-internationalisation",
    "cluster/kimw-cluster": "kimw-cluster-internationalisation",
    "cluster/leichtbau-bw": "traclight",
    "cluster/mai-carbon": "mai-ibic",
    "cluster/medical-mountains": "mind",
    "cluster/medical-valley-emn": "medical-valley-emn-internationalisation",
    "cluster/merge": "mergeurope",
    "cluster/open-hybrid-labfactory": "open-hybrid-labfactory-asia-pacific",
    "cluster/optence": "optence-internationalisation",
    "cluster/optonet": "glowin",
    "network/organic-electronics-saxony": "oes-international",
    "cluster/software-cluster": "software-cluster-internationalisation",
    "network/wetzlar-network": "iol",
    "network/wigratec": "wigratec-cluster",
}
CLUSTERS = " ".join(f"<{ID}{c}>" for c in PROJECTS)


def targets(dataset, phase_class, graph=GRAPH):
    """{cluster path: {target place slug}} of these clusters' phases, as the document states them."""
    return targets_of(dataset, PROJECTS, phase_class, graph)


# ---------------------------------------------------------------- inventory of this half

def test_seventeen_internationalisation_projects_in_the_graph(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT (COUNT(DISTINCT ?project) AS ?n) WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          GRAPH <{GRAPH}> {{ ?project a sg:InternationalisationProject ; sg:carriedOutBy ?cluster ;
                                      sg:fundingProgramme
                                          programme:leading-edge-cluster-internationalisation }}
        }}""")
    assert int(rows[0]["n"]) == 17


def test_each_cluster_carries_out_its_project(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?cluster ?project WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project a sg:InternationalisationProject ; sg:carriedOutBy ?cluster }}""")
    assert {(r["cluster"], r["project"]) for r in rows} == {
        (iri(c), iri("project/" + p)) for c, p in PROJECTS.items()}


def test_every_project_has_one_concept_and_one_implementation_phase(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?project ?concept ?implementation WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project a sg:InternationalisationProject ; sg:carriedOutBy ?cluster ;
                   sg:hasPhase ?concept , ?implementation .
          ?concept a sg:ConceptPhase . ?implementation a sg:ImplementationPhase .
        }}""")
    assert {(r["project"], r["concept"], r["implementation"]) for r in rows} == {
        (iri("project/" + p), iri(f"phase/{p}-concept"), iri(f"phase/{p}-implementation"))
        for p in PROJECTS.values()}


def test_clusters_are_collaborations_with_label_and_description(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?cluster WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?cluster a org:OrganizationalCollaboration ; rdfs:label ?label ; dcterms:description ?d .
          FILTER(LANG(?label) = "en" && LANG(?d) = "en")
        }}""")
    assert {r["cluster"] for r in rows} == {iri(c) for c in PROJECTS}


def test_kinds_of_collaboration(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?kind (COUNT(DISTINCT ?cluster) AS ?n) WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          VALUES ?kind {{ sg:Cluster sg:InnovationNetwork sg:Association }}
          ?cluster a ?kind }} GROUP BY ?kind""")
    assert {r["kind"][len(SG):]: int(r["n"]) for r in rows} == {
        # Optence and OptoNet are both clusters and networks
        "Cluster": 13, "InnovationNetwork": 6, "Association": 5}


def test_one_contact_person_per_cluster(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?cluster (COUNT(DISTINCT ?person) AS ?n) WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?cluster sg:contactPerson ?person . ?person a sg:Person .
          ?m a sg:Membership ; sg:member ?person ; sg:role role:contact-person }} GROUP BY ?cluster""")
    assert {r["cluster"]: int(r["n"]) for r in rows} == {iri(c): 1 for c in PROJECTS}


# ---------------------------------------------------------------- target countries

def test_target_countries_of_the_concept_phases(dataset):
    assert targets(dataset, "ConceptPhase") == {
        # "Canada, Brasil, Portugal" (Québec is named for the strategy, not for a phase)
        "cluster/hamburg-aviation": {"canada", "brazil", "portugal"},
        # "Slovenia, Korea"
        "cluster/ikv": {"slovenia", "south-korea"},
        "network/sport-innovation-network": {"china", "france", "japan", "canada", "spain", "united-kingdom"},
        "cluster/its-owl": {"canada", "finland"},
        "cluster/kimw-cluster": {"france"},
        "cluster/leichtbau-bw": {"canada", "united-states"},
        "cluster/mai-carbon": {"united-states", "south-korea"},
        # "Finnland, USA"
        "cluster/medical-mountains": {"finland", "united-states"},
        "cluster/medical-valley-emn": {"brazil", "china", "united-states"},
        "cluster/merge": {"netherlands", "poland", "czechia", "spain", "italy"},
        # "Economic area: Asia-Pacific"
        "cluster/open-hybrid-labfactory": {"asia-pacific"},
        # "Lithuania, Finland, USA", and "the target regions Finland, Lithuania and Arizona" of the phase
        "cluster/optence": {"lithuania", "finland", "united-states", "arizona"},
        "cluster/optonet": {"united-states", "canada", "japan", "south-korea"},
        "network/organic-electronics-saxony": {"japan", "united-kingdom"},
        # "Brasil, Sinapore, USA"
        "cluster/software-cluster": {"brazil", "singapore", "united-states"},
        "network/wetzlar-network": {"czechia"},
        "network/wigratec": {"netherlands"},
    }


def test_implementation_phases_targeting_japan(dataset):
    assert values(dataset, f"""
        SELECT ?cluster WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project sg:carriedOutBy ?cluster ; sg:hasPhase ?phase .
          ?phase a sg:ImplementationPhase ; sg:targetCountry place:japan }}""", "cluster") == {
        iri("network/sport-innovation-network"), iri("cluster/optonet"),
        iri("network/organic-electronics-saxony")}


def test_only_sinn_i_goes_to_south_africa_in_implementation(dataset):
    implementation = targets(dataset, "ImplementationPhase")
    assert {c for c, places in implementation.items() if "south-africa" in places} == {
        "network/sport-innovation-network"}
    # South Africa is new in the implementation phase; China, France and Canada are dropped
    concept = targets(dataset, "ConceptPhase")
    sinn = "network/sport-innovation-network"
    assert implementation[sinn] - concept[sinn] == {"south-africa"}
    assert concept[sinn] - implementation[sinn] == {"china", "france", "canada"}


def test_countries_dropped_between_concept_and_implementation(dataset):
    concept, implementation = targets(dataset, "ConceptPhase"), targets(dataset, "ImplementationPhase")
    dropped = {c: concept[c] - implementation.get(c, set()) for c in concept
               if concept[c] - implementation.get(c, set())}
    assert dropped == {
        "cluster/medical-mountains": {"finland", "united-states"},
        "cluster/hamburg-aviation": {"brazil", "portugal"},
        "cluster/ikv": {"south-korea"},
        "network/sport-innovation-network": {"china", "france", "canada"},
        "cluster/its-owl": {"finland"},
        "cluster/leichtbau-bw": {"united-states"},
        "cluster/medical-valley-emn": {"china"},
        "cluster/merge": {"spain", "italy"},
        "cluster/open-hybrid-labfactory": {"asia-pacific"},
        "cluster/optence": {"united-states", "arizona"},
        "cluster/optonet": {"south-korea"},
    }


def test_targets_of_the_document_that_are_not_countries(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT DISTINCT ?place WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project sg:carriedOutBy ?cluster ; sg:hasPhase ?phase .
          GRAPH <{GRAPH}> {{ ?phase sg:targetCountry ?place }}
          FILTER NOT EXISTS {{ ?place a sg:Country }}
        }}""")
    # the Asia-Pacific economic area of a target line, and Optence's target region Arizona
    assert {r["place"] for r in rows} == {place("asia-pacific"), place("arizona")}


def test_target_regions_the_curator_adds(dataset):
    """The curation graph adds the regions the entries name for a project to the phases of their countries."""
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT DISTINCT ?region ?country WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project sg:carriedOutBy ?cluster ; sg:hasPhase ?phase .
          ?phase sg:targetCountry ?region .
          FILTER NOT EXISTS {{ GRAPH <{GRAPH}> {{ ?phase sg:targetCountry ?region }} }}
          OPTIONAL {{ ?region sg:locatedIn ?country . ?country a sg:Country }}
        }}""")
    assert {(r["region"], r.get("country")) for r in rows} == {
        (place("quebec"), place("canada")), (place("ontario"), place("canada")),
        (place("michigan"), place("united-states")),
        (place("silicon-valley"), place("united-states")), (place("boston-area"), place("united-states")),
        (place("bahia"), place("brazil")), (place("porto-alegre"), place("brazil")),
        (place("hong-kong"), place("china")), (place("prague"), place("czechia")),
        # "the region Asia-Pacific - including China, Australia and Singapore"
        (place("china"), None), (place("australia"), None), (place("singapore"), None)}


def test_quebec_is_a_target_region_of_the_strategy_not_of_the_implementation_phase(dataset):
    assert values(dataset, f"""SELECT ?r WHERE {{ GRAPH <{GRAPH}> {{
        project:hamburg-aviation-internationalisation sg:targetRegion ?r }} }}""", "r") == {place("quebec")}
    assert not dataset.ask(SPARQL_PREFIXES + """ASK {
        phase:hamburg-aviation-internationalisation-implementation sg:targetCountry place:quebec }""")


def test_target_countries_carry_iso_codes(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT DISTINCT ?code WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project sg:carriedOutBy ?cluster ; sg:hasPhase/sg:targetCountry ?c .
          ?c a sg:Country ; sg:iso3166Alpha2 ?code }}""")
    assert {r["code"] for r in rows} == {
        "CA", "BR", "PT", "SI", "KR", "CN", "FR", "JP", "ES", "GB", "ZA", "FI", "US", "NL", "PL", "CZ", "IT",
        "AU", "SG", "LT"}


def test_medical_mountains_implementation_targets_are_not_guessed(dataset):
    """The entry lists no implementation-phase targets: the phase exists, marked as stating none."""
    assert values(dataset, "SELECT ?t WHERE { phase:mind-implementation sg:targetCountry ?t }", "t") == set()
    assert dataset.ask(SPARQL_PREFIXES + "ASK { phase:mind-implementation sg:targetCountriesStated false }")


def test_open_hybrid_labfactory_2019_dates_research_projects_not_the_phase(dataset):
    """"international composite research projects, which shall start ... up from 2019": planned projects."""
    assert values(dataset, """
        SELECT ?start WHERE { project:open-hybrid-labfactory-asia-pacific sg:hasPhase ?p .
                              ?p sg:startDate ?start }""", "start") == set()
    assert values(dataset, """
        SELECT ?d WHERE { project:open-hybrid-labfactory-asia-pacific dcterms:description ?d .
                          FILTER(CONTAINS(?d, "from 2019")) }""", "d")


def test_length_of_concept_phases(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?cluster ?value ?qualifier ?unit WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project sg:carriedOutBy ?cluster ; sg:hasPhase ?phase . ?phase a sg:ConceptPhase ; sg:quantity ?q .
          ?q sg:numericValue ?value ; sg:qualifier ?qualifier ;
              sg:unitText ?unit . FILTER(LANG(?unit) = "en") }}""")
    assert {(r["cluster"][len(ID):], r["value"], r["qualifier"][len(SG):], r["unit"]) for r in rows} == {
        ("cluster/optence", "2", "exactly", "years"),
        ("cluster/optonet", "1", "upTo", "years"),
        ("network/wigratec", "18", "exactly", "months")}


# ---------------------------------------------------------------- partners abroad

def test_partner_clusters_of_leichtbau_bw_in_canada(dataset):
    assert values(dataset, """
        SELECT ?partner WHERE { cluster:leichtbau-bw sg:partnerCluster ?partner .
                                ?partner sg:location/sg:locatedIn* place:canada }""", "partner") == {
        iri("organisation/watcar")}


def test_partner_shared_by_leichtbau_bw_and_mai_carbon(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?partner ?acronym ?where WHERE {
          cluster:leichtbau-bw sg:partnerCluster ?partner . cluster:mai-carbon sg:partnerCluster ?partner .
          ?partner skos:altLabel ?acronym ; sg:location ?where }""")
    # "North American associates" (TraClight), "IACMI, USA" (MAI_iBIC); MAI Carbon's partnership is the
    # curator's reading of "looks for partners, in particular IACMI"
    assert {(r["partner"], r["acronym"], r["where"]) for r in rows} == {
        (iri("organisation/iacmi"), "IACMI", place("united-states")),
        (iri("organisation/iacmi"), "IACMI", place("north-america"))}


def test_partners_of_mai_carbon_by_country(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?label ?country WHERE { cluster:mai-carbon sg:partnerCluster ?p .
                                       ?p rdfs:label ?label ; sg:location ?country }""")
    assert {(r["label"], r["country"]) for r in rows} == {
        ("Institute for Advanced Composites Manufacturing Innovation", place("united-states")),
        ("Institute for Advanced Composites Manufacturing Innovation", place("north-america")),
        ("Korean Carbon Valley", place("south-korea"))}


def test_sinn_i_partners_in_japan(dataset):
    assert values(dataset, """
        SELECT ?label WHERE { network:sport-innovation-network sg:partnerCluster ?p .
                              ?p rdfs:label ?label ; sg:location/sg:locatedIn* place:japan }""", "label") == {
        "Tokyo University", "Japanese Sports Engineering Association", "Japan Institute of Sport Science"}


def test_sheffield_partner_is_a_unit_of_sheffield_hallam_university(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?unit ?city WHERE { network:sport-innovation-network sg:partnerCluster ?unit .
                                   ?unit sg:unitOf organisation:sheffield-hallam-university ;
                                         sg:location ?city . ?city sg:locatedIn place:united-kingdom }""")
    assert [(r["unit"], r["city"]) for r in rows] == [
        (iri("organisation/centre-for-sports-engineering-research"), place("sheffield"))]


def test_wetzlar_network_laser_partners(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?acronym ?where WHERE { network:wetzlar-network sg:partnerCluster ?p .
                                       ?p skos:altLabel ?acronym ; sg:location ?where }""")
    assert {(r["acronym"], r["where"]) for r in rows} == {
        ("ELI", place("prague")), ("LLE", place("united-states"))}


def test_dutch_partner_network_of_wigratec(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?en ?de WHERE { project:wigratec-cluster sg:hasPartner ?p .
            network:wigratec sg:partnerCluster ?p .
                               ?p sg:location place:netherlands ; rdfs:label ?en , ?de .
                               FILTER(LANG(?en) = "en" && LANG(?de) = "de") }""")
    assert [(r["en"], r["de"]) for r in rows] == [("NWGD",
        "Niederländische Arbeitsgruppe für Trocknungstechnik")]


def test_software_cluster_rd_projects_by_region(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?label ?region ?country WHERE {
          project:software-cluster-internationalisation sg:hasSubProject ?p .
          ?p rdfs:label ?label ;
              sg:location ?region . ?region sg:locatedIn* ?country . ?country a sg:Country }""")
    assert {(r["label"], r["region"], r["country"]) for r in rows} == {
        ("R & D project Silicon Valley", place("silicon-valley"), place("united-states")),
        ("R & D project Singapore", place("singapore"), place("singapore")),
        ("R & D project Bahia", place("bahia"), place("brazil"))}


# ---------------------------------------------------------------- clusters, places, members, managing bodies

def test_project_names_and_acronyms(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?project ?acronym WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project sg:carriedOutBy ?cluster ; a sg:InternationalisationProject ; skos:altLabel ?acronym .
          FILTER(DATATYPE(?acronym) = xsd:string) }}""")
    assert {(r["project"][len(ID + "project/"):], r["acronym"]) for r in rows} == {
        ("traclight", "TraClight"), ("mai-ibic", "MAI_iBIC"), ("sinn-i", "SINNi"), ("sinn-i", "SINN-i"),
        ("iol", "IOL")}


@pytest.mark.parametrize(("cluster", "manager", "legal_form"), [
    ("cluster/ikv", "organisation/ikv", None),
    ("network/sport-innovation-network", "organisation/innovationsmanufaktur", "GmbH"),
    ("cluster/its-owl", "organisation/its-owl-clustermanagement", "GmbH"),
    ("cluster/kimw-cluster", "organisation/kunststoff-institut-luedenscheid", None),
    ("cluster/leichtbau-bw", "organisation/leichtbau-bw", "GmbH"),
    ("cluster/mai-carbon", "organisation/mai-carbon-cluster-management", "GmbH"),
    ("cluster/medical-mountains", "organisation/medicalmountains", "AG"),
    ("cluster/merge", "organisation/tu-chemnitz", None),
    ("network/organic-electronics-saxony", "organisation/organic-electronics-saxony-management", "GmbH"),
])
def test_cluster_and_its_managing_organisation(dataset, cluster, manager, legal_form):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?form WHERE {{ <{iri(cluster)}> sg:managedBy <{iri(manager)}> .
                              OPTIONAL {{ <{iri(manager)}> sg:legalForm ?form }} }}""")
    assert [r.get("form") for r in rows] == [legal_form]


def test_registered_associations_that_are_the_cluster_itself(dataset):
    assert values(dataset, f"""
        SELECT ?cluster WHERE {{ VALUES ?cluster {{ {CLUSTERS} }}
                                 ?cluster a sg:Association ; sg:legalForm "e.V." }}""", "cluster") == {
        iri("cluster/medical-valley-emn"), iri("cluster/open-hybrid-labfactory"), iri("cluster/optence"),
        iri("cluster/optonet"), iri("network/wetzlar-network")}


def test_german_names(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?thing ?de WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?cluster sg:managedBy? ?thing . ?thing rdfs:label ?de . FILTER(LANG(?de) = "de") }}""")
    assert {(r["thing"][len(ID):], r["de"]) for r in rows} == {
        ("organisation/ikv", "Institut für Kunststoffverarbeitung"),
        ("organisation/kunststoff-institut-luedenscheid", "Kunststoff-Institut Lüdenscheid"),
        ("cluster/mai-carbon", "MAI Carbon"),
        ("cluster/optence", "Kompetenznetz Optische Technologien Hessen/Rheinland-Pfalz"),
        ("cluster/optonet", "Photoniknetzwerk Thüringen"),
        ("network/wetzlar-network", "Industrienetzwerk Region Wetzlar - Optik Elektronik Mechanik"),
        ("network/wigratec", "Wirbelschicht- und Granuliertechnik")}


def test_clusters_in_baden_wuerttemberg(dataset):
    assert values(dataset, f"""
        SELECT DISTINCT ?cluster WHERE {{ VALUES ?cluster {{ {CLUSTERS} }}
                                          ?cluster sg:location/sg:locatedIn* place:baden-wuerttemberg }}""",
        "cluster") == {iri("cluster/leichtbau-bw"), iri("cluster/medical-mountains")}


def test_clusters_in_hesse(dataset):
    assert values(dataset, f"""
        SELECT DISTINCT ?cluster WHERE {{ VALUES ?cluster {{ {CLUSTERS} }}
                                          ?cluster sg:location/sg:locatedIn* place:hesse
                                              }}""", "cluster") == {
        iri("cluster/optence"), iri("cluster/software-cluster"), iri("network/wetzlar-network")}


@pytest.mark.parametrize(("cluster", "value", "qualifier", "unit"), [
    ("cluster/ikv", "252", "exactly", "member firms"),
    ("cluster/kimw-cluster", "250", "moreThan", "members"),
    ("cluster/optence", "90", "exactly", "members"),
])
def test_member_counts(dataset, cluster, value, qualifier, unit):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?value ?qualifier ?unit WHERE {{ <{iri(cluster)}> sg:memberCount ?q .
                                                ?q sg:numericValue ?value ; sg:qualifier ?qualifier ;
                                                    sg:unitText ?unit }}""")
    assert [(r["value"], r["qualifier"], r["unit"]) for r in rows] == [(value, SG + qualifier, unit)]


def test_optonet_bundles_the_interests_of_more_than_100_actors_not_members(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?value ?qualifier WHERE { cluster:optonet sg:quantity ?q .
                                         ?q sg:numericValue ?value ; sg:qualifier ?qualifier }""")
    assert [(r["value"], r["qualifier"]) for r in rows] == [("100", SG + "moreThan")]
    assert values(dataset, "SELECT ?q WHERE { cluster:optonet sg:memberCount ?q }", "q") == set()


def test_hamburg_aviation_employees_and_big_players(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?value ?qualifier WHERE { cluster:hamburg-aviation sg:employeeCount ?q .
                                         ?q sg:numericValue ?value ; sg:qualifier ?qualifier }""")
    assert [(r["value"], r["qualifier"]) for r in rows] == [("40000", SG + "moreThan")]
    # (the contact person is a member too: sg:memberOf is materialised as its inverse)
    assert values(dataset,
        "SELECT ?m WHERE { cluster:hamburg-aviation sg:hasMember ?m . ?m a sg:Organisation }",
                  "m") == {
        iri("organisation/airbus"), iri("organisation/lufthansa-technik"),
            iri("organisation/hamburg-airport")}


def test_optence_founding_initiator_and_sme_share(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?year ?initiator ?share WHERE {
          cluster:optence sg:foundingDate ?year ; sg:initiatedBy ?initiator ; sg:quantity ?q .
          ?q sg:numericValue ?share ; sg:unitText ?unit . FILTER(CONTAINS(?unit, "percent")) }""")
    assert [(r["year"], r["initiator"], r["share"]) for r in rows] == [
        ("2001", iri("organisation/bmbf"), "71")]


def test_members_of_the_go_cluster_programme(dataset):
    assert values(dataset, """
        SELECT ?who WHERE { ?who sg:memberOfProgramme programme:go-cluster .
                            programme:go-cluster sg:funder/skos:altLabel "BMWi" }""", "who") == {
        iri("cluster/optence"), iri("organisation/kunststoff-institut-luedenscheid")}


def test_optonet_members_named(dataset):
    assert values(dataset, """
        SELECT ?label WHERE { cluster:optonet sg:hasMember ?m . ?m a sg:Company ; rdfs:label ?label }""",
        "label") == {"ZEISS", "JENOPTIK"}


def test_merge_is_an_excellence_cluster_of_tu_chemnitz(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?label ?city WHERE { cluster:merge sg:unitOf ?u . ?u rdfs:label ?label ; sg:location ?city .
                                    FILTER(LANG(?label) = "en") }""")
    assert [(r["label"], r["city"]) for r in rows] == [("Chemnitz University of Technology",
        place("chemnitz"))]


def test_oes_project_is_the_one_document_000_names(dataset):
    """Document 004 gives OES's project no name; it is OES-international of document 000."""
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?label ?start WHERE {
          project:oes-international a sg:InternationalisationProject ;
            sg:carriedOutBy network:organic-electronics-saxony ; rdfs:label ?label ; sg:startDate ?start ;
            sg:fundingProgramme programme:leading-edge-cluster-internationalisation }""")
    assert [(r["label"], r["start"]) for r in rows] == [("OES-international", "2016")]
    assert values(dataset, """
        SELECT ?g WHERE { GRAPH ?g { network:organic-electronics-saxony sg:managedBy ?m }
            }""", "g") == {GRAPH}


# ---------------------------------------------------------------- contact persons and addresses

def test_contact_person_of_optonet_with_phone_fax_and_german_title(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?name ?tel ?telStated ?fax ?title WHERE {
          cluster:optonet sg:contactPerson ?p .
          ?p rdfs:label ?name ; sg:telephone ?tel ; sg:telephoneAsStated ?telStated ; sg:faxNumber ?fax .
          ?m sg:member ?p ; sg:organisation cluster:optonet ; sg:role role:contact-person ;
              sg:roleTitle ?title }""")
    assert [(r["name"], r["tel"], r["telStated"], r["fax"], r["title"]) for r in rows] == [
        ("Anke Mank", "+4936415733655", "+49 (0) 3641 / 573 36 55", "+4936415733659",
            "Internationale Kooperationen")]


@pytest.mark.parametrize(("cluster", "person", "phones"), [
    ("cluster/hamburg-aviation", "christian-scherhag", {"+4940227019479"}),
    ("cluster/ikv", "mauritius-schmitz", {"+492418093881"}),
    ("network/sport-innovation-network", "franziska-krueger", {"+498918917190"}),
    ("cluster/its-owl", "salome-lessmann", {"+4952515465283"}),
    ("cluster/kimw-cluster", "thomas-eulenstein", {"+4923511064195"}),
    ("cluster/leichtbau-bw", "wolfgang-seeliger", {"+4971112898841", "+4915111711001"}),
    ("cluster/mai-carbon", "sven-blanck", {"+4982126841115"}),
    ("cluster/medical-mountains", "yvonne-glienke", {"+4974619697211"}),
    ("cluster/medical-valley-emn", "benjamin-stoecklein", {"+4991319161749"}),
    ("cluster/merge", "katharina-goetz", {"+4937153130498"}),
    ("cluster/open-hybrid-labfactory", "christian-gundlach", {"+4953139165025", "+4915129702629"}),
    ("cluster/optence", "reuter", {"+496732964897"}),
    ("cluster/optonet", "anke-mank", {"+4936415733655"}),
    ("network/organic-electronics-saxony", "dominik-gronarz", {"+4935146677180"}),
    ("cluster/software-cluster", "tilman-becker", {"+49681857755271"}),
    ("network/wetzlar-network", "ralf-niggemann", {"+496441992051"}),
    ("network/wigratec", "mirko-peglow", {"+4934978305128"}),
])
def test_contact_persons_and_phones(dataset, cluster, person, phones):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?p ?tel WHERE {{ <{iri(cluster)}> sg:contactPerson ?p . ?p a sg:Person ; sg:telephone ?tel .
                               ?m a sg:Membership ; sg:member ?p ; sg:role role:contact-person }}""")
    assert {(r["p"], r["tel"]) for r in rows} == {(iri("person/" + person), tel) for tel in phones}


def test_honorific_prefixes_as_written(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?person ?prefix WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?cluster sg:contactPerson ?person . ?person sg:honorificPrefix ?prefix }}""")
    assert {(r["person"][len(ID + "person/"):], r["prefix"]) for r in rows} == {
        ("christian-scherhag", "Dr."), ("mauritius-schmitz", "Dipl.-Ing."), ("thomas-eulenstein",
            "Dipl.-Ing."),
        ("wolfgang-seeliger", "Dr."), ("christian-gundlach", "M.Sc."), ("reuter", "Frau"),
        ("dominik-gronarz", "Dr."), ("mirko-peglow", "Hon.-Prof. Dr.-Ing.")}


def test_german_role_titles(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?person ?title WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?cluster sg:contactPerson ?person .
          ?m sg:member ?person ; sg:roleTitle ?title . FILTER(LANG(?title) = "de") }}""")
    assert {(r["person"][len(ID + "person/"):], r["title"]) for r in rows} == {
        ("franziska-krueger", "Project Managerin"), ("yvonne-glienke", "Vorstand MedicalMountains AG"),
        ("anke-mank", "Internationale Kooperationen"), ("mirko-peglow", "Ansprechpartner")}


def test_board_member_and_managing_directors(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?person ?role WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }} VALUES ?role {{ role:managing-director role:board-member }}
          ?cluster sg:contactPerson ?person . ?m sg:member ?person ; sg:role ?role }}""")
    assert {(r["person"][len(ID + "person/"):], r["role"][len(ID + "role/"):]) for r in rows} == {
        ("thomas-eulenstein", "managing-director"), ("reuter", "managing-director"),
        ("yvonne-glienke", "board-member")}


def test_contact_of_the_software_cluster_works_at_dfki(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?de ?street ?code WHERE {
          cluster:software-cluster sg:contactPerson ?p . ?p sg:memberOf ?org .
          ?org rdfs:label ?de ; sg:address ?a . ?a sg:streetAddress ?street ; sg:postalCode ?code .
          FILTER(LANG(?de) = "de") }""")
    assert [(r["de"], r["street"], r["code"]) for r in rows] == [
        ("Deutsches Forschungszentrum für Künstliche Intelligenz", "Stuhlsatzenhausweg 3", "66123")]


def test_addresses_by_city(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?code ?city WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          {{ ?cluster sg:address ?a }} UNION {{ ?cluster sg:managedBy/sg:address ?a }}
          ?a sg:postalCode ?code ; sg:addressCity ?city }}""")
    assert sorted((r["code"], r["city"][len(ID + "place/"):]) for r in rows) == [
        ("01187", "dresden"), ("06369", "suedliches-anhalt"), ("07743", "jena"), ("09126", "chemnitz"),
        ("20355", "hamburg"), ("35578", "wetzlar"), ("38440", "wolfsburg"), ("52074", "aachen"),
        ("55286", "woerrstadt"), ("58507", "luedenscheid"), ("70174", "stuttgart"), ("78532", "tuttlingen"),
        ("80801", "munich"), ("86159", "augsburg"), ("91052", "erlangen")]


def test_wigratec_address_as_written(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?street ?locality ?city WHERE {
          network:wigratec sg:address ?a . ?a sg:streetAddress ?street ; sg:addressLocality ?locality ;
                                             sg:addressCity ?city }""")
    assert [(r["street"], r["locality"], r["city"]) for r in rows] == [
        ("Wilfried-Pergande-Platz1", "Südliches Anhalt – OT Weißandt-Gölzau", place("suedliches-anhalt"))]
