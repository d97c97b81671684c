"""SPARQL SELECT results written row by row (JSON, XML, CSV, TSV), so that a result-size cap can stop a
result part-way. Formats follow the W3C Query Results recommendations; ASK and graph results are written
by pyoxigraph."""

import json
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
