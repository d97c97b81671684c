"""URL converters: a path segment that becomes part of an IRI must be one an IRI can hold.

A view maps its path to a canonical IRI (`/id/cluster/x` -> `https://w3id.org/saxgraph/id/cluster/x`);
a segment with characters no IRI may contain (NUL and other controls, spaces, `<>"{}|\\^`, a lone `%`),
or with `#` or `?` (decoded from `%23`, `%3F`: they would end the segment), names nothing in the graph.
Such a path does not match the route at all, so it is a 404 like any unknown path, never an error from the
IRI parser deep in a view. The views rely on it: the IRIs they make of these segments are always valid."""

import pyoxigraph as ox
from werkzeug.routing import BaseConverter, ValidationError

from saxgraph.namespaces import BASE


class IriSegment(BaseConverter):
    """One path segment (no '/') that is valid inside an IRI, and so in its path or its fragment."""

    def to_python(self, value: str) -> str:
        if "#" in value or "?" in value:
            raise ValidationError()
        try:
            ox.NamedNode(f"{BASE}x/{value}")
        except ValueError:
            raise ValidationError() from None
        return value


CONVERTERS = {"segment": IriSegment}
