"""The catalogue of example queries (src/saxgraph/query/examples/*.rq).

Each file starts with `# title:` and `# description:` lines, then the query without PREFIX declarations:
the prefixes it uses are added from `namespaces.PREFIXES`, the one place they are defined, so every query
shown or downloaded is complete and runs on any SPARQL endpoint holding the data.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from saxgraph.namespaces import PREFIXES
from saxgraph.query.text import classify, tokens

FOLDER = Path(__file__).parent / "examples"


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    description: str
    body: str  # the query as written in the file, without prefixes

    @property
    def query(self) -> str:
        return with_prefixes(self.body)

    @property
    def form(self) -> str | None:
        return classify(self.body).form

    def as_json(self) -> dict:
        return {"name": self.name, "title": self.title, "description": self.description,
                "form": self.form, "query": self.query}


def with_prefixes(body: str) -> str:
    """The PREFIX lines for the prefixed names the query uses, in the order of PREFIXES."""
    used = {value.split(":", 1)[0] for kind, value in tokens(body) if kind == "pname"}
    lines = [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items() if name in used]
    return "\n".join(lines) + ("\n\n" if lines else "") + body.strip() + "\n"


_HEADER = re.compile(r"^#\s*(title|description):\s*(.+)$")


def load(path: Path) -> Example:
    meta, body = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line)
        if match and not body:
            meta[match.group(1)] = match.group(2).strip()
        else:
            body.append(line)
    missing = {"title", "description"} - set(meta)
    if missing:
        raise ValueError(f"{path}: missing header line(s) {', '.join(sorted(missing))}")
    return Example(path.stem, meta["title"], meta["description"], "\n".join(body).strip() + "\n")


@cache
def catalogue() -> tuple[Example, ...]:
    return tuple(load(path) for path in sorted(FOLDER.glob("*.rq")))


def by_name(name: str) -> Example | None:
    return next((e for e in catalogue() if e.name == name), None)
