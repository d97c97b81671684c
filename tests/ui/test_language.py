"""German and English pages: ?lang= and Accept-Language choose the labels and the page chrome; every text the
templates translate has its German translation; HTML says its language and the choice is remembered."""

import re
from pathlib import Path

import pytest

from saxgraph.web import language

TEMPLATES = Path(language.__file__).parent / "templates"
TRANSLATED = re.compile(r"""\bt\(\s*(["'])(.+?)\1""")


def translated_texts() -> set[str]:
    texts = set()
    for path in TEMPLATES.glob("*.html"):
        texts |= {match.group(2) for match in TRANSLATED.finditer(path.read_text(encoding="utf-8"))}
    return texts


def test_every_translated_text_of_the_templates_has_its_german():
    texts = translated_texts()
    assert len(texts) >= 10
    missing = sorted(texts - set(language.catalogue("de")))
    assert not missing, f"no German for {missing} (add them to src/saxgraph/web/translations/de/)"


def test_english_is_the_default(client):
    page = client.get("/")
    assert page.headers["Content-Language"] == "en"
    assert '<html lang="en">' in page.text and ">Classes</a>" in page.text


@pytest.mark.parametrize("how", ["parameter", "header"])
def test_german_by_parameter_or_by_accept_language(client, how):
    page = client.get("/?lang=de") if how == "parameter" else \
        client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"})
    assert page.status_code == 200
    assert page.headers["Content-Language"] == "de"
    assert '<html lang="de">' in page.text and ">Klassen</a>" in page.text
    assert "Accept-Language" in page.headers["Vary"]


def test_the_parameter_is_remembered_and_overrides_the_header(client):
    chosen = client.get("/?lang=de", headers={"Accept-Language": "en"})
    assert "saxgraph_lang=de" in chosen.headers["Set-Cookie"]
    later = client.get("/classes", headers={"Accept-Language": "en"})
    assert later.headers["Content-Language"] == "de"
    back = client.get("/classes?lang=en")
    assert back.headers["Content-Language"] == "en" and "saxgraph_lang=en" in back.headers["Set-Cookie"]


def test_an_unknown_language_falls_back(client):
    page = client.get("/?lang=xx", headers={"Accept-Language": "fr"})
    assert page.status_code == 200 and page.headers["Content-Language"] == "en"


def test_labels_follow_the_language_and_data_does_not(client):
    german = client.get("/ontology?lang=de").text
    english = client.get("/ontology?lang=en").text
    assert german != english
    turtle_de = client.get("/id/cluster/cool-silicon?lang=de", headers={"Accept": "text/turtle"})
    turtle_en = client.get("/id/cluster/cool-silicon?lang=en", headers={"Accept": "text/turtle"})
    assert turtle_de.data == turtle_en.data and "Content-Language" not in turtle_de.headers


def test_every_page_offers_the_switch(client):
    page = client.get("/classes?lang=de").text
    assert 'hreflang="en"' in page and 'href="/classes?lang=en"' in page


def test_no_template_hides_the_translator_behind_a_name_t():
    """`t` is the translator in every template; a loop, macro or set variable called t would shadow it."""
    loops = re.compile(r"{%-?\s*for\s+([\w\s,]+?)\s+in\b")
    others = re.compile(r"{%-?\s*(?:macro\s+\w+\(([^)]*)\)|set\s+(\w+))")
    offenders = []
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        names = [name.strip() for match in loops.finditer(text) for name in match.group(1).split(",")]
        for match in others.finditer(text):
            names += [name.split("=")[0].strip() for name in (match.group(1) or match.group(2)).split(",")]
        if "t" in names:
            offenders.append(path.name)
    assert not offenders
