"""README's examples run, and what it says of the data is the data's: its generated parts (example
answers, counts per class and graph, public mode's figures, settings tables) are what scripts/readme.py
makes from the bundled graph now, and every `saxgraph query '...'` it shows answers as its comment says."""

import importlib.util
import re
from pathlib import Path

import pytest

from saxgraph import cli
from saxgraph.store.open import filtered

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
_spec = importlib.util.spec_from_file_location("readme_script", ROOT / "scripts" / "readme.py")
readme = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(readme)

# A command as README shows it: `saxgraph query [--no-curation] '...'`, up to the closing quote (the query
# may span lines), and the rest of its last line (a comment that may say "no rows").
COMMAND = re.compile(r"saxgraph query (?P<options>(?:--[a-z-]+ )*)'(?P<query>[^']+)'(?P<rest>[^\n]*)")
PLACEHOLDERS = {"SPARQL", "SELECT ..."}
COMMANDS = [m for m in COMMAND.finditer(README) if m.group("query") not in PLACEHOLDERS]


def test_generated_parts_are_up_to_date(dataset):
    """Run `python scripts/readme.py` after changing the data, an example or a setting."""
    generated = readme.generate(README, dataset, filtered(dataset, public=True))
    assert generated == README, "README.md is out of date: run python scripts/readme.py"


def test_every_example_readme_names_exists_and_every_generated_part_has_a_known_kind(dataset):
    kinds = [m.group("spec").split()[0] for m in readme.BLOCK.finditer(README)]
    assert {"stats", "example", "public-quads", "persons", "settings"} <= set(kinds)
    assert kinds.count("example") >= 4


def test_readme_shows_its_queries():
    assert len(COMMANDS) >= 4, [m.group(0) for m in COMMANDS]


@pytest.mark.parametrize("command", COMMANDS, ids=[m.group("query")[:40] for m in COMMANDS])
def test_every_query_in_readme_answers_as_it_says(command, real_build, capsys):
    options = command.group("options").split()
    build_dir = str(real_build.dataset_path.parent)
    status = cli.main(["query", *options, "--build-dir", build_dir, command.group("query")])
    out = capsys.readouterr().out
    assert status == 0, out
    rows = int(re.search(r"\((\d+) rows?\)\s*$", out).group(1))
    if "no rows" in command.group("rest"):
        assert rows == 0, out
    else:
        assert rows > 0, f"README's query answers nothing:\n{command.group(0)}"
    if "the curator's five" in command.group("rest"):
        assert rows == 5, out


DOCUMENTS = [ROOT / "README.md", ROOT / "data" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PATH = re.compile(r"`((?:src|tests|bench|scripts|docs|ontology|shapes|data)/[\w./-]+)`")
GENERATED = ("bench/results/",)  # written by the benchmarks, not committed


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_every_path_the_documentation_names_exists(document):
    named = {m.group(1) for m in PATH.finditer(document.read_text(encoding="utf-8"))}
    missing = sorted(p for p in named if not p.startswith(GENERATED) and not (ROOT / p).exists())
    assert not missing, f"{document.relative_to(ROOT)} names paths that do not exist: {missing}"
