"""saxgraph build | validate | serve | publish | query | examples | prefixes | export | stats: a thin
layer over the library."""

import argparse
import re
import sys
from pathlib import Path

import pyoxigraph as ox

from saxgraph import __version__, settings
from saxgraph.errors import BuildError, QuerySyntaxError, SaxgraphError, UnknownFormatError
from saxgraph.settings import SettingError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
WHERE_BUILDS_GO = ("$SAXGRAPH_BUILD_DIR, else build/ in a checkout, ~/.cache/saxgraph/build for an "
                   "installed package")
BUILD_DIR_HELP = f"the build to read, made first if missing (default: {WHERE_BUILDS_GO})"
BACKEND_HELP = ("a SPARQL endpoint that `saxgraph publish` filled, instead of the build "
                "(auth: $SAXGRAPH_BACKEND_AUTH)")


def _progress(message: str) -> None:
    print(f"saxgraph: {message}", file=sys.stderr, flush=True)


def _sources(args):
    from saxgraph.build.sources import discover, source_root

    root = Path(args.root) if getattr(args, "root", None) else source_root()
    files = getattr(args, "files", None)
    if files:
        reference = sorted((root / "data" / "reference").glob("*.ttl"))
        given = [Path(f).resolve() for f in files]
        return discover(root, data_files=sorted(set(reference) | set(given)))
    return discover(root)


def cmd_build(args) -> int:
    from saxgraph.build.pipeline import build

    result = build(_sources(args), out_dir=args.out, progress=_progress, public=args.public,
                   curation=not args.no_curation)
    _progress(f"build ok in {result.manifest['build_seconds']}s: {result.manifest['quads']} quads "
              f"in {len(result.manifest['graphs'])} graphs")
    return EXIT_OK


def cmd_validate(args) -> int:
    from saxgraph.build.pipeline import check

    loaded, documents = check(_sources(args), progress=_progress)
    _progress(f"valid: {len(loaded.sources.data)} data files, {len(documents)} documents")
    return EXIT_OK


def _open_store(args):
    from saxgraph.store.open import open_dataset

    return open_dataset(backend=getattr(args, "backend", None), backend_auth=settings.get("BACKEND_AUTH"),
                        build_dir=args.build_dir, public=getattr(args, "public", False),
                        no_curation=getattr(args, "no_curation", False), progress=_progress)


def _query_text(args) -> str:
    from saxgraph.query import examples

    if args.example:
        if args.sparql:
            raise SaxgraphError("give a query or --example, not both")
        example = examples.by_name(args.example)
        if example is None:
            raise SaxgraphError(f"no example called {args.example!r}; `saxgraph examples` lists them")
        return example.body
    if not args.sparql:
        raise SaxgraphError("give a query ('-' reads it from stdin) or --example NAME")
    return sys.stdin.read() if args.sparql == "-" else args.sparql


def cmd_examples(args) -> int:
    from saxgraph.query import examples

    catalogue = examples.catalogue()
    width = max(len(e.name) for e in catalogue)
    for example in catalogue:
        print(f"{example.name.ljust(width)}  {example.title}")
    return EXIT_OK


def cmd_query(args) -> int:
    from saxgraph import formats
    from saxgraph.namespaces import SPARQL_PREFIXES
    from saxgraph.query.table import text_table

    text = _query_text(args)
    predeclared = SPARQL_PREFIXES if args.prefixes else ""
    store = _open_store(args)
    try:
        result = store.query(predeclared + text)
    except QuerySyntaxError as error:
        raise QuerySyntaxError(_syntax_message(str(error), text, predeclared.count("\n"))) from None
    out = sys.stdout.buffer
    if isinstance(result, ox.QueryTriples | list):  # a remote store's graph result is a list of triples
        fmt = formats.by_name(args.format if args.format != "table" else "turtle", formats.RDF)
        out.write(ox.serialize(list(result), format=fmt.ox_format))
    elif args.format == "table":
        out.write(text_table(result).encode())
    else:
        fmt = formats.by_name(args.format, formats.RESULTS)
        out.write(result.serialize(format=fmt.ox_format))
    out.flush()
    return EXIT_OK


_POSITION = re.compile(r"error at (\d+):(\d+): ")


def _syntax_message(message: str, text: str, offset: int) -> str:
    """The parser's message, its line:column in the user's own text (the predeclared PREFIX lines not
    counted), and an undeclared prefix named in one line with its fix instead of the tokens expected."""
    from saxgraph.namespaces import PREFIXES
    from saxgraph.query.text import undeclared_prefixes

    found = _POSITION.match(message)
    where = ""
    if found:
        line, column = int(found.group(1)) - offset, int(found.group(2))
        where = f"line {line}, column {column}: " if line >= 1 else ""
        message = message[found.end():]
    missing = [name for name in undeclared_prefixes(text) if not (offset and name in PREFIXES)]
    if missing:
        names = ", ".join(f"{name}:" for name in missing)
        first = missing[0]
        return (f"{where}undeclared prefix {names} (declare it with PREFIX {first}: "
                f"<{PREFIXES.get(first, '...')}>; `saxgraph prefixes` lists the ones `query` predeclares)")
    return where + message.split("\nUndeclared prefix:")[0]


