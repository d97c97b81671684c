"""Reconciliation through the HTTP endpoint, as OpenRefine sends it (a report, not a test).

    python bench/reconcile.py                      # builds the data into a temporary folder first
    python bench/reconcile.py --build-dir build    # or serves a build you have

Starts `saxgraph serve` (gunicorn, one worker) on a loopback port, draws 500 names from the data's labels
with the damage a spreadsheet does to them (legal forms added, case changed, umlauts spelled out, a typo,
punctuation dropped; a share of them nonsense), and POSTs them as one form-encoded `queries` batch, then as
OpenRefine's default batches of 10. Prints the time of the first batch (the matching index is built then),
the median of the later ones, the cost per name, and how well the names were matched. OpenRefine gives up
on a request after 10 s without an answer (its HTTP client's socket timeout)."""

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import free_port, wait_until_answering  # noqa: E402

from saxgraph.describe.names import name  # noqa: E402
from saxgraph.namespaces import ID_BASE, SPARQL_PREFIXES  # noqa: E402
from saxgraph.store.open import open_build

OPENREFINE_TIMEOUT = 10.0  # seconds: OpenRefine's HttpClient socket timeout
KINDS = ("cluster", "network", "hub", "incubator", "alliance", "organisation")
LABELS = SPARQL_PREFIXES + f"""SELECT ?s ?label WHERE {{
  VALUES ?p {{ rdfs:label skos:altLabel }} ?s ?p ?label .
  FILTER(STRSTARTS(STR(?s), "{ID_BASE}"))
}} ORDER BY ?s ?label"""
LEGAL_FORMS = (" e.V.", " e. V.", " GmbH", " AG", " gGmbH", " mbH", " GmbH & Co. KG")
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
SYLLABLES = ("bra", "quo", "zel", "vin", "tor", "mek", "lup", "sar", "dro", "fim", "gax", "hul", "kre", "nop")


def typo(text: str, rng: random.Random) -> str:
    words = [i for i, w in enumerate(text.split(" ")) if len(w) >= 5 and w.isalpha()]
    if not words:
        return text
    parts = text.split(" ")
    i = rng.choice(words)
    w, j = parts[i], rng.randrange(1, len(parts[i]) - 1)
    kind = rng.choice(("swap", "drop", "double", "replace"))
    if kind == "swap":
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif kind == "drop":
        w = w[:j] + w[j + 1:]
    elif kind == "double":
        w = w[:j] + w[j] + w[j:]
    else:
        w = w[:j] + rng.choice("aeiounrst") + w[j + 1:]
    parts[i] = w
    return " ".join(parts)


def damage(label: str, rng: random.Random) -> tuple[str, str]:
    """A spreadsheet's spelling of a label, and what was done to it."""
    kind = rng.choice(("as written", "legal form", "case", "umlauts", "typo", "punctuation",
                       "legal form + case"))
    if kind == "umlauts" and not any(c in label for c in UMLAUTS):
        accented = any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", label))
        kind = "accents dropped" if accented else "case"
    if kind == "legal form":
        return label + rng.choice(LEGAL_FORMS), kind
    if kind == "case":
        return (label.upper() if rng.random() < 0.5 else label.lower()), kind
    if kind == "legal form + case":
        return (label + rng.choice(LEGAL_FORMS)).upper(), kind
    if kind == "umlauts":
        return "".join(UMLAUTS.get(c, c) for c in label), kind
    if kind == "accents dropped":
        return "".join(c for c in unicodedata.normalize("NFD", label) if not unicodedata.combining(c)), kind
    if kind == "typo":
        return typo(label, rng), kind
    if kind == "punctuation":
        return label.replace("-", " ").replace(".", "").replace("/", " ").replace("&", "and"), kind
    return label, kind


def nonsense(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                    for _ in range(rng.randint(1, 3)))


