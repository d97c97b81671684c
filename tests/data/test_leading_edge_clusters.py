"""Document 004 (the 32 leading-edge clusters of the BMBF internationalisation measure), entries of lines
1-232 (data/leading-edge-clusters.ttl), as the dataset answers for them: the document's graph and the
curator's additions together, unless a question asks the document's graph alone. The entries of the second
half (leading-edge-clusters.part2.ttl) share the named graph, so every question here is limited to these
clusters. The audit of what the document states is in test_leading_edge_clusters_audit.py."""

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES
from tests.helpers.leading_edge_clusters import GRAPH, ID, iri, place, values
from tests.helpers.leading_edge_clusters import SG_NS as SG
from tests.helpers.leading_edge_clusters import targets as targets_of

# The fifteen entries of the first half, in document order, with their internationalisation project.
PROJECTS = {
    "cluster/amz-sachsen": "tada",
    "cluster/arena-2036": "arena-2036-internationalisation",
    "cluster/bioeconomy-cluster": "beechwood-international",
    "cluster/munich-biotechnology-cluster": "munich-biotechnology-cluster-internationalisation",
    "cluster/bio-nrw": "chinvalue",
    "cluster/biorn-network": "biorn-network-internationalisation",
    "cluster/cfk-valley": "cfk-valley-internationalisation",
    "cluster/cluster-industrial-biotechnology": "big-c-process",
    "cluster/power-electronics": "power-electronics-internationalisation",
    "cluster/mechatronik-automation": "additive4industrie",
    "cluster/cool-silicon": "icool",
    "network/deepsea-mining-alliance": "deepsea-mining-alliance-internationalisation",
    "cluster/effizienzcluster-logistikruhr": "effizienzcluster-logistikruhr-internationalisation",
    "cluster/elektromobilitaet-sued-west": "allfratech",
    "cluster/forum-organic-electronics": "trisense",
}
CLUSTERS = " ".join(f"<{ID}{c}>" for c in PROJECTS)


def targets(dataset, phase_class, graph=GRAPH):
    """{cluster path: {target place slug}} of these clusters' phases, as the document states them."""
    return targets_of(dataset, PROJECTS, phase_class, graph)


# ---------------------------------------------------------------- inventory of this half

def test_document_node(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?title ?file ?date WHERE {
          document:leading-edge-clusters a sg:SourceDocument ; dcterms:title ?title ;
                                         sg:sourceFile ?file ; dcterms:date ?date }""")
    assert [(r["title"], r["file"], r["date"]) for r in rows] == [
        ("The funded clusters of the first, second and third round", "004_f274a48bf349ce0a.txt",
            "2020-04-16")]


def test_fifteen_internationalisation_projects(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT (COUNT(DISTINCT ?project) AS ?n) WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          GRAPH <{GRAPH}> {{ ?project a sg:InternationalisationProject ; sg:carriedOutBy ?cluster ;
                                      sg:fundingProgramme
                                          programme:leading-edge-cluster-internationalisation }}
        }}""")
    assert int(rows[0]["n"]) == 15


def test_each_cluster_carries_out_its_named_project(dataset):
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
          ?project sg:carriedOutBy ?cluster ; sg:hasPhase ?concept , ?implementation .
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


# ---------------------------------------------------------------- target countries

def test_target_countries_of_the_concept_phases(dataset):
    assert targets(dataset, "ConceptPhase") == {
        "cluster/amz-sachsen": {"united-states"},
        "cluster/arena-2036": {"australia", "canada"},
        # "China, England, Finnland, France, Netherlands": England is a place of its own
        "cluster/bioeconomy-cluster": {"china", "england", "finland", "france", "netherlands"},
        "cluster/munich-biotechnology-cluster": {"japan"},
        "cluster/bio-nrw": {"china"},
        "cluster/biorn-network": {"belgium", "denmark", "netherlands"},
        "cluster/cfk-valley": {"japan"},
        "cluster/cluster-industrial-biotechnology": {"belgium", "netherlands"},
        "cluster/power-electronics": {"japan"},
        "cluster/mechatronik-automation": {"netherlands"},
        "cluster/cool-silicon": {"belgium", "czechia"},
        "network/deepsea-mining-alliance": {"france", "norway"},
        "cluster/effizienzcluster-logistikruhr": {"netherlands", "spain", "united-kingdom", "italy"},
        "cluster/elektromobilitaet-sued-west": {"france"},
        "cluster/forum-organic-electronics": {"south-korea", "united-states"},
    }


