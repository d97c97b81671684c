"""Side-by-side throughput: saxgraph (this checkout, and optionally others, e.g. main's) and `oxigraph
serve-read-only` serving the same build at the same time, driven by wrk on the load benchmark's query mix in
alternating rounds, so that a busy shared machine slows every system alike (a report, not a test).

    python bench/ab.py                                     # seed data, concurrency 1 8 32, 3 rounds of 5 s
    python bench/ab.py --sizes 0 10000 --rounds 5 --duration 3
    python bench/ab.py --baseline /path/to/other/checkout  # that checkout's saxgraph beside this one

Each cell is the median of the rounds' requests/s; a ratio is taken per round (both measured within
seconds of each other) and given as its median and range. saxgraph runs with its answer cache off.
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_pipeline import build_at  # noqa: E402
from load import Server, check, load_oxigraph, run_wrk, servers_for, size_label  # noqa: E402
from query_mix import query_mix  # noqa: E402

from saxgraph.build.folder import DATASET_FILE  # noqa: E402
from saxgraph.store.open import open_build  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def systems(build_dir: Path, oxigraph_dir: Path, workers: int, baselines: list[Path]) -> list[Server]:
    saxgraph, oxigraph, _ = servers_for(build_dir, oxigraph_dir, workers)
    saxgraph.env = {**saxgraph.env, "PYTHONPATH": str(ROOT / "src")}
    found = [saxgraph, oxigraph]
    for number, checkout in enumerate(baselines, 1):
        other = servers_for(build_dir, oxigraph_dir, workers)[0]
        other.name = f"baseline{number}" if len(baselines) > 1 else "baseline"
        other.env = {**other.env, "PYTHONPATH": str(Path(checkout).resolve() / "src")}
        found.append(other)
    return found


def bench_size(triples: int, args) -> dict:
    build_dir = Path(build_at(args.work, triples, reuse=True)["build_dir"])
    store = open_build(build_dir, build_if_missing=False)
    mix = query_mix(store)
    del store
    oxigraph_dir = build_dir.parent / "oxigraph-store"
    load_oxigraph(build_dir / DATASET_FILE, oxigraph_dir)
    servers = systems(build_dir, oxigraph_dir, args.workers, args.baseline)
    runs: dict[str, dict[int, list[float]]] = {s.name: {c: [] for c in args.concurrency} for s in servers}
    errors: dict[str, int] = {s.name: 0 for s in servers}
    try:
        for server in servers:
            server.start()
            statuses = check(server, mix)
            if set(statuses) != {"200"}:
                print(f"  {server.name}: statuses {statuses}", file=sys.stderr)
        for round_ in range(args.rounds):
            for c in args.concurrency:
                order = servers if round_ % 2 == 0 else servers[::-1]
                for server in order:
                    requests = [(server.url(q.sparql), {"Accept": q.accept}) for q in mix]
                    result = run_wrk(server.port, requests, c, args.duration)
                    runs[server.name][c].append(result["rps"])
                    errors[server.name] += result["errors"]
                    print(f"  {size_label(triples)} round {round_ + 1} c={c} {server.name}: "
                          f"{result['rps']:.0f} req/s, {result['errors']} errors", file=sys.stderr,
                          flush=True)
    finally:
        for server in servers:
            server.stop()
    return {"runs": runs, "errors": errors, "names": [s.name for s in servers]}


def render(reports: dict[int, dict], args) -> str:
    names = next(iter(reports.values()))["names"]
    others = [n for n in names if n != "saxgraph"]
    out = [f"command: `python bench/ab.py {' '.join(sys.argv[1:])}`", "",
           "| size | conc. | " + " | ".join(f"{n} req/s (median)" for n in names) + " | " +
           " | ".join(f"saxgraph ÷ {n} (median, range)" for n in others) + " |",
           "| --- | --- | " + " | ".join("---" for _ in names + others) + " |"]
    ratios_to_oxigraph = []
    for size, report in reports.items():
        runs = report["runs"]
        for c in args.concurrency:
            cells = [f"{statistics.median(runs[n][c]):.0f}" for n in names]
            for other in others:
                ratios = [a / b for a, b in zip(runs["saxgraph"][c], runs[other][c], strict=True) if b]
                if other == "oxigraph":
                    ratios_to_oxigraph.append(statistics.median(ratios))
                cells.append(f"**{statistics.median(ratios):.2f}x** ({min(ratios):.2f}-{max(ratios):.2f})")
            out.append(f"| {size_label(size)} | {c} | " + " | ".join(cells) + " |")
    geometric = statistics.geometric_mean(ratios_to_oxigraph)
    total_errors = {n: sum(r["errors"][n] for r in reports.values()) for n in names}
    out += ["", "errors: " + ", ".join(f"{n} {e}" for n, e in total_errors.items()),
            f"geometric mean of saxgraph ÷ oxigraph over the cells: {geometric:.2f}x"]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0], help="triples; 0 is the seed data")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=5, help="seconds of load per system and cell")
    parser.add_argument("--workers", type=int, default=2, help="saxgraph serve --workers")
    parser.add_argument("--baseline", type=Path, nargs="*", default=[],
                        help="other checkouts whose saxgraph (their src/) runs beside this one")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "saxgraph-bench")
    args = parser.parse_args()
    reports = {size: bench_size(size, args) for size in args.sizes}
    print(render(reports, args))


if __name__ == "__main__":
    main()
