"""Public mode (PUBLIC / --public): no person's name, direct line or post appears on any route or in any dump.

The persons and their numbers are taken from the full data by SPARQL, so the test follows the data."""

import gzip
import html
import io
import json
import zipfile
from urllib.parse import quote

import pytest

from saxgraph.namespaces import ID_BASE, SPARQL_PREFIXES

RDF_EXTENSIONS = ["ttl", "nt", "jsonld", "rdf", "trig", "nq"]
PERSONS = SPARQL_PREFIXES + "SELECT ?person ?label { ?person a sg:Person ; rdfs:label ?label }"
NUMBERS = SPARQL_PREFIXES + """SELECT DISTINCT ?number { ?person a sg:Person ; ?property ?number
    FILTER(?property IN (sg:telephone, sg:telephoneAsStated, sg:faxNumber, sg:faxNumberAsStated)) }"""
LINKED = SPARQL_PREFIXES + f"""SELECT DISTINCT ?entity {{
    {{ ?entity ?p ?person }} UNION {{ ?person ?p ?entity }}
    ?person a sg:Person FILTER(isIRI(?entity) && STRSTARTS(STR(?entity), "{ID_BASE}")) }}"""


@pytest.fixture(scope="session")
def personal(dataset):
    """What public mode must never show, read from the full data: names, IRI slugs, phone and fax numbers."""
    persons = dataset.select(PERSONS)
    numbers = [row["number"] for row in dataset.select(NUMBERS)]
    assert len(persons) >= 30 and len(numbers) >= 60  # the contact persons of the leading-edge clusters
    slugs = [row["person"].rsplit("/", 1)[1] for row in persons]
    return {"names": [row["label"] for row in persons], "slugs": slugs, "numbers": numbers,
            "persons": [row["person"] for row in persons]}


@pytest.fixture(scope="session")
def public_app(dataset):
    from saxgraph.web import create_app

    return create_app({"STORE": dataset, "PUBLIC": True, "TESTING": True, "QUERY_WORKERS": 1})


@pytest.fixture
def public_client(public_app):
    return public_app.test_client()


def readable(response) -> str:
    """The text of a response as a person would read it: JSON unescaped, XML entities resolved,
    zips opened."""
    body = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    text = body.decode("utf-8")
    if "json" in response.mimetype:
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text)


def leaks(text: str, personal: dict) -> list[str]:
    found = [n for n in personal["names"] + personal["numbers"] if n in text]
    found += [s for s in personal["slugs"] if f"/{s}" in text or f"{s}-at-" in text or f":{s}" in text]
    return found


def test_the_full_data_shows_what_public_mode_hides(real_client, personal):
    """The detector works: without PUBLIC the contact persons are there to be found."""
    text = readable(real_client.get("/download/saxgraph.nq"))
    assert set(leaks(text, personal)) == set(personal["names"] + personal["numbers"] + personal["slugs"])


DUMPS = [f"saxgraph.{e}" for e in ["nq", "trig", "ttl", "nt", "jsonld", "rdf", "graphml", "gexf", "csv.zip"]]
DOMAIN_DUMPS = [f"saxgraph-domain.{e}" for e in ["graphml", "gexf", "csv.zip"]]


@pytest.mark.parametrize("filename", DUMPS + DOMAIN_DUMPS)
def test_no_download_holds_personal_data(public_client, personal, filename):
    response = public_client.get(f"/download/{filename}")
    assert response.status_code == 200
    assert leaks(readable(response), personal) == []


