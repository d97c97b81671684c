"""Search over labels (rdfs:label, skos:prefLabel, skos:altLabel) and descriptions (dcterms:description,
rdfs:comment): case- and accent-insensitive, ranked, label matches first; counted and paged."""

import re
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

DESCRIPTIONS = f"""
PREFIX rdfs: <{RDFS}>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?s ?text (LANG(?text) AS ?lang) WHERE {{
  VALUES ?p {{ dcterms:description rdfs:comment }}
  ?s ?p ?text . FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID_BASE}") && isLITERAL(?text))
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
MAX_RESULTS = 1000  # matches counted and paged at most (a named, documented limit; more are cut off)
SNIPPET = 160  # characters of a description shown around the words that matched
PREFERRED = (RDFS + "label", SKOS + "prefLabel")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Universität' and 'universitat' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(text: str) -> list[str]:
    """The folded words of a text, punctuation left out ('energy-efficient' is two words)."""
    return re.sub(r"[\W_]+", " ", fold(text)).split()


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str  # the entity's display label
    matched: str  # the label that matched the query
    classes: tuple[str, ...]
    score: tuple
    snippet: str | None = None  # the words of its description that matched, when no label did

    def as_dict(self) -> dict:
        found = {"iri": self.iri, "label": self.label, "matched": self.matched, "classes": list(self.classes)}
        if self.snippet:
            found["snippet"] = self.snippet
        return found


@dataclass(frozen=True)
class Results:
    """One page of a search: its hits, how many matched in all, and whether the count was cut off."""

    hits: list
    total: int
    truncated: bool  # more than MAX_RESULTS matched: only the first are counted and paged


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
        self.descriptions = []  # (iri, text, " " + folded + " "): searched when no label matches
        described = store.select(DESCRIPTIONS)
        for row in sorted(described, key=lambda r: (r["s"], r.get("lang") != "en", r["text"])):
            self.descriptions.append((row["s"], row["text"], f" {' '.join(words_of(row['text']))} "))

    def display(self, iri: str, language: str | None = None) -> str | None:
        """The entity's label in the preferred language (or `language`), an alternative label if it has
        no label at all."""
        names = self.names.get(iri, {})
        return pick(names.get("label"), language) or pick(names.get("alt"), language)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        return self.matches(query)[:limit]

    def matches(self, query: str) -> list[Hit]:
        """Every entity that matches, best first: a label exactly, then its start, then a word's start,
        then anywhere in it; then the entities whose description has every word of the query (each as
        the start of a word)."""
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
                best[iri] = (score, label, None)
        words = words_of(q)
        phrase = " " + " ".join(words)
        for iri, text, padded in self.descriptions:
            if iri in best or not words or not all(f" {w}" in padded for w in words):
                continue
            shown = self.display(iri) or iri
            best[iri] = ((4, phrase not in padded, 0, shown.casefold(), iri), shown, snippet(text, words))
        ranked = sorted(best.items(), key=lambda item: item[1][0])
        return [Hit(iri, self.display(iri) or matched, matched, tuple(sorted(self.classes.get(iri, ()))),
                    score, found)
                for iri, (score, matched, found) in ranked]


def snippet(text: str, words: list[str], width: int = SNIPPET) -> str:
    """About `width` characters of `text` around the first of the (folded) `words`, with ellipses."""
    if len(text) <= width:
        return text
    offsets, pieces = [], []  # each folded character's position in `text`
    for i, c in enumerate(text):
        piece = fold(c)
        pieces.append(piece)
        offsets.extend([i] * len(piece))
    flat = "".join(pieces)
    found = [at for at in (flat.find(w) for w in words) if at >= 0]
    at = offsets[min(found)] if found and offsets else 0
    begin = max(0, min(at - width // 3, len(text) - width))
    if begin:
        begin = text.find(" ", begin, at + 1) + 1 or begin
    end = min(len(text), begin + width)
    if end < len(text) and text.rfind(" ", at, end) > at:
        end = text.rfind(" ", at, end)
    return ("… " if begin else "") + text[begin:end].strip() + (" …" if end < len(text) else "")


def index_for(store, kind=LabelIndex):
    """The `kind` index of this dataset, built once (by default the labels search uses; the reconciliation
    service keeps its own index this way too, built on top of this one)."""
    return store.derived(("index", kind), lambda: kind(store))


def search(store, query: str, limit: int = 20) -> list[Hit]:
    """Entities whose labels match `query` (exact, then prefix, then word prefix, then substring), then those
    whose descriptions do."""
    return index_for(store).search(query, limit)


def search_page(store, query: str, page: int = 1, size: int = 20) -> Results:
    """Page `page` (1-based) of `size` hits for `query`, with the number of matches (at most MAX_RESULTS)."""
    found = index_for(store).matches(query)
    truncated = len(found) > MAX_RESULTS
    found = found[:MAX_RESULTS]
    return Results(found[(page - 1) * size:page * size], len(found), truncated)
