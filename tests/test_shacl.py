"""saxgraph's SHACL validator against pySHACL, the reference: the same problems (file, entity, property,
value, rule, message, severity) on every crafted mistake, on random damage to a valid graph, and on SHACL
features the project's shapes do not use yet; pySHACL takes over for shapes the validator does not
implement."""

import random
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saxgraph.build import shacl
from saxgraph.build.evidence import evidence_statements
from saxgraph.build.pipeline import document_nodes, parse_sources
from saxgraph.build.sources import discover
from saxgraph.build.validation import shacl_problems
from saxgraph.errors import SaxgraphError
from tests.helpers.mistakes import CLUSTERS, REFERENCE_CASES, SHAPE_CASES, edit

ROOT = Path(__file__).resolve().parents[1]
XSD = "http://www.w3.org/2001/XMLSchema#"


def with_evidence(loaded):
    """The sources as the build validates them: with the evidence statements drawn from their annotations."""
    loaded.evidence, _ = evidence_statements(loaded, document_nodes(loaded)[0])
    return loaded


def both(loaded):
    ours, reference = shacl_problems(loaded, engine="saxgraph"), shacl_problems(loaded, engine="pyshacl")
    assert ours == reference, "\n".join(["saxgraph:", *map(str, ours), "pySHACL:", *map(str, reference)])
    return ours


@pytest.mark.parametrize("old,new,_", [c[1:] for c in SHAPE_CASES], ids=[c[0] for c in SHAPE_CASES])
def test_same_problems_as_pyshacl_on_each_crafted_mistake(sandbox, old, new, _):
    edit(sandbox, CLUSTERS, old, new)
    assert both(with_evidence(parse_sources(discover(sandbox))))


@pytest.mark.parametrize("old,new,_", [c[1:] for c in REFERENCE_CASES], ids=[c[0] for c in REFERENCE_CASES])
def test_same_problems_as_pyshacl_on_each_crafted_reference_mistake(sandbox, old, new, _):
    edit(sandbox, "data/reference/places.ttl", old, new)
    assert both(with_evidence(parse_sources(discover(sandbox))))


def test_the_project_data_is_valid_for_both():
    assert both(with_evidence(parse_sources(discover(ROOT)))) == []


# --- random damage to a valid graph ------------------------------------------------------------------

LANGUAGES = ("en", "de", "fr", "en-GB")


def damaged(loaded, seed: int, steps: int):
    """The fixture's data with `steps` random edits: a statement dropped, an object swapped for another
    term of the graph, a literal's language changed or removed, a statement duplicated onto another
    subject; the evidence statements are damaged alike. Literals keep well-formed lexical forms (the one
    place the engines differ by design)."""
    rng = random.Random(seed)
    graphs = {path: list(quads) for path, quads in loaded.graphs.items()}
    evidence = {path: list(quads) for path, quads in loaded.evidence.items()}
    pools = [graphs[s.path] for s in loaded.sources.data] + list(evidence.values())
    terms = sorted({q.object for quads in pools for q in quads}, key=str)
    subjects = sorted({q.subject for quads in pools for q in quads}, key=str)
    for _ in range(steps):
        quads = rng.choice([pool for pool in pools if pool])  # a small file may have lost its last statement
        i = rng.randrange(len(quads))
        s, p, o, g = quads[i]
        action = rng.choice(("drop", "swap", "language", "copy"))
        if action == "drop":
            del quads[i]
        elif action == "swap":
            quads[i] = ox.Quad(s, p, rng.choice(terms), g)
        elif action == "language" and isinstance(o, ox.Literal):
            lang = rng.choice((None, *LANGUAGES))
            quads[i] = ox.Quad(s, p, ox.Literal(o.value, language=lang) if lang else ox.Literal(o.value), g)
        else:
            quads.append(ox.Quad(rng.choice(subjects), p, o, g))
    return type(loaded)(loaded.sources, graphs, loaded.annotations, evidence)


