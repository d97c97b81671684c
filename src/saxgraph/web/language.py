"""The language of a page: `?lang=de|en` (remembered in a cookie, so the links of a page keep it), else the
cookie, else the browser's Accept-Language, else English. It chooses the labels and descriptions
(saxgraph.describe.language) and the words of the page chrome (`t` in templates, from
translations/<language>/*.json, one file per part of the site, merged: English text -> its translation;
English is the text itself).

RDF, JSON and SPARQL answers carry every language they have and do not change with it; HTML pages say which
language they are in (`Content-Language`, `<html lang>`) and vary with the request's choice."""

import json
from functools import cache
from pathlib import Path

from flask import Flask, g, request
from markupsafe import Markup

from saxgraph.describe import language as labels

COOKIE = "saxgraph_lang"
PARAMETER = "lang"
NAMES = {"en": "English", "de": "Deutsch"}
FOLDER = Path(__file__).parent / "translations"


@cache
def catalogue(language: str) -> dict[str, str]:
    """Every translation of `language`: the files of translations/<language>/ merged (a text translated
    twice, differently, is an error: one text, one translation)."""
    merged: dict[str, str] = {}
    for path in sorted((FOLDER / language).glob("*.json")):
        for text, translation in json.loads(path.read_text(encoding="utf-8")).items():
            if merged.get(text, translation) != translation:
                raise ValueError(f"{path.name}: {text!r} is translated differently in another file")
            merged[text] = translation
    return merged


def chosen() -> tuple[str, str]:
    """(language, what chose it: 'parameter', 'cookie', 'header' or 'default')."""
    asked = request.args.get(PARAMETER, "").strip().lower()
    if asked in labels.LANGUAGES:
        return asked, "parameter"
    remembered = request.cookies.get(COOKIE, "")
    if remembered in labels.LANGUAGES:
        return remembered, "cookie"
    best = request.accept_languages.best_match(labels.LANGUAGES)
    if best:
        return best, "header"
    return labels.DEFAULT, "default"


def current() -> str:
    return g.get("saxgraph_language") or labels.DEFAULT


def translate(text: str, **values) -> str:
    """The chrome's words in the page's language; `values` fill {name} places after translation."""
    translated = catalogue(current()).get(text, text) if current() != "en" else text
    if values:
        translated = translated.format(**{k: Markup.escape(v) for k, v in values.items()})
        return Markup(translated) if isinstance(text, Markup) else translated
    return translated


def switch_links() -> list[dict]:
    """This page in each language: its own URL with `lang=` set."""
    links = []
    for code, name in NAMES.items():
        args = request.args.to_dict(flat=False)
        args[PARAMETER] = [code]
        query = "&".join(f"{_quote(k)}={_quote(v)}" for k, vs in args.items() for v in vs)
        links.append({"code": code, "name": name, "url": f"{request.path}?{query}",
                      "current": code == current()})
    return links


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def _begin() -> None:
    language, source = chosen()
    g.saxgraph_language, g.saxgraph_language_source = language, source
    g.saxgraph_language_token = labels.prefer(language)


def _end(_error=None) -> None:
    token = g.pop("saxgraph_language_token", None)
    if token is not None:
        labels.restore(token)


def _headers(response):
    """HTML says its language; a URL that can answer HTML (negotiated, or an HTML page) varies with the
    language's sources, on every representation and every 304, so a cache keys them alike."""
    html = response.mimetype == "text/html" and response.status_code != 304
    if html:
        response.headers["Content-Language"] = current()
    if html or "Accept" in response.vary or response.status_code == 304:
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
        if g.get("saxgraph_language_source") == "parameter" and request.cookies.get(COOKIE) != current():
            response.set_cookie(COOKIE, current(), max_age=365 * 24 * 3600, samesite="Lax",
                                secure=request.is_secure, httponly=True)
    return response


def register(app: Flask) -> None:
    app.before_request(_begin)
    app.teardown_request(_end)
    app.after_request(_headers)
    app.add_template_global(translate, "t")
    app.add_template_global(current, "page_language")
    app.add_template_global(switch_links, "language_links")
