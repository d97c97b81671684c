"""Response times of the linked-data views on a built dataset (report, not a test).

    python bench/generate.py --triples 100000 --out /tmp/synth-100k
    saxgraph build --root /tmp/synth-100k --out /tmp/synth-100k/build
    python bench/linked_data.py /tmp/synth-100k/build

Prints the first (cold: indexes, caches and dumps built) and the median of later requests per view."""

import argparse
import statistics
import time
from pathlib import Path

from saxgraph.namespaces import path_for_iri
from saxgraph.store.open import open_build
from saxgraph.web import create_app

SG = "https://w3id.org/saxgraph/ontology#"


def timed(client, url, headers=None, repeat=5):
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, headers=headers or {})
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        size = len(response.data)
    return times[0], statistics.median(times[1:]), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir", type=Path)
    args = parser.parse_args()
    store = open_build(args.build_dir, build_if_missing=False)
    client = create_app({"STORE": store, "TESTING": True}).test_client()
    entity = store.select(f"SELECT ?s WHERE {{ ?s a <{SG}Cluster> }} ORDER BY ?s LIMIT 1")[0]["s"]
    busiest = store.select("SELECT ?o (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?o) && "
                           'STRSTARTS(STR(?o), "https://w3id.org/saxgraph/id/")) } '
                           "GROUP BY ?o ORDER BY DESC(?n) LIMIT 1")[0]
    print(f"{len(store)} quads; entity {entity}; most linked-to {busiest['o']} ({busiest['n']} links)")
    views = [
        (path_for_iri(entity), {"Accept": "text/html"}),
        (path_for_iri(entity), {"Accept": "text/turtle"}),
        (path_for_iri(entity), {"Accept": "application/trig"}),
        (path_for_iri(busiest["o"]), {"Accept": "text/html"}),
        (path_for_iri(entity) + "/neighbourhood.json", None),
        ("/search?q=clu&format=json", None),
        ("/classes", None),
        ("/class/Cluster", None),
        ("/ontology", {"Accept": "text/html"}),
        ("/.well-known/void", None),
    ] + [(f"/download/saxgraph.{ext}", {"Accept-Encoding": "identity"})
         for ext in ("nq", "trig", "ttl", "nt", "jsonld", "rdf", "graphml", "gexf", "csv.zip")]
    print(f"{'view':58} {'accept':18} {'cold ms':>9} {'warm ms':>9} {'bytes':>10}")
    for url, headers in views:
        cold, warm, size = timed(client, url, headers)
        accept = (headers or {}).get("Accept", "")
        print(f"{url[:58]:58} {accept:18} {cold * 1000:9.1f} {warm * 1000:9.1f} {size:10d}")


if __name__ == "__main__":
    main()
