"""Soak: concurrent clients against `saxgraph serve` on a loopback port for several minutes; prints
throughput, errors (must be 0) and the server's memory over time (must be flat).

    python bench/soak.py                      # 5 minutes, 8 clients, gunicorn with 2 workers
    python bench/soak.py --minutes 10 --clients 16 --server waitress

The server runs on the real data, built into a temporary folder; bounded in time and in requests
(--max-requests), loopback only. Exits 1 on any error."""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from saxgraph.build.pipeline import build  # noqa: E402
from saxgraph.build.sources import discover, source_root  # noqa: E402
from tests.helpers import live  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server", choices=["gunicorn", "waitress"], default="gunicorn")
    parser.add_argument("--max-requests", type=int, default=2_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="saxgraph-soak-") as tmp:
        work = Path(tmp)
        build(discover(source_root()), out_dir=work / "build")
        with live.serve(work / "build", work, server=args.server, workers=args.workers) as server:
            live.load(server, seconds=5, clients=args.clients)  # warm-up, not counted
            result = live.load(server, seconds=args.minutes * 60, clients=args.clients,
                               max_requests=args.max_requests, sample_every=30)
    first, last = result.rss_mb[0][1], result.rss_mb[-1][1]
    peak = max(mb for _, mb in result.rss_mb)
    print(f"server: {args.server}, {args.workers} workers; {args.clients} clients for {result.seconds:.0f} s")
    print(f"requests: {result.requests}  throughput: {result.throughput:.0f} requests/s  "
          f"errors: {len(result.errors)}")
    print(f"server RSS (process tree, MB): start {first:.0f}, end {last:.0f}, peak {peak:.0f}, "
          f"growth {last - first:+.0f}")
    print("RSS samples (s, MB): " + ", ".join(f"{t:.0f}: {mb:.0f}" for t, mb in result.rss_mb))
    for error in result.errors[:20]:
        print(f"error: {error}")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
