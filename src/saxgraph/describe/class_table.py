"""A class's instances as a table: label, types, location and source documents of each, sortable by any
column, filtered by a text (on the label) and per column, in pages. The HTML page of a class and its CSV and
JSON twins show the same rows, made here (saxgraph.web.vocabulary only renders them).

What is read from the data is gathered once per dataset and class (`store.derived`); the labels are chosen
per request in the preferred language (saxgraph.describe.language), so a German page sorts by German labels.
In public mode the store holds no persons at all, so the table of sg:Person is empty, like its entity pages
are missing."""

from dataclasses import dataclass, field

import pyoxigraph as ox

from saxgraph.describe.resource import best_label, labels_of, source_documents
from saxgraph.describe.search import fold, index_for
from saxgraph.errors import BadParameterError
from saxgraph.namespaces import (
    CURATION_GRAPH,
    EVIDENCE_GRAPH,
    GRAPH_BASE,
    ID_BASE,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    SG,
    compact,
    graph_iri,
)

COLUMNS = ("label", "types", "location", "sources")
FILTERS = {"q": "label", "type": "types", "location": "location", "source": "sources"}
DEFAULT_SIZE = 50
MAX_SIZE = 200  # rows per page at most (a named, documented limit)
LOCATION = ox.NamedNode(str(SG) + "location")
LOCATED_IN = ox.NamedNode(str(SG) + "locatedIn")
CURATION_IRI = str(graph_iri(CURATION_GRAPH))
NOT_SOURCES = {str(graph_iri(g)) for g in (INFERRED_GRAPH, EVIDENCE_GRAPH, ONTOLOGY_GRAPH)}


def instances_query(class_iri: str) -> str:
    """The SPARQL behind the table's rows (shown on the page, for the query editor)."""
    return f"SELECT DISTINCT ?instance WHERE {{ ?instance a <{class_iri}> }} ORDER BY ?instance"


@dataclass
class Facts:
    """What the table shows of one class, language-independent: each instance's label (by language), its
    most specific saxgraph classes, its locations and the graphs stating something about it."""

    instances: list[dict]
    labels: dict[str, dict[str, str]]  # IRI -> language -> label, of instances, classes and places
    documents: dict[str, dict]  # graph IRI -> {"document", "title"}


def class_facts(store, class_iri: str) -> Facts:
    return store.derived(("class table", class_iri), lambda: _gather(store, class_iri))


def _gather(store, class_iri: str) -> Facts:
    found = store.select(instances_query(class_iri))
    iris = [r["instance"] for r in found if r["instance"].startswith(ID_BASE)]
    classes = index_for(store).classes
    instances, linked, graphs = [], set(), set()
    for iri in iris:
        located, where, stated = [], [], set()
        for quad in store.quads(ox.NamedNode(iri), None, None, None):
            if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value not in NOT_SOURCES:
                stated.add(quad.graph_name.value)
            if isinstance(quad.object, ox.NamedNode):
                if quad.predicate == LOCATION and quad.object.value not in located:
                    located.append(quad.object.value)
                elif quad.predicate == LOCATED_IN and quad.object.value not in where:
                    where.append(quad.object.value)
        types = sorted(classes.get(iri, ()))
        # an organisation's location, else the place a place lies in; by IRI, as every store gives them
        locations = sorted(located) or sorted(where)
        instances.append({"iri": iri, "types": types, "location": locations, "graphs": sorted(stated)})
        linked.update(types, locations)
        graphs |= stated
    return Facts(instances, labels_of(store, iris + sorted(linked)), source_documents(store, graphs))


@dataclass(frozen=True)
class TableRequest:
    """The table asked for: sort column and direction, filters (column -> text), page and page size."""

    sort: str = "label"
    desc: bool = False
    filters: dict = field(default_factory=dict)
    page: int = 1
    size: int = DEFAULT_SIZE

    @classmethod
    def from_args(cls, args) -> "TableRequest":
        """From a request's query parameters (`sort`, `desc`, `q`, `type`, `location`, `source`, `page`,
        `size`); BadParameterError (400) saying what is wrong and what is allowed."""
        sort = (args.get("sort") or "label").strip()
        if sort not in COLUMNS:
            raise BadParameterError(f"sort must be one of {', '.join(COLUMNS)}, not {sort!r}")
        raw_desc = (args.get("desc") or "0").strip().lower()
        if raw_desc not in ("0", "1", "true", "false"):
            raise BadParameterError(f"desc must be 1 or 0, not {raw_desc!r}")
        filters = {name: args.get(name).strip() for name in FILTERS if (args.get(name) or "").strip()}
        return cls(sort=sort, desc=raw_desc in ("1", "true"), filters=filters,
                   page=_whole(args.get("page"), "page", 1, None, 1),
                   size=_whole(args.get("size"), "size", 1, MAX_SIZE, DEFAULT_SIZE))

    def args(self, **changes) -> dict:
        """The query parameters of this table (defaults left out), with `changes` made."""
        values = {"sort": self.sort, "desc": "1" if self.desc else None, **self.filters,
                  "page": self.page, "size": self.size, **changes}
        defaults = {"sort": "label", "page": 1, "size": DEFAULT_SIZE, "desc": None}
        return {k: v for k, v in values.items() if v not in (None, "") and defaults.get(k, object()) != v}