@pytest.fixture(scope="module")
def fixture_sources(tmp_path_factory):
    root = tmp_path_factory.mktemp("sources")
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini" / "data", root / "data")
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "shapes", root / "shapes")
    return with_evidence(parse_sources(discover(root)))


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(1, 6))
def test_same_problems_as_pyshacl_after_random_damage(fixture_sources, seed, steps):
    both(damaged(fixture_sources, seed, steps))


# --- SHACL features beyond the project's shapes --------------------------------------------------------

FEATURES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:ByNode a sh:NodeShape ; sh:targetNode ex:a, ex:missing ;
    sh:property [ sh:path ex:code ; sh:pattern "^ab" ; sh:flags "i" ; sh:nodeKind sh:Literal ] ,
                [ sh:path ex:link ; sh:nodeKind sh:IRI ; sh:minCount 1 ] .
ex:BySubjects a sh:NodeShape ; sh:targetSubjectsOf ex:link ;
    sh:message "Either a code or a tag." ;
    sh:xone ( [ sh:property [ sh:path ex:code ; sh:minCount 1 ] ]
              [ sh:property [ sh:path ex:tag ; sh:minCount 1 ] ] ) .
ex:ByObjects a sh:NodeShape ; sh:targetObjectsOf ex:link ;
    sh:property [ sh:path ex:tag ; sh:in ( "x" "y" ) ; sh:maxCount 1 ; sh:severity sh:Warning ;
                  sh:message "At most one tag, x or y." ] .  # pySHACL lists sh:in in no fixed order
ex:Off a sh:NodeShape ; sh:targetSubjectsOf ex:link ; sh:deactivated true ;
    sh:property [ sh:path ex:nothing ; sh:minCount 1 ] .
ex:Thing a rdfs:Class, sh:NodeShape ;
    sh:property [ sh:path ex:when ; sh:datatype xsd:date ] , [ sh:path ex:size ; sh:datatype xsd:integer ] .
ex:Holder a sh:NodeShape ; sh:targetClass ex:Holder ;
    sh:property [ sh:path ex:part ; sh:node ex:Thing ; sh:hasValue ex:b ] .
