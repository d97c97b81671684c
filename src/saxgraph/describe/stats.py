"""Counts per class and per graph, for `saxgraph stats` and the README."""

from saxgraph.namespaces import SG, compact

CLASS_COUNTS = f"""
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s a ?class . FILTER(STRSTARTS(STR(?class), "{SG}"))
  FILTER NOT EXISTS {{ GRAPH <https://w3id.org/saxgraph/graph/ontology> {{ ?s ?p ?o }} }}
}} GROUP BY ?class ORDER BY DESC(?n) ?class
"""

GRAPH_COUNTS = """
SELECT ?graph (COUNT(*) AS ?n) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph ORDER BY ?graph
"""


def statistics(store) -> dict:
    classes = [(row["class"], int(row["n"])) for row in store.select(CLASS_COUNTS)]
    graphs = [(row["graph"], int(row["n"])) for row in store.select(GRAPH_COUNTS)]
    return {"classes": classes, "graphs": graphs, "quads": len(store), "version": store.version}


def render(stats: dict, markdown: bool = False) -> str:
    out = []
    for title, rows, head in (("Entities per class", stats["classes"], "class"),
                              ("Triples per named graph", stats["graphs"], "graph")):
        if markdown:
            out += [f"| {head} | count |", "| --- | ---: |"]
            out += [f"| `{compact(name)}` | {n} |" for name, n in rows]
            out.append("")
        else:
            out.append(f"{title}:")
            width = max((len(compact(name)) for name, _ in rows), default=0)
            out += [f"  {compact(name).ljust(width)}  {n:>7}" for name, n in rows]
    out.append(f"{stats['quads']} quads in all ({stats['version']})")
    return "\n".join(out) + "\n"
