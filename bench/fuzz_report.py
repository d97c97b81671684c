"""Throw the whole hostile-input catalogue (tests/robustness/hostile.py) at every route of the app over the
real data, and print the table of docs/bad-input.md: input class, routes, cases, statuses answered.

    python bench/fuzz_report.py            # exits 1 if any answer was 5xx
"""

import collections
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "robustness"))

import hostile  # noqa: E402

from saxgraph.web import create_app  # noqa: E402


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    logging.getLogger("saxgraph").setLevel(logging.CRITICAL)  # the access log would print every case
    app = create_app({"QUERY_TIMEOUT": 2, "ACCESS_LOG": False})
    classes = hostile.catalogue(app)
    total, failures, started = 0, [], time.perf_counter()
    rows = []
    for name, cases in classes.items():
        statuses: collections.Counter = collections.Counter()
        routes = set()
        for case in cases:
            answer = hostile.send(app, case)
            statuses[answer.status] += 1
            routes.add(case.path.split(b"/")[1][:20] if case.path.count(b"/") else case.path)
            if answer.status >= 500:
                failures.append((answer.status, case.describe(), answer.body[:300]))
        total += len(cases)
        print(f"{name}: {len(cases)} cases, {time.perf_counter() - started:.0f} s, "
              f"RSS {_rss_mb():.0f} MB", file=sys.stderr, flush=True)
        shown = ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))
        rows.append(f"| {name} | {len(cases)} | {shown} |")
    print(f"{total} requests over {len(hostile.rules(app))} routes in {time.perf_counter() - started:.0f} s; "
          f"5xx answers: {len(failures)}\n")
    print("| input class | cases | statuses (count) |\n| --- | ---: | --- |")
    print("\n".join(rows))
    for status, case, body in failures[:50]:
        print(f"\n{status} {case}\n  {body!r}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
