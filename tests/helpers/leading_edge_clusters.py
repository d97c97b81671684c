"""What the test modules of document 004 (the 32 leading-edge clusters) share: its graph, files and source,
IRI helpers, and the questions they ask of every cluster (its project's target places per phase)."""

from pathlib import Path

from saxgraph.namespaces import GRAPH_BASE, ID_BASE, SG, SPARQL_PREFIXES

ROOT = Path(__file__).resolve().parents[2]
GRAPH_SLUG = "leading-edge-clusters"
GRAPH = GRAPH_BASE + GRAPH_SLUG
SOURCE_FILE = "004_f274a48bf349ce0a.txt"
DATA_FILES = (ROOT / "data" / "leading-edge-clusters.ttl", ROOT / "data" / "leading-edge-clusters.part2.ttl")
CURATION_FILE = ROOT / "data" / "curation" / "leading-edge-clusters.ttl"
ID = ID_BASE
SG_NS = str(SG)


def iri(path: str) -> str:
    """The entity IRI of a path such as "cluster/cool-silicon"."""
    return ID + path


def place(slug: str) -> str:
    return ID + "place/" + slug


def values(dataset, query: str, var: str) -> set:
    """The values of one variable over the rows of a SELECT (project prefixes predeclared)."""
    return {row[var] for row in dataset.select(SPARQL_PREFIXES + query)}


def in_graph(pattern: str, graph: str | None) -> str:
    """`pattern` limited to the named graph `graph` (an IRI), or left on the union when `graph` is None."""
    return pattern if graph is None else f"GRAPH <{graph}> {{ {pattern} }}"


def clusters_clause(paths) -> str:
    return "VALUES ?cluster { " + " ".join(f"<{iri(p)}>" for p in paths) + " }"


def targets(dataset, paths, phase_class: str, graph: str | None = None) -> dict:
    """{cluster path: {target place slug}} for one kind of phase of these clusters' projects; `graph=GRAPH`
    asks the document alone, the default asks the whole dataset (document and curation)."""
    rows = dataset.select(SPARQL_PREFIXES + f"""
        SELECT ?cluster ?target WHERE {{
          {clusters_clause(paths)}
          ?project a sg:InternationalisationProject ; sg:carriedOutBy ?cluster ; sg:hasPhase ?phase .
          ?phase a sg:{phase_class} .
          {in_graph("?phase sg:targetCountry ?target .", graph)}
        }}""")
    out = {}
    for row in rows:
        out.setdefault(row["cluster"][len(ID):], set()).add(row["target"][len(ID + "place/"):])
    return out