def test_implementation_phases_targeting_japan(dataset):
    assert values(dataset, f"""
        SELECT ?cluster WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project sg:carriedOutBy ?cluster ; sg:hasPhase ?phase .
          ?phase a sg:ImplementationPhase ; sg:targetCountry place:japan }}""", "cluster") == {
        iri("cluster/munich-biotechnology-cluster"), iri("cluster/cfk-valley"),
            iri("cluster/power-electronics")}


def test_only_effizienzcluster_goes_to_colombia(dataset):
    implementation = targets(dataset, "ImplementationPhase")
    assert {c for c, places in implementation.items() if "colombia" in places} == {
        "cluster/effizienzcluster-logistikruhr"}
    assert implementation["cluster/effizienzcluster-logistikruhr"] == {"netherlands", "italy", "colombia"}


def test_countries_dropped_between_concept_and_implementation(dataset):
    concept, implementation = targets(dataset, "ConceptPhase"), targets(dataset, "ImplementationPhase")
    dropped = {c: concept[c] - implementation.get(c, set()) for c in concept
               if concept[c] - implementation.get(c, set())}
    assert dropped == {
        "network/deepsea-mining-alliance": {"france", "norway"},
        "cluster/arena-2036": {"canada"},
        "cluster/bioeconomy-cluster": {"china", "england", "finland", "netherlands"},
        "cluster/cool-silicon": {"belgium"},
        "cluster/effizienzcluster-logistikruhr": {"spain", "united-kingdom"},
    }
    # CLIB adds Austria in its implementation phase
    assert implementation["cluster/cluster-industrial-biotechnology"] - concept[
        "cluster/cluster-industrial-biotechnology"] == {"austria"}


def test_the_only_target_of_the_document_that_is_not_a_country(dataset):
    """The target lines name countries; "England" is kept as written, a place of its own."""
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT DISTINCT ?place WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project sg:carriedOutBy ?cluster ; sg:hasPhase ?phase .
          GRAPH <{GRAPH}> {{ ?phase sg:targetCountry ?place }}
          FILTER NOT EXISTS {{ ?place a sg:Country }}
        }}""")
    assert {r["place"] for r in rows} == {place("england")}


def test_target_regions_the_curator_adds_lie_in_target_countries_of_their_phase(dataset):
    """The curation graph adds the partner regions the entries name to the phases of their countries."""
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT DISTINCT ?region ?country WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project sg:carriedOutBy ?cluster ; sg:hasPhase ?phase .
          ?phase sg:targetCountry ?region .
          FILTER NOT EXISTS {{ GRAPH <{GRAPH}> {{ ?phase sg:targetCountry ?region }} }}
          ?region sg:locatedIn ?country . ?country a sg:Country .
          GRAPH <{GRAPH}> {{ ?phase sg:targetCountry ?country }}
        }}""")
    assert {(r["region"], r["country"]) for r in rows} == {
        (place("jiangsu"), place("china")), (place("sichuan"), place("china")),
        (place("flanders"), place("belgium")), (place("north-brabant"), place("netherlands")),
        (place("auvergne-rhone-alpes"), place("france"))}


def test_target_countries_carry_iso_codes(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT DISTINCT ?code WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?project sg:carriedOutBy ?cluster ; sg:hasPhase/sg:targetCountry ?c .
          ?c a sg:Country ; sg:iso3166Alpha2 ?code }}""")
    assert {r["code"] for r in rows} == {
        "US", "AU", "CA", "CN", "GB", "FI", "FR", "NL", "JP", "BE", "DK", "AT", "CZ", "NO", "ES", "IT",
        "CO", "KR"}


# ---------------------------------------------------------------- clusters, places and managing bodies

def test_cluster_in_munich(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?cluster ?manager WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?cluster sg:location place:munich ; sg:managedBy ?manager }}""")
    assert [(r["cluster"], r["manager"]) for r in rows] == [
        (iri("cluster/munich-biotechnology-cluster"), iri("organisation/biom-biotech-cluster-development"))]