def _whole(raw, name: str, low: int, high: int | None, default: int) -> int:
    if raw is None or raw.strip() == "":
        return default
    allowed = f"a whole number from {low}" + (f" to {high}" if high else " up")
    try:
        value = int(raw)
    except ValueError:
        raise BadParameterError(f"{name} must be {allowed}, not {raw!r}") from None
    if value < low or (high is not None and value > high):
        raise BadParameterError(f"{name} must be {allowed}, not {value}")
    return value


@dataclass
class Table:
    rows: list[dict]  # this page's rows
    total: int  # rows after filtering, over all pages
    count: int  # instances of the class
    page: int
    pages: int
    request: TableRequest

    @property
    def first(self) -> int:
        """The number of this page's first row (1-based; 0 when there are none)."""
        return (self.page - 1) * self.request.size + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if self.rows else 0


def class_table(store, class_iri: str, request: TableRequest | None = None) -> Table:
    """The rows of `class_iri`'s table that `request` asks for, labels in the preferred language."""
    request = request or TableRequest()
    facts = class_facts(store, class_iri)
    rows = [_row(instance, facts) for instance in facts.instances]
    for name, text in request.filters.items():
        column, wanted = FILTERS[name], fold(text)
        rows = [r for r in rows if _matches(r, column, text, wanted)]
    rows = _sorted(rows, request.sort, request.desc)
    total = len(rows)
    pages = max(1, -(-total // request.size))
    if request.page > pages:
        raise BadParameterError(f"page {request.page} is past the last page ({pages}) of {total} "
                                f"row{'s' if total != 1 else ''}")
    start = (request.page - 1) * request.size
    return Table(rows[start:start + request.size], total, len(facts.instances), request.page, pages, request)


def _term(iri: str, labels: dict) -> dict:
    return {"iri": iri, "label": best_label(labels.get(iri)) or compact(iri)}


def _source(graph: str, documents: dict) -> dict:
    info = documents.get(graph) or {}
    slug = graph[len(GRAPH_BASE):] if graph.startswith(GRAPH_BASE) else graph
    label = "the curator" if graph == CURATION_IRI else info.get("title") or slug
    return {"iri": graph, "label": label, "document": info.get("document")}


def _row(instance: dict, facts: Facts) -> dict:
    iri = instance["iri"]
    return {"iri": iri, "label": best_label(facts.labels.get(iri)) or compact(iri),
            "types": [_term(t, facts.labels) for t in instance["types"]],
            "location": [_term(p, facts.labels) for p in instance["location"]],
            "sources": sorted((_source(g, facts.documents) for g in instance["graphs"]),
                              key=lambda s: (s["iri"] == CURATION_IRI, s["label"].casefold()))}


def text(row: dict, column: str) -> str:
    """A cell as plain text: the label, or the labels of the terms it lists joined by "; "."""
    if column == "label":
        return row["label"]
    return "; ".join(term["label"] for term in row[column])


def _matches(row: dict, column: str, raw: str, wanted: str) -> bool:
    if wanted in fold(text(row, column)):
        return True
    terms = [row] if column == "label" else row[column]  # or names one of them by IRI or short form
    return any(raw in (t["iri"], compact(t["iri"]), t["iri"][len(ID_BASE):], t["iri"].rsplit("/", 1)[-1])
               for t in terms)


def _sorted(rows: list[dict], column: str, desc: bool) -> list[dict]:
    """By the column's text (empty cells last either way), then by label and IRI."""
    def key(row):
        return fold(text(row, column)), fold(row["label"]), row["iri"]

    filled = sorted((r for r in rows if text(r, column)), key=key, reverse=desc)
    empty = sorted((r for r in rows if not text(r, column)), key=key)
    return filled + empty


def csv_text(rows: list[dict]) -> str:
    """The rows as CSV (RFC 4180: a header row, CRLF line ends, fields quoted where they need it)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["iri", *COLUMNS])
    for row in rows:
        writer.writerow([row["iri"], *(text(row, c) for c in COLUMNS)])
    return out.getvalue()
