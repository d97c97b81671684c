"""Security headers on every response, and the Content-Security-Policy of the HTML pages.

The pages load scripts and styles only from this server (the vendored YASGUI and Cytoscape.js, never a CDN),
so the policy can forbid inline scripts, eval and other origins outright: markup that slipped into a page
could not run. The query UI reads the project's prefixes from a `data:` URL (connect-src) and YASGUI draws
icons from `data:` images. Each vendored library injects one fixed <style> element at run time; those two are
allowed by the hash of their text (STYLE_HASHES), not by 'unsafe-inline'. A refreshed vendor file that
injects other text shows up as a CSP violation in tests/browser, which check the console for them.
connect-src 'self' also means the query UI sends queries to this server only; tools on other sites still
query /sparql through CORS."""

from flask import Flask, Response

# sha256 of the <style> text that @zazuko/yasgui 4.6.1 and cytoscape (static/vendor/VERSIONS.json) inject
STYLE_HASHES = (
    "'sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk='",  # yasgui
    "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='",  # cytoscape: its container's position
)

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' " + " ".join(STYLE_HASHES),
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}


def frameable(response: Response, ancestors: str) -> Response:
    """Let the pages of `ancestors` (CSP source expressions, "*" for any) show this page in a frame: the
    reconciliation preview card, which OpenRefine embeds from wherever it runs. The rest of the policy
    holds."""
    sources = " ".join(ancestors.replace(";", " ").replace(",", " ").split()) or "'none'"
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
        "frame-ancestors 'none'", f"frame-ancestors {sources}")
    return response


def add_headers(response: Response) -> Response:
    own_policy = response.headers.get("Content-Security-Policy", "")
    for name, value in HEADERS.items():
        if name == "X-Frame-Options" and "frame-ancestors" in own_policy \
                and "frame-ancestors 'none'" not in own_policy:
            continue  # a page made frameable on purpose (CSP frame-ancestors supersedes the older header)
        response.headers.setdefault(name, value)
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response


def register(app: Flask) -> None:
    app.after_request(add_headers)
