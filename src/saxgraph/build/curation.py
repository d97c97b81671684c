"""Leaving the curation graph out (`--no-curation`, NO_CURATION): what the documents state and nothing of
the curator's, with the alignments materialised again from what is left, the same quads and version as a
build of the data without data/curation/."""

from collections.abc import Iterable

import pyoxigraph as ox

from saxgraph.build.evidence import ASSERTED_IN
from saxgraph.namespaces import CURATION_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, graph_iri


def without_curation(quads: Iterable[ox.Quad], ontology: Iterable[ox.Quad] = ()) -> list[ox.Quad]:
    """The quads as a build without data/curation/ gives them: no graph:curation, no evidence of its
    statements, and the alignments materialised again from what is left. `ontology` supplies the
    alignments when `quads` lacks its ontology graph."""
    from saxgraph.build.pipeline import materialise  # the pipeline owns it (and imports this module)

    curation = ox.NamedNode(str(graph_iri(CURATION_GRAPH)))
    inferred = ox.NamedNode(str(graph_iri(INFERRED_GRAPH)))
    quads = list(quads)
    curated = {q.subject for q in quads if q.predicate == ASSERTED_IN and q.object == curation}
    kept = [q for q in quads if q.graph_name not in (curation, inferred) and q.subject not in curated]
    ontology_graph = ox.NamedNode(str(graph_iri(ONTOLOGY_GRAPH)))
    terms = [q for q in kept if q.graph_name == ontology_graph] or list(ontology)
    entailed = materialise({(q.subject, q.predicate, q.object, q.graph_name) for q in kept}, terms)
    return kept + [ox.Quad(s, p, o, inferred) for s, p, o in entailed]


NO_CURATION_FOR_REMOTE_STORES = ("the curation graph cannot be left out of a remote store's data as it is "
                                 "served: publish a build without it instead (saxgraph build --no-curation, "
                                 "then saxgraph publish)")


def uncurated_store(store):
    """A Store holding `store`'s data without the curation graph: the same quads, and hash, as a build with
    --no-curation (a store of plain files without the ontology graph takes the project's ontology)."""
    from saxgraph.build.folder import derived_store
    from saxgraph.build.personal_data import packaged_ontology

    quads = list(store.quads())
    has_ontology = any(q.graph_name.value == str(graph_iri(ONTOLOGY_GRAPH)) for q in quads
                       if isinstance(q.graph_name, ox.NamedNode))
    kept = without_curation(quads, () if has_ontology else packaged_ontology())
    return derived_store(store, kept, "without the curation graph", curation=False)
