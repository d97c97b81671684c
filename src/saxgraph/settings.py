"""Every setting of saxgraph in one table: its default, its type and what it does.

Each is read from the environment as `SAXGRAPH_<NAME>` (once, by `from_environment`), and the server also
takes a mapping of them (`create_app(config)`, tests); command-line options win over both. A variable set
to nothing means the default. Values from the
environment are parsed by type, one way for all: a boolean is `1/true/yes/on` or `0/false/no/off` (any case),
anything else is an error that names the setting, at start-up, never a guess. README's settings tables are
made from this table (`markdown_table`), and a test checks they still match it."""

import os
import re
from dataclasses import dataclass

from saxgraph.errors import SaxgraphError

PREFIX = "SAXGRAPH_"
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


class SettingError(SaxgraphError):
    """A setting's value that cannot be read as its type."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    kind: str  # str, int, float, bool, list, auto-bool (auto, or a boolean)
    doc: str
    section: str  # which table of README lists it
    environment: bool = True  # False: given only as a Python object (the app's STORE)

    def parse(self, raw: str):
        """The value of `raw` (text from the environment) as this setting's type."""
        text = raw.strip()
        try:
            if self.kind == "bool":
                return parse_bool(text, self.name)
            if self.kind == "auto-bool":
                return "auto" if text.lower() == "auto" else parse_bool(text, self.name)
            if self.kind == "int":
                return int(text)
            if self.kind == "float":
                return float(text)
            if self.kind == "list":
                return [item for item in re.split(r"[\s,]+", text) if item]
        except ValueError:
            raise SettingError(f"{PREFIX}{self.name}={raw!r}: not a{'n' if self.kind == 'int' else ''} "
                               f"{self.kind.replace('int', 'integer')} (default {self.default!r})") from None
        return text or None

    def shown_default(self) -> str:
        if self.default is None or self.default == []:
            return "none"
        if isinstance(self.default, bool):
            return "on" if self.default else "off"
        return str(self.default)


