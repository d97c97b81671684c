"""Names as a spreadsheet spells them and as the documents do: one folded form for both, so that matching
compares words, not spellings.

Folding: case; accents; the German spellings ("ü" = "ue" = "u", "ß" = "ss", so "Görlitz", "Goerlitz" and
"Gorlitz" fold alike); punctuation ("BIO.NRW" = "BIO NRW"); "&" = "and" = "und". The legal form at the end
of a name ("e.V.", "e. V.", "GmbH", "mbH", "AG", "GmbH & Co. KG", "Ltd." ...) is kept apart, so
"Silicon Saxony e. V." and "Silicon Saxony" share their core. Small typos are measured by the optimal string
alignment distance (Levenshtein plus adjacent transpositions), bounded so that a comparison stays cheap."""

import re
from dataclasses import dataclass
from functools import lru_cache

from saxgraph.describe.search import fold

_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d",
                          "&": " and ", "+": " and "})
_WORD = re.compile(r"[^\W_]+")
_DIGRAPH = re.compile("ae|oe|ue")
_CONNECTIVES = {"und": "and", "et": "and"}

# Legal forms (folded words) that end a name: German, then the common foreign ones the documents show.
LEGAL_WORDS = frozenset({
    "gmbh", "ggmbh", "mbh", "ag", "kg", "kgaa", "ohg", "gbr", "ug", "haftungsbeschrankt", "se", "ev", "eg",
    "ltd", "limited", "inc", "llc", "plc", "corp", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "oy",
    "aps", "co", "foundation", "stiftung", "stichting",
})
# ...and the same written with a dot or a space between letters ("e.V.", "e. V.", "S.A.", "B.V.").
LEGAL_SEQUENCES = (("e", "v"), ("e", "g"), ("e", "k"), ("s", "a"), ("s", "p", "a"), ("s", "r", "l"),
                   ("b", "v"), ("n", "v"), ("a", "g"), ("a", "s"))
# Unambiguous anywhere in a name ("Wirtschaftsförderung Sachsen GmbH (WFS)").
LEGAL_ANYWHERE = frozenset({"gmbh", "ggmbh", "mbh", "kgaa", "gbr", "haftungsbeschrankt"})


def _word(token: str) -> str:
    token = _CONNECTIVES.get(token, token)
    return _DIGRAPH.sub(lambda m: m.group(0)[0], token)


def words(text: str) -> tuple[str, ...]:
    """The folded words of a text: 'Technische Universität' and 'TECHNISCHE UNIVERSITAET' alike."""
    return tuple(_word(t) for t in _WORD.findall(fold(text).translate(_LETTERS)))


def without_legal_form(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words without the legal form that ends them (never all of them: 'AG' alone stays 'AG')."""
    core = [t for t in tokens if t not in LEGAL_ANYWHERE] or list(tokens)
    stripped = False
    while len(core) > 1:
        if core[-1] in LEGAL_WORDS:
            core.pop()
        elif stripped and core[-1] == "and":  # "GmbH & Co. KG": the "&" between two legal forms
            core.pop()
            continue
        else:
            for sequence in LEGAL_SEQUENCES:
                n = len(sequence)
                if len(core) > n and tuple(core[-n:]) == sequence:
                    del core[-n:]
                    break
            else:
                break
        stripped = True
    return tuple(core)


@dataclass(frozen=True)
class Name:
    """A name folded for matching: every word, the core without a trailing legal form, and both written
    together without spaces ('ARENA2036' = 'ARENA 2036', 'Clustermanagement' = 'Cluster management')."""

    full: tuple[str, ...]
    core: tuple[str, ...]

    @property
    def full_compact(self) -> str:
        return "".join(self.full)

    @property
    def compact(self) -> str:
        return "".join(self.core)


@lru_cache(maxsize=65536)
def name(text: str) -> Name:
    full = words(text)
    return Name(full, without_legal_form(full))


def max_edits(word: str) -> int:
    """The typos forgiven in a word of this length: none under 4 letters, one under 8, two from 8 on."""
    n = len(word)
    return 0 if n < 4 else 1 if n < 8 else 2


def deletions(word: str, depth: int) -> set[str]:
    """The word with up to `depth` letters deleted (the symmetric-delete neighbourhood of SymSpell): two
    words within `depth` edits share one of these."""
    out, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier if len(w) > 1 for i in range(len(w))}
        out |= frontier
    return out


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance of a and b, or limit + 1 once it is certainly beyond `limit`."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        low = i
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            low = min(low, value)
        if low > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def similarity(a: str, b: str, limit: int) -> float:
    """1.0 for equal strings, less by each edit (relative to the length), 0.0 beyond `limit` edits."""
    d = distance(a, b, limit)
    if d > limit:
        return 0.0
    return 1.0 - d / (max(len(a), len(b)) + 2)
