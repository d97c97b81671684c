"""The Reconciliation Service API 0.2 (W3C Entity Reconciliation Community Group; the protocol OpenRefine
speaks) over the graph: the manifest, reconciliation query batches, suggest services, property proposals
and data extension, each one call on a dataset's matching index (saxgraph.describe.reconcile_index).

Identifiers are the entities' IRIs relative to the identifier space (`cluster/silicon-saxony` for
https://w3id.org/saxgraph/id/cluster/silicon-saxony), types and properties the ontology's local names
(`Cluster`, `managedBy`), so that identifierSpace or schemaSpace + id is the IRI; an IRI or a page URL is
understood wherever an id is. Candidates are ranked by name (see reconcile_index), then by the query's
properties; `match` is true for the first candidate only, when its score is at least MATCH_SCORE and no
other candidate comes within MATCH_MARGIN of it (and it agrees with every property given).

Every request is checked before anything is looked up, against the API's JSON Schemas and the service's
limits; whatever does not pass raises ReconciliationError with a message that names the query and field.
In public mode persons (entities of a class marked sg:personalData) and personal-data properties are left
out of everything: candidates, suggestions, previews, property proposals and extension values."""

import json
from dataclasses import dataclass

from saxgraph import __version__
from saxgraph.describe.names import name
from saxgraph.describe.reconcile_index import NOT_CANDIDATES, ReconcileIndex, local, short_id
from saxgraph.errors import ReconciliationError
from saxgraph.namespaces import ID_BASE, SG

MATCH_SCORE = 90.0
MATCH_MARGIN = 10.0
MIN_SCORE = 30.0  # candidates scoring less are noise, not offered
# how much the properties a query gives weigh against the name: a candidate that contradicts all of them
# keeps 60% of its name's score (a spreadsheet's "Chemnitz" outweighs a somewhat closer name elsewhere)
PROPERTY_WEIGHT = 0.4
OTHER_TYPE = 0.8  # factor on the score of a candidate outside the types asked for (type_strict "should")
DEFAULT_TYPES = ("Cluster", "Organisation", "InnovationNetwork", "Hub", "Place", "Person")
QUERY_FIELDS = ("query", "type", "limit", "properties", "type_strict")
TYPE_STRICT = ("any", "should", "all")
PREVIEW_SIZE = (430, 300)  # pixels of the frame OpenRefine shows the preview card in
DESCRIPTION_LENGTH = 200  # characters of a description in a suggestion


@dataclass(frozen=True)
class Limits:
    """The service's limits (RECONCILE_* settings of the web app, documented there)."""

    max_batch: int
    max_query_length: int
    default_limit: int
    max_limit: int
    max_extend_ids: int
    max_extend_properties: int
    suggest_page: int


@dataclass
class Query:
    text: str
    types: tuple[str, ...]
    strict: str
    limit: int
    properties: list[tuple[str, list]]


# --- the manifest ---------------------------------------------------------------------------------------

def manifest(index: ReconcileIndex, base_url: str, limits: Limits, public: bool) -> dict:
    base = base_url.rstrip("/")
    offered = offered_types(index, public)
    return {
        "versions": ["0.2"],
        "name": "saxgraph: the innovation ecosystem of Saxony" + (" (public data)" if public else ""),
        "identifierSpace": ID_BASE,
        "schemaSpace": str(SG),
        "serviceVersion": __version__,
        "documentation": base + "/",
        "defaultTypes": [type_json(index, t) for t in DEFAULT_TYPES if t in offered],
        "view": {"url": base + "/id/{{id}}"},
        "preview": {"url": base + "/reconcile/preview?id={{id}}", "width": PREVIEW_SIZE[0],
                    "height": PREVIEW_SIZE[1]},
        "suggest": {kind: {"service_url": base, "service_path": f"/reconcile/suggest/{kind}"}
                    for kind in ("entity", "type", "property")},
        "extend": {
            "propose_properties": {"service_url": base, "service_path": "/reconcile/properties"},
            "property_settings": [{"name": "limit", "label": "Limit", "type": "number", "default": 0,
                                   "help_text": "Maximum number of values per entity (0 for all of them)"}],
        },
        "batchSize": limits.max_batch,
    }


def offered_types(index: ReconcileIndex, public: bool) -> dict[str, int]:
    """Type id -> entities: the types some entity has, without the personal ones in public mode."""
    return {t: n for t, n in sorted(index.type_counts.items())
            if t in index.classes and not (public and index.classes[t].personal)}


def type_json(index: ReconcileIndex, type_id: str, broader: bool = False) -> dict:
    info = index.classes[type_id]
    out = {"id": type_id, "name": info.name}
    if broader:
        if info.description:
            out["description"] = info.description
        out["broader"] = [{"id": b, "name": index.classes[b].name}
                          for b in info.broader if b in index.classes]
    return out


# --- reading requests -----------------------------------------------------------------------------------

