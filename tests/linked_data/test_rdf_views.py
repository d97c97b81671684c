"""What the RDF representations hold: the entity's CBD with the graph of each fact, named graphs whole,
the ontology whole."""

import pyoxigraph as ox

from saxgraph.namespaces import GRAPH_BASE, ID_BASE, SG

COOL = ID_BASE + "cluster/cool-silicon"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def quads(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return list(ox.parse(response.data, format=ox.RdfFormat.N_QUADS if path.endswith(".nq")
                         else ox.RdfFormat.TRIG))


def test_entity_quads_name_the_graph_of_each_fact(client):
    found = {(q.subject.value, q.predicate.value, q.object.value, q.graph_name.value)
             for q in quads(client, "/id/cluster/cool-silicon.nq")}
    assert (COOL, str(SG.partnerCluster), ID_BASE + "cluster/minalogic", GRAPH_BASE + "clusters") in found
    assert (COOL, "http://www.w3.org/ns/org#hasMember", ID_BASE + "organisation/tu-dresden",
            GRAPH_BASE + "inferred") in found
    assert (ID_BASE + "project/icool", str(SG.carriedOutBy), COOL, GRAPH_BASE + "clusters") in found
    assert (ID_BASE + "cluster/minalogic", LABEL, "Minalogic", GRAPH_BASE + "clusters") in found
    assert (ID_BASE + "place/dresden", LABEL, "Dresden", GRAPH_BASE + "reference") in found


def test_entity_turtle_has_the_labels_of_linked_resources(client):
    response = client.get("/id/cluster/cool-silicon.ttl")
    triples = list(ox.parse(response.data, format=ox.RdfFormat.TURTLE))
    labelled = {t.subject.value for t in triples if t.predicate.value == LABEL}
    linked = {ID_BASE + "cluster/minalogic", ID_BASE + "project/icool", ID_BASE + "place/dresden"}
    assert {COOL} | linked <= labelled
    # bounded: Minalogic's own facts (its location) are not part of Cool Silicon's description
    assert not any(t.subject.value == ID_BASE + "cluster/minalogic" and t.predicate.value == str(SG.location)
                   for t in triples)


def test_graph_representation_is_the_whole_graph(client, mini_dataset):
    found = quads(client, "/graph/clusters.trig")
    graph = ox.NamedNode(GRAPH_BASE + "clusters")
    assert len(found) == len(list(mini_dataset.quads(None, None, None, graph)))
    assert {q.graph_name for q in found} == {graph}


def test_ontology_representation_is_the_ontology_graph(client, mini_dataset):
    response = client.get("/ontology.ttl")
    triples = list(ox.parse(response.data, format=ox.RdfFormat.TURTLE))
    graph = ox.NamedNode(GRAPH_BASE + "ontology")
    assert len(set(triples)) == len({q.triple for q in mini_dataset.quads(None, None, None, graph)})
    assert any(t.subject.value == str(SG.Cluster) for t in triples)
