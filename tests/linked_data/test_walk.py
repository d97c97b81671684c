"""The "done when" walk on the real data: home -> search "Cool Silicon" -> its page with sources -> hop to
Minalogic -> download the whole graph in every format; and a crawler doing the same by conneg alone."""

import gzip
import io
import json
import re
import urllib.request

import networkx as nx
import pyoxigraph as ox
import pytest

from saxgraph.namespaces import path_for_iri

DUMPS = ["nq", "trig", "ttl", "nt", "jsonld", "rdf", "graphml", "gexf", "csv.zip"]
RDF_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE,
               "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "rdf": ox.RdfFormat.RDF_XML}
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def test_a_person_walks_from_home_to_minalogic_and_downloads(real_client, dataset):
    home = real_client.get("/", headers={"Accept": "text/html"})
    assert home.status_code == 200
    assert 'action="/search"' in home.get_data(as_text=True)

    results = real_client.get("/search?q=Cool+Silicon", headers={"Accept": "text/html"})
    results = results.get_data(as_text=True)
    first = re.search(r'<ol class="results">\s*<li><a href="([^"]+)">([^<]+)</a>', results)
    assert first and first.group(2) == "Cool Silicon", results[:3000]

    page = real_client.get(first.group(1), headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<h1>Cool Silicon</h1>" in page
    sources = page.split('id="sources"', 1)[1].split("</section>", 1)[0]
    assert 'href="/graph/' in sources, "the page names the source document"
    assert re.search(r'<a class="cite" href="#source-1"', page), "each fact cites its source by number"
    quote = re.search(r"<q>([^<]+)</q> <a href=\"(/document/[^\"]+)\">", page)
    assert quote, "a statement shows the document's words and links to them"
    text = real_client.get(quote.group(2).replace("&amp;", "&"), headers={"Accept": "text/html"})
    assert text.status_code == 200 and 'class="marked"' in text.get_data(as_text=True)

    minalogic = re.search(r'<a href="(/id/[^"]+)" title="[^"]+">Minalogic</a>', page)
    assert minalogic, "Cool Silicon's page links to its partner cluster Minalogic"
    hop = real_client.get(minalogic.group(1), headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<h1>Minalogic</h1>" in hop and first.group(1) in hop, "and Minalogic links back"

    downloads = real_client.get("/download/", headers={"Accept": "text/html"}).get_data(as_text=True)
    for extension in DUMPS:
        assert f'href="/download/saxgraph.{extension}"' in downloads
        response = real_client.get(f"/download/saxgraph.{extension}", headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200, extension
        body = gzip.decompress(response.data) if response.headers.get("Content-Encoding") == "gzip" \
            else response.data
        if extension in RDF_FORMATS:
            parsed = list(ox.parse(body, format=RDF_FORMATS[extension]))
            union = len({q.triple for q in dataset.quads()})
            # JSON-LD: the named graphs, then their union as the default graph
            expected = {"nq": len(dataset), "trig": len(dataset), "jsonld": len(dataset) + union}
            expected = expected.get(extension, union)
            assert len(parsed) == expected, extension
        elif extension == "graphml":
            graph = nx.read_graphml(io.BytesIO(body))
            assert any(d.get("label") == "Cool Silicon" for _, d in graph.nodes(data=True))


@pytest.mark.server
def test_a_crawler_follows_links_by_content_negotiation_alone(live_server):
    def get(url, accept):
        request = urllib.request.Request(url, headers={"Accept": accept})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.headers, response.read()

    headers, body = get(f"{live_server}/search?q=Cool%20Silicon", "application/json")
    iri = json.loads(body)["results"][0]["iri"]
    headers, body = get(live_server + path_for_iri(iri), "text/turtle")
    assert headers["Content-Type"].startswith("text/turtle") and "Accept" in headers["Vary"]
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    partner = next(t.subject.value for t in triples
                   if t.predicate.value == LABEL and t.object.value == "Minalogic")
    headers, body = get(live_server + path_for_iri(partner), "application/n-triples")
    assert any(t.predicate.value == LABEL and t.object.value == "Minalogic"
               for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    headers, body = get(f"{live_server}/.well-known/void", "text/turtle")
    description = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    dumps = [t.object.value for t in description if t.predicate.value == "http://rdfs.org/ns/void#dataDump"]
    assert len(dumps) == 6
    for dump in dumps:
        _, data = get(dump, "*/*")
        assert data