def test_clusters_in_baden_wuerttemberg(dataset):
    assert values(dataset, f"""
        SELECT DISTINCT ?cluster WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          {{ ?cluster sg:location place:baden-wuerttemberg }}
          UNION {{ ?cluster sg:location/sg:locatedIn place:baden-wuerttemberg }} }}""", "cluster") == {
        iri("cluster/arena-2036"), iri("cluster/biorn-network"), iri("cluster/elektromobilitaet-sued-west"),
        iri("cluster/forum-organic-electronics")}


@pytest.mark.parametrize(("cluster", "manager", "legal_form"), [
    ("bioeconomy-cluster", "bioeconomy-clustermanagement", "GmbH"),
    ("munich-biotechnology-cluster", "biom-biotech-cluster-development", "GmbH"),
    ("power-electronics", "ecpe", "e.V."),
    ("mechatronik-automation", "cluster-mechatronik-automation-management", "gGmbH"),
    ("effizienzcluster-logistikruhr", "effizienzcluster-management", "GmbH"),
    ("elektromobilitaet-sued-west", "e-mobil-bw", "GmbH"),
    ("forum-organic-electronics", "innovationlab", "GmbH"),
])
def test_cluster_and_its_managing_organisation(dataset, cluster, manager, legal_form):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?form WHERE {{ cluster:{cluster} sg:managedBy organisation:{manager} .
                              organisation:{manager} sg:manages cluster:{cluster} ;
                                                     sg:legalForm ?form }}""")
    assert {r["form"] for r in rows} == {legal_form}


def test_german_names(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?cluster ?de WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?cluster rdfs:label ?de . FILTER(LANG(?de) = "de") }}""")
    assert {(r["cluster"][len(ID):], r["de"]) for r in rows} == {
        ("cluster/amz-sachsen", "AMZ Sachsen"),
        ("cluster/cluster-industrial-biotechnology", "Cluster industrielle Biotechnologie"),
        ("cluster/power-electronics", "Cluster Leistungselektronik"),
        ("cluster/mechatronik-automation", "Cluster Mechatronik & Automation"),
        ("cluster/effizienzcluster-logistikruhr", "EffizienzCluster LogistikRuhr"),
        ("cluster/elektromobilitaet-sued-west", "Elektromobilität Süd-West"),
    }


def test_project_acronyms(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?alt ?label WHERE {
          VALUES ?alt { "TRISENSE" "AllFraTech" "BWI" "BIG-C" }
          ?project a sg:InternationalisationProject ; skos:altLabel ?alt ; rdfs:label ?label }""")
    assert {(r["alt"], r["label"]) for r in rows} == {
        ("TRISENSE", "Global Triangle for Sensor Nodes"),
        ("AllFraTech", "German-French alliances for innovative mobility technologies"),
        ("BWI", "Beechwood International"),
    }


# ---------------------------------------------------------------- partner clusters abroad

def test_partner_clusters_of_cool_silicon_and_their_countries(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?partner ?city ?country WHERE {
          cluster:cool-silicon sg:partnerCluster ?partner .
          ?partner sg:location ?city . ?city a sg:City ; sg:locatedIn ?country . ?country a sg:Country }""")
    assert {(r["partner"], r["city"], r["country"]) for r in rows} == {
        (iri("cluster/minalogic"), place("grenoble"), place("france")),
        (iri("cluster/dsp-valley"), place("leuven"), place("belgium")),
        (iri("cluster/high-tech-nl"), place("eindhoven"), place("netherlands"))}


def test_partners_of_beechwood_international_by_country(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?label ?country WHERE {
          cluster:bioeconomy-cluster sg:partnerCluster ?partner .
          ?partner rdfs:label ?label ; sg:location ?where .
          { ?where a sg:Country BIND(?where AS ?country) } UNION { ?where sg:locatedIn ?country .
              ?country a sg:Country }
        }""")
    assert {(r["label"], r["country"]) for r in rows} == {
        ("CLIC Innovation", place("finland")), ("Industries & Agro-Ressources", place("france")),
        ("Biobased Delta Foundation", place("netherlands")), ("BioVale", place("united-kingdom")),
        ("Shanghai Advanced Research Institute", place("china"))}


def test_french_partner_of_elektromobilitaet_sued_west(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?partner ?value ?qualifier WHERE {
          cluster:elektromobilitaet-sued-west sg:partnerCluster ?partner .
          ?partner sg:location place:auvergne-rhone-alpes ; sg:memberCount ?q .
          ?q sg:numericValue ?value ; sg:qualifier ?qualifier }""")
    assert [(r["partner"], r["value"], r["qualifier"]) for r in rows] == [
        (iri("cluster/lutb-raac"), "185", SG + "moreThan")]


