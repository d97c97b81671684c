"""The preview card in a real Chromium, the way OpenRefine shows it: framed by a page on another origin, at
the size the manifest asks for. The card must render (label, types, location, source documents, its
stylesheet applied) with no console error and no Content-Security-Policy violation; the control shows that a
card whose policy forbids framing is blocked and that the check sees it. Screenshot:
test-artifacts/reconcile-preview.png."""

import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import require_or_skip

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


def serve(app_or_handler):
    """A WSGI app or an http.server handler on a loopback port; returns (base URL, stop)."""
    if isinstance(app_or_handler, type):
        server = ThreadingHTTPServer(("127.0.0.1", 0), app_or_handler)
        port = server.server_address[1]
    else:
        from werkzeug.serving import make_server

        server = make_server("127.0.0.1", 0, app_or_handler, threaded=True)
        port = server.server_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}", server.shutdown


def tool_page(frame_url: str, width: int, height: int):
    """'OpenRefine': a page on its own origin that frames the preview URL."""
    body = (f'<!doctype html><title>OpenRefine</title><p>Reconciled cell</p>'
            f'<iframe id="preview" src="{frame_url}" width="{width}" height="{height}"></iframe>').encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Page


@pytest.fixture(scope="module")
def browser():
    require_or_skip(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}", "SAXGRAPH_REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 900, "height": 700})
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"error: {error}"))
    page.on("console", lambda message: page.problems.append(f"{message.type}: {message.text}")
            if message.type in ("error", "warning") or "Content Security Policy" in message.text else None)
    page.goto(url)
    return page


def framed(browser, live, entity_id: str):
    with urllib.request.urlopen(f"{live}/reconcile") as response:
        manifest = json.loads(response.read())
    preview = manifest["preview"]
    url = preview["url"].replace("{{id}}", quote(entity_id, safe=""))
    site, stop = serve(tool_page(url, preview["width"], preview["height"]))
    page = open_page(browser, site)
    return page, stop


def test_the_card_renders_framed_by_another_origin(browser, live_server, dataset):
    page, stop = framed(browser, live_server, "cluster/arena-2036")
    try:
        frame = page.frame_locator("#preview")
        frame.locator("h1").wait_for(timeout=20000)
        assert frame.locator("h1").inner_text() == "ARENA 2036"
        assert frame.locator(".types").inner_text().split() == ["association", "cluster"]
        assert frame.locator("dd.city").inner_text() == "Stuttgart"
        assert frame.locator("dd.country").inner_text() == "Germany"
        assert "The funded clusters of the first, second and third round" in frame.locator("dd.documents") \
            .inner_text()
        # the stylesheet applied (a CSP that blocked it would leave the definition list a block)
        assert frame.locator("dl").evaluate("e => getComputedStyle(e).display") == "grid"
        assert frame.locator("h1 a").get_attribute("href") == "/id/cluster/arena-2036"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "reconcile-preview.png"))
        assert page.problems == []
    finally:
        page.close()
        stop()


def test_the_card_renders_on_its_own(browser, live_server):
    page = open_page(browser, f"{live_server}/reconcile/preview?id=organisation%2Ffraunhofer-enas")
    try:
        assert page.locator("h1").inner_text() == "Fraunhofer Institute for Electronic Nano Systems ENAS"
        assert page.locator("dd.city").inner_text() == "Chemnitz"
        assert page.problems == []
    finally:
        page.close()


def test_the_check_sees_a_card_that_may_not_be_framed(browser, dataset):
    """The control: with RECONCILE_PREVIEW_FRAME_ANCESTORS 'none' Chromium refuses the frame and says so."""
    from saxgraph.web import create_app

    closed, stop_closed = serve(create_app({"STORE": dataset, "TESTING": True,
                                            "RECONCILE_PREVIEW_FRAME_ANCESTORS": "'none'"}))
    page, stop = framed(browser, closed, "cluster/arena-2036")
    try:
        page.wait_for_timeout(1500)
        assert any("frame-ancestors" in problem for problem in page.problems), page.problems
        assert page.frame_locator("#preview").get_by_text("ARENA 2036").count() == 0
    finally:
        page.close()
        stop()
        stop_closed()
