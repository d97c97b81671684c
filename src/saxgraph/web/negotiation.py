"""The one content-negotiation function of the app (Werkzeug's Accept parsing: q-values, wildcards,
specificity), and the headers that go with a negotiated response."""

from functools import lru_cache

from flask import Request, Response, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from saxgraph.errors import NotAcceptableError
from saxgraph.formats import Format


def negotiate(offers: list[Format], default: Format | None = None, *, extension: str | None = None,
              req: Request | None = None, param: str | None = "format") -> Format:
    """Pick the representation: an explicit extension or `format` parameter wins over Accept.

    `offers` is in server preference order; the first offer breaks ties and is the default when the
    client sends no Accept header (or `*/*`). `param=None`: the caller has read the request's parameters."""
    req = req or request
    default = default or offers[0]
    explicit = extension or (param and (req.args.get(param) or
                                        (req.form.get(param) if req.method == "POST" else None)))
    if explicit:
        return _explicit(explicit, offers)
    found = _best_match(req.headers.get("Accept"), (default, *(f for f in offers if f is not default)))
    if found is True:
        return default
    if found is None:
        available = [f.media_type for f in offers]
        names = "|".join(f.name for f in offers)
        raise NotAcceptableError(
            f"None of the media types in Accept ({req.headers.get('Accept')}) is available here. "
            f"Available: {', '.join(available)} (or add ?{param or 'format'}=<{names}>).", available)
    return found


@lru_cache(maxsize=256)  # a few Accept values per client library and browser
def _best_match(accept_header: str | None, offers: tuple[Format, ...]) -> Format | bool | None:
    """The offer the Accept header ranks first; True when it asks for nothing in particular (the default
    then), None when it accepts none of them."""
    accept = parse_accept_header(accept_header, MIMEAccept)
    if not accept or not accept.values():
        return True
    candidates, owner = [], {}
    for fmt in offers:
        for media_type in (fmt.media_type, *fmt.aliases):
            if media_type not in owner:
                owner[media_type] = fmt
                candidates.append(media_type)
    # Werkzeug ranks by quality, then specificity, then the order of `candidates` (default first).
    best = accept.best_match(candidates)
    return None if best is None else owner[best]


def _explicit(value: str, offers: list[Format]) -> Format:
    """The offer a client names (a name, an extension or a media type); 406 with the list when none is."""
    found = named(value, offers)
    if found is None:
        raise NotAcceptableError(f"Format {value.strip().lower()!r} is not available here. Available: "
                                 f"{', '.join(f.name for f in offers)}.", [f.media_type for f in offers])
    return found


def named(value: str, offers) -> Format | None:
    """The first offer `value` names (its name, extension, media type or one of the names clients use for
    it, such as `output=json` for JSON-LD when the answer is a graph); None when it names none of them."""
    value = value.strip().lower()
    return next((f for f in offers if f.called(value)), None)


def vary_and_alternates(response: Response, alternates: list[tuple[str, Format]]) -> Response:
    """`Vary: Accept` and one `Link: <url>; rel="alternate"; type=...` per other representation."""
    response.vary.add("Accept")
    links = [f'<{url}>; rel="alternate"; type="{fmt.media_type}"' for url, fmt in alternates]
    if links:
        existing = response.headers.get("Link")
        response.headers["Link"] = ", ".join(([existing] if existing else []) + links)
    return response
