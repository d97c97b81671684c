"""README.md's figures and example outputs, made from the data: `python scripts/readme.py` rewrites them,
`--check` exits 1 if README differs (tests/test_readme.py runs the same comparison).

A generated part sits between `<!-- generated: KIND [ARGUMENT] -->` and `<!-- /generated -->`:

- `stats`: `saxgraph stats --markdown` on the bundled graph;
- `example NAME`: the example query NAME (src/saxgraph/query/examples/NAME.rq), its title and description, and
  the first rows of its answer as `saxgraph query --example NAME` prints them;
- `public-quads`: what public mode keeps and leaves out; `persons`: the persons in the data by what they are;
- `settings SECTION`: the table of one section of saxgraph.settings.
"""

import argparse
import difflib
import re
import sys
from pathlib import Path

from saxgraph import settings
from saxgraph.describe.stats import render, statistics
from saxgraph.query import examples
from saxgraph.query.table import text_table

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"<!-- generated: (?P<spec>[^>]*?) -->(?P<body>.*?)<!-- /generated -->", re.S)
EXAMPLE_ROWS, EXAMPLE_CELL = 8, 60

PERSONS = """
SELECT (COUNT(DISTINCT ?person) AS ?all)
       (COUNT(DISTINCT ?contact) AS ?contacts) (COUNT(DISTINCT ?credited) AS ?credits) WHERE {
  ?person a sg:Person .
  OPTIONAL { ?x sg:contactPerson ?person BIND(?person AS ?contact) }
  OPTIONAL { ?y sg:credit ?person BIND(?person AS ?credited) }
}"""


def example_block(name: str, dataset) -> str:
    example = examples.by_name(name)
    if example is None:
        raise SystemExit(f"README names an example that does not exist: {name}")
    answer = text_table(dataset.query(example.query), max_rows=EXAMPLE_ROWS, max_cell=EXAMPLE_CELL)
    output = "\n".join(f"    {line}".rstrip() for line in answer.splitlines())
    title = example.title if example.title[-1] in ".?!" else example.title + "."
    return (f"\n**{title}** {example.description}\n\n```sparql\n{example.body.strip()}\n```\n\n"
            f"    $ saxgraph query --example {name}\n{output}\n")


def persons_sentence(dataset) -> str:
    from saxgraph.namespaces import SPARQL_PREFIXES

    row = next(iter(dataset.select(SPARQL_PREFIXES + PERSONS)))
    total, contacts, credits = (int(row[k]) for k in ("all", "contacts", "credits"))
    return (f"all {total} in the data ({contacts} contact persons, {credits} credited for pictures, "
            f"{total - contacts - credits} named otherwise)")


def public_sentence(dataset, public) -> str:
    return f"{len(public)} of the {len(dataset)} quads ({len(dataset) - len(public)} left out)"


def generate(text: str, dataset, public) -> str:
    def replace(match: re.Match) -> str:
        kind, _, argument = match.group("spec").strip().partition(" ")
        if kind == "stats":
            body = "\n" + render(statistics(dataset), markdown=True)
        elif kind == "example":
            body = example_block(argument, dataset)
        elif kind == "public-quads":
            body = public_sentence(dataset, public)
        elif kind == "persons":
            body = persons_sentence(dataset)
        elif kind == "settings":
            body = "\n" + settings.markdown_table(argument)
        else:
            raise SystemExit(f"README has a generated part of unknown kind: {kind!r}")
        return f"<!-- generated: {match.group('spec')} -->{body}<!-- /generated -->"

    return BLOCK.sub(replace, text)


def main() -> int:
    from saxgraph.store.open import filtered, open_dataset

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is not up to date")
    args = parser.parse_args()
    dataset = open_dataset()
    text = README.read_text(encoding="utf-8")
    new = generate(text, dataset, filtered(dataset, public=True))
    if args.check:
        if new != text:
            sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True),
                                                       "README.md", "generated"))
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    print(f"README.md: {len(BLOCK.findall(new))} generated parts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
