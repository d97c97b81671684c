"""Pages that scale, in a real Chromium (issue 16): a class table sorted and paged by clicking, the header's
autocomplete driven by the keyboard, a German class page, nothing wider than a 390 px screen, and no console
error or Content-Security-Policy violation anywhere. Screenshots go to test-artifacts/."""

import importlib.util
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = [pytest.mark.server, pytest.mark.browser]


def _project_conftest():
    """tests/conftest.py by path: a tests/browser/conftest.py would shadow the module name `conftest`."""
    spec = importlib.util.spec_from_file_location("saxgraph_project_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


require_or_skip = _project_conftest().require_or_skip

# Reports every CSP violation into the page, where the test reads them (an init script runs before the
# page's own, and is not subject to its policy).
CSP_LISTENER = ("window.__cspViolations = []; document.addEventListener('securitypolicyviolation', "
                "e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));")


@pytest.fixture(scope="module")
def server(app):
    """The fixture-graph app on a loopback socket."""
    from werkzeug.serving import make_server

    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    require_or_skip(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}", "SAXGRAPH_REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.add_init_script(CSP_LISTENER)
    errors = []
    tab.on("pageerror", lambda error: errors.append(f"page error: {error}"))

    def console(message):
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"console: {message.text} ({message.location.get('url')})")
        elif "Content Security Policy" in message.text:
            errors.append(f"CSP: {message.text}")

    tab.on("console", console)
    tab.on("request", lambda request: errors.append(f"external request {request.url}")
           if not request.url.startswith("http://127.0.0.1") else None)
    tab.errors = errors
    yield tab
    context.close()


def clean(page):
    """No console error, page error, external request or CSP violation so far."""
    violations = page.evaluate("window.__cspViolations || []")
    assert page.errors == [] and violations == [], (page.errors, violations)


def first_cells(page) -> list[str]:
    return page.locator("table.instances tbody tr td:first-child").all_inner_texts()


def test_class_table_sorts_and_pages_by_clicking(page, server):
    page.goto(f"{server}/class/Organisation?size=2")
    assert page.locator("#table-count").inner_text() == "Showing 1–2 of 4"
    ascending = first_cells(page)
    assert ascending == sorted(ascending, key=str.casefold)
    page.click("table.instances th a[data-sort=label]")  # sorted by label already: now descending
    page.wait_for_url("**desc=1**")
    assert page.get_attribute("table.instances th[aria-sort]", "aria-sort") == "descending"
    descending_first = first_cells(page)
    page.click("nav.pager a[rel=next]")
    page.wait_for_url("**page=2**")
    assert page.locator("#table-count").inner_text() == "Showing 3–4 of 4"
    everything = descending_first + first_cells(page)
    assert everything == sorted(everything, key=str.casefold, reverse=True)
    page.click("nav.pager a[rel=prev]")
    page.wait_for_url(lambda url: "page=" not in url)
    assert first_cells(page) == descending_first
    page.click("table.instances th a[data-sort=location]")
    page.wait_for_url("**sort=location**")
    assert page.get_attribute("table.instances th[aria-sort]", "aria-sort") == "ascending"
    page.fill("form.table-filter input[name=q]", "dresden")
    page.click("form.table-filter button[type=submit]")
    page.wait_for_url("**q=dresden**")
    assert first_cells(page) == ["TU Dresden"] and "sort=location" in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "class-table.png"))
    clean(page)


def test_header_autocomplete_by_typing(page, server):
    page.goto(f"{server}/classes")
    field = page.locator("#site-q")
    field.press_sequentially("cool", delay=30)
    page.wait_for_selector("#site-q-suggestions li[role=option]")
    assert field.get_attribute("aria-expanded") == "true"
    options = page.locator("#site-q-suggestions li[role=option]")
    assert options.first.inner_text().startswith("Cool Silicon")
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    field.press("Escape")
    assert page.locator("#site-q-suggestions").is_hidden() and field.get_attribute("aria-expanded") == "false"
    field.press_sequentially(" s", delay=30)  # typing again opens the list again
    page.wait_for_selector("#site-q-suggestions li[role=option]")
    field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_url("**/id/cluster/cool-silicon")
    assert page.locator("h1").inner_text() == "Cool Silicon"
    clean(page)


def test_enter_without_a_choice_searches(page, server):
    page.goto(f"{server}/classes")
    page.locator("#site-q").press_sequentially("dresden", delay=20)
    page.wait_for_selector("#site-q-suggestions li[role=option]")
    page.locator("#site-q").press("Enter")
    page.wait_for_url("**/search?q=dresden")
    assert "3 results for" in page.locator("#result-count").inner_text()
    clean(page)


def test_german_class_page(page, server):
    page.goto(f"{server}/class/Organisation?lang=de")
    assert page.locator("html").get_attribute("lang") == "de"
    headings = page.locator("table.instances thead th").all_inner_texts()
    german = ["Bezeichnung", "Typen", "Standort", "Quelldokumente"]
    assert [h.replace("▲", "").strip() for h in headings] == german
    assert page.locator("#table-count").inner_text() == "1–4 von 4"
    assert "Universität" in page.locator("table.instances tbody").inner_text()  # class labels in German
    clean(page)


@pytest.mark.parametrize("path", ["/class/Organisation", "/class/Cluster?size=1", "/search?q=cool",
                                  "/id/cluster/cool-silicon", "/id/place/dresden", "/classes"])
def test_nothing_is_wider_than_a_390_px_screen(page, server, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{path} is {width[0]} px wide on a {width[1]} px screen"
    if path.startswith("/class/Organisation"):  # the column headings give way to a line of sort links
        assert page.locator("nav.sort-by").is_visible()
        assert page.locator("table.instances thead").bounding_box()["width"] <= 1  # kept for screen readers
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "class-table-390.png"), full_page=True)
    clean(page)