# ---------------------------------------------------------------- numbers and dates as stated

@pytest.mark.parametrize(("cluster", "value", "qualifier", "unit"), [
    ("network/deepsea-mining-alliance", "28", "exactly", "members"),
    ("cluster/mechatronik-automation", "200", "exactly", "actors"),
    ("cluster/elektromobilitaet-sued-west", "100", "about", "actors in the economic and scientific field"),
])
def test_member_counts(dataset, cluster, value, qualifier, unit):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?value ?qualifier ?unit WHERE {{
          <{iri(cluster)}> sg:memberCount ?q . ?q sg:numericValue ?value ; sg:qualifier ?qualifier ;
                                                 sg:unitText ?unit }}""")
    assert [(r["value"], r["qualifier"], r["unit"]) for r in rows] == [(value, SG + qualifier, unit)]


def test_deepsea_mining_alliance_founding_and_international_members(dataset):
    assert values(dataset, "SELECT ?d WHERE { network:deepsea-mining-alliance sg:foundingDate ?d }", "d") == {
        "2014-04"}
    assert values(dataset, """
        SELECT ?v WHERE { network:deepsea-mining-alliance sg:quantity ?q .
                          ?q sg:unitText "international members"@en ; sg:numericValue ?v }""", "v") == {"6"}


def test_additive4industrie_quantities_and_no_start_date(dataset):
    """"For 2018 and the following Years, the cluster ... chose the region Brabant/Brainport": the year dates
    the choice of partner, not the project."""
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?value ?qualifier ?unit WHERE {
          project:additive4industrie sg:quantity ?q .
          ?q sg:numericValue ?value ; sg:qualifier ?qualifier ; sg:unitText ?unit }""")
    assert {(r["value"], r["qualifier"][len(SG):]) for r in rows} == {
        ("3", "exactly"), ("3", "upTo"), ("50", "exactly"), ("1000000", "upTo")}
    assert len(rows) == 5
    assert values(dataset, "SELECT ?y WHERE { project:additive4industrie sg:startDate ?y }", "y") == set()


def test_thirty_two_funded_clusters(dataset):
    assert values(dataset, """
        SELECT ?v WHERE { programme:leading-edge-cluster-internationalisation sg:quantity ?q .
                          ?q sg:numericValue ?v ; sg:qualifier sg:exactly }""", "v") == {"32"}


# ---------------------------------------------------------------- contact persons and addresses

def test_contact_person_of_cfk_valley_with_phone_and_fax(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?name ?prefix ?tel ?telStated ?fax ?title WHERE {
          cluster:cfk-valley sg:contactPerson ?p .
          ?p rdfs:label ?name ; sg:honorificPrefix ?prefix ; sg:telephone ?tel ;
              sg:telephoneAsStated ?telStated ;
             sg:faxNumber ?fax .
          ?m sg:member ?p ; sg:organisation cluster:cfk-valley ; sg:role role:contact-person ;
              sg:roleTitle ?title }""")
    assert [(r["name"], r["prefix"], r["tel"], r["telStated"], r["fax"], r["title"]) for r in rows] == [
        ("Bastian Brenken", "Dr.", "+4941414074015", "+49 (0) 4141 40740 - 15", "+4941414074029",
         "Technical Director")]


@pytest.mark.parametrize(("cluster", "person", "phone"), [
    ("cluster/amz-sachsen", "alexander-helbych", "+491728380024"),
    ("cluster/arena-2036", "clemens-ackermann", "+4971168568370"),
    ("cluster/bioeconomy-cluster", "steffen-ullmann", "+4934513142732"),
    ("cluster/munich-biotechnology-cluster", "stephanie-wehnelt", "+498989967929"),
    ("cluster/biorn-network", "julia-schaft", "+4962214305111"),
    ("cluster/cluster-industrial-biotechnology", "katrin-kriebs", "+492116793138"),
    ("cluster/power-electronics", "peter-rechberger", "+4991181028812"),
    ("cluster/mechatronik-automation", "heiko-bartschat", "+491752653339"),
    ("cluster/cool-silicon", "frank-boesenberg", "+493518925800"),
    ("network/deepsea-mining-alliance", "johannes-post", "+491725119577"),
    ("cluster/elektromobilitaet-sued-west", "stefan-buechele", "+4971189238519"),
    ("cluster/forum-organic-electronics", "christian-melzer", "+4962215419169"),
])
def test_contact_persons_and_phones(dataset, cluster, person, phone):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?p ?tel WHERE {{ <{iri(cluster)}> sg:contactPerson ?p . ?p a sg:Person ; sg:telephone ?tel .
                               ?m a sg:Membership ; sg:member ?p ; sg:role role:contact-person }}""")
    assert {(r["p"], r["tel"]) for r in rows} == {(iri("person/" + person), phone)}


