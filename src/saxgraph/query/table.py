"""A SPARQL answer as a plain-text table (`saxgraph query`, README's example outputs): IRIs abbreviated
with the project's prefixes, columns padded, the row count last."""

import pyoxigraph as ox

from saxgraph.namespaces import compact


def text_table(result, max_rows: int | None = None, max_cell: int | None = None) -> str:
    """`max_rows` shows the first rows only (the count stays the whole answer's); `max_cell` cuts longer
    values with an ellipsis."""
    if isinstance(result, ox.QueryBoolean):
        return f"{'true' if result else 'false'}\n"
    names = [v.value for v in result.variables]
    rows = [[_cell(solution[name], max_cell) for name in names] for solution in result]
    shown = rows if max_rows is None else rows[:max_rows]
    widths = [max([len(n)] + [len(r[i]) for r in shown]) for i, n in enumerate(names)]

    def line(cells) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    body = [line(names), line(["-" * w for w in widths])] + [line(r) for r in shown]
    if len(shown) < len(rows):
        body.append("...")
    return "\n".join(body) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def _cell(term, max_cell: int | None) -> str:
    if term is None:
        return ""
    text = compact(term.value) if isinstance(term, ox.NamedNode) else term.value
    text = " ".join(text.split()) if max_cell else text
    if max_cell and len(text) > max_cell:
        text = text[:max_cell - 1].rstrip() + "…"
    return text
