"""SERVICE, decided as the query engine would read it, and the operator's allow-list of endpoints.

Getting this wrong lets a client make the server fetch any URL. pyoxigraph's parser is a PEG parser: it
matches the keyword wherever a graph pattern may start, glued to what follows (`SERVICE:x`,
`SERVICESILENT<...>`) or to what precedes (`?s ?p trueSERVICE<...>`), and which position is code and which is
inside a string depends on parse context a lexer cannot see (`<` is an IRI or less-than). So every occurrence
of the seven letters, case-insensitively and wherever it stands (strings and comments included), is treated
as a possible keyword, and the parser's rule `"SERVICE" "SILENT"? VarOrIri GroupGraphPattern` is followed
from there; each target that rule could read is checked against the allow-list. That errs only towards
refusing: a query with `SERVICE <x> {` inside a string literal is refused too, with a message saying so.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from saxgraph.query.text import IRIREF, VARNAME, unescape_codepoints

_KEYWORD_SERVICE = re.compile("service", re.IGNORECASE)
_KEYWORD_PREFIX = re.compile("prefix", re.IGNORECASE)
_IRI_AT = re.compile(IRIREF)
_VAR_AT = re.compile(f"[?$]{VARNAME}")
# A prefixed name as it could stand in the text: a run without whitespace or the characters that cannot be
# part of one unescaped. The parser's prefixed name is always a prefix of this run (so a `{` right after
# the run is the only way the parser, too, can see a group right after its name).
_NAME_RUN_AT = re.compile(r"(?:\\.|[^\s{}()\[\]<>\"'#,;\\|^`])+")
_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@dataclass(frozen=True)
class ServiceTarget:
    written: str  # as it stands in the query: <iri>, prefix:name or ?variable
    iris: tuple[str, ...]  # the absolute IRIs it can stand for; empty when it cannot be resolved (a variable)


def _skip(text: str, i: int) -> int:
    """Past whitespace and comments (any Unicode space, comments ended by any line break: wider than the
    grammar's, so that more is read as code, never less)."""
    while i < len(text):
        if text[i].isspace():
            i += 1
        elif text[i] == "#":
            while i < len(text) and text[i] not in _LINE_BREAKS:
                i += 1
        else:
            break
    return i


def _targets_after(text: str, i: int):
    """The targets `"SILENT"? VarOrIri` followed by `{` could read at position i (just past a SERVICE)."""
    start = _skip(text, i)
    starts = [start]
    if text[start:start + 6].lower() == "silent":
        starts.append(_skip(text, start + 6))
    for j in starts:
        if j >= len(text):
            continue
        if text[j] == "<":
            match = _IRI_AT.match(text, j)
        elif text[j] in "?$":
            match = _VAR_AT.match(text, j)
        else:
            match = _NAME_RUN_AT.match(text, j)
        if match is None:
            continue
        following = _skip(text, match.end())
        if following < len(text) and text[following] == "{":
            yield match.group()


def _prefix_declarations(text: str) -> dict[str, set[str]]:
    """Every `PREFIX name: <iri>` the text could declare, wherever it stands (a name declared twice, or in
    what may be a string, has each IRI: a target must be allowed whichever the parser takes)."""
    found: dict[str, set[str]] = {}
    for match in _KEYWORD_PREFIX.finditer(text):
        i = _skip(text, match.end())
        colon = text.find(":", i)
        if colon < 0 or any(c.isspace() or c in "<{" for c in text[i:colon]):
            continue
        name, i = text[i:colon], _skip(text, colon + 1)
        iri = _IRI_AT.match(text, i)
        if iri:
            found.setdefault(name, set()).add(iri.group()[1:-1])
    return found


_LOCAL_ESCAPE = re.compile(r"\\(.)")


def _resolve(written: str, prefixes: dict[str, set[str]]) -> tuple[str, ...]:
    if written.startswith("<"):
        candidates = {written[1:-1]}
    elif written[0] in "?$":
        return ()
    elif ":" in written:
        name, local = written.split(":", 1)
        local = _LOCAL_ESCAPE.sub(r"\1", local)
        candidates = {namespace + local for namespace in prefixes.get(name, ())}
    else:
        return ()
    # a relative IRI resolves against BASE, or against this endpoint's own URL: never allowed
    if any(not urlsplit(iri).scheme for iri in candidates):
        return ()
    return tuple(sorted(candidates))


def service_targets(text: str) -> list[ServiceTarget]:
    """Every endpoint a SERVICE clause of the text could call, read as the query engine could read it. The
    text is read both as written and with codepoint escapes resolved, whichever way the parser takes them."""
    targets = set()
    for variant in {text, unescape_codepoints(text)}:
        prefixes = _prefix_declarations(variant)
        for match in _KEYWORD_SERVICE.finditer(variant):
            for written in _targets_after(variant, match.end()):
                targets.add(ServiceTarget(written, _resolve(written, prefixes)))
    return sorted(targets, key=lambda t: (t.written, t.iris))


@dataclass(frozen=True)
class AllowedEndpoint:
    """One SERVICE_ALLOWLIST entry: the IRIs it admits share its scheme, host and port, and continue its
    path at a segment boundary (`https://query.wikidata.org/sparql` admits `.../sparql` and `.../sparql/x`,
    not `.../sparqlx` nor `https://query.wikidata.org.evil.tld/`)."""

    scheme: str
    host: str
    port: int
    path: str
    query: str | None

    @classmethod
    def parse(cls, entry: str) -> "AllowedEndpoint":
        parts = _endpoint_parts(entry)
        if parts is None:
            raise ValueError(f"SERVICE_ALLOWLIST entry {entry!r} is not an absolute http(s) URL without user "
                             "name or password (e.g. https://query.wikidata.org/sparql)")
        return cls(*parts[:4], parts[4] or None)

    def admits(self, iri: str) -> bool:
        parts = _endpoint_parts(iri)
        if parts is None:
            return False
        scheme, host, port, path, query = parts
        if (scheme, host, port) != (self.scheme, self.host, self.port):
            return False
        if self.query is not None and query != self.query:
            return False
        base = self.path.rstrip("/")
        return path == self.path or path == base or path.startswith(base + "/")


def _endpoint_parts(iri: str):
    """(scheme, host, port, path, query) of an absolute http(s) IRI, None for anything else: other
    schemes, user info, and paths whose dot segments or encoded dots and slashes could climb elsewhere."""
    try:
        parts = urlsplit(iri)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return None
    path = parts.path or "/"
    segments = path.split("/")
    if any(s in (".", "..") for s in segments) or re.search(r"%2[eEfF]|%5[cC]|\\", path):
        return None
    return scheme, parts.hostname.lower(), port or (443 if scheme == "https" else 80), path, parts.query


def allowed_endpoints(setting) -> tuple[AllowedEndpoint, ...]:
    """SERVICE_ALLOWLIST: a list of endpoint URLs, or (from the environment) a string of them separated by
    commas or spaces. Raises ValueError naming a malformed entry."""
    if setting is None:
        return ()
    items = re.split(r"[\s,]+", setting) if isinstance(setting, str) else setting
    return tuple(AllowedEndpoint.parse(str(item).strip()) for item in items if str(item).strip())


def refused_services(text: str, endpoints: tuple[AllowedEndpoint, ...] = ()) -> list[str]:
    """SERVICE targets the operator has not allow-listed, as written in the query (a variable target is
    never allowed: it could be bound to any IRI at run time; nor is a name that cannot be resolved)."""
    refused = []
    for target in service_targets(text):
        admitted = target.iris and all(any(e.admits(iri) for e in endpoints) for iri in target.iris)
        if not admitted and target.written not in refused:
            refused.append(target.written)
    return refused


