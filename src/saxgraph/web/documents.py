"""The source documents themselves: /document/<slug> shows a document's text line by line (each line an
anchor, #L<n>; `?lines=12-13` marks a passage), the page every quote of an entity page links to; its twins
are the plain text (/document/<slug>.txt, the file as it ships with the data) and JSON (.json).

The text is the document's own file in data/sources/ (named by its node's sg:sourceFile), from the sources
the server was built from (the checkout, or the data the package ships)."""

import re

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, render_template, request

from saxgraph import formats
from saxgraph.build.sources import source_root
from saxgraph.describe.resource import TITLE
from saxgraph.errors import NotFoundError
from saxgraph.namespaces import ID_BASE, SG, graph_iri
from saxgraph.web import get_store
from saxgraph.web.negotiation import negotiate, vary_and_alternates

bp = Blueprint("documents", __name__)

SOURCE_FILE = ox.NamedNode(SG + "sourceFile")
_LINES = re.compile(r"(\d+)(?:-(\d+))?")
_SAFE_FILE = re.compile(r"[A-Za-z0-9_.-]+")


def document_text(store, slug: str) -> tuple[str, str, str]:
    """(the document's title, its file name, its text), or NotFoundError."""
    node = ox.NamedNode(f"{ID_BASE}document/{slug}")
    names = [q.object.value for q in store.quads(node, SOURCE_FILE, None, None)]
    if not names or not _SAFE_FILE.fullmatch(names[0]):
        raise NotFoundError(f"/document/{slug}: no source document of that name")
    path = source_root() / "data" / "sources" / names[0]
    if not path.is_file():
        raise NotFoundError(f"/document/{slug}: the text of {names[0]} is not among this server's sources")
    title = next((q.object.value for q in store.quads(node, TITLE, None, None)), slug)
    return title, names[0], path.read_text(encoding="utf-8")


def _marked(raw: str | None) -> tuple[int, int] | None:
    match = _LINES.fullmatch(raw or "")
    if not match:
        return None
    first = int(match.group(1))
    return first, int(match.group(2) or first)


@bp.get("/document/<segment:name>")
def document(name: str):
    slug, _, ext = name.partition(".")
    store = get_store()
    title, file_name, text = document_text(store, slug)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if ext == "txt":
        return Response(text, content_type="text/plain; charset=utf-8")
    fmt = formats.JSON if ext == "json" else negotiate([formats.HTML, formats.JSON])
    if ext not in ("", "json"):
        raise NotFoundError(f"/document/{name}: available as .txt, .json or the page")
    if fmt is formats.JSON:
        return jsonify({"document": f"{ID_BASE}document/{slug}", "title": title, "file": file_name,
                        "graph": str(graph_iri(slug)), "lines": lines})
    marked = _marked(request.args.get("lines"))
    page = render_template("document.html", slug=slug, title=title, file_name=file_name, lines=lines,
                           marked=marked, graph=str(graph_iri(slug)), node=f"/id/document/{slug}",
                           alternates=[
                               {"media_type": "text/plain", "url": f"/document/{slug}.txt", "label": "text"},
                               {"media_type": formats.JSON.media_type, "url": f"/document/{slug}.json",
                                "label": "JSON"}])
    response = Response(page, mimetype="text/html")
    return vary_and_alternates(response, [(f"/document/{slug}.json", formats.JSON)])
