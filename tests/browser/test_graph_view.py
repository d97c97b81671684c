"""The neighbourhood graph on an entity page: a real Chromium opens Cool Silicon, clicks a neighbour and sees
the neighbour's own neighbours appear. Screenshots go to test-artifacts/."""

import importlib.util
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _project_conftest():
    """tests/conftest.py by path: a tests/browser/conftest.py would shadow the module name `conftest`."""
    spec = importlib.util.spec_from_file_location("saxgraph_project_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


require_or_skip = _project_conftest().require_or_skip

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VENDOR = ROOT / "src" / "saxgraph" / "web" / "static" / "vendor"
ARTIFACTS = ROOT / "test-artifacts"
ID = "https://w3id.org/saxgraph/id/"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def mini_server(app):
    """The fixture-graph app on a loopback socket."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def graph_page():
    require_or_skip(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}", "SAXGRAPH_REQUIRE_BROWSER")
    require_or_skip(any(VENDOR.glob("**/cytoscape.min.js")),
                    "Cytoscape.js is not vendored under src/saxgraph/web/static/vendor/ yet",
                    "SAXGRAPH_REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        # the same layout every run: Cytoscape's cose layout starts from Math.random, and about one random
        # start in 25 put another node over the one the test clicks
        page.add_init_script("(() => { let s = 20261201; Math.random = () => "
                             "{ s = (s * 16807) % 2147483647; return (s - 1) / 2147483646; }; })()")
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        # the pages' Content-Security-Policy must not block anything the graph view needs
        page.on("console", lambda message: errors.append(f"CSP: {message.text}")
                if "Content Security Policy" in message.text else None)
        page.on("request", lambda request: errors.append(f"external request {request.url}")
                if not request.url.startswith("http://127.0.0.1") else None)
        page.errors = errors
        yield page
        browser.close()


def node_ids(page):
    return set(page.evaluate("window.saxgraphNeighbourhood.nodes().map(n => n.id())"))


def test_clicking_a_neighbour_expands_the_graph(graph_page, mini_server):
    page = graph_page
    page.goto(f"{mini_server}/id/cluster/cool-silicon")
    page.wait_for_selector("#neighbourhood[data-nodes]", timeout=15000)
    before = node_ids(page)
    assert ID + "cluster/minalogic" in before and ID + "project/icool" in before
    assert ID + "place/grenoble" not in before  # Minalogic's neighbour, not Cool Silicon's

    # Click Minalogic where Cytoscape drew it (a real mouse click on the canvas).
    page.locator("#neighbourhood").scroll_into_view_if_needed()
    box = page.locator("#neighbourhood").bounding_box()
    position = page.evaluate(
        f"window.saxgraphNeighbourhood.getElementById('{ID}cluster/minalogic').renderedPosition()")
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    # a function, not an expression string: Playwright evals a string, which the page's CSP forbids
    page.wait_for_function(
        f"() => window.saxgraphNeighbourhood.getElementById('{ID}place/grenoble').nonempty()",
        timeout=15000)
    after = node_ids(page)
    assert after > before and ID + "place/grenoble" in after
    assert int(page.get_attribute("#neighbourhood", "data-nodes")) == len(after)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph-view-expanded.png"), full_page=False)
    page.locator("#graph-view").screenshot(path=str(ARTIFACTS / "graph-view.png"))
    assert page.errors == []
    assert "script-src 'self'" in page.request.get(f"{mini_server}/id/cluster/cool-silicon").headers[
        "content-security-policy"]


def test_page_is_readable_and_the_graph_data_loads_without_errors(graph_page, mini_server):
    page = graph_page
    page.goto(f"{mini_server}/id/cluster/minalogic")
    page.wait_for_selector("#neighbourhood[data-nodes]", timeout=15000)
    assert page.locator("h1").inner_text() == "Minalogic"
    assert ID + "cluster/cool-silicon" in node_ids(page)
    assert page.errors == []
