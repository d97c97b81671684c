"""The concise bounded description as a library: facts, incoming links, labels, and the graph of each fact."""

import pyoxigraph as ox

from saxgraph.describe.resource import describe
from saxgraph.namespaces import GRAPH_BASE, ID_BASE, SG

COOL = ID_BASE + "cluster/cool-silicon"
CLUSTERS = GRAPH_BASE + "clusters"
INFERRED = GRAPH_BASE + "inferred"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def facts(description, predicate):
    return {(f.object.value if f.subject.value == description.iri else f.subject.value, f.graphs)
            for f in description.outgoing + description.incoming if f.predicate.value == predicate}


def test_outgoing_facts_carry_the_graph_that_states_them(mini_dataset):
    d = describe(mini_dataset, COOL)
    assert (ID_BASE + "cluster/minalogic", (CLUSTERS,)) in facts(d, str(SG.partnerCluster))
    assert (str(SG.Cluster), (CLUSTERS,)) in {(f.object.value, f.graphs) for f in d.outgoing
                                               if f.predicate.value.endswith("#type")}
    # materialised alignments are part of the description, attributed to the inferred graph
    assert any(f.graphs == (INFERRED,) and f.predicate.value == "http://www.w3.org/ns/org#hasMember"
               for f in d.outgoing)


def test_incoming_links_are_included(mini_dataset):
    d = describe(mini_dataset, COOL)
    incoming = {(f.subject.value, f.predicate.value) for f in d.incoming}
    assert (ID_BASE + "project/icool", str(SG.carriedOutBy)) in incoming
    assert (ID_BASE + "person/erika-muster", str(SG.memberOf)) in incoming


def test_labels_of_everything_linked(mini_dataset):
    d = describe(mini_dataset, COOL)
    assert d.label() == "Cool Silicon"
    assert d.label(ID_BASE + "cluster/minalogic") == "Minalogic"
    assert d.label(ID_BASE + "project/icool") == "iCool"  # an incoming link's subject
    assert d.label(ID_BASE + "organisation/tu-dresden", "de") == "Technische Universität Dresden"
    label_quads = {(q.subject.value, q.object.value) for f in d.label_facts for q in f.quads()}
    assert (ID_BASE + "cluster/minalogic", "Minalogic") in label_quads


def test_source_documents_of_the_graphs(mini_dataset):
    d = describe(mini_dataset, COOL)
    assert d.documents[CLUSTERS] == {"document": ID_BASE + "document/clusters", "title": "Fixture clusters"}


def test_quads_keep_graphs_and_are_bounded_to_the_resource(mini_dataset):
    d = describe(mini_dataset, COOL)
    quads = d.quads()
    assert all(isinstance(q.graph_name, ox.NamedNode) for q in quads)
    subjects = {q.subject.value for q in quads}
    # nothing about Minalogic beyond its label; nothing about unrelated entities
    minalogic = [q for q in quads if q.subject.value == ID_BASE + "cluster/minalogic"]
    assert {q.predicate.value for q in minalogic} == {LABEL}
    assert ID_BASE + "organisation/bmbf" not in subjects


def test_unknown_iri_has_an_empty_description(mini_dataset):
    d = describe(mini_dataset, ID_BASE + "cluster/nowhere")
    assert not d.exists and d.quads() == []


def test_blank_nodes_are_followed(tmp_path):
    from saxgraph.store.dataset import Store

    data = tmp_path / "bnodes.trig"
    data.write_text(f"""
        <{GRAPH_BASE}g> {{ <{ID_BASE}cluster/x> <{SG}address> [ <{SG}postalCode> "01099" ;
                                                      <{SG}geo> [ <{SG}lat> "51.0" ] ] . }}""")
    d = describe(Store.from_files([data]), ID_BASE + "cluster/x")
    values = {f.object.value for f in d.outgoing if isinstance(f.object, ox.Literal)}
    assert values == {"01099", "51.0"}
