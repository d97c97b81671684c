"""The matching index of one dataset version: every label and alternative label of every entity, folded
once (saxgraph.describe.names), with what finds a spreadsheet's spelling among them fast; the types, the
descriptions and the property values of the entities. Built on the label index of saxgraph.describe.search and
cached beside it (`index_for`), so a batch of hundreds of names costs lookups, not queries.

How a name is scored against one label (1.0 is the same name):
- 1.0 the same words (case, accents, umlaut spellings, punctuation and spaces aside);
- 0.97 the same but for a legal form ("Silicon Saxony e.V." and "Silicon Saxony");
- 0.96 the same words in another order;
- 0.92 a short form: a name of two or more words, each a word of the entity's labels and one a label of
  the entity by itself, an acronym ("Fraunhofer ENAS" for "Fraunhofer Institute for Electronic Nano Systems
  ENAS", also called "ENAS");
- otherwise at most 0.95: the words matched, each with the weight of its rarity (idf), as the F1 of the
  query's and the label's matched weight; a word matches another word exactly, within its typos
  (names.max_edits), or as its prefix ("Univ" for "University"), and the names written together are
  compared letter by letter too (compounds, a typo in a short word).
An alternative label scores 1% below the preferred label, so that an entity named so comes first."""

import bisect
import threading
from collections import defaultdict
from dataclasses import dataclass
from math import log

import pyoxigraph as ox

from saxgraph.describe import search
from saxgraph.describe.names import Name, deletions, max_edits, name, similarity
from saxgraph.describe.reconcile_properties import DESCRIPTION, PropertyValues
from saxgraph.namespaces import ID_BASE, SG, SPARQL_PREFIXES

SAME = 1.0
SAME_BUT_LEGAL_FORM = 0.97
SAME_WORDS_REORDERED = 0.96
SIMILAR_AT_MOST = 0.95
# A name of two or more words, each a word of the entity's labels and one of them a label of its own (an
# acronym): a short form ("Fraunhofer ENAS" for "Fraunhofer Institute for Electronic Nano Systems ENAS").
SHORT_FORM = 0.92
ALTERNATIVE_LABEL = 0.99  # factor
PREFIX_WORD = 0.75  # a query word that begins a label word
MAX_QUERY_WORDS = 24  # words of a query looked up (a longer text is not a name)
MAX_PREFIX_EXPANSIONS = 12
LETTER_COMPARISONS = 12  # best-scored labels also compared letter by letter
# Nodes that structure the data rather than name a thing a spreadsheet lists (they may still be values).
NOT_CANDIDATES = ("address", "membership", "quantity")
# Literal values that identify a place as well as its names do ("DE", "DEU", "DED").
CODE_PROPERTIES = ("iso3166Alpha2", "iso3166Alpha3", "nutsCode")

ALL_TYPES = f"""SELECT ?s ?class WHERE {{
  ?s a ?class . FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID_BASE}") && STRSTARTS(STR(?class), "{SG}"))
}}"""
CLASSES = SPARQL_PREFIXES + f"""
SELECT ?class ?label ?lang ?comment ?personal WHERE {{
  ?class a owl:Class . FILTER(STRSTARTS(STR(?class), "{SG}"))
  OPTIONAL {{ ?class rdfs:label ?label BIND(LANG(?label) AS ?lang) }}
  OPTIONAL {{ ?class rdfs:comment ?comment FILTER(LANGMATCHES(LANG(?comment), "en")) }}
  OPTIONAL {{ ?class sg:personalData ?personal }}
}}"""
SUPERCLASSES = SPARQL_PREFIXES + f"""
SELECT ?class ?super WHERE {{
  ?class rdfs:subClassOf ?super . FILTER(STRSTARTS(STR(?class), "{SG}") && STRSTARTS(STR(?super), "{SG}")
                                         && ?class != ?super)
}}"""
DESCRIPTIONS = f"""SELECT ?s ?text (LANG(?text) AS ?lang) WHERE {{
  ?s <{DESCRIPTION}> ?text . FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID_BASE}"))
}}"""


def local(iri: str) -> str:
    return iri[len(str(SG)):] if iri.startswith(str(SG)) else iri


@dataclass(frozen=True)
class Entry:
    """One label of one entity."""

    iri: str
    text: str
    name: Name
    preferred: bool


