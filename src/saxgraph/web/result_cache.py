"""HTTP caching of /sparql answers: the served data are immutable between builds, so an answer is fixed by
the dataset version and the normalised request (query text, protocol dataset, negotiated format, base IRI).

That key gives the ETag (a client or proxy revalidates with If-None-Match and gets 304 without the query
running) and indexes a small in-process LRU of serialised answers (a repeated query is not run again).
"""

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass


def answer_key(version: str, sparql: str, format_name: str, default_graphs, named_graphs,
               base_iri: str | None) -> str:
    """The ETag of an answer: everything the answer's bytes depend on, hashed."""
    parts = [version, format_name, repr(default_graphs), repr(named_graphs), base_iri or "", sparql]
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:40]


@dataclass(frozen=True)
class CachedAnswer:
    body: bytes
    content_type: str
    size: int  # rows, 1 for a boolean, triples for a graph (X-Result-Size)
    form: str
    format_name: str


class AnswerCache:
    """Serialised answers by key, least recently used first out, bounded by total bytes; thread-safe."""

    def __init__(self, max_bytes: int, max_entry_bytes: int):
        self.max_bytes, self.max_entry_bytes = max(0, max_bytes), max(0, max_entry_bytes)
        self._entries: OrderedDict[str, CachedAnswer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: str) -> CachedAnswer | None:
        with self._lock:
            answer = self._entries.get(key)
            if answer is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, key: str, answer: CachedAnswer) -> None:
        size = len(answer.body)
        if size > min(self.max_entry_bytes, self.max_bytes):
            return  # a large answer would push out many small ones; it is cheap to revalidate by ETag anyway
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = answer
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= len(evicted.body)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def bytes(self) -> int:
        return self._bytes
