"""Class pages as tables (issue 16): sorted, filtered and paged on the server, the HTML page and its CSV and
JSON twins showing the same rows; bad parameters are a 400 that says why; labels follow the page's language;
public mode leaves the persons' table empty, as it leaves their pages out."""

import csv
import io
import re

import pytest

from saxgraph.describe.class_table import csv_text

ID = "https://w3id.org/saxgraph/id/"


def table(client, path, **args):
    response = client.get(path + ".json", query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def labels(data):
    return [row["label"] for row in data["rows"]]


def html_rows(page: str) -> list[tuple[str, str]]:
    """(href, label) of each row's first cell, in the order shown."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<tr><td data-label="[^"]*"><a href="([^"]+)" title="[^"]+">([^<]+)</a>', body)


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_rows_have_label_types_location_and_sources(client):
    data = table(client, "/class/Organisation")
    assert data["columns"] == ["iri", "label", "types", "location", "sources"]
    cool = next(r for r in data["rows"] if r["iri"] == ID + "cluster/cool-silicon")
    assert cool["label"] == "Cool Silicon" and cool["href"] == "/id/cluster/cool-silicon"
    assert {t["label"] for t in cool["types"]} == {"association", "cluster"}  # the most specific classes
    assert [p["label"] for p in cool["location"]] == ["Dresden"]
    assert [s["label"] for s in cool["sources"]] == ["Fixture clusters"]
    tu = next(r for r in data["rows"] if r["iri"] == ID + "organisation/tu-dresden")
    assert [s["label"] for s in tu["sources"]] == ["Fixture clusters", "the curator"]


def test_sorted_by_label_by_default_and_reversed_with_desc(client):
    ascending = labels(table(client, "/class/Organisation"))
    assert ascending == sorted(ascending, key=str.casefold) and len(ascending) == 4
    assert labels(table(client, "/class/Organisation", sort="label", desc="1")) == ascending[::-1]


def test_sorted_by_another_column_with_empty_cells_last(client):
    rows = table(client, "/class/Organisation", sort="location")["rows"]
    places = [", ".join(p["label"] for p in r["location"]) for r in rows]
    filled = [p for p in places if p]
    assert filled == sorted(filled) and places[len(filled):] == [""] * (len(places) - len(filled))
    rows = table(client, "/class/Organisation", sort="location", desc="1")["rows"]
    places = [", ".join(p["label"] for p in r["location"]) for r in rows]
    assert [p for p in places if p] == sorted(filled, reverse=True)
    assert places[len(filled):] == [""] * (len(places) - len(filled))  # empty cells last either way


@pytest.mark.parametrize(("args", "expected"), [
    ({"q": "cool"}, ["Cool Silicon"]),
    ({"q": "COOL sil"}, ["Cool Silicon"]),  # case-insensitive, a substring of the label
    ({"location": "dresden"}, ["Cool Silicon", "TU Dresden"]),
    ({"location": "place/grenoble"}, ["Minalogic"]),  # or the place's short IRI
    ({"source": "curator"}, ["TU Dresden"]),
    ({"type": "university"}, ["TU Dresden"]),
    ({"q": "dresden", "location": "dresden"}, ["TU Dresden"]),  # filters combine
    ({"q": "zzz"}, []),
])
def test_filters(client, args, expected):
    data = table(client, "/class/Organisation", **args)
    assert labels(data) == expected
    assert data["total"] == len(expected) and data["count"] == 4  # matching rows, all instances
    assert data["filters"] == args


def test_paging_totals_and_links(client):
    everything = labels(table(client, "/class/Organisation"))
    first = table(client, "/class/Organisation", size=3)
    assert (first["total"], first["pages"], first["page"], len(first["rows"])) == (4, 2, 1, 3)
    assert first["prev"] is None and first["next"].endswith("/class/Organisation.json?page=2&size=3")
    second = client.get(first["next"]).get_json()
    assert labels(first) + labels(second) == everything
    assert second["next"] is None and second["prev"].endswith("/class/Organisation.json?size=3")
    page = client.get("/class/Organisation?size=3&page=2").get_data(as_text=True)
    assert "Showing 4–4 of 4" in page and 'rel="prev"' in page and 'rel="next"' not in page
    assert "page 2 of 2" in page


def test_sort_links_keep_filters_and_toggle_the_direction(client):
    page = client.get("/class/Organisation?q=o&size=2").get_data(as_text=True)
    assert 'aria-sort="ascending"' in page
    assert 'href="/class/Organisation?desc=1&amp;q=o&amp;size=2"' in page  # label, the default, reversed
    assert 'href="/class/Organisation?sort=location&amp;q=o&amp;size=2"' in page


@pytest.mark.parametrize("args", [{}, {"sort": "location", "desc": "1"}, {"size": "2", "page": "2"},
                                  {"q": "o", "sort": "types"}, {"source": "fixture", "sort": "sources"}])
def test_csv_json_and_html_show_the_same_rows(client, args):
    data = table(client, "/class/Organisation", **args)
    csv_response = client.get("/class/Organisation.csv", query_string=args)
    assert csv_response.status_code == 200 and csv_response.mimetype == "text/csv"
    body = csv_response.get_data(as_text=True)
    assert body.splitlines()[0] == "iri,label,types,location,sources"
    from_csv = csv_rows(body)
    page = client.get("/class/Organisation", query_string=args).get_data(as_text=True)
    from_html = html_rows(page) if data["rows"] else []
    assert [r["iri"] for r in from_csv] == [r["iri"] for r in data["rows"]]
    assert [r["label"] for r in from_csv] == labels(data) == [label for _, label in from_html]
    assert [href for href, _ in from_html] == [r["href"] for r in data["rows"]]
    for row, line in zip(data["rows"], from_csv, strict=True):
        assert line["types"] == "; ".join(t["label"] for t in row["types"])
        assert line["location"] == "; ".join(p["label"] for p in row["location"])
        assert line["sources"] == "; ".join(s["label"] for s in row["sources"])


def test_the_twins_by_extension_format_or_accept(client):
    by_extension = client.get("/class/Cluster.csv").get_data()
    assert client.get("/class/Cluster?format=csv").get_data() == by_extension
    assert client.get("/class/Cluster", headers={"Accept": "text/csv"}).get_data() == by_extension
    assert client.get("/class/Cluster?format=json").get_json() == client.get("/class/Cluster.json").get_json()
    page = client.get("/class/Cluster").get_data(as_text=True)
    assert 'href="/class/Cluster.csv"' in page and 'href="/class/Cluster.json"' in page
    filtered = client.get("/class/Cluster?q=cool").get_data(as_text=True)
    assert 'href="/class/Cluster.csv?q=cool"' in filtered  # the twins of exactly these rows
    assert "Accept" in client.get("/class/Cluster").headers["Vary"]


def test_csv_quotes_what_needs_quoting():
    rows = [{"iri": ID + "x/a", "label": 'Kunst, "Design" und\nTechnik', "types": [{"label": "t; u"}],
             "location": [], "sources": [{"label": "Doc"}]}]
    text = csv_text(rows)
    assert text.endswith("\r\n") and text.startswith("iri,label,types,location,sources\r\n")
    parsed = csv_rows(text)
    assert parsed[0]["label"] == 'Kunst, "Design" und\nTechnik' and parsed[0]["location"] == ""
    assert '"Kunst, ""Design"" und\nTechnik"' in text


@pytest.mark.parametrize(("args", "words"), [
    ({"sort": "colour"}, "sort must be one of label, types, location, sources"),
    ({"desc": "maybe"}, "desc must be 1 or 0"),
    ({"page": "0"}, "page must be a whole number from 1"),
    ({"page": "two"}, "page must be a whole number"),
    ({"size": "201"}, "size must be a whole number from 1 to 200"),
    ({"size": "-5"}, "size must be"),
    ({"page": "9"}, "page 9 is past the last page (1)"),
])
@pytest.mark.parametrize("ext", ["", ".json", ".csv"])
def test_bad_parameters_are_a_400_that_says_why(client, args, words, ext):
    response = client.get("/class/Cluster" + ext, query_string=args)
    assert response.status_code == 400
    assert words in response.get_data(as_text=True)


def test_unknown_class_is_404_in_every_format(client):
    for ext in ["", ".json", ".csv"]:
        assert client.get("/class/NoSuchClass" + ext).status_code == 404


def test_german_labels_and_chrome(client):
    page = client.get("/class/Organisation?lang=de").get_data(as_text=True)
    assert "Bezeichnung" in page and "Quelldokumente" in page and "1–4 von 4" in page
    german = table(client, "/class/Organisation", lang="de")
    english = table(client, "/class/Organisation", lang="en")
    types_de = {t["label"] for r in german["rows"] for t in r["types"]}
    types_en = {t["label"] for r in english["rows"] for t in r["types"]}
    assert "university" in types_en and "university" not in types_de  # the class labels in German


def test_memberships_are_listed_by_their_readable_label(client):
    rows = table(client, "/class/Membership")["rows"]
    assert [r["label"] for r in rows] == ["Erika Muster at Cool Silicon (contact person)"]
    assert table(client, "/class/Membership", lang="de")["rows"][0]["label"].startswith("Erika Muster bei ")


@pytest.fixture(scope="module")
def public_client(mini_dataset):
    from saxgraph.web import create_app

    return create_app({"STORE": mini_dataset, "PUBLIC": True, "TESTING": True}).test_client()


def test_public_mode_leaves_the_persons_table_empty(client, public_client):
    assert table(client, "/class/Person")["total"] == 1  # the fixture's one person, when not public
    data = table(public_client, "/class/Person")
    assert data["count"] == data["total"] == 0 and data["rows"] == []
    assert csv_rows(public_client.get("/class/Person.csv").get_data(as_text=True)) == []
    page = public_client.get("/class/Person").get_data(as_text=True)
    assert "Erika" not in page and "Muster" not in page and "No rows match." in page
    assert table(public_client, "/class/Membership")["rows"] == []
    everything = public_client.get("/class/Organisation.csv?size=200").get_data(as_text=True)
    assert "Muster" not in everything