def parse_json(text: str, what: str):
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        detail = f"{error.msg} at line {error.lineno} column {error.colno}" if hasattr(error, "msg") else \
            "nested too deeply"
        raise ReconciliationError(f"{what} is not JSON: {detail}") from None


def resolve_type(index: ReconcileIndex, value, where: str, public: bool) -> str:
    if not isinstance(value, str):
        raise ReconciliationError(f"{where}: a type is a string (a type id such as \"Cluster\"), "
                                  f"not {json.dumps(value)[:80]}")
    type_id = local(value.strip())
    if type_id.startswith("sg:"):
        type_id = type_id[3:]
    offered = offered_types(index, public)
    if type_id not in offered:
        if public and type_id in index.classes and index.classes[type_id].personal:
            raise ReconciliationError(f"{where}: type {value!r} is personal data, which this public service "
                                      "does not serve")
        raise ReconciliationError(f"{where}: unknown type {value!r}; the types are "
                                  + ", ".join(offered) + " (see /reconcile/suggest/type)")
    return type_id


def resolve_property(index: ReconcileIndex, value, where: str, public: bool) -> str:
    if not isinstance(value, str):
        raise ReconciliationError(f"{where}: a property id is a string, not {json.dumps(value)[:80]}")
    pid = local(value.strip())
    if pid.startswith("sg:"):
        pid = pid[3:]
    prop = index.properties.properties.get(pid)
    if prop is None:
        raise ReconciliationError(f"{where}: unknown property {value!r}; the properties are "
                                  + ", ".join(offered_properties(index, public))
                                  + " (see /reconcile/properties?type=...)")
    if public and prop.personal:
        raise ReconciliationError(f"{where}: property {value!r} is personal data, which this public service "
                                  "does not serve")
    return pid


def offered_properties(index: ReconcileIndex, public: bool) -> list[str]:
    return sorted(p.id for p in index.properties.properties.values() if not (public and p.personal))


def positive_integer(value, where: str, zero: bool = False) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())  # OpenRefine sends settings as strings
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value) \
            or value < (0 if zero else 1):
        wanted = "a whole number, 0 or more" if zero else "a positive whole number"
        raise ReconciliationError(f"{where} must be {wanted}, not {json.dumps(value)[:80]}")
    return int(value)


def property_value_ok(value) -> bool:
    if isinstance(value, str | int | float | bool):
        return True
    return isinstance(value, dict) and isinstance(value.get("id"), str) and \
        isinstance(value.get("name", ""), str)


def parse_batch(index: ReconcileIndex, text: str, limits: Limits, public: bool) -> dict[str, Query]:
    """A query batch (the `queries` parameter), checked against the API's schema and the service's limits."""
    batch = parse_json(text, "queries")
    if not isinstance(batch, dict):
        raise ReconciliationError("queries must be a JSON object that maps query ids to queries, such as "
                                  f'{{"q0": {{"query": "Silicon Saxony"}}}}; this is a {kind_of(batch)}')
    if len(batch) > limits.max_batch:
        raise ReconciliationError(f"the batch has {len(batch)} queries; this service takes at most "
                                  f"{limits.max_batch} in one request (RECONCILE_MAX_BATCH, the manifest's "
                                  "batchSize)")
    return {key: parse_query(index, key, query, limits, public) for key, query in batch.items()}


def parse_query(index: ReconcileIndex, key: str, query, limits: Limits, public: bool) -> Query:
    where = f"query {key!r}"
    if not isinstance(query, dict):
        raise ReconciliationError(f"{where} must be a JSON object with a 'query' string, "
                                  f"not a {kind_of(query)}")
    unknown = [f for f in query if f not in QUERY_FIELDS]
    if unknown:
        raise ReconciliationError(f"{where} has the field {unknown[0]!r}, which the API does not have "
                                  f"(a query has: {', '.join(QUERY_FIELDS)})")
    text = query.get("query", "")
    if not isinstance(text, str):
        raise ReconciliationError(f"{where}: 'query' must be a string, not {json.dumps(text)[:80]}")
    if len(text) > limits.max_query_length:
        raise ReconciliationError(f"{where}: the query string has {len(text)} characters; this service takes "
                                  f"at most {limits.max_query_length} (RECONCILE_MAX_QUERY_LENGTH)")
    properties = query.get("properties", [])
    if not isinstance(properties, list):
        raise ReconciliationError(f"{where}: 'properties' must be a list of {{\"pid\": ..., \"v\": ...}}")
    if "query" not in query and not properties:
        raise ReconciliationError(f"{where} has neither a 'query' string nor any 'properties' to match")
    parsed = []
    for n, item in enumerate(properties):
        at = f"{where}, property {n}"
        if not isinstance(item, dict) or "pid" not in item or "v" not in item:
            raise ReconciliationError(f"{at} must be an object with 'pid' (a property id) and 'v' "
                                      "(its value)")
        values = item["v"] if isinstance(item["v"], list) else [item["v"]]
        if not all(property_value_ok(v) for v in values):
            raise ReconciliationError(f"{at}: a value is a string, a number, a boolean or an entity "
                                      '{"id": ..., "name": ...}')
        parsed.append((resolve_property(index, item["pid"], at, public), values))
    types = query.get("type", [])
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list):
        raise ReconciliationError(f"{where}: 'type' must be a type id or a list of them")
    strict = query.get("type_strict", "any")
    if strict not in TYPE_STRICT:
        raise ReconciliationError(f"{where}: 'type_strict' must be one of {', '.join(TYPE_STRICT)}, "
                                  f"not {json.dumps(strict)[:80]}")
    limit = limits.default_limit
    if "limit" in query:
        limit = positive_integer(query["limit"], f"{where}: 'limit'")
    return Query(text, tuple(resolve_type(index, t, where, public) for t in types), strict,
                 min(limit, limits.max_limit), parsed)


