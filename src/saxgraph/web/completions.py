"""What the query editor completes: the classes and properties of the vocabulary (declared in the ontology
or used in the data) and the entities by their IRI or their labels, as prefixed names where a project prefix
fits (saxgraph.namespaces). Computed once per served dataset (Dataset.derived); persons and personal-data
properties are left out in public mode, as everywhere else."""

from dataclasses import dataclass

from saxgraph.describe.language import pick
from saxgraph.describe.search import fold, index_for
from saxgraph.namespaces import ID_BASE, KINDS, OWL, PREFIXES, RDF, RDFS, SG, SKOS, compact

KIND_NAMES = ("class", "property", "entity")
MAX_LIMIT = 50

TERMS = f"""
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX owl: <{OWL}>
PREFIX skos: <{SKOS}>
PREFIX sg: <{SG}>
SELECT ?term ?kind ?label (LANG(?label) AS ?lang) ?personal WHERE {{
  {{ {{ VALUES ?type {{ owl:Class rdfs:Class }} ?term a ?type }} UNION {{ [] a ?term }}
     BIND("class" AS ?kind) }}
  UNION
  {{ {{ VALUES ?type {{ rdf:Property owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }}
       ?term a ?type }} UNION {{ SELECT DISTINCT ?term {{ [] ?term [] }} }}
     BIND("property" AS ?kind) }}
  FILTER(isIRI(?term))
  OPTIONAL {{ VALUES ?p {{ rdfs:label skos:prefLabel }} ?term ?p ?label }}
  OPTIONAL {{ ?term sg:personalData ?personal }}
}}
"""

PERSONAL_CLASSES = f"""
PREFIX sg: <{SG}>
SELECT DISTINCT ?class WHERE {{ ?class sg:personalData true }}
"""


@dataclass(frozen=True)
class Term:
    iri: str
    labels: tuple[tuple[str, str], ...]  # (language, label)
    personal: bool

    def label(self, language: str | None = None) -> str | None:
        return pick(dict(self.labels), language)

    def as_json(self, language: str | None = None) -> dict:
        return {"iri": self.iri, "prefixed": _prefixed(self.iri), "label": self.label(language)}


class Vocabulary:
    """The classes and properties of one dataset version, and which classes are personal data."""

    def __init__(self, store):
        found: dict[tuple[str, str], dict] = {}
        for row in store.select(TERMS):
            entry = found.setdefault((row["kind"], row["term"]), {"labels": {}, "personal": False})
            if "label" in row:
                entry["labels"].setdefault(row.get("lang", ""), row["label"])
            entry["personal"] |= row.get("personal") in ("true", "1")
        self.terms = {kind: sorted((Term(iri, tuple(sorted(e["labels"].items())), e["personal"])
                                    for (k, iri), e in found.items() if k == kind), key=lambda t: t.iri)
                      for kind in ("class", "property")}
        self.personal_classes = {row["class"] for row in store.select(PERSONAL_CLASSES)}


def vocabulary(store) -> Vocabulary:
    return store.derived(("completions", "vocabulary"), lambda: Vocabulary(store))


def _prefixed(iri: str) -> str | None:
    name = compact(iri)
    return None if name.startswith("<") else name


def expand(text: str) -> str:
    """`sg:Clu` -> the IRI it starts; a full IRI (with or without `<`) as it is; other text unchanged."""
    text = text.strip().lstrip("<").rstrip(">")
    prefix, colon, rest = text.partition(":")
    if colon and prefix in PREFIXES and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return text


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _words_match(query: str, label: str) -> int | None:
    """0 when the folded label starts with the folded query, 1 when one of its words does, else None."""
    folded = fold(label)
    if folded.startswith(query):
        return 0
    return 1 if any(word.startswith(query) for word in folded.split()) else None


def complete(store, kind: str, text: str, limit: int = 20, public: bool = False,
             language: str | None = None) -> list[dict]:
    """The completions of `text` (a prefixed name, an IRI or the start of a label), best first."""
    if kind not in KIND_NAMES:
        raise ValueError(f"kind must be one of {', '.join(KIND_NAMES)}, not {kind!r}")
    limit = max(1, min(limit, MAX_LIMIT))
    if kind == "entity":
        return _entities(store, text, limit, public, language)
    expanded = expand(text)
    is_iri = expanded != text.strip() or "://" in expanded
    query = fold(expanded if not is_iri else "")
    ranked = []
    for term in vocabulary(store).terms[kind]:
        if public and term.personal:
            continue
        if is_iri:
            if not term.iri.lower().startswith(expanded.lower()):
                continue
            score = (0, len(term.iri))
        else:
            if not query:
                score = (2, 0)
            elif fold(_local(term.iri)).startswith(query):
                score = (0, len(term.iri))
            else:
                matches = [m for m in (_words_match(query, label) for _, label in term.labels)
                           if m is not None]
                if not matches:
                    continue
                score = (1 + min(matches), len(term.iri))
        ranked.append((score, _prefixed(term.iri) is None, term.iri, term))
    ranked.sort(key=lambda item: item[:3])
    return [term.as_json(language) for *_, term in ranked[:limit]]


def _entities(store, text: str, limit: int, public: bool, language: str | None) -> list[dict]:
    """Entities whose IRI starts with the expanded text (`cluster:sil`), or whose label starts (a word)
    with what follows the prefix or with the whole text."""
    index = index_for(store)
    personal = vocabulary(store).personal_classes if public else set()
    expanded = expand(text)
    kind_base, label_query = None, fold(" ".join(text.split()))
    if expanded.startswith(ID_BASE):
        kind, _, rest = expanded[len(ID_BASE):].partition("/")
        if kind in KINDS:
            kind_base, label_query = f"{ID_BASE}{kind}/", fold(rest.replace("-", " "))
    elif expanded != text.strip() or "://" in expanded:
        return []  # a foreign namespace: no entities of ours
    best: dict[str, tuple] = {}
    for iri, label, _folded, preferred in index.entries:
        if kind_base and not iri.startswith(kind_base):
            continue
        if public and (iri.startswith(ID_BASE + "person/") or personal & set(index.classes.get(iri, ()))):
            continue
        if kind_base and iri.lower().startswith(expanded.lower()):
            score = (0, len(iri))
        elif not label_query:
            score = (2, len(iri))
        else:
            match = _words_match(label_query, label)
            if match is None:
                continue
            score = (1 + match, not preferred, len(label))
        if iri not in best or score < best[iri]:
            best[iri] = score
    ranked = sorted(best, key=lambda iri: (best[iri], iri))[:limit]
    return [{"iri": iri, "prefixed": _prefixed(iri), "label": index.display(iri, language)} for iri in ranked]