@dataclass(frozen=True)
class TypeInfo:
    id: str  # local name in the schema space: "Cluster"
    name: str  # English label
    names: tuple[str, ...]  # all its labels (English, German)
    description: str
    broader: tuple[str, ...]  # direct super-classes (type ids)
    personal: bool


class ReconcileIndex:
    def __init__(self, store):
        labels = search.index_for(store)
        self.display: dict[str, str] = {iri: labels.display(iri, "en") for iri in labels.names}
        self.entries = [Entry(iri, text, name(text), preferred)
                        for iri, text, _folded, preferred in labels.entries
                        if name(text).core and short_id(iri).split("/", 1)[0] not in NOT_CANDIDATES]
        self.entities = sorted({e.iri for e in self.entries})
        self.specific = {iri: tuple(sorted(local(c) for c in classes))
                         for iri, classes in labels.classes.items()}
        self.types: dict[str, set[str]] = defaultdict(set)
        for row in store.select(ALL_TYPES):
            self.types[row["s"]].add(local(row["class"]))
        self.classes = self._classes(store)
        self.type_counts: dict[str, int] = defaultdict(int)  # type id -> entities with a label that have it
        for iri in self.entities:
            for t in self.types.get(iri, ()):
                self.type_counts[t] += 1
        self.descriptions: dict[str, str] = {}
        for row in sorted(store.select(DESCRIPTIONS), key=lambda r: (r.get("lang") != "en", r["text"])):
            self.descriptions.setdefault(row["s"], row["text"])
        self.properties = PropertyValues(store)
        self._fallback_names = self._value_names(store)
        self._build_matching()
        self._expansions: dict[str, list] = {}
        self._lock = threading.Lock()
        self._keys: dict[str, set[str]] = defaultdict(set)  # entity IRI -> what names it in a cell
        for entry in self.entries:
            self._keys[entry.iri].add(entry.name.compact)
        for pid in CODE_PROPERTIES:
            for iri, values in self.properties.values.get(pid, {}).items():
                self._keys[iri].update(name(v.value).compact for v in values)
        self._holders: dict[str, dict[str, set[str]]] = {}  # property -> value key -> entities

    # --- identifiers ---------------------------------------------------------------------------------

    def resolve(self, identifier: str) -> str | None:
        """The IRI of a known entity named by its API id (`cluster/silicon-saxony`), IRI or page URL."""
        text = identifier.strip()
        if text.startswith(ID_BASE):
            iri = text
        elif "/id/" in text:
            iri = ID_BASE + text.split("/id/", 1)[1]
        else:
            iri = ID_BASE + text.lstrip("/")
        iri = iri.split("#", 1)[0].split("?", 1)[0]
        return iri if iri in self.display or iri in self.types else None

    def personal(self, iri: str) -> bool:
        """Whether the entity is a person (of a class the ontology marks sg:personalData)."""
        return any(self.classes[t].personal for t in self.types.get(iri, ()) if t in self.classes)

    # --- property values as a cell may spell them -----------------------------------------------------

    def value_keys(self, term) -> set[str]:
        """The folded spellings that name a value: an entity's id, labels and codes; a literal's text."""
        if isinstance(term, ox.NamedNode):
            return self._keys.get(term.value, set()) | {term.value}
        return {name(term.value).compact, term.value.strip()}

    def holders(self, pid: str, key: str) -> set[str]:
        """The entities with a value of property `pid` that `key` (a folded spelling or an IRI) names."""
        with self._lock:
            by_key = self._holders.get(pid)
        if by_key is None:
            by_key = defaultdict(set)
            for iri, values in self.properties.values[pid].items():
                for term in values:
                    for k in self.value_keys(term):
                        by_key[k].add(iri)
            with self._lock:
                self._holders[pid] = by_key
        return by_key.get(key, set())

    # --- the schema: types ---------------------------------------------------------------------------

    def _classes(self, store) -> dict[str, TypeInfo]:
        rows = store.select(CLASSES)
        supers: dict[str, set[str]] = defaultdict(set)
        for row in store.select(SUPERCLASSES):
            supers[local(row["class"])].add(local(row["super"]))
        personal = {local(r["class"]) for r in rows if r.get("personal", "").lower() in ("true", "1")}
        changed = True
        while changed:  # a sub-class of a personal class is personal too
            grown = personal | {c for c, ups in supers.items() if ups & personal}
            changed, personal = grown != personal, grown
        out = {}
        for cls in sorted({local(r["class"]) for r in rows}):
            mine = [r for r in rows if local(r["class"]) == cls]
            names = sorted({r["label"] for r in mine if "label" in r}, key=lambda n: n.casefold())
            english = next((r["label"] for r in mine if r.get("lang") == "en"), names[0] if names else cls)
            direct = {s for s in supers[cls] if not any(s in supers[o] for o in supers[cls] if o != s)}
            comment = next((r["comment"] for r in mine if "comment" in r), "")
            out[cls] = TypeInfo(cls, english, tuple(names), comment, tuple(sorted(direct)), cls in personal)
        return out

    def type_of(self, iri: str) -> list[dict]:
        """The entity's most specific types, as the API writes types."""
        return [{"id": t, "name": self.classes[t].name if t in self.classes else t}
                for t in self.specific.get(iri, ())]

    # --- names ---------------------------------------------------------------------------------------

    def _value_names(self, store) -> dict[str, str]:
        """Names for the entity values without a label (a quantity's text as stated, an address's street)."""
        from saxgraph.describe.resource import add_fallback_labels, best_label

        unnamed = {term.value for by_entity in self.properties.values.values()
                   for values in by_entity.values() for term in values
                   if isinstance(term, ox.NamedNode) and term.value not in self.display}
        found: dict[str, dict] = {}
        add_fallback_labels(store, found, sorted(unnamed))
        return {iri: best_label(labels, "en") for iri, labels in found.items()}

    def name_of(self, iri: str) -> str:
        return self.display.get(iri) or self._fallback_names.get(iri) or short_id(iri)

    # --- matching ------------------------------------------------------------------------------------

    def _build_matching(self) -> None:
        self.by_full: dict[str, list[int]] = defaultdict(list)
        self.by_core: dict[str, list[int]] = defaultdict(list)
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.by_sorted_words: dict[tuple, list[int]] = defaultdict(list)
        for i, entry in enumerate(self.entries):
            self.by_full[entry.name.full_compact].append(i)
            self.by_core[entry.name.compact].append(i)
            self.by_sorted_words[tuple(sorted(entry.name.core))].append(i)
            for word in set(entry.name.core):
                self.postings[word].append(i)
        n = len(self.entries) or 1
        self.weight = {word: log(1 + n / len(entries)) for word, entries in self.postings.items()}
        self.rare = log(1 + n)  # the weight of a word no label has
        self.entry_weight = [sum(self.weight[w] for w in set(e.name.core)) for e in self.entries]
        self.words_of: dict[str, set[str]] = defaultdict(set)  # entity -> the words of all its labels
        self.acronyms: dict[str, set[str]] = defaultdict(set)  # entity -> its labels of one word
        for entry in self.entries:
            self.words_of[entry.iri].update(entry.name.core)
            if len(entry.name.core) == 1:
                self.acronyms[entry.iri].add(entry.name.core[0])
        self.vocabulary = sorted(self.postings)
        self.longest_word = max((len(w) for w in self.vocabulary), default=0)
        self.neighbours: dict[str, set[str]] = defaultdict(set)
        for word in self.vocabulary:
            for variant in deletions(word, max_edits(word)):
                self.neighbours[variant].add(word)
        self.compact_neighbours: dict[str, set[str]] = defaultdict(set)
        self.longest = max((len(c) for c in self.by_core), default=0)
        for compact in self.by_core:
            if len(compact) >= 6:
                for variant in deletions(compact, 1):
                    self.compact_neighbours[variant].add(compact)

    def expansions(self, word: str) -> list[tuple[str, float]]:
        """The label words a query word may stand for, with how well: itself, its typos, words it begins."""
        cached = self._expansions.get(word)
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 1.0
        edits = max_edits(word)
        if edits and len(word) <= self.longest_word + edits:  # a longer one is no typo of any label word
            for variant in deletions(word, edits):
                for candidate in self.neighbours.get(variant, ()):
                    if candidate not in found:
                        limit = min(edits, max_edits(candidate))
                        if limit and (sim := similarity(word, candidate, limit)):
                            found[candidate] = sim
        if len(word) >= 4:
            start = bisect.bisect_left(self.vocabulary, word)
            for candidate in self.vocabulary[start:start + MAX_PREFIX_EXPANSIONS]:
                if not candidate.startswith(word):
                    break
                found[candidate] = max(found.get(candidate, 0.0), PREFIX_WORD)
        result = sorted(found.items())
        with self._lock:
            if len(self._expansions) > 100_000:
                self._expansions.clear()
            self._expansions[word] = result
        return result

    def match(self, text: str) -> dict[str, tuple[float, Entry]]:
        """Entity IRI -> (name score in [0, 1], the label that scored it) for every entity a name may mean."""
        q = name(text)
        if not q.core:
            return {}
        scores: dict[int, float] = {}

        def offer(i: int, score: float) -> None:
            if score > scores.get(i, 0.0):
                scores[i] = score

        for i in self.by_full.get(q.full_compact, ()):
            offer(i, SAME)
        for i in self.by_core.get(q.compact, ()):
            offer(i, SAME_BUT_LEGAL_FORM)
        for i in self.by_sorted_words.get(tuple(sorted(q.core)), ()):
            offer(i, SAME_WORDS_REORDERED)
        matched: dict[int, dict[str, float]] = defaultdict(dict)  # entry -> label word -> similarity
        query_matched: dict[int, float] = defaultdict(float)  # entry -> matched weight of the query
        query_words = q.core[:MAX_QUERY_WORDS]
        query_weight = 0.0
        for word in query_words:
            options = self.expansions(word)
            weight = self.weight.get(word, self.rare)
            query_weight += weight
            best_for: dict[int, float] = {}
            for candidate, sim in options:
                for i in self.postings[candidate]:
                    if sim > matched[i].get(candidate, 0.0):
                        matched[i][candidate] = sim
                    if sim > best_for.get(i, 0.0):
                        best_for[i] = sim
            for i, sim in best_for.items():
                query_matched[i] += weight * sim
        for i, words in matched.items():
            precision = min(1.0, query_matched[i] / query_weight)
            recall = min(1.0, sum(self.weight[w] * s for w, s in words.items()) / self.entry_weight[i])
            if precision and recall:
                offer(i, min(SIMILAR_AT_MOST, 2 * precision * recall / (precision + recall)))
        compact = q.compact
        letters = set()
        if 6 <= len(compact) <= self.longest + 1:  # a longer name is no label with a letter missing
            for variant in deletions(compact, 1):
                for other in self.compact_neighbours.get(variant, ()):
                    letters.update(self.by_core[other])
        letters.update(sorted(scores, key=scores.get, reverse=True)[:LETTER_COMPARISONS])
        for i in letters:
            if scores.get(i, 0.0) < SIMILAR_AT_MOST:
                other = self.entries[i].name.compact
                limit = min(3, max(1, min(len(compact), len(other)) // 6))
                offer(i, min(SIMILAR_AT_MOST, similarity(compact, other, limit)))
        best: dict[str, tuple[float, Entry]] = {}
        words = set(query_words)
        for i, score in scores.items():
            entry = self.entries[i]
            if not entry.preferred:
                score *= ALTERNATIVE_LABEL
            if len(words) >= 2 and words <= self.words_of[entry.iri] and words & self.acronyms[entry.iri]:
                score = max(score, SHORT_FORM)  # "Fraunhofer ENAS": its acronym and words of its name
            if entry.iri not in best or score > best[entry.iri][0]:
                best[entry.iri] = (score, entry)
        return best

    def suggest(self, prefix: str) -> list[tuple[tuple, Entry]]:
        """Labels that begin with the prefix, or whose words begin with its words, best first."""
        p = name(prefix)
        if not p.full:
            return []
        compact = p.full_compact
        best: dict[str, tuple] = {}
        for entry in self.entries:
            label = entry.name.full_compact
            if label == compact:
                kind = 0
            elif label.startswith(compact) or short_id(entry.iri).startswith(prefix.strip()):
                kind = 1
            elif all(any(w.startswith(pw) for w in entry.name.full) for pw in p.full):
                kind = 2
            else:
                continue
            rank = (kind, not entry.preferred, len(entry.text), entry.text.casefold(), entry.iri)
            if entry.iri not in best or rank < best[entry.iri][0]:
                best[entry.iri] = (rank, entry)
        return sorted(best.values(), key=lambda item: item[0])


def short_id(iri: str) -> str:
    """An entity's API id: its IRI relative to the identifier space (`cluster/silicon-saxony`)."""
    return iri[len(ID_BASE):] if iri.startswith(ID_BASE) else iri


def index_for(store) -> ReconcileIndex:
    """The matching index of this store's data version, built on first use and kept with the search index."""
    return search.index_for(store, ReconcileIndex)
