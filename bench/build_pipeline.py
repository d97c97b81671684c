"""The build pipeline at a size: generate synthetic data, `saxgraph build` it (a subprocess, as a user runs
it), and report its phases (parse, term checks, SHACL, materialise, serialise, prebuilt store, write), wall
time and peak memory (PSS of the process and its validation workers).

    python bench/build_pipeline.py --triples 100000 --work /tmp/saxgraph-bench
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402
from measure import PeakMemory, gib  # noqa: E402

REPORT = "build-report.json"


SEED = 0  # size 0 stands for the project's own data (the seed documents)


def data_root(work: Path, triples: int, quoted: float = 1.0) -> Path:
    if triples == SEED:
        return Path(work) / "seed"
    return Path(work) / (f"synth-{triples}" + (f"-quoted-{quoted:g}" if quoted != 1.0 else ""))


def build_at(work: Path, triples: int, reuse: bool = False, quoted: float = 1.0) -> dict:
    """Generate (size 0: the project's data; `quoted`: the share of documents quoting their text, see
    generate.py) and build; the figures are kept beside the build (build-report.json) for --reuse."""
    from saxgraph.build.sources import source_root

    out = data_root(work, triples, quoted) / "build"
    root = data_root(work, triples, quoted) if triples != SEED else source_root()
    report_path = out / REPORT
    if reuse and report_path.is_file() and (out / "manifest.json").is_file():
        return json.loads(report_path.read_text())
    if triples != SEED and not (root / "data").is_dir():
        generate(triples, root, quoted=quoted)
    started = time.perf_counter()
    command = [sys.executable, "-m", "saxgraph", "build", "--root", str(root), "--out", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    with PeakMemory(process.pid) as memory:
        _, errors = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"saxgraph build of {triples} triples failed:\n{errors[-3000:]}")
    manifest = json.loads((out / "manifest.json").read_text())
    source_triples = _parsed_triples(errors)
    report = {"triples_requested": triples, "quoted": quoted if triples != SEED else None,
              "source_triples": source_triples, "quads": manifest["quads"],
              "wall_seconds": round(seconds, 2), "peak_bytes": memory.peak,
              "phases": manifest.get("phase_seconds", {}), "build_dir": str(out)}
    report_path.write_text(json.dumps(report, indent=2) + "\n")
    return report


def _parsed_triples(progress: str) -> int | None:
    for line in progress.splitlines():
        if "parsed" in line and "triples" in line:  # parsed N files (T triples, A annotation triples)
            return int(line.split("(", 1)[1].split()[0])
    return None


PHASES = ("parse", "check_terms", "shacl", "materialise", "serialise", "store")


def table(reports: list[dict]) -> str:
    head = "| size | source triples | quads served | " + " | ".join(PHASES) + " | total | peak memory |"
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in reports:
        phases = " | ".join(f"{r['phases'].get(p, 0):.1f}" for p in PHASES)
        size = f"{r['triples_requested']:,}" if r["triples_requested"] != SEED else "seed"
        lines.append(f"| {size} | {r['source_triples'] or 0:,} | {r['quads']:,} | {phases} | "
                     f"{r['wall_seconds']:.1f} | {gib(r['peak_bytes'])} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, nargs="+", default=[10_000, 100_000],
                        help="0: the project's data")
    parser.add_argument("--work", type=Path, default=Path("/tmp/saxgraph-bench"))
    parser.add_argument("--reuse", action="store_true", help="keep builds (and their figures) made before")
    parser.add_argument("--quoted", type=float, default=1.0,
                        help="share of the generated documents quoting their text (generate.py --quoted)")
    args = parser.parse_args()
    reports = [build_at(args.work, n, args.reuse, args.quoted) for n in args.triples]
    print("build pipeline, seconds per phase (a subprocess `saxgraph build`, validation included)")
    print(table(reports))


if __name__ == "__main__":
    main()
