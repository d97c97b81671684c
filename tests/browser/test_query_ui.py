"""The query UI in a real Chromium: open an example, run it in YASGUI against the real /sparql endpoint,
see the result table. The screenshot goes to test-artifacts/query-ui.png."""

import importlib.util
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from saxgraph.namespaces import SPARQL_PREFIXES

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


def _require_or_skip():
    """tests/conftest.py by path: a tests/browser/conftest.py would shadow the module name `conftest`."""
    spec = importlib.util.spec_from_file_location("saxgraph_project_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.require_or_skip


@pytest.fixture(scope="module")
def server(live_server):
    """The real-data server, its query workers already forked.

    The endpoint forks its workers on the first query; forked after Playwright started, they would inherit
    the pipes to Playwright's driver and keep it from ever seeing them close (the test run hangs at exit).
    """
    request = urllib.request.Request(f"{live_server}/sparql", data=b"ASK {}", method="POST",
                                     headers={"Content-Type": "application/sparql-query"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
    return live_server


@pytest.fixture
def page(server):
    _require_or_skip()(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}", "SAXGRAPH_REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    host = urlsplit(server).netloc
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        # the pages' Content-Security-Policy must not block anything the UI needs (Chromium logs each block)
        page.on("console", lambda message: page.errors.append(f"CSP: {message.text}")
                if "Content Security Policy" in message.text else None)
        # the page must work offline: nothing but this server (data: URLs are the page's own data)
        page.on("request", lambda request: page.errors.append(f"external request {request.url}")
                if urlsplit(request.url).scheme != "data" and urlsplit(request.url).netloc != host else None)
        yield page
        browser.close()


def test_an_example_runs_in_the_ui_and_shows_the_result_table(page, server, dataset):
    expected = {row["name"] for row in dataset.select(
        SPARQL_PREFIXES + "SELECT ?name { alliance:alliance-of-semiconductor-regions sg:hasMember ?r . "
        "?r a sg:Region ; rdfs:label ?name FILTER(LANG(?name) = 'en') }")}
    assert len(expected) == 13
    page.goto(f"{server}/query?example=alliance-member-regions")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    assert "alliance-of-semiconductor-regions" in page.evaluate("window.saxgraphYasgui.getTab().getQuery()")
    assert page.evaluate("window.saxgraphYasgui.getTab().getEndpoint()") == f"{server}/sparql"
    with page.expect_response(lambda r: r.url == f"{server}/sparql" and r.request.method == "POST") as answer:
        page.click(".yasqe_queryButton")
    assert answer.value.status == 200
    page.wait_for_selector(".yasr table tbody tr", timeout=20000)
    table = page.inner_text(".yasr table")
    for name in expected:
        assert name in table
    assert "place:saxony" in table and "DED" in table and "Netherlands" in table
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "query-ui.png"), full_page=True)
    assert page.errors == []
    assert "script-src 'self'" in answer_page_policy(page, f"{server}/query")


def answer_page_policy(page, url) -> str:
    """The Content-Security-Policy the server sent with the page (the console check above relies on one)."""
    return page.request.get(url).headers.get("content-security-policy", "")


def test_the_examples_page_link_runs_the_example_at_once(page, server):
    page.goto(f"{server}/examples")
    page.click("#wir-alliances >> text=Run in the query UI")
    page.wait_for_selector(".yasr table tbody tr", timeout=20000)
    table = page.inner_text(".yasr table")
    assert "recomine" in table and "SmartERZ" in table and "Freiberg" in table
    assert page.errors == []


def test_choosing_another_example_replaces_the_query(page, server):
    page.goto(f"{server}/query")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    page.select_option("#example", "member-counts")
    assert "sg:memberCount" in page.evaluate("window.saxgraphYasgui.getTab().getQuery()")
    assert "example=member-counts" in page.url
    assert page.errors == []


def test_nothing_from_an_earlier_visit_comes_back(page, server):
    """No tab is persisted: an edited query or another endpoint never replaces what the next visit asks."""
    tab = "window.saxgraphYasgui.getTab()"
    page.goto(f"{server}/query?example=member-counts")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    page.click(".yasqe .CodeMirror")
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# my own edit")
    page.wait_for_function(f"() => {tab}.getQuery().includes('my own edit')", timeout=5000)
    page.evaluate(f"() => {{ {tab}.setEndpoint('http://elsewhere.invalid/sparql'); }}")
    page.goto(f"{server}/query?example=member-counts")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    assert "my own edit" not in page.evaluate(f"{tab}.getQuery()")
    assert page.evaluate(f"{tab}.getEndpoint()") == f"{server}/sparql"
    assert len(page.evaluate("Object.keys(window.saxgraphYasgui._tabs)")) == 1
    assert page.errors == []


def test_typing_a_project_prefix_declares_it(page, server):
    """The editor knows the project's prefixes (from the server, not prefix.cc): typing sg: declares it."""
    page.goto(f"{server}/query?query=" + "SELECT%20*%20WHERE%20%7B%20%3Fs%20a%20%7D")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    page.click(".yasqe .CodeMirror")
    page.keyboard.press("Control+End")
    page.keyboard.press("ArrowLeft")
    page.keyboard.type(" sg:")
    page.wait_for_function(
        "() => window.saxgraphYasgui.getTab().getQuery().includes('PREFIX sg: <https://w3id.org/saxgraph/ontology#>')",
        timeout=10000)
    assert page.errors == []
