"""SPARQL SELECT results (JSON, XML, CSV, TSV) under a row cap.

pyoxigraph's own writers are several times faster than Python's, but they cannot be told to stop after N
rows: `serialize_capped` runs them into a writer that counts rows as the bytes arrive (a lower bound, enough
to stop a result that is certainly too large) and gives up past a byte budget, then counts the rows of the
finished answer exactly. Past the budget the caller falls back to the writers below, which write row by row
so that the cap stops them part-way. Formats follow the W3C Query Results recommendations; ASK and graph
results are written by pyoxigraph."""

import json
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
ITS_DECLARATION = ' xmlns:its="http://www.w3.org/2005/11/its" its:version="2.0"'  # SPARQL 1.2 base direction


class TooManyRows(Exception):
    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


class OverBudget(Exception):
    """The answer outgrew the byte budget of the native writer."""


# Byte sequences that start a solution in each format and never occur inside a term: in JSON a '"' inside a
# string is always escaped, in XML a '<' inside text is, in TSV a newline inside a term is; CSV (quoted
# newlines) has no such sequence and is only bounded by the budget while it streams.
_ROW_STARTS = {"json": (b'[{"', b',{"'), "xml": (b"<result>",), "tsv": (b"\n",), "csv": ()}
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')


# Below this size an answer's rows are only counted once it is complete (one pass instead of two).
COUNT_WHILE_WRITING_FROM = 1 << 20


class _CountingWriter:
    """Collects pyoxigraph's output; raises OverBudget past `budget` bytes and, once the answer is larger
    than COUNT_WHILE_WRITING_FROM, TooManyRows as soon as the rows seen exceed `limit`. Rows are counted
    per chunk, so a row start split across two chunks is missed: the count is a lower bound, and only ever
    stops a result that really is too large."""

    def __init__(self, starts: tuple[bytes, ...], limit: int | None, budget: int):
        self.starts, self.limit, self.budget = starts, limit, budget
        self.chunks: list[bytes] = []
        self.size = self.rows = 0
        self.counting = False

    def write(self, chunk) -> int:
        chunk = bytes(chunk)
        self.chunks.append(chunk)
        self.size += len(chunk)
        if self.size > self.budget:
            raise OverBudget()
        if self.limit is not None and self.starts and self.size > COUNT_WHILE_WRITING_FROM:
            for seen in (self.chunks if not self.counting else (chunk,)):
                self.rows += sum(seen.count(start) for start in self.starts)
            self.counting = True
            if self.rows - 1 > self.limit:  # - 1: TSV's head line ends in a newline too
                raise TooManyRows(self.limit)
        return len(chunk)

    def flush(self) -> None:
        pass


def count_rows(body: bytes, format_name: str) -> int:
    """The solutions in a complete answer written by pyoxigraph (the X-Result-Size, and the exact cap)."""
    if format_name == "json":
        if b"{}" in body:  # an empty solution is written {}, which a string may contain too: read strings out
            body = _JSON_STRING.sub(b'""', body)
            return body.count(b"[{") + body.count(b",{")
        return body.count(b'[{"') + body.count(b',{"')
    if format_name == "xml":
        return body.count(b"<result>")
    if format_name == "tsv":
        return body.count(b"\n") - 1
    if format_name == "csv":  # a line break inside quotes is part of a term (quotes inside are doubled)
        return sum(part.count(b"\r\n") for part in body.split(b'"')[::2]) - 1
    raise ValueError(f"unknown results format {format_name!r}")


def serialize_capped(solutions, format_name: str, ox_format, limit: int | None,
                     budget: int) -> tuple[bytes, int]:
    """pyoxigraph's answer and its row count; TooManyRows beyond `limit` rows, OverBudget beyond `budget`
    bytes (the solutions are then used up: run the query again with a Python writer)."""
    out = _CountingWriter(_ROW_STARTS[format_name], limit, budget)
    solutions.serialize(out, format=ox_format)
    body = b"".join(out.chunks)
    rows = count_rows(body, format_name)
    if limit is not None and rows > limit:
        raise TooManyRows(limit)
    return body, rows


def capped(solutions: Iterable, limit: int | None):
    for count, row in enumerate(solutions, 1):
        if limit is not None and count > limit:
            raise TooManyRows(limit)
        yield row


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            if getattr(term, "direction", None):  # RDF 1.2 base direction, as pyoxigraph writes it
                out["its:dir"] = str(term.direction)
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def _rows(variables: list[str], rows, render):
    """Each solution as (variable index, rendered term) pairs for its bound variables; a term is rendered
    once per result (subjects and predicates repeat a lot), and solutions are read as tuples (the fast
    way out of pyoxigraph)."""
    cache: dict = {}
    for row in rows:
        cells = []
        for index, term in enumerate(row):
            if term is None:
                continue
            text = cache.get(term)
            if text is None:
                text = cache[term] = render(term)
            cells.append((index, text))
        yield cells


def _line(width: int, cells) -> list[str]:
    fields = [""] * width  # unbound: an empty field
    for index, text in cells:
        fields[index] = text
    return fields


def write_json(variables: list[str], rows, out) -> int:
    keys = [json.dumps(v, ensure_ascii=False) + ":" for v in variables]
    out.write(b'{"head":{"vars":' + json.dumps(variables, separators=(",", ":")).encode()
              + b'},"results":{"bindings":[')
    count = 0
    for cells in _rows(variables, rows, lambda t: json.dumps(_json_term(t), ensure_ascii=False,
                                                              separators=(",", ":"))):
        text = "{" + ",".join(keys[i] + term for i, term in cells) + "}"
        out.write(((",", "")[count == 0] + text).encode())
        count += 1
    out.write(b"]}}")
    return count


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            direction = getattr(term, "direction", None)
            its = (f" its:dir={quoteattr(str(direction))}" + ITS_DECLARATION) if direction else ""
            return f"<literal xml:lang={quoteattr(term.language)}{its}>{escape(term.value)}</literal>"
        if term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    raise TypeError(f"unexpected term {term!r}")


def write_xml(variables: list[str], rows, out) -> int:
    head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    out.write(('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
               f"<head>{head}</head><results>").encode())
    names = [f"<binding name={quoteattr(v)}>" for v in variables]
    count = 0
    for cells in _rows(variables, rows, _xml_term):
        out.write(("<result>" + "".join(f"{names[i]}{term}</binding>" for i, term in cells)
                   + "</result>").encode())
        count += 1
    out.write(b"</results></sparql>\n")
    return count


def _csv_field(term) -> str:
    if term is None:
        return ""
    text = f"_:{term.value}" if isinstance(term, ox.BlankNode) else (
        term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term))
    if any(c in text for c in ',"\r\n'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def write_csv(variables: list[str], rows, out) -> int:
    out.write((",".join(variables) + "\r\n").encode())
    count = 0
    for cells in _rows(variables, rows, _csv_field):
        out.write((",".join(_line(len(variables), cells)) + "\r\n").encode())
        count += 1
    return count


def _tsv_field(term) -> str:
    # N-Triples syntax (pyoxigraph's str()), with tabs and newlines escaped as the TSV format requires
    return "" if term is None else str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def write_tsv(variables: list[str], rows, out) -> int:
    out.write(("\t".join(f"?{v}" for v in variables) + "\n").encode())
    count = 0
    for cells in _rows(variables, rows, _tsv_field):
        out.write(("\t".join(_line(len(variables), cells)) + "\n").encode())
        count += 1
    return count


WRITERS = {"json": write_json, "xml": write_xml, "csv": write_csv, "tsv": write_tsv}