def parse_bool(value, name: str) -> bool:
    """A boolean setting: True/False as they are, `1/true/yes/on` or `0/false/no/off` as text; anything
    else is an error naming the setting."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise SettingError(f"{PREFIX}{name}={value!r}: not a boolean; use one of {'/'.join(TRUE)} or "
                       f"{'/'.join(FALSE)}")


DATA, LIMITS, HTTP, CACHING, PROTECTION, RECONCILE, BUILD = (
    "data", "limits", "http", "caching", "protection", "reconcile", "build")

SETTINGS: tuple[Setting, ...] = (
    # where the data come from
    Setting("STORE", None, "str", "a Dataset object to serve (tests, embedding)", DATA, environment=False),
    Setting("BACKEND", None, "str", "SPARQL query endpoint of a store that `saxgraph publish` filled, served "
            "instead of the build (`--backend`)", DATA),
    Setting("BACKEND_AUTH", None, "str", "USER:PASSWORD for `BACKEND` (Basic or Digest, as it asks)", DATA),
    Setting("DATA_FILES", None, "list", "RDF files to serve instead of the build (`--data`; comma-separated)",
            DATA),
    Setting("BUILD_DIR", None, "str", "the build to serve and where `saxgraph build` writes (`--build-dir`); "
            "default: `build/` in a checkout, `~/.cache/saxgraph/build` for an installed package", DATA),
    Setting("SOURCE_ROOT", None, "str", "the folder with ontology/, shapes/ and data/ that `saxgraph build` "
            "reads; default: the checkout, else the data the package ships", DATA),
    Setting("BUILD_IF_MISSING", True, "bool", "`saxgraph serve` builds the data when there is no build yet "
            "(a reload never does)", DATA),
    Setting("STORE_IN_MEMORY", "auto", "auto-bool", "`auto`: builds of up to 250,000 quads are loaded into "
            "memory (faster queries), larger ones opened from their prebuilt on-disk store (milliseconds); "
            "`true`/`false` force one", DATA),
    Setting("PUBLIC", False, "bool", "serve, query and export the data without personal data (`--public`)",
            DATA),
    Setting("NO_CURATION", False, "bool", "serve, query and export only what the documents state: the "
            "curation graph (the curator's identifications and inferences) and its evidence left out, the "
            "alignments materialised without it (`--no-curation`)", DATA),
    # limits
    Setting("QUERY_TIMEOUT", 10.0, "float", "seconds a query may run; then its query process is killed and "
            "the answer is 503 (`Retry-After`)", LIMITS),
    Setting("QUERY_WORKERS", 2, "int", "query processes per server process, forked with the loaded data "
            "(respawned after a kill)", LIMITS),
    Setting("MAX_RESULT_ROWS", 100_000, "int", "solutions (or triples) a query may return; beyond: 413, page "
            "with LIMIT/OFFSET", LIMITS),
    Setting("MAX_RESULT_BYTES", 32 * 1024 * 1024, "int", "bytes of a serialised answer (32 MiB); beyond: "
            "413. An answer is written once, never again another way", LIMITS),
    Setting("MAX_QUERY_PATTERNS", 128, "int", "graph patterns a query may have (triple patterns, steps of "
            "path sequences, groups joined with others, OPTIONAL, UNION, MINUS, BIND, FILTER, ...); beyond: "
            "400 before anything runs (the engine's planning time grows steeply: 200 triple patterns sharing "
            "a variable took it 10 s). Also fixed: 256 levels of brackets, 2,000 operators, 20,000 terms "
            "inside parentheses", LIMITS),
    Setting("QUERY_MEMORY", 2048, "int", "MiB a query process may allocate for its queries beyond what it "
            "holds when forked (`RLIMIT_DATA`); a query that needs more is stopped, 503, and the process "
            "replaced. 0: no bound", LIMITS),
    Setting("QUEUE_TIMEOUT", 5.0, "float", "seconds a query may wait for a free query process, counted from "
            "when its request had arrived (time waiting for a request thread included); beyond: 503 with "
            "`Retry-After`", LIMITS),
    Setting("MAX_CONTENT_LENGTH", 1_000_000, "int", "bytes of request body, chunked bodies included (read "
            "whole, never cut short); beyond: 413", LIMITS),
    Setting("MAX_FORM_MEMORY_SIZE", 1_000_000, "int", "bytes of one form field (a reconciliation batch is "
            "one); beyond: 413", LIMITS),
    Setting("REQUEST_READ_TIMEOUT", 30.0, "float", "seconds a request may take to arrive under gunicorn; "
            "still incomplete then: 408. The event loop reads every request whole before a thread sees it, "
            "so slow or idle clients never hold a thread", LIMITS),
    # HTTP
    Setting("SERVICE_ALLOWLIST", [], "list", "SPARQL endpoints that `SERVICE` may call (comma- or "
            "space-separated), each an absolute http(s) URL: a target is allowed when its scheme, host and "
            "port are an entry's and its path continues the entry's path at a `/`. Any other `SERVICE` is "
            "refused (403) before the query runs, however it is spelled", HTTP),
    Setting("CORS_ORIGINS", "*", "str", "`Access-Control-Allow-Origin` of /sparql, the linked data, the "
            "downloads and /reconcile; empty turns CORS off", HTTP),
    Setting("PUBLIC_URL", None, "str", "the public base URL behind a proxy (absolute URLs in the service "
            "description, the home page, VoID, the reconciliation manifest); default: from each request",
            HTTP),
    Setting("TRUSTED_PROXIES", 0, "int", "reverse proxies in front whose `X-Forwarded-For/-Proto/-Host/"
            "-Port/-Prefix` are believed (Werkzeug's `ProxyFix`): `1` behind one nginx; then the rate limit "
            "and the access log see each client's address, and absolute URLs the public scheme and host. "
            "With 0 those headers, which any client can send, are ignored", HTTP),
    Setting("ACCESS_LOG", True, "bool", "one line per request on the `saxgraph.access` logger (time, method, "
            "path, status, duration, bytes, result size, cache, query form and engine time)", HTTP),
    # data protection and fairness
    Setting("RATE_LIMIT", 0, "int", "requests per minute per client address, counted across all worker "
            "processes; beyond: 429 with `Retry-After`. 0: off", PROTECTION),
    Setting("RATE_LIMIT_QUERY_SECONDS", 0.0, "float", "seconds of query engine time per minute per client "
            "address; each query is charged the time it ran; beyond: 429 with `Retry-After`. 0: off",
            PROTECTION),
    Setting("MAX_CLIENT_QUERIES", 0, "int", "queries one client address may have running or waiting at "
            "once, across all worker processes; beyond: 429. 0: off", PROTECTION),
    # caching
    Setting("SPARQL_CACHE_MAX_AGE", 60, "int", "`Cache-Control: public, max-age` of `/sparql` answers "
            "(seconds)", CACHING),
    Setting("RESULT_CACHE_BYTES", 64_000_000, "int", "serialised answers kept per server process; 0 turns "
            "the answer cache off", CACHING),
    Setting("RESULT_CACHE_ENTRY_BYTES", 1_000_000, "int", "larger answers are not kept (their ETag still "
            "gives 304s)", CACHING),
    # the reconciliation service
    Setting("RECONCILE_MAX_BATCH", 1000, "int", "queries in one reconciliation request (the manifest's "
            "`batchSize`); beyond: 400", RECONCILE),
    Setting("RECONCILE_MAX_QUERY_LENGTH", 500, "int", "characters of one reconciliation query (a name, not a "
            "text); beyond: 400", RECONCILE),
    Setting("RECONCILE_DEFAULT_LIMIT", 5, "int", "candidates per query when the query sets no `limit`",
            RECONCILE),
    Setting("RECONCILE_MAX_LIMIT", 50, "int", "candidates per query at most (a larger `limit` is lowered)",
            RECONCILE),
    Setting("RECONCILE_MAX_EXTEND_IDS", 1000, "int", "entities in one data extension request; beyond: 400",
            RECONCILE),
    Setting("RECONCILE_MAX_EXTEND_PROPERTIES", 20, "int", "properties in one data extension request; beyond: "
            "400", RECONCILE),
    Setting("RECONCILE_SUGGEST_LIMIT", 10, "int", "suggestions per page (`cursor=` pages on)", RECONCILE),
    Setting("RECONCILE_PREVIEW_FRAME_ANCESTORS", "*", "str", "pages that may frame the preview card "
            "(`frame-ancestors`; OpenRefine runs on any host)", RECONCILE),
    # building and publishing
    Setting("SHACL_ENGINE", "auto", "str", "`auto`: saxgraph's own SHACL Core validator, pySHACL for shapes "
            "that use more; `pyshacl`: pySHACL always", BUILD),
    Setting("STORE_AUTH", None, "str", "USER:PASSWORD for `saxgraph publish --store` (keeps the password out "
            "of the process list)", BUILD),
)
BY_NAME = {s.name: s for s in SETTINGS}


def defaults() -> dict:
    return {s.name: (list(s.default) if isinstance(s.default, list) else s.default) for s in SETTINGS}


def from_environment(environ=None) -> dict:
    """The settings given as SAXGRAPH_<NAME>, parsed; SettingError for a value that is not of its type."""
    environ = os.environ if environ is None else environ
    found = {}
    for setting in SETTINGS:
        raw = environ.get(PREFIX + setting.name)
        if setting.environment and raw is not None and raw.strip():  # set but empty: the default
            found[setting.name] = setting.parse(raw)
    return found


def get(name: str, environ=None):
    """One setting as the environment gives it, else its default (for the commands that have no app)."""
    return from_environment(environ).get(name, BY_NAME[name].default)


def normalise(config: dict) -> dict:
    """A mapping of settings as code passes it (`create_app(config)`): text parsed as from the environment,
    booleans checked, so that `{"PUBLIC": "off"}` means off everywhere."""
    out = dict(config)
    for name, value in config.items():
        setting = BY_NAME.get(name)
        if setting is None or value is None:
            continue
        if isinstance(value, str) and setting.kind != "str":
            out[name] = setting.parse(value)
        elif setting.kind == "bool":
            out[name] = parse_bool(value, name)
    return out


SECTION_TITLES = {DATA: "Data", LIMITS: "Limits", HTTP: "HTTP", PROTECTION: "Public deployments",
                  CACHING: "Caching", RECONCILE: "Reconciliation service", BUILD: "Building and publishing"}


def markdown_table(section: str) -> str:
    """README's table of one section's settings."""
    rows = ["| setting | default | what it does |", "| --- | --- | --- |"]
    rows += [f"| `{s.name}` | {s.shown_default()} | {s.doc} |" for s in SETTINGS
             if s.section == section and s.environment]
    return "\n".join(rows) + "\n"
