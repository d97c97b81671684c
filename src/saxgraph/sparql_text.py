"""What the endpoint must know about a request's SPARQL text before running it: its form (SELECT, ASK,
CONSTRUCT, DESCRIBE, or an update) and the IRIs of any SERVICE clauses.

A small lexer after the SPARQL 1.1 grammar's terminals: strings, IRIs, comments, variables, prefixed names
and language tags are single tokens, so a keyword inside any of them (`"SERVICE"`, `<http://x/SERVICE>`,
`ex:service`, `# SERVICE`) is never taken for the keyword itself. The parser proper (pyoxigraph) still
decides whether the text is valid; this only classifies it.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>[^\W\d][\w.\-]*:(?:[\w\-.:%\\]|%[0-9A-Fa-f]{2})*|:(?:[\w\-.:%\\])*)
  | (?P<word>[^\W\d]\w*)
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

OPERATOR_CHARACTERS = "!+-*/&|=<>^"
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


@dataclass(frozen=True)
class QueryText:
    form: str | None  # SELECT, CONSTRUCT, DESCRIBE, ASK, UPDATE, or None when it cannot be told
    services: tuple[str, ...]  # the IRI (or variable / prefixed name) after each SERVICE [SILENT]
    depth: int = 0  # deepest nesting of { ( [
    names_dataset: bool = False  # has FROM or FROM NAMED (then it sets its own dataset)
    operators: int = 0  # operator characters (! + - * / & | = < > ^) outside strings, IRIs and comments

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def tokens(text: str):
    """(kind, value) pairs, without whitespace and comments."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            yield kind, match.group()


@lru_cache(maxsize=64)  # one request asks several times (refusals, then the result format)
def classify(text: str) -> QueryText:
    form, services, expect_service_target, names_dataset = None, [], False, False
    depth = deepest = operators = 0
    for kind, value in tokens(text):
        if kind == "other":
            if value in OPERATOR_CHARACTERS:
                operators += 1
            elif value in "{([":
                depth += 1
                deepest = max(deepest, depth)
            elif value in "})]":
                depth -= 1
        upper = value.upper() if kind == "word" else None
        if expect_service_target:
            if upper == "SILENT":
                continue
            services.append(value)
            expect_service_target = False
            continue
        if upper is None:
            continue
        if form is None and upper in QUERY_FORMS:
            form = upper
        elif form is None and upper in UPDATE_KEYWORDS:
            form = "UPDATE"
        elif upper == "SERVICE":
            expect_service_target = True
        elif upper == "FROM":
            names_dataset = True
    return QueryText(form, tuple(services), deepest, names_dataset, operators)


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_codepoints(text: str) -> str:
    """SPARQL 1.1 section 19.2: \\uXXXX and \\UXXXXXXXX may stand for any character, keywords included."""
    return _CODEPOINT.sub(_codepoint, text)


def _codepoint(match: re.Match) -> str:
    """One escape resolved; one beyond U+10FFFF stands for no character and is left for the parser to refuse."""
    number = int(match.group(1) or match.group(2), 16)
    return chr(number) if number <= 0x10FFFF else match.group(0)


def refused_services(text: str, allowlist: list[str] | tuple[str, ...]) -> list[str]:
    """SERVICE targets the operator has not allow-listed (a variable target is never allowed: it could be
    bound to any IRI at run time). The text is read both as written and with codepoint escapes resolved,
    so an escaped keyword cannot slip through whichever way the parser treats escapes."""
    refused = []
    variants = {text, unescape_codepoints(text)}
    for target in sorted({t for variant in variants for t in classify(variant).services}):
        iri = target[1:-1] if target.startswith("<") else None
        if iri is None or not any(iri.startswith(prefix) for prefix in allowlist):
            refused.append(target)
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
