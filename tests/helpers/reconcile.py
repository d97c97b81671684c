"""Helpers of the reconciliation tests: the specification's JSON Schemas and examples (kept beside the repo in
../shared/reconciliation-api-0.2/, not copied into it), and sending reconciliation requests."""

import json
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# ../shared beside the checkout; a git worktree (../wt/<name>) finds it one level further up
SPEC = next((p / "shared" / "reconciliation-api-0.2" for p in ROOT.parents
             if (p / "shared" / "reconciliation-api-0.2").is_dir()),
            ROOT.parent / "shared" / "reconciliation-api-0.2")
SCHEMAS = SPEC / "schemas"
EXAMPLES = SPEC / "examples"
REQUIRE = "SAXGRAPH_REQUIRE_W3C"  # set by CI (.ci/run): the specification's files must be there
ABSENT = f"the Reconciliation API 0.2 schemas are not at {SCHEMAS}"


def spec_present() -> bool:
    return (SCHEMAS / "manifest.json").is_file()


@cache
def _registry():
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema, default_specification=DRAFT7)
        resources.append((schema["$id"].rstrip("#"), resource))
    return Registry().with_resources(resources)


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))


def errors(name: str, instance) -> list[str]:
    """What the specification's schema `name` (schemas/<name>.json) finds wrong with `instance`."""
    from jsonschema import Draft7Validator

    validator = Draft7Validator(schema(name), registry=_registry())
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path)))]


def assert_valid(name: str, instance) -> None:
    found = errors(name, instance)
    assert found == [], f"not a valid {name}: " + "; ".join(found[:10])


def examples(kind: str, validity: str) -> list[tuple[str, object]]:
    """The specification's (file name, document) examples of one kind, 'valid' or 'invalid'."""
    folder = EXAMPLES / kind / validity
    return [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.json"))]


def reconcile(client, batch, method: str = "POST", **extra):
    """Send a query batch as OpenRefine does (a form field `queries` holding JSON); returns the response."""
    text = batch if isinstance(batch, str) else json.dumps(batch)
    if method == "GET":
        return client.get("/reconcile", query_string={"queries": text, **extra})
    return client.post("/reconcile", data={"queries": text, **extra})


def extend(client, query, method: str = "POST"):
    text = query if isinstance(query, str) else json.dumps(query)
    if method == "GET":
        return client.get("/reconcile", query_string={"extend": text})
    return client.post("/reconcile", data={"extend": text})


def results(response) -> dict[str, list[dict]]:
    """Query id -> its candidates, from a 200 result batch."""
    assert response.status_code == 200, response.get_data(as_text=True)
    return {key: value["result"] for key, value in response.get_json().items()}