"""

FEATURE_DATA = """
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:code "ABC" , "zz" ; ex:link ex:b , "literal" ; ex:tag "x" .
ex:b ex:tag "x" , "z" ; ex:link ex:c .
ex:c ex:code <https://example.org/ab> .
ex:t1 a ex:Thing ; ex:when "2024-02-30"^^xsd:date ; ex:size "12"^^xsd:integer .
ex:t2 a ex:Thing ; ex:when "2024-02-29"^^xsd:date ; ex:size "twelve"^^xsd:integer .
ex:h a ex:Holder ; ex:part ex:t1 , ex:t2 .
"""


def custom_sources(tmp_path, shapes: str, data: str):
    files = (("shapes", "custom.ttl", shapes), ("data", "d.ttl", data), ("ontology", "o.ttl", ""))
    for folder, name, text in files:
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text(text)
    return parse_sources(discover(tmp_path))


def test_same_problems_as_pyshacl_on_features_the_project_does_not_use(tmp_path):
    problems = both(custom_sources(tmp_path, FEATURES, FEATURE_DATA))
    rules = {(p.entity, p.rule.split()[-1]) for p in problems}
    assert ("<https://example.org/a>", "PatternConstraintComponent") in rules  # "zz"; "ABC" matches with i
    # a target node with no data
    assert ("<https://example.org/missing>", "MinCountConstraintComponent") in rules
    # a code and a tag: not exactly one
    assert ("<https://example.org/a>", "XoneConstraintComponent") in rules
    assert any(p.severity == "Warning" and p.rule.endswith(" InConstraintComponent") for p in problems)
    assert not any("nothing" in (p.property or "") for p in problems)  # deactivated
    assert ("<https://example.org/t2>", "DatatypeConstraintComponent") in rules  # "twelve" is no integer
    assert ("<https://example.org/h>", "NodeConstraintComponent") in rules  # with the details under sh:node


def test_stricter_than_pyshacl_on_ill_formed_dates_and_years(tmp_path):
    """The one difference by design: rdflib cannot parse xsd:gYear, so pySHACL accepts any text as a year;
    the SHACL recommendation (and saxgraph) reject a literal whose lexical form is ill-formed."""
    shapes = FEATURES.split("ex:ByNode")[0] + (
        "ex:Y a sh:NodeShape ; sh:targetSubjectsOf ex:year ; "
        "sh:property [ sh:path ex:year ; sh:datatype xsd:gYear ] .")
    data = '@prefix ex: <https://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n' \
           'ex:a ex:year "in 2000"^^xsd:gYear . ex:b ex:year "2000"^^xsd:gYear .'
    loaded = custom_sources(tmp_path, shapes, data)
    (problem,) = shacl_problems(loaded, engine="saxgraph")
    assert problem.entity == "<https://example.org/a>" and problem.value == "'in 2000'"
    assert shacl_problems(loaded, engine="pyshacl") == []


@pytest.mark.parametrize("datatype,text,ok", [
    ("date", "2024-02-29", True), ("date", "2023-02-29", False), ("date", "2024-13-01", False),
    ("date", "2024-01-01Z", True), ("date", "24-01-01", False), ("gYear", "2024", True),
    ("gYear", "-0044", True), ("gYear", "in 2000", False),
    ("gYearMonth", "2024-07", True), ("gYearMonth", "2024-7", False),
    ("integer", "+12", True), ("integer", "1.0", False), ("decimal", "1.", True), ("decimal", ".5", True),
    ("decimal", "1e3", False), ("boolean", "1", True), ("boolean", "yes", False), ("double", "-INF", True),
    ("dateTime", "2024-01-01T24:00:00", True), ("dateTime", "2024-01-01T10:00", False),
    ("string", "anything", True), ("gMonth", "anything", True),  # a datatype it does not know: accepted
])
def test_lexical_forms(datatype, text, ok):
    assert shacl.well_formed(ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))) is ok


def test_unsupported_shapes_are_validated_by_pyshacl(tmp_path):
    shapes = FEATURES.split("ex:ByNode")[0] + (
        "ex:L a sh:NodeShape ; sh:targetSubjectsOf ex:code ; "
        "sh:property [ sh:path ex:code ; sh:minLength 3 ] .")
    loaded = custom_sources(tmp_path, shapes, FEATURE_DATA)
    with pytest.raises(shacl.UnsupportedShapes, match="minLength"):
        shacl.Validator(ox.parse(path=tmp_path / "shapes" / "custom.ttl", format=ox.RdfFormat.TURTLE))
    problems = shacl_problems(loaded)  # auto: pySHACL, which implements sh:minLength
    assert [p.rule for p in problems] == ["<https://example.org/L> MinLengthConstraintComponent"]
    assert problems[0].value == "'zz'"
    with pytest.raises(SaxgraphError, match="minLength"):
        shacl_problems(loaded, engine="saxgraph")


def test_an_inverse_path_is_left_to_pyshacl(tmp_path):
    shapes = FEATURES.split("ex:ByNode")[0] + (
        "ex:I a sh:NodeShape ; sh:targetNode ex:c ; "
        "sh:property [ sh:path [ sh:inversePath ex:link ] ; sh:maxCount 0 ] .")
    loaded = custom_sources(tmp_path, shapes, FEATURE_DATA)
    with pytest.raises(shacl.UnsupportedShapes):
        shacl.Validator(ox.parse(path=tmp_path / "shapes" / "custom.ttl", format=ox.RdfFormat.TURTLE))
    (problem,) = shacl_problems(loaded)
    assert problem.rule == "<https://example.org/I> MaxCountConstraintComponent" and problem.entity == "<https://example.org/c>"