def draw(store, count: int, nonsense_share: float, seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows = [r for r in store.select(LABELS) if r["s"][len(ID_BASE):].split("/")[0] in KINDS]
    same_name: dict[str, set[str]] = {}
    for r in rows:
        same_name.setdefault(name(r["label"]).compact, set()).add(r["s"])
    names = []
    for _ in range(count):
        if rng.random() < nonsense_share:
            names.append({"query": nonsense(rng), "kind": "nonsense", "expected": set()})
            continue
        row = rng.choice(rows)
        text, kind = damage(row["label"], rng)
        names.append({"query": text, "kind": kind, "expected": same_name[name(row["label"]).compact]})
    return names


def hostile_batch(rng: random.Random, size: int = 1000, length: int = 500) -> dict:
    """The costliest batch the default limits let through: RECONCILE_MAX_BATCH queries of
    RECONCILE_MAX_QUERY_LENGTH characters, random words (none found, each looked up for typos)."""
    def text() -> str:
        words = ("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 12)))
                 for _ in range(length))
        return " ".join(words)[:length]
    return {f"h{i}": {"query": text(), "limit": 50} for i in range(size)}


def post(url: str, batch: dict) -> tuple[float, dict, int]:
    body = urllib.parse.urlencode({"queries": json.dumps(batch)}).encode()
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        data = response.read()
    return time.perf_counter() - started, json.loads(data), len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path)
    parser.add_argument("--names", type=int, default=500)
    parser.add_argument("--nonsense", type=float, default=0.1, help="share of nonsense names")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--show", type=int, default=0, help="print this many names not matched (or wrongly)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build_dir = args.build_dir
        if build_dir is None:
            build_dir = Path(tmp) / "build"
            subprocess.run([sys.executable, "-m", "saxgraph", "build", "--out", str(build_dir)], check=True,
                           capture_output=True)
        store = open_build(build_dir, build_if_missing=False)
        names = draw(store, args.names, args.nonsense, args.seed)
        batch = {f"q{i}": {"query": n["query"]} for i, n in enumerate(names)}
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "saxgraph", "serve", "--port", str(port),
                                   "--workers", "1", "--build-dir", str(build_dir), "--server", "gunicorn"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            started = wait_until_answering(port, "/index.json", server, seconds=120)
            url = f"http://127.0.0.1:{port}/reconcile"
            cold, answer, size = post(url, batch)
            warm = [post(url, batch)[0] for _ in range(args.repeat)]
            tens = []
            for i in range(0, len(names), 10):
                tens.append(post(url, {k: batch[k] for k in list(batch)[i:i + 10]})[0])
            hostile = post(url, hostile_batch(random.Random(args.seed)))[0]
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(names, answer, cold, warm, tens, size, started, args)
    print(f"the costliest batch the limits allow (1000 queries of 500 characters of random words): "
          f"{hostile:.2f} s")


def report(names, answer, cold, warm, tens, size, started, args) -> None:
    median = statistics.median(warm)
    print(f"saxgraph serve (gunicorn, 1 worker) answered {started:.1f} s after start")
    print(f"{len(names)} names in one POST ({size / 1024:.0f} KiB of JSON back):")
    print(f"  first batch (builds the matching index): {cold * 1000:7.0f} ms")
    print(f"  later batches, median of {len(warm)}:          {median * 1000:7.0f} ms"
          f"  = {median / len(names) * 1000:.2f} ms per name")
    print(f"  OpenRefine's default batches of 10: {len(tens)} POSTs, {sum(tens):.2f} s in all, "
          f"median {statistics.median(tens) * 1000:.1f} ms each")
    print(f"  OpenRefine's timeout is {OPENREFINE_TIMEOUT:g} s: the {len(names)}-name batch takes "
          f"{max(warm + [cold]) / OPENREFINE_TIMEOUT:.1%} of it at worst")
    by_kind: dict[str, list] = {}
    misses = []
    for i, n in enumerate(names):
        result = answer[f"q{i}"]["result"]
        top = ID_BASE + result[0]["id"] if result else None
        matched = [ID_BASE + c["id"] for c in result if c["match"]]
        right = top in n["expected"] if n["expected"] else top is None
        wrong_match = bool(matched) and matched[0] not in n["expected"]
        by_kind.setdefault(n["kind"], []).append((right, bool(matched), wrong_match))
        missed = bool(result) if not n["expected"] else top not in n["expected"] or not matched \
            or matched[0] not in n["expected"]
        if missed:
            misses.append((n, result[:2]))
    print(f"{'damage':20} {'names':>6} {'top right':>10} {'match':>8} {'wrong match':>12}")
    for kind, rows in sorted(by_kind.items()):
        right = sum(r[0] for r in rows)
        label = "no candidate" if kind == "nonsense" else "top right"
        print(f"{kind:20} {len(rows):6} {right:10} {sum(r[1] for r in rows):8} {sum(r[2] for r in rows):12}"
              + (f"   ({label}: {right})" if kind == "nonsense" else ""))
    for n, result in misses[:args.show]:
        print(f"  {n['kind']:18} {n['query']!r} -> {[(c['id'], c['score'], c['match']) for c in result]} "
              f"(expected {sorted(e[len(ID_BASE):] for e in n['expected'])})")


if __name__ == "__main__":
    main()
