"""What the endpoint must know about a request's SPARQL text before running it: its form (SELECT, ASK,
CONSTRUCT, DESCRIBE, or an update), its size, and the endpoint IRIs of any SERVICE clauses.

The lexer follows the terminals of the SPARQL 1.1 grammar (section 19.8): strings with their escapes, IRIs,
comments, variables, prefixed names with their `\\` and `%` escapes, blank node labels, language tags and
numbers are single tokens. The parser proper (pyoxigraph) still decides whether the text is valid; this only
classifies it.

SERVICE is found differently, because getting it wrong lets a client make the server fetch any URL.
pyoxigraph's parser is a PEG parser: it matches the keyword wherever a graph pattern may start, glued to
what follows (`SERVICE:x`, `SERVICESILENT<...>`) or to what precedes (`?s ?p trueSERVICE<...>`), and which
position is code and which is inside a string depends on parse context a lexer cannot see (`<` is an IRI or
less-than). So every occurrence of the seven letters, case-insensitively and wherever it stands (strings and
comments included), is treated as a possible keyword, and the parser's rule `"SERVICE" "SILENT"? VarOrIri
GroupGraphPattern` is followed from there; each target that rule could read is checked against the
allow-list. That errs only towards refusing: a query with `SERVICE <x> {` inside a string literal is refused
too, with a message saying so.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

# --- the grammar's terminals --------------------------------------------------------------------------

_PN_CHARS_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                  "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*"
_ECHAR = r"\\[tbnrf\\\"']"
_EXPONENT = r"[eE][+-]?[0-9]+"
_IRIREF = r"<[^<>\"{}|^`\\\x00-\x20]*>"

_TOKEN = re.compile(f"""
    (?P<comment>\\#[^\\r\\n]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}))*'''
             |\"\"\"(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}))*\"\"\"
             |'(?:[^'\\\\\\n\\r]|{_ECHAR})*'
             |"(?:[^"\\\\\\n\\r]|{_ECHAR})*")
  | (?P<iri>{_IRIREF})
  | (?P<var>[?$]{_VARNAME})
  | (?P<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
  | (?P<bnode>_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)
  | (?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
  | (?P<number>[0-9]+\\.[0-9]*{_EXPONENT}|\\.[0-9]+{_EXPONENT}|[0-9]+{_EXPONENT}|[0-9]*\\.[0-9]+|[0-9]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<space>\\s+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

OPERATOR_CHARACTERS = "!+-*/&|=<>^"
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
# Graph patterns other than triple patterns, each a node the query engine plans (SELECT: a subquery).
PATTERN_KEYWORDS = frozenset({"OPTIONAL", "MINUS", "UNION", "GRAPH", "SERVICE", "BIND", "FILTER", "VALUES",
                              "SELECT", "LATERAL"})
TERM_KINDS = frozenset({"var", "iri", "pname", "string", "number", "bnode"})
TERM_WORDS = frozenset({"a", "true", "false", "UNDEF"})


@dataclass(frozen=True)
class QueryText:
    form: str | None  # SELECT, CONSTRUCT, DESCRIBE, ASK, UPDATE, or None when it cannot be told
    depth: int = 0  # deepest nesting of { ( [
    names_dataset: bool = False  # has FROM or FROM NAMED (then it sets its own dataset)
    operators: int = 0  # operator characters (! + - * / & | = < > ^) outside strings, IRIs and comments
    patterns: int = 0  # triple patterns, groups and other graph patterns (OPTIONAL, UNION, BIND, ...)
    expression_terms: int = 0  # tokens inside parentheses: expressions, function arguments, IN lists

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def tokens(text: str):
    """(kind, value) pairs, without whitespace and comments."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            yield kind, match.group()


class _Group:
    """A `{ }` group while it is read: whether it has elements yet, and where a triple pattern stands."""

    def __init__(self):
        self.has_elements = False
        self.state = 0  # 0 expects a subject, 1 a predicate, 2 an object; 3 follows an object
        self.bnodes: list[int] = []  # states to go back to after `[ ... ]`

    def term(self) -> int:
        """A term in the triples: one more triple pattern when it is an object."""
        self.has_elements = True
        completed = self.state == 2
        self.state = {0: 1, 1: 2, 2: 3, 3: 1}[self.state]
        return int(completed)


_EXPRESSION, _SKIPPED = "expression", "skipped"  # a ( ) context; a CONSTRUCT template or VALUES data


@lru_cache(maxsize=64)  # one request asks several times (refusals, then the result format)
def classify(text: str) -> QueryText:
    """The form and the size of a query. Sizes count what the engine plans, approximately and never
    less: triple patterns by their objects (`?s ?p ?o , ?o2 ; ?q ?o3` is three) and the steps of their
    path sequences (`?s <a>/<b> ?o` is two), other graph patterns by their keywords, a group by itself
    only where it is joined with what precedes it (`{ { ?s ?p ?o } }` is one pattern, `{ ?s ?p ?o }
    { ?s ?p ?o }` three); a CONSTRUCT template and VALUES data are not planned, so not counted."""
    form, names_dataset = None, False
    depth = deepest = operators = patterns = expression_terms = 0
    contexts: list = []  # _Group, _EXPRESSION or _SKIPPED, innermost last
    template_next = values_next = after_keyword = False
    for kind, value in tokens(text):
        bracket = value if kind == "other" else None
        if bracket is not None:
            if value in "{([":
                depth += 1
                deepest = max(deepest, depth)
            elif value in "})]":
                depth -= 1
            if value in OPERATOR_CHARACTERS:
                operators += 1
        upper = value.upper() if kind == "word" else None
        if upper is not None:
            if form is None and upper in QUERY_FORMS:
                form = upper
            elif form is None and upper in UPDATE_KEYWORDS:
                form = "UPDATE"
            elif upper == "FROM":
                names_dataset = True
            if upper == "CONSTRUCT":
                template_next = True
            elif upper == "WHERE":
                template_next = False
            elif upper == "VALUES":
                values_next = True
        top = contexts[-1] if contexts else None
        if top is _SKIPPED:
            if bracket == "{":
                contexts.append(_SKIPPED)
            elif bracket == "}":
                contexts.pop()
            continue
        if bracket == "{":
            if template_next or values_next:
                contexts.append(_SKIPPED)
            else:
                if isinstance(top, _Group):
                    if top.has_elements and not after_keyword:
                        patterns += 1
                    top.has_elements, top.state = True, 0
                contexts.append(_Group())
            template_next = values_next = after_keyword = False
            continue
        if bracket == "}":
            if contexts:
                contexts.pop()
            if contexts and isinstance(contexts[-1], _Group):
                contexts[-1].state = 0
            continue
        if bracket == "(":
            expression_terms += 1
            contexts.append(_EXPRESSION)
            after_keyword = False
            continue
        if bracket == ")":
            if top is _EXPRESSION:
                contexts.pop()
            continue
        if top is _EXPRESSION:
            expression_terms += 1
            continue
        if not isinstance(top, _Group):
            continue  # the prologue, the projection, solution modifiers
        if upper in PATTERN_KEYWORDS:
            patterns += 1
            top.has_elements, top.state, after_keyword = True, 0, True
        elif after_keyword:
            continue  # the graph or endpoint a GRAPH or SERVICE names, EXISTS, a function's name
        elif kind in TERM_KINDS or value in TERM_WORDS:
            patterns += top.term()
        elif bracket == "," and top.state == 3:
            top.state = 2
        elif bracket == ";" and top.state == 3:
            top.state = 1
        elif bracket == ".":
            top.state = 0
        elif bracket is not None and value in "/|^" and top.state == 2:
            top.state = 1  # a property path goes on; each step of a sequence is one more join to plan
            patterns += value == "/"
        elif bracket == "[":
            top.bnodes.append(top.state)
            top.state = 1
        elif bracket == "]" and top.bnodes:
            top.state = top.bnodes.pop()
            patterns += top.term()
    return QueryText(form, deepest, names_dataset, operators, patterns, expression_terms)


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_codepoints(text: str) -> str:
    """SPARQL 1.1 section 19.2: \\uXXXX and \\UXXXXXXXX may stand for any character, keywords included."""
    return _CODEPOINT.sub(_codepoint, text)


def _codepoint(match: re.Match) -> str:
    """One escape resolved; one beyond U+10FFFF stands for no character, left for the parser to refuse."""
    number = int(match.group(1) or match.group(2), 16)
    return chr(number) if number <= 0x10FFFF else match.group(0)


# --- SERVICE ------------------------------------------------------------------------------------------

_KEYWORD_SERVICE = re.compile("service", re.IGNORECASE)
_KEYWORD_PREFIX = re.compile("prefix", re.IGNORECASE)
_IRI_AT = re.compile(_IRIREF)
_VAR_AT = re.compile(f"[?$]{_VARNAME}")
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


def undeclared_prefixes(text: str) -> list[str]:
    """Prefixes that prefixed names in the text use but no PREFIX declares, in order of first use."""
    declared, used, after_prefix_keyword = set(), [], False
    for kind, value in tokens(text):
        if after_prefix_keyword:
            after_prefix_keyword = False
            if kind == "pname":
                declared.add(value.split(":", 1)[0])
                continue
        if kind == "word" and value.upper() == "PREFIX":
            after_prefix_keyword = True
        elif kind == "pname":
            name = value.split(":", 1)[0]
            if name not in used:
                used.append(name)
    return [name for name in used if name not in declared]
