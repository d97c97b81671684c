"""The command line as a user runs it: build, validate, query, export, stats, with their exit codes."""

import csv
import io
import json

import pytest
import rdflib


@pytest.fixture
def env(sandbox, tmp_path):
    """Point the CLI at the fixture sources and a fresh build folder."""
    return {"SAXGRAPH_SOURCE_ROOT": str(sandbox), "SAXGRAPH_BUILD_DIR": str(tmp_path / "build")}


def test_build_writes_dataset_and_reports_progress(run_cli, env, tmp_path):
    result = run_cli("build", env=env)
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode()
    for step in ("parsed", "checked terms", "validated with SHACL", "materialised", "wrote"):
        assert step in err
    assert (tmp_path / "build" / "saxgraph.nq").stat().st_size > 0
    manifest = json.loads((tmp_path / "build" / "manifest.json").read_text())
    assert manifest["quads"] == sum(manifest["graphs"].values())


def test_validate_invalid_data_exits_1_with_located_report(run_cli, env, sandbox, tmp_path):
    path = sandbox / "data" / "clusters.ttl"
    path.write_text(path.read_text().replace('sg:postalCode "01099"', 'sg:postalCode "01"'))
    result = run_cli("validate", env=env)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "clusters.ttl" in err and "address:cool-silicon" in err and "five digits" in err
    assert not (tmp_path / "build").exists()


def test_validate_named_files_with_reference(run_cli, env, sandbox):
    result = run_cli("validate", sandbox / "data" / "clusters.ttl", env=env)
    assert result.returncode == 0, result.stderr
    assert "valid: 2 data files" in result.stderr.decode()


def test_query_formats(run_cli, env):
    query = "SELECT ?m WHERE { cluster:cool-silicon org:hasMember ?m } ORDER BY ?m"
    table = run_cli("query", query, env=env)
    assert table.returncode == 0, table.stderr
    assert "organisation:tu-dresden" in table.stdout.decode() and "(2 rows)" in table.stdout.decode()
    as_json = json.loads(run_cli("query", query, "--format", "json", env=env).stdout)
    assert [b["m"]["value"] for b in as_json["results"]["bindings"]] == [
        "https://w3id.org/saxgraph/id/organisation/tu-dresden", "https://w3id.org/saxgraph/id/person/erika-muster"]
    rows = list(csv.reader(io.StringIO(run_cli("query", query, "--format", "csv", env=env).stdout.decode())))
    assert rows[0] == ["m"] and len(rows) == 3
    tsv = run_cli("query", query, "--format", "tsv", env=env).stdout.decode()
    assert tsv.splitlines()[0] == "?m"
    xml = run_cli("query", query, "--format", "xml", env=env).stdout.decode()
    assert "<sparql" in xml and "tu-dresden" in xml


def test_query_reads_stdin_and_answers_ask_and_construct(run_cli, env):
    ask = run_cli("query", "-", input=b"ASK { ?c a sg:Cluster }", env=env)
    assert ask.stdout.decode().strip() == "true"
    construct = run_cli("query",
                        "CONSTRUCT { ?c a org:OrganizationalCollaboration } WHERE { ?c a sg:Cluster }",
                        "--format", "ntriples", env=env)
    assert len(rdflib.Graph().parse(data=construct.stdout.decode(), format="nt")) == 2


def test_bad_query_exits_2_with_parser_message(run_cli, env):
    result = run_cli("query", "SELECT ?x WHERE { ?x ", env=env)
    assert result.returncode == 2
    assert "error" in result.stderr.decode().lower()


def test_syntax_error_positions_count_the_users_lines_only(run_cli, env):
    """The predeclared PREFIX lines are not the user's: line 2 of what they typed is line 2."""
    result = run_cli("query", "SELECT ?x WHERE {\n  ?x sg:label ?y ", env=env)
    assert result.returncode == 2
    message = result.stderr.decode().splitlines()[-1]  # after the build's progress lines
    assert message.startswith("saxgraph: error: line 2, column 18: expected one of"), message
    unprefixed = run_cli("query", "--no-prefixes", "SELECT ?x WHERE {\n  ?x ?p ?y ", env=env)
    assert "line 2, column 12:" in unprefixed.stderr.decode()


def test_undeclared_prefix_is_one_line_with_its_fix(run_cli, env):
    result = run_cli("query", "SELECT ?x WHERE { ?x foo:bar ?y }", env=env)
    assert result.returncode == 2
    message = result.stderr.decode().split("saxgraph: error: ")[-1]
    assert message.count("\n") == 1 and "line 1, column 29: undeclared prefix foo:" in message, message
    assert "PREFIX foo: <...>" in message and "saxgraph prefixes" in message
    known = run_cli("query", "--no-prefixes", "SELECT ?x WHERE { ?x sg:bar ?y }", env=env)
    assert "PREFIX sg: <https://w3id.org/saxgraph/ontology#>" in known.stderr.decode()


