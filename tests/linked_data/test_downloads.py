"""Dumps: every format, the same bytes as `saxgraph export`, ETag/304, gzip, listing as HTML and JSON."""

import gzip
import io

import pyoxigraph as ox
import pytest

from saxgraph import exports

RDF_DUMPS = [("nq", "nquads", "application/n-quads"), ("trig", "trig", "application/trig"),
             ("ttl", "turtle", "text/turtle"), ("nt", "ntriples", "application/n-triples"),
             ("jsonld", "jsonld", "application/ld+json"), ("rdf", "rdfxml", "application/rdf+xml")]
TOOL_DUMPS = [("graphml", "graphml", "application/graphml+xml"), ("gexf", "gexf", "application/gexf+xml"),
              ("csv.zip", "csv", "application/zip")]


def exported(store, name, domain_only=False):
    buffer = io.BytesIO()
    exports.export(store, name, buffer, domain_only=domain_only)
    return buffer.getvalue()


@pytest.mark.parametrize(("extension", "name", "media_type"), RDF_DUMPS + TOOL_DUMPS)
def test_dump_is_the_same_bytes_as_export(client, mini_dataset, extension, name, media_type):
    response = client.get(f"/download/saxgraph.{extension}", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert "Content-Encoding" not in response.headers
    assert response.data == exported(mini_dataset, name)
    assert response.headers["ETag"]
    assert f'filename="saxgraph.{extension}"' in response.headers["Content-Disposition"]


@pytest.mark.parametrize(("extension", "name", "media_type"), TOOL_DUMPS)
def test_domain_dump_is_the_bytes_of_export_domain_only(client, mini_dataset, extension, name, media_type):
    response = client.get(f"/download/saxgraph-domain.{extension}", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200 and response.mimetype == media_type
    assert response.data == exported(mini_dataset, name, domain_only=True)
    assert response.data != exported(mini_dataset, name)
    assert f'filename="saxgraph-domain.{extension}"' in response.headers["Content-Disposition"]
    full = client.get(f"/download/saxgraph.{extension}")
    assert response.headers["ETag"] != full.headers["ETag"]
    again = client.get(f"/download/saxgraph-domain.{extension}",
                       headers={"If-None-Match": response.headers["ETag"], "Accept-Encoding": "identity"})
    assert again.status_code == 304


@pytest.mark.parametrize(("extension", "name", "media_type"), RDF_DUMPS)
def test_rdf_dumps_hold_the_whole_dataset(client, mini_dataset, extension, name, media_type):
    body = client.get(f"/download/saxgraph.{extension}").data
    fmt = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE,
           "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
           "rdf": ox.RdfFormat.RDF_XML}[extension]
    parsed = list(ox.parse(body, format=fmt))
    if extension in ("nq", "trig"):
        assert len(parsed) == len(mini_dataset)
    elif extension == "jsonld":  # the named graphs, and their union as the default graph
        named = [q for q in parsed if not isinstance(q.graph_name, ox.DefaultGraph)]
        assert sorted(named, key=str) == sorted(mini_dataset.quads(), key=str)
        assert {q.triple for q in parsed if q not in named} == {q.triple for q in mini_dataset.quads()}
    else:
        assert len({p for p in parsed}) == len({q.triple for q in mini_dataset.quads()})


@pytest.mark.parametrize("extension", ["nq", "ttl", "gexf"])
def test_gzip_when_the_client_accepts_it(client, mini_dataset, extension):
    plain = client.get(f"/download/saxgraph.{extension}", headers={"Accept-Encoding": "identity"})
    zipped = client.get(f"/download/saxgraph.{extension}", headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert gzip.decompress(zipped.data) == plain.data
    assert len(zipped.data) < len(plain.data)
    assert zipped.headers["ETag"] != plain.headers["ETag"]


def test_etag_is_the_dataset_version_and_if_none_match_gives_304(client):
    first = client.get("/download/saxgraph.nq")
    again = client.get("/download/saxgraph.nq", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    changed = client.get("/download/saxgraph.nq", headers={"If-None-Match": '"some-older-build"'})
    assert changed.status_code == 200


def test_a_new_dataset_version_gets_a_new_etag(tmp_path):
    from saxgraph.store.dataset import Store
    from saxgraph.web import create_app

    etags = []
    for text in ('"one"', '"two"'):
        data = tmp_path / f"d{len(etags)}.nt"
        data.write_text("<https://w3id.org/saxgraph/id/cluster/x> "
                        f"<http://www.w3.org/2000/01/rdf-schema#label> {text} .\n")
        client = create_app({"STORE": Store.from_files([data]), "TESTING": True}).test_client()
        etags.append(client.get("/download/saxgraph.nt").headers["ETag"])
    assert etags[0] != etags[1]


def test_dump_is_built_once_per_version(client, monkeypatch):
    client.get("/download/saxgraph.trig")
    calls = []
    monkeypatch.setattr(exports, "export", lambda *a: calls.append(a))
    assert client.get("/download/saxgraph.trig").status_code == 200
    assert calls == []


def test_listing_as_html_and_json(client):
    page = client.get("/download/", headers={"Accept": "text/html"}).get_data(as_text=True)
    for extension, _, _ in RDF_DUMPS + TOOL_DUMPS:
        assert f'href="/download/saxgraph.{extension}"' in page
    for extension, _, _ in TOOL_DUMPS:
        assert f'href="/download/saxgraph-domain.{extension}"' in page
    assert "GraphML, domain only" in page
    data = client.get("/download/", headers={"Accept": "application/json"}).get_json()
    assert {d["name"] for d in data["downloads"]} == {n for _, n, _ in RDF_DUMPS + TOOL_DUMPS}
    assert all(d["url"].startswith("http://localhost/download/saxgraph") for d in data["downloads"])
    domain = [d for d in data["downloads"] if d["domain_only"]]
    assert [d["path"] for d in domain] == [f"/download/saxgraph-domain.{e}" for e, _, _ in TOOL_DUMPS]
    assert all(d["command"].endswith(" --domain-only") for d in domain)


def test_unknown_download_is_404_and_csv_points_to_the_zip(client):
    assert client.get("/download/saxgraph.exe").status_code == 404
    assert client.get("/download/other.ttl").status_code == 404
    response = client.get("/download/saxgraph.csv")
    assert response.status_code == 301 and response.headers["Location"].endswith("/download/saxgraph.csv.zip")
    response = client.get("/download/saxgraph-domain.csv")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/download/saxgraph-domain.csv.zip")
    assert client.get("/download/saxgraph-domain.ttl").status_code == 404  # domain only is for graph tools
