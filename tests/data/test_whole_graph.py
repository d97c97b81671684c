"""What holds across the five documents: one node per thing, all 32 leading-edge clusters, provenance."""

from saxgraph.namespaces import SPARQL_PREFIXES

DOCUMENTS = {"micro-networks-incubators": "000_905c7d61bd444823.txt",
             "digital-hub-dresden-leipzig": "001_46cbbce316df3487.txt",
             "futuresax-transfer-projects": "002_e9acecd4deaafc04.txt",
             "semiconductor-regions-alliance": "003_f1c3e89d6c51ce37.txt",
             "leading-edge-clusters": "004_f274a48bf349ce0a.txt"}


def test_no_two_nodes_of_one_class_share_a_label(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?class ?label (COUNT(DISTINCT ?s) AS ?n) WHERE {
          ?s a ?class ; rdfs:label ?label . FILTER(STRSTARTS(STR(?class), STR(sg:)))
        } GROUP BY ?class ?label HAVING (COUNT(DISTINCT ?s) > 1)""")
    assert rows == []


def test_every_document_has_its_graph_and_document_node(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?graph ?file WHERE {
          GRAPH ?graph { ?graph prov:wasDerivedFrom ?doc } ?doc sg:sourceFile ?file }""")
    assert {r["graph"].rsplit("/", 1)[-1]: r["file"] for r in rows} == DOCUMENTS


def test_all_32_leading_edge_clusters_have_an_internationalisation_project_with_both_phases(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT DISTINCT ?cluster WHERE {
          GRAPH graph:leading-edge-clusters {
            ?project a sg:InternationalisationProject ; sg:carriedOutBy ?cluster ;
                     sg:fundingProgramme programme:leading-edge-cluster-internationalisation ;
                     sg:hasPhase ?concept , ?implementation .
            ?concept a sg:ConceptPhase . ?implementation a sg:ImplementationPhase .
          }
          ?cluster a sg:Collaboration .
        }""")
    clusters = {r["cluster"].split("/id/", 1)[1] for r in rows}
    assert len(clusters) == 32
    # the entries whose heading is missing, and the ones written in German, are among them
    assert {"cluster/bio-nrw", "cluster/open-hybrid-labfactory", "network/wigratec",
            "cluster/mai-carbon", "cluster/amz-sachsen"} <= clusters


def test_shared_entities_are_one_node_stated_in_each_document(dataset):
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT ?entity (GROUP_CONCAT(DISTINCT STRAFTER(STR(?g), "/graph/"); separator=" ") AS ?graphs) WHERE {
          VALUES ?entity { organisation:fraunhofer-iwu network:organic-electronics-saxony }
          GRAPH ?g { ?entity ?p ?o } FILTER(?g NOT IN (graph:inferred))
        } GROUP BY ?entity""")
    graphs = {r["entity"].rsplit("/", 1)[-1]: set(r["graphs"].split()) for r in rows}
    assert {"micro-networks-incubators", "digital-hub-dresden-leipzig",
            "futuresax-transfer-projects"} <= graphs["fraunhofer-iwu"]
    assert {"micro-networks-incubators", "leading-edge-clusters"} <= graphs["organic-electronics-saxony"]


def test_saxon_clusters_targeting_japan(dataset):
    """The analyst's question from the brief, answered from documents 000 and 004."""
    rows = dataset.select(SPARQL_PREFIXES + """
        SELECT DISTINCT ?cluster WHERE {
          ?project a sg:InternationalisationProject ; sg:carriedOutBy ?cluster ; sg:hasPhase ?phase .
          ?phase a sg:ImplementationPhase ; sg:targetCountry place:japan .
          ?cluster sg:location/sg:locatedIn* place:saxony .
        }""")
    assert {r["cluster"].rsplit("/", 1)[-1] for r in rows} == {"organic-electronics-saxony"}
