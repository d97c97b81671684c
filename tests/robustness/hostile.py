"""Hostile input for every route: a catalogue of input classes, a raw WSGI request builder that can carry
bytes no well-behaved client sends (invalid UTF-8, overlong forms, NUL, encoded surrogates), and the
routes of the app, read from its URL map so that a new route is fuzzed without anyone listing it.

Used by tests/robustness/test_bad_input.py and by bench/fuzz_report.py (which writes the table of
docs/bad-input.md from a real run)."""

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote_from_bytes, unquote_to_bytes

from flask import Flask
from werkzeug.test import EnvironBuilder, run_wsgi_app

# --- raw values -------------------------------------------------------------------------------------------

# Bytes that are not UTF-8, or UTF-8 that a strict decoder must refuse.
INVALID_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\x80abc", b"caf\xe9", b"\xf8\x88\x80\x80\x80"]
OVERLONG = [b"\xc0\xaf", b"\xe0\x80\xaf", b"\xc0\x80", b"\xf0\x80\x80\xaf", b"\xc1\xbf"]
NUL = [b"\x00", b"a\x00b", b"\x00" * 64]
SURROGATES = [b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xed\xa0\xbd\xed\xb8\x80"]  # CESU-8 / WTF-8 forms
CONTROL = [b"\r\n", b"\r\nSet-Cookie: x=1", b"\x1b[31m", b"\x7f", b"\t\x0b\x0c"]
UNICODE = ["\u202e", "\ufeff", "e\u0301" * 50, "\U0001f600", "\ufffd", "ǅ", "İ", "ß" * 10, "\u2028"]
LONG = ["a" * 10_000, "%" * 5000, "/" * 2000, "\u00e9" * 4000]
TRAVERSAL = ["..", "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e", "..\\..\\windows", "./.",
             "%252e%252e%252f", "/etc/passwd", "\\\\server\\share", "file:///etc/passwd"]
IRIS = ["<>", "http://", "http://[::1", "javascript:alert(1)", "urn:", "http://e/ a", "http://e/<b>",
        "<http://e/>", "http://e/\u0000", "_:b0", "http://e/%zz", "http://e/#" * 100, "ex:a",
        "http://user:pw@127.0.0.1:1/", "data:text/html,<script>alert(1)</script>"]
NUMBERS = ["-1", "0", "1e309", "99999999999999999999999999", "NaN", " 1", "0x10", "1.5", "+5", "٣", "∞", ""]
MARKUP = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "{{7*7}}", "${7*7}", "'; --",
          "{% raw %}", "&amp;&#0;&#xD800;"]