def test_gzipped_downloads_hold_no_personal_data(public_client, personal):
    response = public_client.get("/download/saxgraph.nq", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert leaks(readable(response), personal) == []


@pytest.mark.parametrize("form", ["json", "xml", "csv", "tsv"])
def test_sparql_select_everything_shows_no_personal_data(public_client, personal, form):
    for query in ["SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"]:
        response = public_client.get(f"/sparql?format={form}&query={quote(query)}")
        assert response.status_code == 200
        text = readable(response)
        assert "Cool Silicon" in text  # the rest of the graph is there
        assert leaks(text, personal) == []


def test_sparql_finds_no_person_and_no_contact(public_client):
    query = SPARQL_PREFIXES + f"""SELECT (COUNT(*) AS ?n) {{
        {{ ?x a foaf:Person }} UNION {{ ?x a schema:Person }} UNION {{ ?o sg:contactPerson ?x }}
        UNION {{ ?x sg:givenName ?name }}
        UNION {{ ?x schema:telephone ?t FILTER(CONTAINS(STR(?x), "/person/")) }}
        UNION {{ ?m a org:Membership ; org:member ?x FILTER(STRSTARTS(STR(?x), "{ID_BASE}person/")) }} }}"""
    response = public_client.get(f"/sparql?format=csv&query={quote(query)}")
    assert response.get_data(as_text=True).split() == ["n", "0"]


def test_organisations_keep_their_own_phone_numbers(public_client, dataset):
    """An organisation's number is not personal data: public mode keeps it."""
    query = SPARQL_PREFIXES + "SELECT ?o ?n { ?o sg:telephone ?n FILTER NOT EXISTS { ?o a sg:Person } }"
    expected = {(r["o"], r["n"]) for r in dataset.select(query)}
    assert expected
    response = public_client.get(f"/sparql?query={quote(query)}")
    rows = response.get_json()["results"]["bindings"]
    assert {(r["o"]["value"], r["n"]["value"]) for r in rows} == expected


def test_entity_pages_in_every_format_show_no_personal_data(public_client, dataset, personal):
    """Every entity a person was linked to (organisations, projects, events, documents), HTML and RDF."""
    linked = [row["entity"] for row in dataset.select(LINKED)]
    assert len(linked) > 30
    for iri in linked:
        path = "/id/" + iri[len(ID_BASE):]
        if iri in personal["persons"] or "/membership/" in path or "/evidence/" in path:
            continue  # a person's posts, and the evidence of statements about a person, are personal too
        for suffix in ["", *(f".{e}" for e in RDF_EXTENSIONS), "/neighbourhood.json"]:
            response = public_client.get(path + suffix, headers={"Accept": "text/html"})
            assert response.status_code == 200, path + suffix
            assert leaks(readable(response), personal) == [], path + suffix


def test_persons_and_their_posts_are_not_found(public_client, dataset, personal):
    posts = dataset.select(SPARQL_PREFIXES + "SELECT ?m { ?m a sg:Membership ; sg:member/a sg:Person }")
    assert posts
    for iri in personal["persons"] + [row["m"] for row in posts]:
        for suffix in ["", ".ttl"]:
            response = public_client.get("/id/" + iri[len(ID_BASE):] + suffix)
            assert response.status_code == 404  # the page names only the IRI that was asked for


@pytest.mark.parametrize("path, accept", [
    ("/", "text/html"), ("/index.json", "application/json"), ("/classes", "text/html"),
    ("/class/Person", "text/html"), ("/class/Person", "application/json"), ("/class/Membership", "text/html"),
    ("/class/Organisation", "text/html"), ("/.well-known/void", "text/turtle"),
    ("/.well-known/void", "text/html"),
    ("/download/", "text/html"), ("/download/", "application/json"), ("/sparql", "text/turtle"),
    ("/health", "application/json"), ("/ontology", "text/html"), ("/examples", "text/html"),
])
def test_pages_and_descriptions_show_no_personal_data(public_client, personal, path, accept):
    response = public_client.get(path, headers={"Accept": accept})
    assert response.status_code == 200, path
    assert leaks(readable(response), personal) == []


def test_class_page_counts_no_persons(public_client):
    response = public_client.get("/class/Person", headers={"Accept": "application/json"})
    assert response.get_json()["count"] == 0


def test_graph_pages_show_no_personal_data(public_client, dataset, personal):
    for graph in dataset.graphs():
        if "/graph/" not in graph:
            continue
        path = "/graph/" + graph.rsplit("/graph/", 1)[1]
        response = public_client.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 200, path
        assert leaks(readable(response), personal) == [], path


def test_search_finds_no_person(public_client, personal):
    family_names = {name.split()[-1] for name in personal["names"]}
    for query in sorted(family_names) + personal["names"][:5]:
        for accept in ["application/json", "text/html"]:
            response = public_client.get(f"/search?q={quote(query)}", headers={"Accept": accept})
            assert response.status_code == 200
            # the page repeats what was searched for; nothing else may name a person
            assert leaks(readable(response).replace(query, ""), personal) == [], query
    hits = public_client.get("/search?q=" + quote(personal["names"][0]),
                             headers={"Accept": "application/json"})
    assert not any("/person/" in hit["iri"] for hit in hits.get_json()["results"])


def test_void_statistics_count_the_public_data(public_client, real_client):
    public = public_client.get("/health").get_json()
    full = real_client.get("/health").get_json()
    assert public["quads"] < full["quads"] and public["dataset"] != full["dataset"]
    void = public_client.get("/.well-known/void.nt").get_data(as_text=True)
    assert f'"{public["triples"]}"' in void


def test_the_ontology_marks_personal_data(dataset):
    """The decision lives in the ontology: which terms are personal, labelled in English and German."""
    marked = {row["term"]
              for row in dataset.select(SPARQL_PREFIXES + "SELECT ?term { ?term sg:personalData true }")}
    sg = "https://w3id.org/saxgraph/ontology#"
    assert marked == {sg + t for t in ("Person", "contactPerson", "givenName", "familyName",
                                       "honorificPrefix", "honorificSuffix")}
    assert sg + "telephone" not in marked  # organisations have phone numbers too: only a person's is personal
    labels = dataset.select(SPARQL_PREFIXES + """SELECT (LANG(?l) AS ?lang) {
        sg:personalData a owl:AnnotationProperty ; rdfs:label ?l ; rdfs:comment ?c
        FILTER(LANG(?c) = LANG(?l)) }""")
    assert {row["lang"] for row in labels} == {"en", "de"}


def test_health_says_whether_personal_data_is_left_out(public_client, real_client):
    assert public_client.get("/health").get_json()["public"] is True
    assert real_client.get("/health").get_json()["public"] is False


def test_the_filter_follows_the_ontology_not_a_fixed_list():
    """A sub-class of a marked class is personal too; an organisation's number stays; free text naming a
    person goes; a store without markings is refused rather than served unfiltered."""
    import pyoxigraph as ox

    from saxgraph.build.personal_data import public_quads
    from saxgraph.errors import SaxgraphError

    data = """
    @prefix sg: <https://w3id.org/saxgraph/ontology#> . @prefix ex: <http://example.org/> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    sg:Person sg:personalData true . sg:givenName sg:personalData true .
    ex:Minister rdfs:subClassOf sg:Person .
    ex:ada a ex:Minister ; rdfs:label "Ada Lovelace" ; sg:telephone "+441234" ; sg:givenName "Ada" .
    ex:post a sg:Membership ; sg:member ex:ada ; sg:organisation ex:org ; sg:roleTitle "Minister" .
    ex:org a sg:Organisation ; rdfs:label "Engines Ltd" ; sg:telephone "+449999" ;
        ex:note "Ada Lovelace signed for Engines Ltd." ; ex:leader ex:ada .
    """
    quads = list(ox.parse(data.encode(), format=ox.RdfFormat.TURTLE))
    kept = {(q.subject.value, q.predicate.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1], q.object.value)
            for q in public_quads(quads)}
    assert not any("ada" in s or "post" in s or "ada" in o for s, _, o in kept)
    assert ("http://example.org/org", "telephone", "+449999") in kept
    assert ("http://example.org/org", "label", "Engines Ltd") in kept
    assert not any("Lovelace" in o for _, _, o in kept)
    with pytest.raises(SaxgraphError):
        public_quads([q for q in quads if "personalData" not in q.predicate.value])


