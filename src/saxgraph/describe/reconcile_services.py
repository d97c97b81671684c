"""The Reconciliation API's other services over a matching index: suggest (entities, types, properties:
prefix matching for OpenRefine's autocomplete), data extension (property proposals for a type; the values
of chosen properties for a list of ids) and the data of the preview card. Requests are checked as in
saxgraph.describe.reconcile; public mode leaves persons and personal-data properties out here too."""

import re

import pyoxigraph as ox

from saxgraph.describe.names import name
from saxgraph.describe.reconcile import (
    DESCRIPTION_LENGTH,
    Limits,
    kind_of,
    offered_properties,
    offered_types,
    parse_json,
    positive_integer,
    resolve_property,
    resolve_type,
    type_json,
)
from saxgraph.describe.reconcile_index import NOT_CANDIDATES, ReconcileIndex, short_id
from saxgraph.errors import ReconciliationError
from saxgraph.namespaces import PREFIXES

XSD = PREFIXES["xsd"]
INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                              "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt",
                              "unsignedLong", "unsignedShort", "unsignedByte")}
FLOATS = {XSD + t for t in ("decimal", "double", "float")}
DATE = re.compile(r"^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
DATE_TIME = re.compile(r"^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d"
                       r"(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$")
EXTEND_SETTINGS = ("limit",)


def _excluded(index: ReconcileIndex, iri: str, public: bool) -> bool:
    return short_id(iri).split("/", 1)[0] in NOT_CANDIDATES or (public and index.personal(iri))


def _page(items: list, cursor, limits: Limits) -> list:
    start = positive_integer(cursor, "cursor", zero=True) if cursor not in (None, "") else 0
    return items[start:start + limits.suggest_page]


def short_description(text: str | None) -> str | None:
    if not text or len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _prefix(prefix) -> str:
    if prefix is None:
        raise ReconciliationError("a suggest request needs the 'prefix' parameter: the text typed so far")
    return prefix


# --- suggest --------------------------------------------------------------------------------------------

def suggest_entities(index: ReconcileIndex, prefix, cursor, types: list[str], limits: Limits,
                     public: bool) -> dict:
    wanted = {resolve_type(index, t, "type", public) for t in types if t}
    found = []
    known = index.resolve(prefix) if prefix and "/" in prefix else None
    if known:
        found.append(known)
    for _rank, entry in index.suggest(_prefix(prefix)):
        if entry.iri not in found:
            found.append(entry.iri)
    result = []
    for iri in found:
        if _excluded(index, iri, public) or (wanted and not wanted & index.types.get(iri, set())):
            continue
        item = {"id": short_id(iri), "name": index.name_of(iri), "notable": index.type_of(iri)}
        description = short_description(index.descriptions.get(iri))
        if description:
            item["description"] = description
        result.append(item)
    return {"result": _page(result, cursor, limits)}


def _prefix_rank(prefix: str, names: list[str]) -> tuple | None:
    """How well a prefix begins one of the names (0 the whole name, 1 its start, 2 its words), or None;
    nothing typed yet begins them all (the types and properties are few enough to list)."""
    p = name(prefix).full
    if not p:
        return (3, 0)
    best = None
    for text in names:
        words = name(text).full
        compact, typed = "".join(words), "".join(p)
        if compact == typed:
            kind = 0
        elif compact.startswith(typed):
            kind = 1
        elif all(any(w.startswith(pw) for w in words) for pw in p):
            kind = 2
        else:
            continue
        best = min(best or (9,), (kind, len(text)))
    return best


def suggest_types(index: ReconcileIndex, prefix, cursor, limits: Limits, public: bool) -> dict:
    prefix = _prefix(prefix)
    ranked = []
    for type_id in offered_types(index, public):
        info = index.classes[type_id]
        rank = _prefix_rank(prefix, [type_id, *info.names])
        if rank is not None:
            ranked.append((rank, info.name.casefold(), type_id))
    return {"result": _page([type_json(index, t, broader=True) for *_r, t in sorted(ranked)], cursor, limits)}


def suggest_properties(index: ReconcileIndex, prefix, cursor, limits: Limits, public: bool) -> dict:
    prefix = _prefix(prefix)
    ranked = []
    for pid in offered_properties(index, public):
        prop = index.properties.properties[pid]
        rank = _prefix_rank(prefix, [pid.split(":")[-1], prop.name])
        if rank is not None:
            ranked.append((rank, prop.name.casefold(), pid))
    return {"result": _page([_property_json(index, pid) for *_r, pid in sorted(ranked)], cursor, limits)}


def _property_json(index: ReconcileIndex, pid: str) -> dict:
    prop = index.properties.properties[pid]
    out = {"id": pid, "name": prop.name}
    if prop.description:
        out["description"] = prop.description
    return out


# --- data extension -------------------------------------------------------------------------------------

def propose_properties(index: ReconcileIndex, type_value, limit, public: bool) -> dict:
    """The properties entities of the type have values for, the most widely held first."""
    out: dict = {}
    if type_value not in (None, ""):
        type_id = resolve_type(index, type_value, "type", public)
        members = [iri for iri in index.entities if type_id in index.types.get(iri, ())]
        out["type"] = type_value
    else:
        members = index.entities
    members = [iri for iri in members if not _excluded(index, iri, public)]
    counts = index.properties.used_by(members)
    offered = set(offered_properties(index, public))
    ranked = sorted((pid for pid in counts if pid in offered),
                    key=lambda pid: (-counts[pid], index.properties.properties[pid].name.casefold()))
    if limit not in (None, ""):
        out["limit"] = positive_integer(limit, "limit")
        ranked = ranked[:out["limit"]]
    out["properties"] = [_property_json(index, pid) for pid in ranked]
    return out


def extend(index: ReconcileIndex, text: str, limits: Limits, public: bool) -> dict:
    """The data extension response for an `extend` query: {"meta": [...], "rows": {id: {property: [...]}}}."""
    query = parse_json(text, "extend")
    if not isinstance(query, dict) or not isinstance(query.get("ids"), list) or \
            not isinstance(query.get("properties"), list):
        raise ReconciliationError('extend must be a JSON object {"ids": [entity ids], "properties": '
                                  f'[{{"id": property id}}]}}; this is a {kind_of(query)} without them')
    ids, asked = query["ids"], query["properties"]
    if len(ids) > limits.max_extend_ids:
        raise ReconciliationError(f"extend names {len(ids)} ids; this service takes at most "
                                  f"{limits.max_extend_ids} in one request (RECONCILE_MAX_EXTEND_IDS)")
    if len(asked) > limits.max_extend_properties:
        raise ReconciliationError(f"extend asks for {len(asked)} properties; this service takes at most "
                                  f"{limits.max_extend_properties} (RECONCILE_MAX_EXTEND_PROPERTIES)")
    for n, entity_id in enumerate(ids):
        if not isinstance(entity_id, str):
            raise ReconciliationError(f"extend: id {n} must be a string (an entity id), not "
                                      f"{str(entity_id)[:80]}")
    columns = []
    for n, item in enumerate(asked):
        where = f"extend, property {n}"
        if not isinstance(item, dict) or "id" not in item:
            raise ReconciliationError(f"{where} must be an object with 'id' (a property id)")
        settings = item.get("settings", {})
        if not isinstance(settings, dict):
            raise ReconciliationError(f"{where}: 'settings' must be an object")
        for setting in settings:
            if setting not in EXTEND_SETTINGS:
                raise ReconciliationError(f"{where}: unknown setting {setting!r} (this service has: "
                                          f"{', '.join(EXTEND_SETTINGS)})")
        limit = positive_integer(settings["limit"], f"{where}: setting 'limit'", zero=True) \
            if "limit" in settings else 0
        columns.append((resolve_property(index, item["id"], where, public), limit))
    meta = []
    for pid, _limit in columns:
        prop = index.properties.properties[pid]
        column = {"id": pid, "name": prop.name}
        if prop.range and prop.range in offered_types(index, public):
            column["type"] = {"id": prop.range, "name": index.classes[prop.range].name}
        meta.append(column)
    rows = {}
    for entity_id in ids:
        iri = index.resolve(entity_id)
        if iri is not None and public and index.personal(iri):
            iri = None
        rows[entity_id] = {pid: _values(index, pid, iri, limit, public) for pid, limit in columns}
    return {"meta": meta, "rows": rows}


def _values(index: ReconcileIndex, pid: str, iri: str | None, limit: int, public: bool) -> list[dict]:
    if iri is None:
        return []
    out = []
    for term in index.properties.of(pid, iri):
        if isinstance(term, ox.NamedNode):
            if public and index.personal(term.value):
                continue
            out.append({"id": short_id(term.value), "name": index.name_of(term.value)})
        else:
            out.append(literal_json(term))
    out.sort(key=lambda v: (0, v["name"].casefold()) if "name" in v else (1,))
    return out[:limit] if limit else out


def literal_json(term: ox.Literal) -> dict:
    """A literal as the extension response writes it: int, float, date (an ISO date-time) or str."""
    datatype, value = term.datatype.value, term.value
    try:
        if datatype in INTEGERS:
            return {"int": int(value)}
        if datatype in FLOATS:
            number = float(value)
            if number == number and abs(number) != float("inf"):  # JSON has no NaN or infinity
                return {"float": number}
    except ValueError:
        pass
    if datatype == XSD + "date" and DATE.match(value):
        return {"date": value + "T00:00:00Z"}
    if datatype == XSD + "dateTime" and DATE_TIME.match(value):
        return {"date": value}
    return {"str": value}


# --- the preview card -----------------------------------------------------------------------------------

def preview(index: ReconcileIndex, store, entity_id: str, public: bool) -> dict | None:
    """What the card shows: name, types, description, where it is, the source documents saying so."""
    from saxgraph.describe.resource import source_documents
    from saxgraph.namespaces import INFERRED_GRAPH, graph_iri

    iri = index.resolve(entity_id)
    if iri is None or (public and index.personal(iri)):
        return None
    props = index.properties
    graphs = {q.graph_name.value for q in store.quads(ox.NamedNode(iri), None, None, None)
              if isinstance(q.graph_name, ox.NamedNode)} - {str(graph_iri(INFERRED_GRAPH))}
    documents = sorted({(info["title"] or info["document"], info["document"])
                        for info in source_documents(store, graphs).values() if info["document"]})
    place = [index.name_of(t.value) for t in props.of("locatedIn", iri)] if "locatedIn" in props.values \
        else []
    return {
        "id": short_id(iri), "iri": iri, "name": index.name_of(iri),
        "types": [t["name"] for t in index.type_of(iri)],
        "description": short_description(index.descriptions.get(iri)),
        "cities": [index.name_of(t.value) for t in props.of("city", iri)],
        "countries": [index.name_of(t.value) for t in props.of("country", iri)],
        "located_in": place,
        "documents": [{"title": title, "iri": document} for title, document in documents],
    }