# Hostile SPARQL: malformed, or valid but nasty for the engine or the serialisers.
QUERIES = [
    "", " ", "SELECT", "SELECT * {", "SELECT * }", "ASK {} }", "SELEKT * {}", "{}", "PREFIX : <>",
    "SELECT * WHERE { ?s ?p ?o } LIMIT -1", "SELECT * { ?s ?p ?o } LIMIT 99999999999999999999999999999",
    "SELECT * { ?s ?p ?o } OFFSET 99999999999999999999999999999", "SELECT * { ?s ?p ?o } LIMIT 1e3",
    "SELECT * { <a b> ?p ?o }", "BASE <:> SELECT * { <x> ?p ?o }", "BASE <a b> SELECT * {}",
    "SELECT * { ?s ?p \"x\"@-- }", "SELECT * { ?s ?p \"x\"^^<a b> }",
    "SELECT (STRDT(\"x\", <http://e/t>) AS ?x) {}", "SELECT (\"\\uD800\" AS ?x) {}",
    "SELECT (\"\\U0010FFFF\\U00110000\" AS ?x) {}", "SELECT (\"\\u0000\" AS ?x) {}",
    "SELECT * { FILTER(REGEX(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", \"(a+)+$\")) }",
    "SELECT * { FILTER(REGEX(\"a\", \"(\")) }", "SELECT * { FILTER(REGEX(\"a\", \"a\", \"zz\")) }",
    "SELECT (xsd:integer(\"a\") AS ?x) {}",
    "SELECT (<http://www.w3.org/2001/XMLSchema#integer>(\"a\") AS ?x) {}",
    "SELECT (1/0 AS ?x) {}", "SELECT (STRLEN(?u) AS ?x) {}", "SELECT (<http://e/f>(1) AS ?x) {}",
    "SELECT (IRI(\"a b\") AS ?x) {}", "SELECT (IRI(\"\") AS ?x) {}", "SELECT (BNODE(\"x\") AS ?x) {}",
    "SELECT (LANGMATCHES(\"x\", \"*\") AS ?x) {}",
    "SELECT (SUBSTR(\"abc\", -99999999999, 99999999999) AS ?x) {}",
    "SELECT (REPLACE(\"a\", \"\", \"b\") AS ?x) {}",
    "SELECT (\"1e999\"^^<http://www.w3.org/2001/XMLSchema#double> + 1 AS ?x) {}",
    "SELECT (\"99999999999999999999999999999999\"^^<http://www.w3.org/2001/XMLSchema#integer> * "
    "99999999999999999999999999999 AS ?x) {}",
    "SELECT (\"2020-13-45T99:99:99\"^^<http://www.w3.org/2001/XMLSchema#dateTime> - NOW() AS ?x) {}",
    "SELECT (YEAR(\"x\"^^<http://www.w3.org/2001/XMLSchema#dateTime>) AS ?x) {}",
    "SELECT * { ?s ?p ?o } GROUP BY ?nope", "SELECT ?x (COUNT(*) AS ?x) {}", "SELECT (1 AS ?x) (2 AS ?x) {}",
    "SELECT * { BIND(1 AS ?x) BIND(2 AS ?x) }", "SELECT * { VALUES (?x ?y) { (1) } }",
    "SELECT * { ?s <http://e/p>{2,3} ?o }", "DESCRIBE <>", "DESCRIBE *", "CONSTRUCT { ?s ?p ?o } { }",
    "CONSTRUCT { \"lit\" ?p ?o } { ?s ?p ?o } LIMIT 3", "CONSTRUCT { ?s ?p ?o } { BIND(\"x\" AS ?p) }",
    "CONSTRUCT { <http://e/s> <http://e/p> ?o } { BIND(BNODE() AS ?o) }",
    "SELECT * FROM <> { ?s ?p ?o }", "SELECT * FROM NAMED <http://e/nope> { GRAPH ?g {} }",
    "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "SELECT * { SERVICE ?x {} }",
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "LOAD <http://127.0.0.1:1/x>", "CLEAR ALL",
    "DROP SILENT ALL", "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "SELECT * { ?s ?p ?o } # \u0000 \ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "\ufeffSELECT * {}", "SELECT * {\u2028}", "ＳＥＬＥＣＴ * {}", "select * {} limit 1 limit 2",
    "SELECT * { <http://e/" + "a" * 20000 + "> ?p ?o }", "SELECT * { ?s ?p \"" + "x" * 50000 + "\" }",
    "SELECT " + " ".join(f"?v{i}" for i in range(3000)) + " {}",
]

# Header values clients get wrong.
ACCEPT = ["", "*/*;q=abc", "text/html;q=2", ";;;", "a/b/c", "*/html", "text/*;q=-1", "q=0.5",
          ", ".join(f"type{i}/sub{i};q=0.{i % 10}" for i in range(500)),
          "application/sparql-results+json;q=0",
          "text/turtle;q=1e999", "text/html;level=1;q=0.5;q=0.6", "application/x-unknown", "*"]
CONTENT_TYPES = ["", "application/sparql-query; charset=latin1", "application/sparql-query; charset=",
                 "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=x",
                 "application/x-www-form-urlencoded; charset=utf-16", "text/plain", "application/json",
                 "application/sparql-update", ";", "application/sparql-query;;;", "a" * 5000]
OTHER_HEADERS = [
    ("If-None-Match", "garbage"), ("If-None-Match", "W/\"" + "x" * 5000), ("If-None-Match", "*"),
    ("If-Modified-Since", "not a date"), ("If-Modified-Since", "Thu, 01 Jan 99999 00:00:00 GMT"),
    ("If-Range", "x"), ("Range", "bytes=garbage"), ("Range", "bytes=99999999999999999999-"),
    ("Range", "bytes=" + ",".join(f"{i}-{i}" for i in range(2000))), ("Accept-Encoding", "gzip;q=nan"),
    ("Accept-Encoding", "br, zstd, gzip;q=1e999"), ("Accept-Language", "de;q=x"), ("Origin", "null"),
    ("Access-Control-Request-Headers", "x-a, x-b" * 500), ("Access-Control-Request-Method", "DELETE"),
    ("Host", "evil.example"), ("Host", "[::1"), ("Host", "a b"), ("Host", "127.0.0.1:99999999"),
    ("X-Forwarded-For", "::::"), ("X-Forwarded-Host", "evil.example"), ("Content-Encoding", "gzip"),
    ("Transfer-Encoding", "chunked"), ("Cookie", "a=" + "b" * 5000), ("Authorization", "Basic !!!"),
]
BODIES = [b"", b"query=", b"query=%", b"query=%ZZ", b"query=%FF", b"query=%C0%AF", b"=&=&&&",
          b"query=ASK%20%7B%7D&query=ASK%20%7B%7D", b"\xff\xfe\x00\x00", b"\x1f\x8b\x08\x00garbage",
          b"--x\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\nASK {}\r\n--x--\r\n",
          b"--x\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\nASK", bytes(range(256)),
          b"update=CLEAR%20ALL", b"format=../../etc/passwd&query=ASK%7B%7D"]

