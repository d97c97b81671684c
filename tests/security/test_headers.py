"""Security headers: every response is nosniff with a referrer policy; HTML pages carry a
Content-Security-Policy that allows only this server's own scripts and may not be framed."""

import pytest

HTML_PAGES = ["/", "/query", "/examples", "/id/cluster/cool-silicon", "/class/Cluster", "/classes",
              "/search?q=cool", "/ontology", "/download/", "/.well-known/void.html",
              "/id/cluster/no-such-thing"]
OTHER = ["/sparql?query=ASK%7B%7D", "/id/cluster/cool-silicon.ttl", "/download/saxgraph.nt", "/health",
         "/static/saxgraph.css", "/index.json"]


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


@pytest.mark.parametrize("path", HTML_PAGES)
def test_html_pages_have_a_content_security_policy(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.mimetype == "text/html"
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]  # no inline scripts, no eval, no other origin
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "'unsafe-eval'" not in policy["default-src"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", OTHER)
def test_every_response_is_nosniff_with_a_referrer_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_errors_carry_the_headers_too(client):
    response = client.get("/sparql?query=SELEKT")
    assert response.status_code == 400
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_load_no_inline_script(client):
    """What the policy forbids, the pages must not need: every <script> has a src or is inert JSON data."""
    import re

    for path in HTML_PAGES:
        page = client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", page):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert not re.search(r"\son[a-z]+\s*=", page), path  # no inline event handlers
        # no style attributes either: style-src has no 'unsafe-inline'
        assert not re.search(r"<[^>]+\sstyle=", page), path
