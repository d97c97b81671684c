"""The language labels and descriptions are chosen in: English or German, English by default.

A web request sets it for its own duration (saxgraph.web.language: `?lang=`, else Accept-Language); what is
made once per dataset and shared (dumps, graph-tool exports, the reconciliation index) names its language
explicitly, so that no request's choice leaks into it."""

from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("en", "de")
DEFAULT = "en"
_preferred: ContextVar[str] = ContextVar("saxgraph_language", default=DEFAULT)


def preferred() -> str:
    return _preferred.get()


def prefer(language: str):
    """Set the preferred language for this context; returns the token `restore` takes."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return _preferred.set(language)


def restore(token) -> None:
    _preferred.reset(token)


@contextmanager
def preferring(language: str):
    token = prefer(language)
    try:
        yield
    finally:
        restore(token)


def pick(values: dict[str, str] | None, language: str | None = None) -> str | None:
    """The value in `language` (default: the preferred one), else English, else one without a language tag,
    else the first by language tag: a page in German still shows the English label of an entity that has no
    German one."""
    if not values:
        return None
    language = language or preferred()
    for choice in (language, DEFAULT, ""):
        if values.get(choice):
            return values[choice]
    return values[min(values)]