METHODS = ["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "PROPFIND", "get",
           "X" * 300]

# Query-string parameter names the app reads, and then some.
PARAMS = ["query", "format", "output", "results", "q", "limit", "example", "run", "default-graph-uri",
          "named-graph-uri", "update", "page", "offset", "callback", "", "query[]", "FORMAT",
          "queries", "extend", "prefix", "cursor", "id", "type"]  # the last six: /reconcile


def as_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


# --- classes of input, as the docs table lists them --------------------------------------------------------

@dataclass
class Case:
    """One request: method, raw path (bytes, already percent-encoded or not), raw query string, headers
    (name -> latin-1-safe str), body bytes."""

    method: str
    path: bytes
    query: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def describe(self) -> str:
        shown = self.path + (b"?" + self.query if self.query else b"")
        return f"{self.method} {shown[:200]!r} headers={ {k: v[:80] for k, v in self.headers.items()} } " \
               f"body={self.body[:80]!r}"


def raw_bytes_values() -> list[bytes]:
    return INVALID_UTF8 + OVERLONG + NUL + SURROGATES + CONTROL


def text_values() -> list[str]:
    return UNICODE + LONG + TRAVERSAL + IRIS + NUMBERS + MARKUP


# --- routes -----------------------------------------------------------------------------------------------

_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


PLAUSIBLE = {"kind": "cluster", "name": "x", "slug": "x", "ext": "ttl", "filename": "saxgraph.nq",
             "term": "Cluster", "service": "entity"}


def route_paths(app: Flask, value: str | bytes, encode: bool = True) -> list[tuple[str, bytes]]:
    """Every rule of the app with each of its arguments in turn set to `value` (the others plausible),
    percent-encoded unless `encode` is false, which puts the raw bytes on the wire as a broken client
    would."""
    raw = as_bytes(value)
    filled = quote_from_bytes(raw, safe="") if encode else raw.decode("latin-1")
    out = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        names = _ARGUMENT.findall(rule.rule)
        for hostile_name in names or [None]:
            path = _ARGUMENT.sub(lambda m, h=hostile_name: filled if m.group(1) == h
                                 else PLAUSIBLE.get(m.group(1), "x"), rule.rule)
            out.append((rule.rule, path.encode("utf-8") if hostile_name is None else path.encode("latin-1")))
    return [(rule, path) for rule, path in out if _ARGUMENT.search(rule)]


def rules(app: Flask) -> list[str]:
    return sorted(r.rule for r in app.url_map.iter_rules())


def sample_path(app: Flask, rule: str) -> bytes:
    """A path for `rule` with plausible arguments (a real kind and slug, an offered extension)."""
    return _ARGUMENT.sub(lambda m: PLAUSIBLE.get(m.group(1), "x"), rule).encode()


