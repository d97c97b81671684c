"""Public mode: no person, and nothing personal, reaches a candidate, a suggestion, a preview, a property
proposal or an extension value. The persons are read from the full data, and the same requests without
public mode show them, so the checks can see what they look for."""

import json

import pytest

from tests.helpers.reconcile import extend, reconcile, results


def leaks(text: str, persons: list[dict]) -> list[str]:
    found = [p["label"] for p in persons if p["label"] in text]
    found += [p["person"] for p in persons if p["person"].rsplit("/", 1)[1] in text]
    return found


def every_answer(client, persons: list[dict]) -> str:
    """What a user could get from the service about the persons' names: reconciled, suggested, previewed,
    extended (every property proposed for any type, on every entity the names reach)."""
    texts = []
    batch = {f"q{i}": {"query": p["label"], "limit": 10} for i, p in enumerate(persons)}
    batch |= {f"f{i}": {"query": p["label"].split()[-1]} for i, p in enumerate(persons)}
    answer = reconcile(client, batch)
    texts.append(answer.get_data(as_text=True))
    reached = {c["id"] for candidates in results(answer).values() for c in candidates}
    for p in persons:
        for prefix in (p["label"], p["label"][:4], p["label"].split()[-1][:5]):
            texts.append(client.get("/reconcile/suggest/entity", query_string={"prefix": prefix})
                         .get_data(as_text=True))
        preview = client.get("/reconcile/preview", query_string={"id": p["person"]})
        # the card of a person (its text, without the id the request itself sent back)
        texts.append(preview.get_data(as_text=True).replace(p["person"], "")
                     + f" status {preview.status_code}")
    texts.append(client.get("/reconcile/suggest/type?prefix=p").get_data(as_text=True))
    texts.append(client.get("/reconcile/suggest/property?prefix=").get_data(as_text=True))
    proposed = client.get("/reconcile/properties").get_json()["properties"]
    texts.append(json.dumps(proposed))
    ids = sorted(reached) + [p["person"] for p in persons] + ["organisation/smart-systems-hub",
                                                              "cluster/amz-sachsen", "cluster/arena-2036"]
    for start in range(0, len(proposed), 20):
        columns = [{"id": p["id"]} for p in proposed[start:start + 20]]
        response = extend(client, {"ids": ids, "properties": columns})
        assert response.status_code == 200, response.get_data(as_text=True)
        body = response.get_json()  # the values and the columns, not the ids the request sent
        texts.append(json.dumps([body["meta"], list(body["rows"].values())], ensure_ascii=False))
    for entity_id in sorted(reached)[:60]:
        texts.append(client.get("/reconcile/preview", query_string={"id": entity_id}).get_data(as_text=True))
    return json.dumps(texts, ensure_ascii=False)


def test_without_public_mode_the_persons_are_found(real_client, persons):
    """The control: the same requests on the full data show every person."""
    shown = every_answer(real_client, persons)
    assert {p["label"] for p in persons} <= set(leaks(shown, persons))
    first = results(reconcile(real_client, {"q": {"query": persons[0]["label"]}}))["q"][0]
    assert first["id"] == persons[0]["person"].split("/id/", 1)[1] and first["match"] is True


def test_in_public_mode_no_person_is_found_anywhere(public_client, persons):
    shown = every_answer(public_client, persons)
    assert leaks(shown, persons) == []
    assert "status 200" not in shown  # no person has a card


def test_the_public_manifest_offers_no_person_type(public_client, real_client):
    assert "Person" in [t["id"] for t in real_client.get("/reconcile").get_json()["defaultTypes"]]
    manifest = public_client.get("/reconcile").get_json()
    assert [t["id"] for t in manifest["defaultTypes"]] == ["Cluster", "Organisation", "InnovationNetwork",
                                                           "Hub", "Place"]
    assert "public" in manifest["name"]


def test_in_public_mode_the_person_type_is_refused(public_client):
    response = reconcile(public_client, {"q": {"query": "Lindner", "type": "Person"}})
    assert response.status_code == 400 and "personal data" in response.get_data(as_text=True)
    assert public_client.get("/reconcile/properties?type=Person").status_code == 400


@pytest.mark.parametrize("pid", ["contactPerson", "givenName", "familyName", "honorificPrefix"])
def test_in_public_mode_personal_properties_are_refused(public_client, real_client, pid):
    query = {"ids": ["cluster/arena-2036"], "properties": [{"id": pid}]}
    assert extend(real_client, query).status_code == 200
    response = extend(public_client, query)
    assert response.status_code == 400 and "personal data" in response.get_data(as_text=True)
    def offered(client) -> list[str]:
        pages = [client.get(f"/reconcile/suggest/property?prefix=&cursor={n}").get_json()["result"]
                 for n in range(0, 200, 10)]
        return [p["id"] for page in pages for p in page]

    assert pid in offered(real_client) and pid not in offered(public_client)
    ranked = reconcile(public_client, {"q": {"query": "ARENA 2036", "properties": [{"pid": pid, "v": "x"}]}})
    assert ranked.status_code == 400


def test_a_public_build_is_public_without_the_setting(tmp_path_factory):
    """A dataset built with --public (its manifest says so) is served as public even without PUBLIC."""
    from saxgraph.build.pipeline import build
    from saxgraph.build.sources import discover, source_root
    from saxgraph.store.dataset import Store
    from saxgraph.web import create_app

    built = build(discover(source_root()), out_dir=tmp_path_factory.mktemp("public-build"), public=True)
    client = create_app({"STORE": Store.from_nquads(built.dataset_path, built.manifest), "TESTING": True}) \
        .test_client()
    assert "Person" not in [t["id"] for t in client.get("/reconcile").get_json()["defaultTypes"]]
    assert reconcile(client, {"q": {"query": "x", "type": "Person"}}).status_code == 400
