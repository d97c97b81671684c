"""Search that scales (issue 16): results counted and paged, the JSON twin with the total and the next page,
descriptions searched too (after the labels), a cut-off said; the header's autocomplete feed."""

import re

import pytest

from saxgraph.describe import search as label_search


def get_json(client, **args):
    response = client.get("/search", query_string={**args, "format": "json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_total_and_pages(client):
    everything = get_json(client, q="cool")
    assert everything["total"] == len(everything["results"]) == 4 and everything["pages"] == 1
    assert everything["next"] is None and everything["prev"] is None and everything["truncated"] is False
    first = get_json(client, q="cool", limit=3)
    assert (first["total"], first["pages"], first["page"], len(first["results"])) == (4, 2, 1, 3)
    assert first["next"].endswith("/search?q=cool&limit=3&page=2&format=json")
    second = client.get(first["next"]).get_json()
    paged = first["results"] + second["results"]
    assert [r["iri"] for r in paged] == [r["iri"] for r in everything["results"]]
    assert second["next"] is None and second["prev"].endswith("/search?q=cool&limit=3&format=json")


def test_the_page_says_how_many_and_links_the_pages(client):
    page = client.get("/search?q=cool&limit=3").get_data(as_text=True)
    assert re.search(r"4 results for <q>cool</q>; showing 1–3", page)
    assert 'rel="next" ' not in page and 'href="/search?q=cool&amp;limit=3&amp;page=2" rel="next"' in page
    assert "page 1 of 2" in page
    assert 'href="/search?q=cool&amp;limit=3&amp;format=json"' in page  # its JSON twin
    second = client.get("/search?q=cool&limit=3&page=2").get_data(as_text=True)
    assert '<ol class="results" start="4">' in second and 'rel="prev"' in second
    one = client.get("/search?q=minalogic").get_data(as_text=True)
    assert "1 result for <q>minalogic</q>" in one


def test_german_count(client):
    page = client.get("/search?q=cool&lang=de").get_data(as_text=True)
    assert "4 Treffer für" in page


def test_descriptions_are_searched_after_labels(client):
    found = get_json(client, q="dresden")["results"]
    assert [r["label"] for r in found[:2]] == ["Dresden", "TU Dresden"]  # the labels first
    described = found[2]
    assert described["label"] == "Cool Silicon" and "snippet" in described
    assert "Dresden" in described["snippet"] and set(described) == {"iri", "label", "matched", "classes",
                                                                      "snippet", "href", "class_labels"}
    words = get_json(client, q="federal measure")["results"]  # every word, anywhere in the description
    assert [r["label"] for r in words] == ["Internationalisation of leading-edge clusters"]
    assert get_json(client, q="measure federal")["results"] == words
    assert get_json(client, q="energy efficient microelectronics")["results"][0]["label"] == "Cool Silicon"
    page = client.get("/search?q=grenoble").get_data(as_text=True)
    assert 'class="snippet"' in page and "partner cluster in <mark>Grenoble</mark>." in page


def test_a_cut_off_is_said(client, monkeypatch):
    monkeypatch.setattr(label_search, "MAX_RESULTS", 2)
    data = get_json(client, q="cool")
    assert data["truncated"] is True and data["total"] == 2
    page = client.get("/search?q=cool").get_data(as_text=True)
    assert "only the first 2 are counted" in page


@pytest.mark.parametrize(("args", "words"), [
    ({"q": "cool", "page": "0"}, "page must be a whole number from 1"),
    ({"q": "cool", "page": "x"}, "page must be"),
    ({"q": "cool", "page": "3"}, "page 3 is past the last page (1)"),
    ({"q": "cool", "limit": "101"}, "limit must be from 1 to 100"),
])
def test_bad_paging_is_a_400(client, args, words):
    response = client.get("/search", query_string=args)
    assert response.status_code == 400 and words in response.get_data(as_text=True)


def test_existing_answers_keep_their_shape(client):
    data = get_json(client, q="icool")
    assert {"query", "results"} <= set(data)
    assert [r["label"] for r in data["results"]][0] == "iCool"
    assert get_json(client, q="zzzzzz")["results"] == [] and get_json(client, q="zzzzzz")["total"] == 0
    assert client.get("/search").status_code == 200


def test_suggest_feed_is_a_prefix_match_linking_local_pages(client):
    data = client.get("/search/suggest.json?q=Cool Si").get_json()
    assert data["query"] == "Cool Si"
    assert data["results"][0] == {"iri": "https://w3id.org/saxgraph/id/cluster/cool-silicon",
                                  "href": "/id/cluster/cool-silicon", "label": "Cool Silicon",
                                  "type": "association"}
    assert client.get("/search/suggest.json?q=").get_json()["results"] == []
    assert client.get("/search/suggest.json?q=" + "x" * 300).status_code == 400
    labels = [r["label"] for r in client.get("/search/suggest.json?q=ilicon").get_json()["results"]]
    assert "Cool Silicon" not in labels  # a prefix, not a substring
    assert client.get("/search/suggest.json?q=silicon").get_json()["results"][0]["label"] == "Cool Silicon"


def test_suggest_leaves_persons_out_in_public_mode(client, mini_dataset):
    from saxgraph.web import create_app

    found = client.get("/search/suggest.json?q=erika").get_json()["results"]
    assert any("/person/" in r["iri"] for r in found)
    public = create_app({"STORE": mini_dataset, "PUBLIC": True, "TESTING": True}).test_client()
    assert public.get("/search/suggest.json?q=erika").get_json()["results"] == []


def test_header_search_is_a_combobox_with_its_script(client):
    page = client.get("/classes").get_data(as_text=True)
    field = re.search(r'<input id="site-q"[^>]*>', page).group(0)
    for attribute in ['role="combobox"', 'aria-autocomplete="list"', 'aria-expanded="false"',
                      'aria-controls="site-q-suggestions"', 'data-suggest="/search/suggest.json"']:
        assert attribute in field
    assert '<ul id="site-q-suggestions" class="suggestions" role="listbox"' in page
    assert '<script src="/static/suggest.js" defer></script>' in page
    assert client.get("/static/suggest.js").status_code == 200
