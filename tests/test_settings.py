"""Settings: one table (saxgraph.settings), read from the environment one way for the CLI and the server
alike; booleans are 1/true/yes/on or 0/false/no/off and nothing else; README's tables are made from it."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from saxgraph import settings
from saxgraph.errors import SaxgraphError
from saxgraph.web import create_app

ROOT = Path(__file__).resolve().parents[1]
BOOLEANS = [s.name for s in settings.SETTINGS if s.kind == "bool" and s.environment]
SPELLINGS = [("1", True), ("true", True), ("YES", True), ("On", True),
             ("0", False), ("false", False), ("No", False), ("OFF", False)]


@pytest.mark.parametrize("name", BOOLEANS)
@pytest.mark.parametrize("raw,expected", SPELLINGS)
def test_every_boolean_setting_reads_every_spelling_one_way(name, raw, expected):
    assert settings.from_environment({f"SAXGRAPH_{name}": raw})[name] is expected


@pytest.mark.parametrize("name", BOOLEANS)
def test_anything_else_is_an_error_naming_the_setting(name):
    with pytest.raises(settings.SettingError, match=f"SAXGRAPH_{name}='maybe': not a boolean"):
        settings.from_environment({f"SAXGRAPH_{name}": "maybe"})


def test_a_variable_set_to_nothing_means_the_default():
    assert settings.from_environment({"SAXGRAPH_PUBLIC": "", "SAXGRAPH_QUERY_TIMEOUT": " "}) == {}


def test_numbers_and_lists_are_parsed_too():
    found = settings.from_environment({"SAXGRAPH_QUERY_TIMEOUT": "2.5", "SAXGRAPH_RATE_LIMIT": "60",
                                       "SAXGRAPH_SERVICE_ALLOWLIST": "https://a.example/sparql, https://b.example/"})
    assert found == {"QUERY_TIMEOUT": 2.5, "RATE_LIMIT": 60,
                     "SERVICE_ALLOWLIST": ["https://a.example/sparql", "https://b.example/"]}
    with pytest.raises(settings.SettingError, match="SAXGRAPH_RATE_LIMIT='lots': not an integer"):
        settings.from_environment({"SAXGRAPH_RATE_LIMIT": "lots"})


@pytest.mark.parametrize("raw,public",
                         [("off", False), ("no", False), ("0", False), ("on", True), ("1", True)])
def test_the_server_reads_public_as_the_cli_does(monkeypatch, mini_build, raw, public):
    """SAXGRAPH_PUBLIC=off serves the full data (the string 'off' was once truthy to the server)."""
    monkeypatch.setenv("SAXGRAPH_PUBLIC", raw)
    app = create_app({"BUILD_DIR": str(mini_build.dataset_path.parent), "TESTING": True})
    assert app.test_client().get("/health").get_json()["public"] is public


def test_a_server_with_an_unreadable_boolean_does_not_start(monkeypatch, mini_build):
    monkeypatch.setenv("SAXGRAPH_PUBLIC", "maybe")
    with pytest.raises(SaxgraphError, match="SAXGRAPH_PUBLIC='maybe'"):
        create_app({"BUILD_DIR": str(mini_build.dataset_path.parent), "TESTING": True})


def test_a_mapping_given_to_the_app_is_read_the_same_way(mini_build):
    app = create_app({"BUILD_DIR": str(mini_build.dataset_path.parent), "TESTING": True, "PUBLIC": "off"})
    assert app.config["PUBLIC"] is False


def cli(*args, env: dict):
    return subprocess.run([sys.executable, "-m", "saxgraph", *args], capture_output=True, text=True,
                          env={**_environ(), **env}, timeout=300)


def _environ() -> dict:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("SAXGRAPH_")}


PERSONS = "SELECT (COUNT(*) AS ?n) WHERE { ?p a sg:Person }"


@pytest.mark.parametrize("raw,persons", [("off", True), ("false", True), ("on", False), ("yes", False)])
def test_the_cli_reads_public_from_the_environment(mini_build, raw, persons):
    run = cli("query", PERSONS, "--format", "csv", "--build-dir", str(mini_build.dataset_path.parent),
              env={"SAXGRAPH_PUBLIC": raw})
    assert run.returncode == 0, run.stderr
    count = int(run.stdout.split()[-1])
    assert (count > 0) is persons


@pytest.mark.parametrize("command", [["query", PERSONS], ["stats"], ["build", "--out", "{tmp}"]])
def test_the_cli_refuses_an_unreadable_boolean_with_the_settings_name(mini_build, tmp_path, command):
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    if command[0] != "build":
        args += ["--build-dir", str(mini_build.dataset_path.parent)]
    run = cli(*args, env={"SAXGRAPH_PUBLIC": "maybe"})
    assert run.returncode == 2
    assert "SAXGRAPH_PUBLIC='maybe': not a boolean" in run.stderr


@pytest.mark.server
def test_saxgraph_serve_refuses_to_start_with_an_unreadable_boolean(mini_build):
    run = cli("serve", "--port", "1", "--build-dir", str(mini_build.dataset_path.parent),
              env={"SAXGRAPH_NO_CURATION": "perhaps"})
    assert run.returncode == 2
    assert "SAXGRAPH_NO_CURATION='perhaps': not a boolean" in run.stderr


def test_readme_lists_every_setting_as_the_table_says():
    """README's settings tables are made from saxgraph.settings (markdown_table); this keeps them equal."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for section in settings.SECTION_TITLES:
        assert settings.markdown_table(section) in readme, \
            f"README's {section} table differs from the settings"
    listed = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, re.MULTILINE))
    assert listed == {s.name for s in settings.SETTINGS if s.environment}


def test_the_home_page_names_absolute_urls_under_public_url(mini_dataset):
    app = create_app({"STORE": mini_dataset, "TESTING": True, "PUBLIC_URL": "https://graph.example.org/kg"})
    summary = app.test_client().get("/index.json").get_json()
    assert summary["sparql_endpoint"] == "https://graph.example.org/kg/sparql"
    assert summary["examples"] == "https://graph.example.org/kg/examples.json"