def test_german_role_titles(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?person ?title WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?cluster sg:contactPerson ?person .
          ?m sg:member ?person ; sg:roleTitle ?title . FILTER(LANG(?title) = "de") }}""")
    assert {(r["person"], r["title"]) for r in rows} == {
        (iri("person/alexander-helbych"), "Projektleiter TADA"),
        (iri("person/clemens-ackermann"), "Forschungskoordination & Internationalisierung"),
        (iri("person/stefan-buechele"), "Internationale Zusammenarbeit, Förderpolitik")}


def test_honorific_suffixes_as_written(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?person ?suffix WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          ?cluster sg:contactPerson ?person . ?person sg:honorificSuffix ?suffix }}""")
    assert {(r["person"], r["suffix"]) for r in rows} == {
        (iri("person/steffen-ullmann"), "M.A."), (iri("person/heiko-bartschat"), "Dipl.-Kfm. (Univ.)")}


def test_postal_address_of_cool_silicon(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?street ?code ?city ?country WHERE {
          cluster:cool-silicon sg:address ?a .
          ?a sg:streetAddress ?street ; sg:postalCode ?code ; sg:addressCity ?city ;
              sg:addressCountry ?country }""")
    assert [(r["street"], r["code"], r["city"], r["country"]) for r in rows] == [
        ("Manfred-von-Ardenne-Ring 20F", "01099", place("dresden"), place("germany"))]


def test_addresses_by_city(dataset):
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT DISTINCT ?a ?code ?city WHERE {{
          VALUES ?cluster {{ {CLUSTERS} }}
          {{ ?cluster sg:address ?a }} UNION {{ ?cluster sg:managedBy/sg:address ?a }}
          ?a sg:postalCode ?code ; sg:addressCity ?city }}""")
    assert sorted((r["code"], r["city"][len(ID + "place/"):]) for r in rows) == [
        ("01099", "dresden"), ("06120", "halle-saale"), ("20459", "hamburg"), ("21664", "stade"),
        ("40219", "duesseldorf"), ("45481", "muelheim-an-der-ruhr"), ("69115", "heidelberg"),
        ("69120", "heidelberg"), ("70176", "stuttgart"), ("70569", "stuttgart"), ("86159", "augsburg"),
        ("90443", "nuremberg")]


def test_effizienzcluster_phone_on_the_managing_company(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?tel ?fax WHERE { cluster:effizienzcluster-logistikruhr sg:managedBy ?m .
                                 ?m sg:telephone ?tel ; sg:faxNumber ?fax }""")
    assert [(r["tel"], r["fax"]) for r in rows] == [("+492089925255", "+492089925222")]


def test_state_cluster_manager_of_bio_nrw(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?person ?prefix ?title WHERE {
          ?m sg:organisation cluster:bio-nrw ; sg:role role:cluster-manager ; sg:member ?person ;
              sg:roleTitle ?title .
          ?person sg:honorificPrefix ?prefix }""")
    assert [(r["person"], r["prefix"], r["title"]) for r in rows] == [
        (iri("person/bernward-garthoff"), "Dr. med.", "state cluster manager for biotechnology")]


def test_deepsea_implementation_targets_are_not_guessed(dataset):
    """No "Target countries implementation phase" line: the phase is marked as stating none."""
    assert values(dataset, """SELECT ?t WHERE {
        phase:deepsea-mining-alliance-internationalisation-implementation sg:targetCountry ?t
            }""", "t") == set()
    assert dataset.ask(SPARQL_PREFIXES + """ASK {
        phase:deepsea-mining-alliance-internationalisation-implementation sg:targetCountriesStated false }""")