def test_prefixes_lists_what_query_predeclares(run_cli, env):
    sparql = run_cli("prefixes", env=env).stdout.decode()
    assert "PREFIX sg: <https://w3id.org/saxgraph/ontology#>\n" in sparql
    assert "PREFIX cluster: <https://w3id.org/saxgraph/id/cluster/>\n" in sparql
    turtle = run_cli("prefixes", "--turtle", env=env).stdout.decode()
    parsed = rdflib.Graph().parse(data=turtle + "sg:a sg:b sg:c .", format="turtle")
    assert len(parsed) == 1 and dict(parsed.namespaces())["cluster"] == rdflib.URIRef(
        "https://w3id.org/saxgraph/id/cluster/")


@pytest.mark.parametrize("fmt,rdflib_format,keeps_graphs", [
    ("turtle", "turtle", False), ("ntriples", "nt", False), ("rdfxml", "xml", False),
    ("jsonld", "json-ld", True), ("nquads", "nquads", True), ("trig", "trig", True),
])
def test_export_round_trips(run_cli, env, tmp_path, mini_build, fmt, rdflib_format, keeps_graphs):
    out = tmp_path / f"export.{fmt}"
    result = run_cli("export", "--format", fmt, "--output", out, env=env)
    assert result.returncode == 0, result.stderr
    if keeps_graphs:
        parsed = rdflib.Dataset()
        parsed.parse(out, format=rdflib_format)
        named = [q for q in parsed.quads() if q[3] != rdflib.graph.DATASET_DEFAULT_GRAPH_ID]
        assert len(named) == mini_build.manifest["quads"]
    else:
        parsed = rdflib.Graph().parse(out, format=rdflib_format)
        distinct = {line.rsplit(" ", 2)[0] for line in mini_build.nquads.decode().splitlines()}
        assert len(parsed) == len(distinct)


def test_export_builds_first_when_there_is_no_build(run_cli, env, tmp_path):
    assert not (tmp_path / "build").exists()
    result = run_cli("export", "--format", "ntriples", env=env)
    assert result.returncode == 0
    assert (tmp_path / "build" / "saxgraph.nq").is_file()
    assert b"cool-silicon" in result.stdout


def test_unknown_export_format_is_a_usage_error(run_cli, env):
    result = run_cli("export", "--format", "docx", env=env)
    assert result.returncode == 2
    assert "unknown" in result.stderr.decode()


def test_export_csv_writes_a_zip_for_zip_and_a_folder_otherwise(run_cli, env, tmp_path):
    import zipfile

    zipped = run_cli("export", "--format", "csv", "--output", tmp_path / "tables.zip", env=env)
    assert zipped.returncode == 0, zipped.stderr
    assert sorted(zipfile.ZipFile(tmp_path / "tables.zip").namelist()) == ["edges.csv", "nodes.csv"]
    folder = run_cli("export", "--format", "csv", "--output", tmp_path / "tables", env=env)
    assert folder.returncode == 0, folder.stderr
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["edges.csv", "nodes.csv"]
    archive = zipfile.ZipFile(tmp_path / "tables.zip")
    for name in ("nodes.csv", "edges.csv"):  # the same tables in both
        assert (tmp_path / "tables" / name).read_bytes() == archive.read(name)
    nodes = list(csv.DictReader(io.StringIO((tmp_path / "tables" / "nodes.csv").read_text())))
    assert any(row["Id"].endswith("/cluster/cool-silicon") for row in nodes)
    existing = tmp_path / "existing.d"
    existing.mkdir()
    assert run_cli("export", "--format", "csv", "--output", existing, env=env).returncode == 0
    assert (existing / "edges.csv").is_file()


def test_export_csv_refuses_a_single_file_name(run_cli, env, tmp_path):
    result = run_cli("export", "--format", "csv", "--output", tmp_path / "x.csv", env=env)
    assert result.returncode == 2
    message = result.stderr.decode()
    assert "x.zip" in message and "folder" in message
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "build").exists()  # refused before building


def test_stats_counts_classes_and_graphs(run_cli, env):
    result = run_cli("stats", env=env)
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "sg:Cluster" in out and "graph:clusters" in out
    markdown = run_cli("stats", "--markdown", env=env).stdout.decode()
    assert "| `sg:Cluster` | 2 |" in markdown


def test_parse_errors_say_the_reason_first_and_name_characters_in_words(run_cli, env):
    result = run_cli("query", "SELECT (LANG(?l) AS ?lang) WHERE { ?s ?p ?l } GROUP BY (LANG(?l))", env=env)
    message = result.stderr.decode().split("saxgraph: error: ")[-1]
    assert message.startswith("line 1, column 66: The SELECT contains an expression with a variable that is "
                              "unbound (expected one of"), message
    assert "..=" not in message and "a letter or digit of a name" in message
