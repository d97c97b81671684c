"""The explorer (/explore) in a real Chromium over the fixture graph: from a search to three expansions with a
class filter applied, legible labels, the state restored on reload, the controls and exports, the entity
page's link, a phone's width; never a console error or a CSP violation. Screenshots go to test-artifacts/
and /work/shots/explore/ (when that folder can be made) for the project's notes."""

import importlib.util
import shutil
import threading
import xml.etree.ElementTree as ET
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
SHOTS = Path("/work/shots/explore")
ID = "https://w3id.org/saxgraph/id/"
COOL = ID + "cluster/cool-silicon"
# the violations a page reports to itself, collected where the test can read them
CSP_LISTENER = ("document.addEventListener('securitypolicyviolation', e => "
                "(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI));")

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


@pytest.fixture(scope="module")
def browser():
    require_or_skip(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}", "SAXGRAPH_REQUIRE_BROWSER")
    require_or_skip(any(VENDOR.glob("**/cytoscape.min.js")), "Cytoscape.js is not vendored",
                    "SAXGRAPH_REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def open_page(browser, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    errors = []
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("console", lambda message: errors.append(f"console {message.type}: {message.text}")
            if message.type == "error" or "Content Security Policy" in message.text else None)
    page.on("request", lambda request: errors.append(f"external request {request.url}")
            if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.errors = errors
    return page


@pytest.fixture
def page(browser):
    page = open_page(browser)
    yield page
    page.context.close()


def no_errors(page):
    assert page.errors == []
    assert page.evaluate("() => window.__csp || []") == []


def ready(page):
    page.wait_for_selector("#explorer[data-ready]", timeout=20000)
    page.wait_for_function("() => document.getElementById('explorer').getAttribute('aria-busy') !== 'true'")


def visible_ids(page):
    return set(page.evaluate("() => window.saxgraphExplorer.nodes(':visible').map(n => n.id())"))


def positions(page):
    return page.evaluate("() => Object.fromEntries(window.saxgraphExplorer.nodes().map(n => "
                         "[n.id(), [Math.round(n.position().x), Math.round(n.position().y)]]))")


def expansions(page):
    return int(page.get_attribute("#explorer", "data-expansions") or 0)


def wait_expansions(page, count):
    page.wait_for_function(f"() => document.getElementById('explorer').dataset.expansions === '{count}'",
                           timeout=15000)


def node_on_screen(page, iri):
    """Where the node is drawn, in page pixels."""
    box = page.locator("#explore-graph").bounding_box()
    at = page.evaluate(f"() => window.saxgraphExplorer.getElementById('{iri}').renderedPosition()")
    return box["x"] + at["x"], box["y"] + at["y"]


def smallest_label_px(page):
    """The smallest node label on screen, in screen pixels: font size (model units) times the zoom."""
    return page.evaluate("() => { const cy = window.saxgraphExplorer; return Math.min(...cy.nodes(':visible')"
                         ".map(n => parseFloat(n.style('font-size')) * cy.zoom())); }")


def shoot(page, tmp_path, name):
    path = tmp_path / name
    page.screenshot(path=str(path))
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(path, ARTIFACTS / name)
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SHOTS / name)
    except OSError:
        pass
    return path


def expand_by_double_click(page, iri, count):
    page.locator("#explore-graph").scroll_into_view_if_needed()
    x, y = node_on_screen(page, iri)
    page.mouse.dblclick(x, y)
    wait_expansions(page, count)


def select_by_click(page, iri):
    page.locator("#explore-graph").scroll_into_view_if_needed()
    x, y = node_on_screen(page, iri)
    page.mouse.click(x, y)
    page.wait_for_function(f"() => document.getElementById('explore-selected').dataset.selected === '{iri}'")


def expand_from_the_sidebar(page, iri, count):
    select_by_click(page, iri)
    page.click("#explore-selected [data-action=expand]")
    wait_expansions(page, count)


def test_from_a_search_to_three_expansions_with_a_class_filter(page, mini_server, tmp_path):
    page.goto(f"{mini_server}/explore")
    ready(page)
    assert visible_ids(page) == set()
    page.fill("#explore-q", "Cool Silicon")
    page.press("#explore-q", "Enter")
    page.click(f"#explore-results button[data-iri='{COOL}']")
    wait_expansions(page, 1)
    first = visible_ids(page)
    assert {COOL, ID + "cluster/minalogic", ID + "project/icool", ID + "place/dresden"} <= first

    expand_by_double_click(page, ID + "cluster/minalogic", 2)
    assert ID + "place/grenoble" in visible_ids(page)
    expand_from_the_sidebar(page, ID + "project/icool", 3)
    assert ID + "phase/icool-concept" in visible_ids(page)
    before = positions(page)
    expand_from_the_sidebar(page, ID + "place/dresden", 4)
    after = positions(page)
    assert len(after) >= len(before)
    assert {k: after[k] for k in before} == before  # the nodes already there stay put

    # a class filter: the phases go, the rest stays
    box = page.locator("#filter-classes input[data-key='ConceptPhase']")
    box.uncheck()
    shown = visible_ids(page)
    assert ID + "phase/icool-concept" not in shown and COOL in shown and ID + "place/grenoble" in shown
    assert "fc=ConceptPhase" in page.url

    page.locator("#explore-graph").scroll_into_view_if_needed()
    page.evaluate("() => window.scrollTo(0, 0)")
    shoot(page, tmp_path, "explore-expanded.png")
    assert smallest_label_px(page) >= 10
    no_errors(page)

    # the URL holds the state: a reload shows the same nodes at the same places, the filter still applied
    url, shown_before, placed_before = page.url, visible_ids(page), positions(page)
    assert "focus=cluster%2Fcool-silicon" in url and "x=place%2Fdresden" in url
    page.reload()
    ready(page)
    assert visible_ids(page) == shown_before
    assert positions(page) == placed_before
    assert not page.locator("#filter-classes input[data-key='ConceptPhase']").is_checked()
    assert smallest_label_px(page) >= 10  # the default view after a reload
    shoot(page, tmp_path, "explore-restored.png")
    no_errors(page)


def test_the_controls_and_the_exports(page, mini_server, tmp_path):
    page.goto(f"{mini_server}/explore?focus=cluster/cool-silicon")
    ready(page)
    zoom = page.evaluate("() => window.saxgraphExplorer.zoom()")
    page.click("[data-action=zoom-in]")
    zoomed_in = page.evaluate("() => window.saxgraphExplorer.zoom()")
    assert zoomed_in > zoom
    page.click("[data-action=zoom-out]")
    page.click("[data-action=zoom-out]")
    assert page.evaluate("() => window.saxgraphExplorer.zoom()") < zoomed_in
    page.click("[data-action=fit]")
    fitted = page.evaluate("() => window.saxgraphExplorer.zoom()")
    # the mouse wheel zooms (towards the pointer), and labels stay legible while zoomed out
    box = page.locator("#explore-graph").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    page.wait_for_function(f"() => window.saxgraphExplorer.zoom() > {fitted}")
    for _ in range(20):  # one step at a time, as a wheel turns
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(50)
        if page.evaluate("() => window.saxgraphExplorer.zoom()") < fitted:
            break
    page.wait_for_function(f"() => window.saxgraphExplorer.zoom() < {fitted}")
    page.wait_for_timeout(100)
    low = page.evaluate("() => window.saxgraphExplorer.zoom()")
    if low >= 0.45:
        assert smallest_label_px(page) >= 10
    page.click("[data-action=fit]")

    # hide a node and pin another: both go into the URL
    minalogic = ID + "cluster/minalogic"
    select_by_click(page, minalogic)
    page.click("#explore-selected [data-action=hide]")
    assert minalogic not in visible_ids(page) and "hide=cluster%2Fminalogic" in page.url
    assert page.is_visible("#explore-unhide")
    select_by_click(page, COOL)
    page.click("#explore-selected [data-action=pin]")
    assert "pin=cluster%2Fcool-silicon%40" in page.url

    shown = visible_ids(page)
    with page.expect_download() as download:
        page.click("[data-action=png]")
    png = Path(download.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as download:
        page.click("[data-action=svg]")
    svg = Path(download.value.path()).read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Cool Silicon" in svg and "Minalogic" not in svg
    shutil.copy(download.value.path(), tmp_path / "explore.svg")
    with page.expect_download() as download:
        page.click("[data-action=graphml]")
    graphml = ET.fromstring(Path(download.value.path()).read_text(encoding="utf-8"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert {n.get("id") for n in graphml.iterfind(".//g:node", ns)} == shown
    assert graphml.findall(".//g:edge", ns)

    page.click("#explore-unhide")
    assert minalogic in visible_ids(page)
    no_errors(page)


def test_the_entity_page_leads_to_the_explorer(page, mini_server):
    page.goto(f"{mini_server}/id/cluster/cool-silicon")
    page.click("text=Explore from here")
    ready(page)
    assert COOL in visible_ids(page) and "/explore?focus=cluster" in page.url
    assert page.evaluate(f"() => window.saxgraphExplorer.getElementById('{COOL}').hasClass('root')")
    no_errors(page)


def test_a_phone_width_does_not_overflow(browser, mini_server, tmp_path):
    page = open_page(browser, width=390, height=844)
    try:
        page.goto(f"{mini_server}/explore?focus=cluster/cool-silicon&sel=cluster/cool-silicon")
        ready(page)
        assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 390
        graph = page.locator("#explore-graph").bounding_box()
        side = page.locator(".explore-side").bounding_box()
        assert side["y"] >= graph["y"] + graph["height"] and graph["width"] <= 390
        shoot(page, tmp_path, "explore-390.png")
        no_errors(page)
    finally:
        page.context.close()
