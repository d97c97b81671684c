"""The query page's views in a real Chromium, against the real /sparql: ASK answered yes or no, SELECT as a
table whose project IRIs open this host's pages, CONSTRUCT/DESCRIBE as a graph, aggregates as a chart, the
editor completing classes from the server; no console error and no CSP violation on /query and /examples,
and no sideways scrolling on a phone. Screenshots go to test-artifacts/query-<view>.png."""

import importlib.util
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from saxgraph.namespaces import BASE

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"
SG = "PREFIX sg: <https://w3id.org/saxgraph/ontology#>\n"
CLUSTER = "PREFIX cluster: <https://w3id.org/saxgraph/id/cluster/>\n"

pytestmark = [pytest.mark.browser, pytest.mark.server]

# Every CSP violation, as the page sees it (the console message alone can be missed or reworded)
WATCH_CSP = """
window.saxgraphViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.saxgraphViolations.push(
  e.violatedDirective + " " + (e.sourceFile || "") + ":" + e.lineNumber));
"""


def _require_or_skip():
    spec = importlib.util.spec_from_file_location("saxgraph_project_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.require_or_skip


@pytest.fixture(scope="module")
def server(live_server):
    """The real-data server, its query workers forked before Playwright starts (see test_query_ui)."""
    request = urllib.request.Request(f"{live_server}/sparql", data=b"ASK {}", method="POST",
                                     headers={"Content-Type": "application/sparql-query"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
    return live_server


@pytest.fixture(scope="module")
def browser(server):
    _require_or_skip()(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}", "SAXGRAPH_REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _page(browser, server, width=1280, height=900):
    host = urlsplit(server).netloc
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.errors = []
    page.add_init_script(WATCH_CSP)
    page.on("pageerror", lambda error: page.errors.append(f"pageerror: {error}"))
    page.on("console", lambda message: page.errors.append(f"console.{message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("request", lambda request: page.errors.append(f"external request {request.url}")
            if urlsplit(request.url).scheme != "data" and urlsplit(request.url).netloc != host else None)
    return page


@pytest.fixture
def page(browser, server):
    page = _page(browser, server)
    yield page
    page.context.close()


def clean(page) -> list[str]:
    """What went wrong on the page: errors in the console, uncaught exceptions, CSP violations."""
    return page.errors + [f"CSP: {v}" for v in page.evaluate("window.saxgraphViolations || []")]


def run(page, server, query: str | None = None, example: str | None = None):
    target = f"example={example}" if example else "query=" + quote(query, safe="")
    with page.expect_response(lambda r: r.url == f"{server}/sparql" and r.request.method == "POST") as answer:
        page.goto(f"{server}/query?run=1&{target}")
    assert answer.value.status == 200
    return answer.value


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".yasr").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"query-{name}.png"))


@pytest.mark.parametrize("pattern, answer", [("?s a sg:Cluster", "Yes"), ("?s a sg:NoSuchClass", "No")])
def test_an_ask_query_is_answered_yes_or_no(page, server, pattern, answer):
    response = run(page, server, SG + f"ASK {{ {pattern} }}")
    assert '"boolean"' in response.text()
    page.wait_for_selector(".yasr .ask-answer", timeout=20000)
    assert page.inner_text(".yasr .ask-answer strong") == answer
    assert "bindings" not in page.inner_text(".yasr")  # YASR's parser error is gone
    if answer == "Yes":
        shot(page, "ask")
    assert clean(page) == []


def test_an_ask_answer_is_in_german_on_the_german_page(page, server):
    with page.expect_response(lambda r: r.url == f"{server}/sparql"):
        page.goto(f"{server}/query?lang=de&run=1&query=" + quote(SG + "ASK { ?s a sg:Cluster }", safe=""))
    page.wait_for_selector(".yasr .ask-answer", timeout=20000)
    assert page.inner_text(".yasr .ask-answer strong") == "Ja"


def test_select_results_link_the_projects_iris_to_this_hosts_pages(page, server):
    run(page, server, example="alliance-member-regions")
    page.wait_for_selector(".yasr table tbody tr a", timeout=20000)
    hrefs = page.eval_on_selector_all(".yasr table a",
                                      "as => as.map(a => [a.getAttribute('href'), a.target])")
    assert hrefs and not any(href.startswith(BASE) for href, _ in hrefs), hrefs
    local = [href for href, target in hrefs if href.startswith("/id/")]
    assert "/id/place/saxony" in local or any(h.startswith("/id/place/") for h in local)
    assert all(target != "_blank" for href, target in hrefs if href.startswith("/"))
    shot(page, "table")
    page.click(".yasqe .CodeMirror")
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# my own edit")
    page.wait_for_function("() => window.location.hash.includes('my%20own%20edit')", timeout=5000)
    first = local[0]
    page.click(f".yasr table a[href='{first}']")
    page.wait_for_url(f"{server}{first}", timeout=10000)
    assert page.locator("h1").count() == 1
    page.go_back()  # the edited query is still there (it was kept in the URL)
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    assert "my own edit" in page.evaluate("window.saxgraphYasgui.getTab().getQuery()")
    assert clean(page) == []


def test_a_describe_result_is_drawn_as_a_graph(page, server):
    run(page, server, SG + CLUSTER + "DESCRIBE cluster:silicon-saxony")
    page.wait_for_selector(".yasr .select_graph", timeout=20000)
    page.click(".yasr .select_graph")
    page.wait_for_selector(".yasr .result-graph canvas", timeout=20000)
    nodes = page.evaluate("window.saxgraphGraph.nodes().length")
    edges = page.evaluate("window.saxgraphGraph.edges().length")
    assert nodes > 10 and edges >= nodes - 1
    labels = page.evaluate("window.saxgraphGraph.nodes().map(n => n.data('label'))")
    assert "Silicon Saxony" in labels and "place:saxony" in labels
    assert page.evaluate("window.saxgraphGraph.$('[href = \"/id/cluster/silicon-saxony\"]').length") == 1
    assert "triples" in page.inner_text(".yasr .view-caption")
    shot(page, "graph")
    assert clean(page) == []


def test_a_construct_result_is_drawn_as_a_graph(page, server):
    run(page, server, SG + "CONSTRUCT { ?c sg:location ?p } WHERE { ?c a sg:Cluster ; sg:location ?p } "
                           "LIMIT 20")
    page.click(".yasr .select_graph")
    page.wait_for_selector(".yasr .result-graph canvas", timeout=20000)
    assert page.evaluate("window.saxgraphGraph.edges().length") >= 1
    assert clean(page) == []


def test_an_aggregate_is_drawn_as_a_bar_and_a_pie_chart(page, server, dataset):
    run(page, server, example="member-counts")
    page.wait_for_selector(".yasr .select_chart", timeout=20000)
    rows = page.locator(".yasr table tbody tr").count()
    page.click(".yasr .select_chart")
    page.wait_for_selector(".yasr svg.bar-chart rect.bar", timeout=10000)
    assert page.locator(".yasr svg.bar-chart rect.bar").count() == rows > 3
    chart = page.inner_text(".yasr .result-chart")
    assert "Silicon Saxony" in page.inner_html(".yasr svg.bar-chart") and "value" in chart
    shot(page, "chart")
    page.click(".yasr .chart-switch button[data-kind=pie]")
    page.wait_for_selector(".yasr svg.pie-chart .slice", timeout=10000)
    assert page.locator(".yasr svg.pie-chart .slice").count() >= 2
    shot(page, "pie")
    assert clean(page) == []


def test_a_result_without_numbers_offers_no_chart(page, server):
    run(page, server, example="alliance-member-regions")
    page.wait_for_selector(".yasr table tbody tr", timeout=20000)
    assert "disabled" in (page.get_attribute(".yasr .select_chart", "class") or "")
    assert "disabled" in (page.get_attribute(".yasr .select_graph", "class") or "")


def test_the_editor_completes_a_class_from_the_server(page, server):
    page.goto(f"{server}/query?query=" + quote(SG + "SELECT * WHERE { ?s a }", safe=""))
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    page.click(".yasqe .CodeMirror")
    page.keyboard.press("Control+End")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    with page.expect_response(lambda r: "/query/completions.json" in r.url and "kind=class" in r.url):
        page.keyboard.type(" sg:Clus", delay=40)
    page.wait_for_selector(".CodeMirror-hints li", timeout=10000)
    offered = page.inner_text(".CodeMirror-hints")
    assert "sg:Cluster" in offered and "cluster" in offered.lower()
    page.keyboard.press("Enter")
    assert "?s a sg:Cluster" in page.evaluate("window.saxgraphYasgui.getTab().getQuery()")
    assert clean(page) == []


def test_the_editor_completes_an_entity_by_its_label(page, server):
    page.goto(f"{server}/query?query=" + quote(SG + CLUSTER + "SELECT * WHERE {  ?p ?o }", safe=""))
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    page.click(".yasqe .CodeMirror")
    page.keyboard.press("Control+End")
    for _ in range(8):
        page.keyboard.press("ArrowLeft")
    page.keyboard.type("cluster:silic", delay=40)
    page.wait_for_selector(".CodeMirror-hints li", timeout=10000)
    assert "cluster:silicon-saxony" in page.inner_text(".CodeMirror-hints")
    assert "Silicon Saxony" in page.inner_text(".CodeMirror-hints")


@pytest.mark.parametrize("path", ["/query", "/examples", "/query?example=member-counts&run=1"])
def test_no_console_error_or_csp_violation(page, server, path):
    page.goto(f"{server}{path}")
    page.wait_for_load_state("networkidle")
    assert clean(page) == []


def test_the_examples_results_link_shows_the_results(page, server):
    page.goto(f"{server}/examples")
    with page.expect_response(lambda r: r.url == f"{server}/sparql" and r.request.method == "POST"):
        page.click("#wir-alliances >> text=Results from")
    assert urlsplit(page.url).path == "/query"
    page.wait_for_selector(".yasr table tbody tr", timeout=20000)
    assert "recomine" in page.inner_text(".yasr table")
    assert clean(page) == []


def test_the_favicon_loads(page, server):
    page.goto(f"{server}/")
    href = page.get_attribute("link[rel=icon]", "href")
    assert page.request.get(f"{server}{href}").headers["content-type"].startswith("image/svg+xml")
    assert page.request.get(f"{server}/favicon.ico").ok


@pytest.mark.parametrize("path", ["/query?example=alliance-member-regions&run=1", "/examples"])
def test_a_phone_does_not_scroll_sideways(browser, server, path):
    page = _page(browser, server, width=390, height=844)
    try:
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
        if "run=1" in path:
            page.wait_for_selector(".yasr table tbody tr", timeout=20000)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        picker = page.locator("#example")
        if picker.count():
            box = picker.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"phone{urlsplit(path).path.replace('/', '-')}.png"))
        assert clean(page) == []
    finally:
        page.context.close()
