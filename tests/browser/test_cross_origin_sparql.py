"""A page on another origin (as YASGUI or Sparklis hosted elsewhere) queries /sparql from a real Chromium:
POST with Content-Type application/sparql-query needs a CORS preflight, which the browser itself enforces."""

import importlib.util
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERY = ("SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } "
         "ORDER BY ?s ?label LIMIT 20")
FETCH = """async ([endpoint, query, method]) => {
  const init = method === "POST"
    ? {method,
       headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
       body: query}
    : {headers: {"Accept": "application/sparql-results+json"}};
  const url = method === "POST" ? endpoint : endpoint + "?query=" + encodeURIComponent(query);
  try {
    const response = await fetch(url, init);
    const body = await response.json();
    return body.results.bindings.map(b => [b.s.value, b.label.value]);
  } catch (error) {
    return "blocked: " + error;
  }
}"""

pytestmark = pytest.mark.browser


def _project_conftest():
    """tests/conftest.py by path: a tests/browser/conftest.py would shadow the module name `conftest`."""
    spec = importlib.util.spec_from_file_location("saxgraph_project_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


class ToolPage(BaseHTTPRequestHandler):
    """The 'other site': an empty page on its own origin."""

    def do_GET(self):
        body = b"<!doctype html><title>another site</title><p>a SPARQL tool</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser_page(endpoints):
    # After the endpoints have forked their query workers: a fork taken while Playwright runs inherits its
    # driver's pipe, so the driver never sees EOF and closing Playwright hangs.
    _project_conftest().require_or_skip(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}",
                                        "SAXGRAPH_REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    site, stop_site = serve(ToolPage)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(site)
        yield page
        browser.close()
    stop_site()


@pytest.fixture(scope="module")
def endpoints(mini_dataset):
    """The endpoint as configured by default (CORS for any origin), and one with CORS turned off."""
    from saxgraph.web import create_app

    open_url, stop_open = serve(create_app({"STORE": mini_dataset, "TESTING": True}))
    closed_url, stop_closed = serve(create_app({"STORE": mini_dataset, "TESTING": True, "CORS_ORIGINS": ""}))
    for url in (open_url, closed_url):  # start each app's query workers now, before any browser runs
        with urllib.request.urlopen(url + "/sparql?" + urllib.parse.urlencode({"query": QUERY})) as response:
            assert response.status == 200
    yield open_url + "/sparql", closed_url + "/sparql"
    stop_open()
    stop_closed()


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_a_page_on_another_origin_can_query(browser_page, endpoints, mini_dataset, method):
    expected = [[r["s"], r["label"]] for r in mini_dataset.select(QUERY)]
    assert expected
    assert browser_page.evaluate(FETCH, [endpoints[0], QUERY, method]) == expected


def test_without_cors_the_browser_blocks_it(browser_page, endpoints):
    """The control: the same request to an endpoint with CORS_ORIGINS empty is refused by the browser."""
    outcome = browser_page.evaluate(FETCH, [endpoints[1], QUERY, "POST"])
    assert isinstance(outcome, str) and outcome.startswith("blocked")