def cmd_prefixes(args) -> int:
    from saxgraph.namespaces import SPARQL_PREFIXES, TURTLE_PREFIXES

    print(TURTLE_PREFIXES if args.turtle else SPARQL_PREFIXES, end="")
    return EXIT_OK


def _csv_destination(output: Path) -> str:
    """What `--format csv --output PATH` writes: "zip" for PATH.zip, "directory" for an existing folder or a
    PATH without a suffix; anything else (x.csv: one file cannot hold two tables) is a usage error."""
    if output.suffix.lower() == ".zip":
        return "zip"
    if output.is_dir() or (not output.suffix and not output.exists()):
        return "directory"
    raise SaxgraphError(f"--format csv writes two tables (nodes.csv, edges.csv): give --output "
                        f"{output.stem}.zip for a zip, or a folder (a path without a suffix, made if "
                        f"missing), not {output}")


def cmd_export(args) -> int:
    from saxgraph import exports
    from saxgraph.exports.graph_tools import write_csv_directory

    exports.check(args.format, args.domain_only)  # before building or reading anything
    destination = _csv_destination(args.output) if args.format == "csv" and args.output else None
    store = _open_store(args)
    if destination == "directory":
        written = write_csv_directory(store, args.output, domain_only=args.domain_only)
        _progress(f"wrote {', '.join(str(p) for p in written)}")
    elif args.output:
        with open(args.output, "wb") as handle:
            exports.export(store, args.format, handle, domain_only=args.domain_only)
        _progress(f"wrote {args.output}")
    else:
        exports.export(store, args.format, sys.stdout.buffer, domain_only=args.domain_only)
    return EXIT_OK


def cmd_stats(args) -> int:
    from saxgraph.describe.stats import render, statistics

    print(render(statistics(_open_store(args)), markdown=args.markdown), end="")
    return EXIT_OK


