"""Dumps of the whole dataset (/download/), and its VoID + DCAT description (/.well-known/void).

A dump is built once per dataset version, with the same call as `saxgraph export`, so the bytes are the
same; it is kept in memory with its gzip twin, keyed by the store's version hash, which is also the ETag:
the served data is immutable between builds, so clients revalidate with If-None-Match and get a 304."""

import gzip
import hashlib
import io
from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, redirect, render_template, request

from saxgraph import exports, formats
from saxgraph.describe.dataset import description, statistics
from saxgraph.describe.resource import serialize
from saxgraph.web import base_url, get_store, language
from saxgraph.web.errors import plain
from saxgraph.web.negotiation import negotiate, vary_and_alternates

bp = Blueprint("downloads", __name__)

NO_GZIP = {"csv"}  # already a zip archive


@dataclass(frozen=True)
class Dump:
    body: bytes
    gzipped: bytes | None
    etag: str


def dump(store, fmt: formats.Format, domain_only: bool = False) -> Dump:
    """The dataset in `fmt` (domain only: without the vocabulary), made on first use (once per dataset,
    format and variant)."""

    def make() -> Dump:
        buffer = io.BytesIO()
        exports.export(store, fmt.name, buffer, domain_only=domain_only)
        body = buffer.getvalue()
        gzipped = None if fmt.name in NO_GZIP else gzip.compress(body, compresslevel=9, mtime=0)
        tag = f"{store.version} {fmt.name}" + (" domain" if domain_only else "")
        return Dump(body, gzipped, hashlib.sha256(tag.encode()).hexdigest()[:40])

    return store.derived(_key(fmt, domain_only), make)


def _key(fmt: formats.Format, domain_only: bool) -> tuple:
    return ("dump", fmt.name, fmt.kind) + (("domain",) if domain_only else ())


def listing(store) -> list[dict]:
    base = base_url()
    rows = []
    for file in exports.dump_files():
        fmt = file.fmt
        cached = store.derived_already(_key(fmt, file.domain_only))
        rows.append({"name": fmt.name, "label": file.label, "media_type": fmt.media_type,
                     "kind": fmt.kind, "keeps_graphs": fmt.datasets, "domain_only": file.domain_only,
                     "url": f"{base}/download/{file.filename}",
                     "path": f"/download/{file.filename}",
                     "bytes": len(cached.body) if cached else None,
                     "command": file.command})
    return rows


@bp.get("/download/")
def index():
    store = get_store()
    fmt = negotiate([formats.HTML, formats.JSON])
    rows = listing(store)
    if fmt.name == "json":
        response = jsonify({"version": store.version, "downloads": rows,
                            "description": f"{base_url()}/.well-known/void"})
    else:
        response = Response(render_template("downloads.html", rows=rows, version=store.version),
                            mimetype="text/html")
    response.vary.add("Accept")
    return response


@bp.get("/download")
def index_redirect():
    return redirect("/download/", code=301)


@bp.get("/download/<filename>")
def download(filename: str):
    file = next((f for f in exports.dump_files() if f.filename == filename), None)
    if file is None:
        tables = next((f for f in exports.dump_files() if f.filename == filename + ".zip"), None)
        if tables is not None and tables.fmt.name == "csv":  # the node/edge tables come as one zip
            return redirect(f"/download/{tables.filename}", code=301)
        known = ", ".join(f.filename for f in exports.dump_files())
        return plain(404, f"Not found: /download/{filename}. Downloads: {known} (list at /download/).")
    fmt = file.fmt
    store = get_store()
    built = dump(store, fmt, file.domain_only)
    use_gzip = built.gzipped is not None and request.accept_encodings["gzip"] > 0
    body, etag = (built.gzipped, built.etag + "-gzip") if use_gzip else (built.body, built.etag)
    response = Response(body, content_type=fmt.content_type)
    if use_gzip:
        response.headers["Content-Encoding"] = "gzip"
    if built.gzipped is not None:
        response.vary.add("Accept-Encoding")
    response.headers["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    response.headers["Cache-Control"] = "public, max-age=3600, must-revalidate"
    response.set_etag(etag)
    return response.make_conditional(request)


# --- the dataset description ----------------------------------------------------------------------------

VOID_ORDER = ("turtle", "jsonld", "rdfxml", "ntriples", "trig", "nquads")


def void_offers() -> list[formats.Format]:
    return [formats.by_name(n, formats.RDF) for n in VOID_ORDER] + [formats.by_name("html", formats.PAGE)]


@bp.get("/.well-known/void")
@bp.get("/.well-known/void.<ext>")
def void(ext: str | None = None):
    store = get_store()
    offers = void_offers()
    if ext is not None and ext.lower() not in {f.extension for f in offers}:
        return plain(404, f"Not found: /.well-known/void.{ext}; available: "
                          f"{', '.join('void.' + f.extension for f in offers)}")
    fmt = negotiate(offers, extension=ext)
    triples = description(store, base_url())
    quads = [ox_quad(t) for t in triples]
    if fmt.kind == formats.PAGE:
        turtle = serialize(quads, formats.by_name("turtle", formats.RDF)).decode()
        response = Response(render_template("void.html", turtle=turtle, stats=statistics(store),
                                            version=store.version), mimetype="text/html")
    else:
        response = Response(serialize(quads, fmt), content_type=fmt.content_type)
    if ext is None:
        response.headers["Content-Location"] = f"/.well-known/void.{fmt.extension}"
    vary_and_alternates(response, [(f"/.well-known/void.{f.extension}", f) for f in offers if f is not fmt])
    page_language = language.current() if fmt.kind == formats.PAGE else ""
    tag = f"{store.version} {fmt.name} {base_url()} {page_language}"
    response.set_etag(hashlib.sha256(tag.encode()).hexdigest()[:40])
    return response.make_conditional(request)


def ox_quad(triple):
    return ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph())