def kind_of(value) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number")


# --- answering ------------------------------------------------------------------------------------------

def reconcile(index: ReconcileIndex, text: str, limits: Limits, public: bool) -> dict:
    """The result batch for a query batch: {query id: {"result": [candidate, ...]}}."""
    batch = parse_batch(index, text, limits, public)
    return {key: {"result": candidates(index, query, public)} for key, query in batch.items()}


def candidates(index: ReconcileIndex, query: Query, public: bool) -> list[dict]:
    names: dict[str, tuple[float, str]] = {}  # candidate IRI -> (name similarity, the label that had it)
    if query.text.strip():
        names = {iri: (score, entry.text) for iri, (score, entry) in index.match(query.text).items()}
        known = index.resolve(query.text) if "/" in query.text and " " not in query.text.strip() else None
        if known:
            names[known] = (1.0, query.text)
    # what each property's values may be called in the graph, worked out once for all candidates
    asked = [(pid, set().union(*(_keys(index, v) for v in values))) for pid, values in query.properties]
    if not query.text.strip() and asked:
        pid, keys = asked[0]
        for key in keys:
            for iri in index.holders(pid, key):
                names.setdefault(iri, (0.0, ""))
    ranked = []
    wanted = set(query.types)
    for iri, (similarity, _label) in names.items():
        if short_id(iri).split("/", 1)[0] in NOT_CANDIDATES or (public and index.personal(iri)):
            continue
        type_ok = True
        if wanted:
            has = index.types.get(iri, set())
            type_ok = wanted <= has if query.strict == "all" else bool(wanted & has)
            if not type_ok and query.strict != "should":  # "any" and "all" filter, "should" ranks
                continue
        agreement, mismatch = _agreement(index, iri, asked)
        if query.text.strip():
            score = 100 * similarity * (1 - PROPERTY_WEIGHT + PROPERTY_WEIGHT * agreement)
        else:
            score = 100 * agreement
        if not type_ok:
            score *= OTHER_TYPE
        if score < MIN_SCORE:
            continue
        features = [{"id": "name_similarity", "value": round(similarity, 4)}]
        if wanted:
            features.append({"id": "type_match", "value": type_ok})
        if query.properties:
            features.append({"id": "property_agreement", "value": round(agreement, 4)})
        ranked.append((round(score, 2), index.name_of(iri), iri, type_ok and not mismatch, features))
    ranked.sort(key=lambda c: (-c[0], c[1].casefold(), c[2]))
    ranked = ranked[:max(query.limit, 2)]  # the runner-up decides whether the first is a clear match
    out = []
    for n, (score, label, iri, agrees, features) in enumerate(ranked[:query.limit]):
        clear = n == 0 and score >= MATCH_SCORE and agrees and (
            len(ranked) == 1 or score - ranked[1][0] >= MATCH_MARGIN)
        out.append({"id": short_id(iri), "name": label, "type": index.type_of(iri), "score": score,
                    "match": clear, "features": features})
    return out


def _keys(index: ReconcileIndex, value) -> set[str]:
    """What a query's property value may be called in the graph (folded spelling, id, IRI)."""
    if isinstance(value, dict):
        known = index.resolve(value["id"])
        return {known} if known else ({name(value["name"]).compact} if value.get("name") else set())
    text = str(value).lower() if isinstance(value, bool) else str(value)
    keys = {name(text).compact, text.strip()}
    known = index.resolve(text) if "/" in text else None
    return keys | ({known} if known else set())


def _agreement(index: ReconcileIndex, iri: str, asked: list[tuple[str, set[str]]]) -> tuple[float, bool]:
    """How far the candidate agrees with the query's properties (1 each that matches, 0.5 each it has no value
    for, 0 each it contradicts; averaged), and whether it contradicts one."""
    if not asked:
        return 1.0, False
    total, mismatch = 0.0, False
    for pid, keys in asked:
        have = index.properties.of(pid, iri)
        if not have:
            total += 0.5
        elif any(index.value_keys(term) & keys for term in have):
            total += 1.0
        else:
            mismatch = True
    return total / len(asked), mismatch