def catalogue(app: Flask) -> dict[str, list[Case]]:
    """Input classes -> requests, across every route of `app`."""
    every = rules(app)
    paths = [sample_path(app, r) for r in every]
    classes: dict[str, list[Case]] = {}

    def add(name, case):
        classes.setdefault(name, []).append(case)

    for value in raw_bytes_values():
        for _, path in route_paths(app, value):
            add("path argument: invalid UTF-8, overlong, NUL, surrogates, control (percent-encoded)",
                Case("GET", path))
        for _, path in route_paths(app, value, encode=False):
            add("path argument: the same bytes raw on the wire", Case("GET", path))
    for value in text_values():
        for _, path in route_paths(app, value):
            add("path argument: long, Unicode, traversal, IRIs, numbers, markup", Case("GET", path))
    for path in paths:
        for name in PARAMS:
            for value in raw_bytes_values():
                add("query-string parameter: raw and encoded bad bytes",
                    Case("GET", path, name.encode() + b"=" + quote_from_bytes(value, safe="").encode()))
                add("query-string parameter: raw and encoded bad bytes",
                    Case("GET", path, name.encode() + b"=" + value))
            for value in text_values():
                add("query-string parameter: long, Unicode, traversal, IRIs, numbers, markup",
                    Case("GET", path,
                         name.encode() + b"=" + quote_from_bytes(as_bytes(value), safe="").encode()))
        for query in [b"&&&", b"=", b"%", b"%%%", b"a=%zz", b"query", b"a=1&" * 2000, b"q=" + b"%25" * 3000]:
            add("malformed query strings", Case("GET", path, query))
        for accept in ACCEPT:
            add("Accept headers", Case("GET", path, headers={"Accept": accept}))
        for name, value in OTHER_HEADERS:
            add("other headers (conditional, range, encoding, CORS, Host, cookies)",
                Case("GET", path, headers={name: value}))
        for value in raw_bytes_values():
            add("header values with bad bytes",
                Case("GET", path, headers={"Accept": value.decode("latin-1"),
                                           "If-None-Match": value.decode("latin-1")}))
        for method in METHODS:
            add("methods", Case(method, path))
        for content_type in CONTENT_TYPES:
            for body in BODIES:
                add("POST bodies x Content-Type", Case("POST", path, headers={"Content-Type": content_type},
                                                       body=body))
    for query in QUERIES:
        encoded = quote_from_bytes(as_bytes(query), safe="").encode()
        add("SPARQL: malformed, hostile or engine-edge queries", Case("GET", b"/sparql", b"query=" + encoded))
        add("SPARQL: malformed, hostile or engine-edge queries",
            Case("POST", b"/sparql", headers={"Content-Type": "application/sparql-query"},
                 body=as_bytes(query)))
        add("SPARQL: malformed, hostile or engine-edge queries",
            Case("POST", b"/sparql", headers={"Content-Type": "application/x-www-form-urlencoded"},
                 body=b"query=" + encoded))
        for fmt in ["csv", "tsv", "xml", "json", "turtle", "rdfxml", "jsonld", "ntriples", "trig", "nquads"]:
            add("SPARQL: hostile queries in every result format",
                Case("GET", b"/sparql", b"format=" + fmt.encode() + b"&query=" + encoded))
    for value in raw_bytes_values() + [as_bytes(v) for v in IRIS]:
        encoded = quote_from_bytes(value, safe="").encode()
        for name in (b"default-graph-uri", b"named-graph-uri"):
            add("SPARQL dataset IRIs (default-graph-uri, named-graph-uri)",
                Case("GET", b"/sparql", name + b"=" + encoded + b"&query=ASK%7B%7D"))
    for value in raw_bytes_values():
        add("SPARQL: query bytes that are not UTF-8",
            Case("POST", b"/sparql", headers={"Content-Type": "application/sparql-query"},
                 body=b"SELECT * { ?s ?p \"" + value + b"\" }"))
        add("SPARQL: query bytes that are not UTF-8",
            Case("GET", b"/sparql",
                 b"query=SELECT%20*%20%7B%3Fs%20%3Fp%20%22" + quote_from_bytes(value).encode() + b"%22%7D"))
    return classes


# --- sending ----------------------------------------------------------------------------------------------

@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes


def send(app: Flask, case: Case) -> Answer:
    """Run one request through the WSGI app with exactly these bytes (WSGI carries them as latin-1 str)."""
    builder = EnvironBuilder(method="GET", path="/", data=case.body)
    try:
        environ = builder.get_environ()
    finally:
        builder.close()
    environ["REQUEST_METHOD"] = case.method
    # a WSGI server percent-decodes the path into PATH_INFO (bytes as latin-1) and keeps the raw form
    environ["PATH_INFO"] = unquote_to_bytes(case.path).decode("latin-1")
    environ["RAW_URI"] = environ["REQUEST_URI"] = (case.path + (b"?" + case.query if case.query else b"")
                                                   ).decode("latin-1")
    environ["QUERY_STRING"] = case.query.decode("latin-1")
    environ["CONTENT_LENGTH"] = str(len(case.body))
    environ["wsgi.input"] = io.BytesIO(case.body)
    environ.pop("CONTENT_TYPE", None)
    for name, value in case.headers.items():
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value
        else:
            environ["HTTP_" + key] = value
        if key == "HOST":
            environ["SERVER_NAME"] = value
    app_iter, status, headers = run_wsgi_app(app, environ, buffered=True)
    try:
        body = b"".join(app_iter)
    finally:
        close = getattr(app_iter, "close", None)
        if close:
            close()
    return Answer(int(status.split(" ", 1)[0]), dict(headers), body)


def iterate(classes: dict[str, list[Case]]) -> Iterator[tuple[str, Case]]:
    for name, cases in classes.items():
        for case in cases:
            yield name, case
