"""The in-process answer cache: bounded by bytes, least recently used out first, large answers not kept."""

from saxgraph.web.result_cache import AnswerCache, CachedAnswer, answer_key


def answer(size: int) -> CachedAnswer:
    return CachedAnswer(b"x" * size, "text/csv", 1, "solutions", "csv")


def test_least_recently_used_goes_first_when_full():
    cache = AnswerCache(max_bytes=30, max_entry_bytes=30)
    cache.put("a", answer(10))
    cache.put("b", answer(10))
    cache.put("c", answer(10))
    assert cache.get("a") is not None  # a is now the most recently used
    cache.put("d", answer(10))
    assert cache.get("b") is None
    assert all(cache.get(k) is not None for k in "acd")
    assert cache.bytes == 30


def test_an_answer_larger_than_an_entry_may_be_is_not_kept():
    cache = AnswerCache(max_bytes=100, max_entry_bytes=5)
    cache.put("big", answer(6))
    assert cache.get("big") is None and len(cache) == 0


def test_a_zero_size_cache_keeps_nothing():
    cache = AnswerCache(max_bytes=0, max_entry_bytes=1000)
    cache.put("a", answer(0 + 1))
    assert len(cache) == 0


def test_the_key_depends_on_every_part():
    base = ("v1", "SELECT * {}", "json", None, None, "http://h/sparql")
    key = answer_key(*base)
    assert key == answer_key(*base)
    for i, other in enumerate(["v2", "SELECT * { }", "xml", ("g",), ("g",), "http://other/sparql"]):
        changed = list(base)
        changed[i] = other
        assert answer_key(*changed) != key
