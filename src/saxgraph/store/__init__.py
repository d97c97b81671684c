"""The read-only dataset behind every query: the embedded pyoxigraph store over a build (dataset), a remote
SPARQL store that `saxgraph publish` filled (remote, over http_client), and the one place that decides which
of them a command or the server opens (open)."""
