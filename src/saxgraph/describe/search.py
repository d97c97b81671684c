"""Label search over rdfs:label, skos:prefLabel and skos:altLabel: case- and accent-insensitive, ranked."""

import unicodedata
from dataclasses import dataclass

from saxgraph.describe.language import pick
from saxgraph.namespaces import ID_BASE, RDFS, SG, SKOS

LABELS = f"""
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
SELECT ?s ?p ?label (LANG(?label) AS ?lang) WHERE {{
  VALUES ?p {{ rdfs:label skos:prefLabel skos:altLabel }}
  ?s ?p ?label . FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID_BASE}"))
}}
"""

# The most specific saxgraph classes of each entity (no asserted sg: subclass of another of its types).
TYPES = f"""
PREFIX rdfs: <{RDFS}>
SELECT ?s ?class WHERE {{
  ?s a ?class . FILTER(STRSTARTS(STR(?s), "{ID_BASE}") && STRSTARTS(STR(?class), "{SG}"))
  FILTER NOT EXISTS {{ ?s a ?sub . ?sub rdfs:subClassOf ?class . FILTER(?sub != ?class) }}
}}
"""

MAX_LIMIT = 100
PREFERRED = (RDFS + "label", SKOS + "prefLabel")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Universität' and 'universitat' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str  # the entity's display label
    matched: str  # the label that matched the query
    classes: tuple[str, ...]
    score: tuple

    def as_dict(self) -> dict:
        return {"iri": self.iri, "label": self.label, "matched": self.matched, "classes": list(self.classes)}


class LabelIndex:
    """All labels of a dataset version, folded once; built lazily per store and cached by its version."""

    def __init__(self, store):
        self.entries = []  # (iri, label, folded, preferred)
        names: dict[str, dict[str, dict[str, str]]] = {}  # iri -> preferred or not -> language -> label
        for row in sorted(store.select(LABELS), key=lambda r: r["label"]):
            iri, label, preferred = row["s"], row["label"], row["p"] in PREFERRED
            self.entries.append((iri, label, fold(label), preferred))
            names.setdefault(iri, {}).setdefault("label" if preferred else "alt", {}).setdefault(
                row.get("lang", ""), label)
        self.names = names
        self.classes: dict[str, list[str]] = {}
        for row in store.select(TYPES):
            self.classes.setdefault(row["s"], []).append(row["class"])

    def display(self, iri: str, language: str | None = None) -> str | None:
        """The entity's label in the preferred language (or `language`), an alternative label if it has
        no label at all."""
        names = self.names.get(iri, {})
        return pick(names.get("label"), language) or pick(names.get("alt"), language)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        q = fold(" ".join(query.split()))
        if not q:
            return []
        best: dict[str, tuple] = {}
        for iri, label, folded, preferred in self.entries:
            if folded == q:
                kind = 0
            elif folded.startswith(q):
                kind = 1
            elif any(word.startswith(q) for word in folded.split()) or f" {q}" in f" {folded}":
                kind = 2
            elif q in folded:
                kind = 3
            else:
                continue
            score = (kind, not preferred, len(label), label.casefold(), iri)
            if iri not in best or score < best[iri][0]:
                best[iri] = (score, label)
        ranked = sorted(best.items(), key=lambda item: item[1][0])[:limit]
        return [Hit(iri, self.display(iri) or matched, matched, tuple(sorted(self.classes.get(iri, ()))),
                    score)
                for iri, (score, matched) in ranked]


def index_for(store, kind=LabelIndex):
    """The `kind` index of this dataset, built once (by default the labels search uses; the reconciliation
    service keeps its own index this way too, built on top of this one)."""
    return store.derived(("index", kind), lambda: kind(store))


def search(store, query: str, limit: int = 20) -> list[Hit]:
    """Entities whose labels match `query`: exact, then prefix, then word prefix, then substring."""
    return index_for(store).search(query, limit)