def test_free_text_naming_a_person_by_a_short_family_name_goes_too():
    """The safety net matches a person's label or family name as a whole word, whatever its length: "Ott"
    and "Post" are names here, "posts" and "Ottoman" are not."""
    import pyoxigraph as ox

    from saxgraph.build.personal_data import public_quads

    data = """
    @prefix sg: <https://w3id.org/saxgraph/ontology#> . @prefix ex: <http://example.org/> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    sg:Person sg:personalData true . sg:familyName sg:personalData true .
    ex:jo a sg:Person ; rdfs:label "Jo Ott" ; sg:familyName "Ott" .
    ex:li a sg:Person ; rdfs:label "Li Post" ; sg:familyName "Post" .
    ex:org ex:note "Signed by Ott." , "Contact: Post, Dresden" , "Ottoman posts" , "post@example.org" .
    """
    kept = {q.object.value for q in public_quads(list(ox.parse(data.encode(), format=ox.RdfFormat.TURTLE)))
            if q.subject.value == "http://example.org/org"}
    assert kept == {"Ottoman posts", "post@example.org"}


def test_a_reload_in_public_mode_serves_the_public_variant_again(mini_build):
    """SIGHUP reopens the build; in public mode what it swaps in is filtered like what the app
    started with."""
    from saxgraph.web import create_app, reload_store

    app = create_app({"PUBLIC": True, "BUILD_DIR": str(mini_build.dataset_path.parent), "TESTING": True})
    started = app.extensions["saxgraph.store"]
    reloaded = reload_store(app)
    assert reloaded is not started and reloaded.version == started.version
    ask = "ASK { ?person a <https://w3id.org/saxgraph/ontology#Person> }"
    assert app.test_client().get("/sparql", query_string={"query": ask}).get_json()["boolean"] is False
