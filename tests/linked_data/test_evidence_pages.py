"""Entity pages show the evidence of each statement Wikidata-style: the source named once per page, each
value citing it by number, the document's words folded under the value with a link to the passage in the
document's own text (/document/<slug>#L<n>), the curator's statements marked with their reason; links from
other resources are paged."""

import html
import re

from markupsafe import escape

from saxgraph.namespaces import SPARQL_PREFIXES
from tests.helpers.documents import SOURCES, normalise


def page(client, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_each_quote_links_to_its_passage_in_the_documents_text(real_client):
    shown = page(real_client, "/id/cluster/cool-silicon")
    quotes = re.findall(r'<q>([^<]+)</q> <a href="(/document/([^?]+)\?lines=(\d+)(?:-(\d+))?#L\d+)">', shown)
    assert len(quotes) >= 10
    for quote, link, _slug, first, last in quotes:
        text = page(real_client, html.unescape(link))
        marked = re.findall(r'<li id="L(\d+)" class="marked">([^<]*)</li>', text)
        assert [int(n) for n, _ in marked] == list(range(int(first), int(last or first) + 1))
        assert normalise(html.unescape(quote)) in normalise(" ".join(html.unescape(t) for _, t in marked))


def test_a_document_is_named_once_per_page_however_many_statements_it_states(real_client):
    shown = page(real_client, "/id/cluster/cool-silicon")
    title = "MICRO! - Networks &amp; Incubators"
    assert shown.count(title) <= 2  # the list of sources (and the page's header, if it ever shows it)
    citations = re.findall(r'<a class="cite" href="#source-(\d+)"', shown)
    sources = re.findall(r'<li id="source-(\d+)"', shown)
    assert len(citations) > 3 * len(sources) and set(citations) == set(sources)


def test_the_curators_statements_are_marked_with_their_reason(real_client, dataset):
    rows = dataset.select(SPARQL_PREFIXES + """SELECT ?s ?reason WHERE { GRAPH graph:evidence {
        ?st rdf:subject ?s ; sg:reason ?reason ; sg:assertedIn graph:curation }
        FILTER(STRSTARTS(STR(?s), "https://w3id.org/saxgraph/id/cluster/")) } LIMIT 1""")
    assert rows, "the curation graph has a statement about a cluster"
    shown = page(real_client, rows[0]["s"].replace("https://w3id.org/saxgraph", ""))
    assert 'class="curated"' in shown and ">curator</span>" in shown
    assert str(escape(rows[0]["reason"])) in shown
    sources = shown.split('id="sources"', 1)[1].split("</section>", 1)[0]
    assert "the curator" in sources


def test_links_from_other_resources_are_paged(real_client, dataset):
    count = int(dataset.select(SPARQL_PREFIXES + """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p {
        GRAPH ?g { ?s ?p place:germany } FILTER(?g NOT IN (graph:inferred, graph:evidence)) } }""")[0]["n"])
    assert count > 50
    first = page(real_client, "/id/place/germany")
    assert f"Linked from <span class=\"muted\">({count})</span>" in first
    incoming = first.split('id="incoming"', 1)[1].split("</section>", 1)[0]
    assert incoming.count("<dd") == 50 and 'rel="next"' in incoming
    last = page(real_client, f"/id/place/germany?incoming={-(-count // 50)}")
    rows = last.split('id="incoming"', 1)[1].split("</section>", 1)[0].count("<dd")
    assert rows == count - 50 * (-(-count // 50) - 1) and 'rel="prev"' in last


def test_a_post_is_named_by_its_member_organisation_and_role(real_client):
    shown = page(real_client, "/id/cluster/cool-silicon")
    assert re.search(r'href="/id/membership/[^"]+"[^>]*>[^<]+ at Cool Silicon \(contact person\)</a>', shown)


def test_the_documents_text_has_a_plain_and_a_json_twin(real_client):
    text = real_client.get("/document/micro-networks-incubators.txt")
    assert text.status_code == 200 and text.mimetype == "text/plain"
    assert text.data == (SOURCES / "000_905c7d61bd444823.txt").read_bytes()
    lines = real_client.get("/document/micro-networks-incubators.json").get_json()["lines"]
    assert lines == text.get_data(as_text=True).rstrip("\n").split("\n")
    assert real_client.get("/document/no-such-document").status_code == 404
