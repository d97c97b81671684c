"""SPARQL answers under the endpoint's caps on rows (MAX_RESULT_ROWS) and bytes (MAX_RESULT_BYTES).

pyoxigraph's own writers cannot be told to stop after N rows: `serialize_capped` runs them into a writer
that counts rows as the bytes arrive (a lower bound, enough to stop a result that is certainly too large)
and gives up past the byte cap, then counts the rows of the finished answer exactly. An answer is written
once: past either cap it is refused, never written again another way."""

import re
from collections.abc import Iterable


class TooManyRows(Exception):
    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


class OverBudget(Exception):
    """The answer outgrew the byte cap."""


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
    bytes."""
    out = _CountingWriter(_ROW_STARTS[format_name], limit, budget)
    solutions.serialize(out, format=ox_format)
    body = b"".join(out.chunks)
    rows = count_rows(body, format_name)
    if limit is not None and rows > limit:
        raise TooManyRows(limit)
    return body, rows


def capped(items: Iterable, limit: int | None):
    """The items, TooManyRows as soon as there are more than `limit` of them."""
    for count, item in enumerate(items, 1):
        if limit is not None and count > limit:
            raise TooManyRows(limit)
        yield item


class BoundedWriter:
    """Collects what a pyoxigraph serialiser writes; OverBudget past `budget` bytes."""

    def __init__(self, budget: int):
        self.budget, self.size = budget, 0
        self.chunks: list[bytes] = []

    def write(self, chunk) -> int:
        chunk = bytes(chunk)
        self.size += len(chunk)
        if self.size > self.budget:
            raise OverBudget()
        self.chunks.append(chunk)
        return len(chunk)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.chunks)
