"""What the endpoint must know about a request's SPARQL text before running it: its form (SELECT, ASK,
CONSTRUCT, DESCRIBE, or an update) and its size.

The lexer follows the terminals of the SPARQL 1.1 grammar (section 19.8): strings with their escapes, IRIs,
comments, variables, prefixed names with their `\\` and `%` escapes, blank node labels, language tags and
numbers are single tokens. The parser proper (pyoxigraph) still decides whether the text is valid; this only
classifies it. What SERVICE clauses a text has is decided apart, in saxgraph.query.federation.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

# --- the grammar's terminals --------------------------------------------------------------------------

_PN_CHARS_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                  "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*"
_ECHAR = r"\\[tbnrf\\\"']"
_EXPONENT = r"[eE][+-]?[0-9]+"
IRIREF = r"<[^<>\"{}|^`\\\x00-\x20]*>"

_TOKEN = re.compile(f"""
    (?P<comment>\\#[^\\r\\n]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}))*'''
             |\"\"\"(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}))*\"\"\"
             |'(?:[^'\\\\\\n\\r]|{_ECHAR})*'
             |"(?:[^"\\\\\\n\\r]|{_ECHAR})*")
  | (?P<iri>{IRIREF})
  | (?P<var>[?$]{VARNAME})
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


_PARSE_ERROR = re.compile(r"(?P<where>error at \d+:\d+: )expected one of (?P<items>.*)", re.S)
_REASON = re.compile(r"[A-Z][A-Za-z]*(?: [\w-]+)+")  # 'Prefix not found', 'IRI parsing failed', ...


def readable_parse_error(message: str) -> str:
    """pyoxigraph's message with its grammar made legible: the reasons it gives among the expected tokens
    ('Prefix not found', 'The SELECT contains an expression with a variable that is unbound') first, and the
    Unicode ranges of a name's characters said in words."""
    found = _PARSE_ERROR.fullmatch(message.strip())
    if not found:
        return message
    reasons, expected = [], []
    for item in _expected_items(found.group("items")):
        if item.startswith("[") and "..=" in item:
            item = "a letter or digit of a name"
        target = reasons if _REASON.fullmatch(item) and item.upper() != item else expected
        if item not in target:
            target.append(item)
    listed = "expected one of " + ", ".join(expected) if expected else ""
    if reasons:
        return found.group("where") + "; ".join(reasons) + (f" ({listed})" if listed else "")
    return found.group("where") + listed


def _expected_items(items: str) -> list[str]:
    """Split pyoxigraph's list at its top-level commas (not inside quotes or character classes)."""
    out, current, depth, quote, escaped = [], [], 0, None, False
    for char in items:
        if quote:
            escaped = char == "\\" and not escaped
            if char == quote and not escaped:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "," and depth == 0:
            out.append(" ".join("".join(current).split()))
            current = []
            continue
        current.append(char)
    out.append(" ".join("".join(current).split()))
    return [item for item in out if item]