def cmd_publish(args) -> int:
    from saxgraph.errors import PublishError
    from saxgraph.publish import publish
    from saxgraph.store.http_client import parse_auth

    try:
        report = publish(args.store, args.query_endpoint, parse_auth(args.auth), build_dir=args.build_dir,
                         timeout=args.timeout, progress=_progress)
    except PublishError as error:
        print(f"saxgraph: error: {error.report()}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as error:
        print(f"saxgraph: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    _progress(f"published {len(report.published)} graphs, {sum(report.published.values())} triples, "
              f"in {report.seconds:.1f}s")
    return EXIT_OK


def cmd_serve(args) -> int:
    from saxgraph.server import serve

    return serve(args)


def parser() -> argparse.ArgumentParser:
    from saxgraph import formats

    public = {"action": "store_true", "default": settings.get("PUBLIC"),
              "help": "leave personal data out: persons' names, direct lines, posts (also SAXGRAPH_PUBLIC=1)"}
    uncurated = {"action": "store_true", "dest": "no_curation",
                 "default": settings.get("NO_CURATION"),
                 "help": "leave the curation graph out: only what the documents state "
                         "(also SAXGRAPH_NO_CURATION=1)"}
    p = argparse.ArgumentParser(prog="saxgraph", description=__doc__)
    p.add_argument("--version", action="version", version=f"saxgraph {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="check, validate and materialise the data into the build folder")
    b.add_argument("--root", help="folder with ontology/, shapes/, data/ (default: the checkout or package)")
    b.add_argument("--out", type=Path, help=f"output folder (default: {WHERE_BUILDS_GO})")
    b.add_argument("--public", **public)
    b.add_argument("--no-curation", **uncurated)
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", help="run every check of the build without writing")
    v.add_argument("files", nargs="*",
                   help="data files to check (with data/reference/); default: all of data/")
    v.add_argument("--root")
    v.set_defaults(func=cmd_validate)

    q = sub.add_parser("query", help="run a SPARQL query on the built dataset ('-' reads it from stdin)")
    q.add_argument("sparql", nargs="?")
    q.add_argument("--example", metavar="NAME", help="run an example query (`saxgraph examples` lists them)")
    q.add_argument("--format", default="table",
                   help="table (default), json, xml, csv, tsv; for CONSTRUCT/DESCRIBE an RDF format")
    q.add_argument("--no-prefixes", dest="prefixes", action="store_false",
                   help="do not predeclare the project's prefixes (sg:, cluster:, org:, ...)")
    q.add_argument("--build-dir", type=Path, help=BUILD_DIR_HELP)
    q.add_argument("--public", **public)
    q.add_argument("--no-curation", **uncurated)
    q.add_argument("--backend", metavar="URL", help=BACKEND_HELP)
    q.set_defaults(func=cmd_query)

    ex = sub.add_parser("examples", help="the example queries (saxgraph query --example NAME runs one)")
    ex.set_defaults(func=cmd_examples)

    pr = sub.add_parser("prefixes", help="the prefixes `saxgraph query` predeclares, as PREFIX lines")
    pr.add_argument("--turtle", action="store_true", help="as Turtle @prefix lines")
    pr.set_defaults(func=cmd_prefixes)

    e = sub.add_parser("export", help="write the dataset in an RDF or graph-tool format (builds if needed)")
    rdf, tools = (", ".join(f.name for f in formats.of_kind(kind))
                  for kind in (formats.RDF, formats.GRAPH_EXPORT))
    e.add_argument("--format", required=True, help=f"{rdf} (RDF); {tools} (graph tools: nodes and edges)")
    e.add_argument("--output", "-o", type=Path,
                   help="the file to write (default: stdout). For --format csv: PATH.zip writes nodes.csv "
                        "and edges.csv in one zip, a folder (existing, or a path without a suffix) gets the "
                        "two files; any other name (x.csv) is refused. Without --output csv writes the zip")
    e.add_argument("--domain-only", action="store_true",
                   help="graphml, gexf, csv: leave the vocabulary out (topics, the topic scheme, roles such "
                        "as contact person: instances of SKOS concepts and schemes, classes and properties), "
                        "so the hubs are ecosystem entities")
    e.add_argument("--build-dir", type=Path, help=BUILD_DIR_HELP)
    e.add_argument("--public", **public)
    e.add_argument("--no-curation", **uncurated)
    e.add_argument("--backend", metavar="URL", help=BACKEND_HELP)
    e.set_defaults(func=cmd_export)

    s = sub.add_parser("stats", help="counts per class and per graph")
    s.add_argument("--markdown", action="store_true", help="as Markdown tables (for README)")
    s.add_argument("--build-dir", type=Path, help=BUILD_DIR_HELP)
    s.add_argument("--public", **public)
    s.add_argument("--no-curation", **uncurated)
    s.add_argument("--backend", metavar="URL", help=BACKEND_HELP)
    s.set_defaults(func=cmd_stats)

    sv = sub.add_parser("serve", help="serve the SPARQL endpoint, pages and downloads")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8080)
    sv.add_argument("--workers", type=int, default=2)
    sv.add_argument("--data", nargs="+", type=Path, metavar="FILE",
                    help="serve these RDF files instead of the built graph")
    sv.add_argument("--build-dir", type=Path, help=BUILD_DIR_HELP)
    sv.add_argument("--public", **public)
    sv.add_argument("--no-curation", **uncurated)
    sv.add_argument("--backend", metavar="URL", help=BACKEND_HELP)
    sv.add_argument("--backend-auth", metavar="USER:PASSWORD", help="for --backend (Basic or Digest)")
    sv.add_argument("--server", choices=["gunicorn", "waitress", "auto"], default="auto")
    sv.set_defaults(func=cmd_serve)

    pb = sub.add_parser("publish", help="push the build into a store (SPARQL 1.1 Graph Store Protocol, one "
                                        "PUT per graph) and verify it by SPARQL")
    pb.add_argument("--store", required=True, metavar="URL",
                    help="the Graph Store endpoint, e.g. http://host:7878/store (Oxigraph) or "
                         "'http://host:8890/sparql-graph-crud-auth?graph-uri=' (Virtuoso)")
    pb.add_argument("--query-endpoint", metavar="URL",
                    help="its SPARQL query endpoint (default: derived from --store for Oxigraph, Virtuoso "
                         "and Fuseki)")
    pb.add_argument("--auth", metavar="USER:PASSWORD", default=settings.get("STORE_AUTH"),
                    help="Basic or Digest, as the store asks (default: $SAXGRAPH_STORE_AUTH, which keeps "
                         "the password out of the process list)")
    pb.add_argument("--timeout", type=float, default=300.0, help="seconds per request (default 300)")
    pb.add_argument("--build-dir", type=Path, help=f"the build to publish (default: {WHERE_BUILDS_GO})")
    pb.set_defaults(func=cmd_publish)
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SettingError as error:
        print(f"saxgraph: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except BuildError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_INVALID
    except (UnknownFormatError, SaxgraphError, OSError) as error:
        print(f"saxgraph: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
