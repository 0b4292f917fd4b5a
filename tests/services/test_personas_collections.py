"""Personas from the profiled demo store, and a curated collection built, reviewed and
exported (files, originals, manifest with checksums that match)."""

import csv
import hashlib
import json

import numpy as np
import pytest
from PIL import Image

from stylerec_app.domain.catalog import CatalogFilter
from stylerec_app.domain.errors import Cancelled, StyleRecError
from stylerec_app.domain.progress import CancelToken
from stylerec_app.engine.palette import product_mask
from stylerec_app.services.collections import CollectionService, CollectionStyle
from stylerec_app.services.personas import PersonaService, build_personas
from stylerec_app.services.recommendation import models
from stylerec_app.services.recommendation.service import Query, RecommendationService
from stylerec_app.storage.database import open_store
from tests.helpers import copy_store


@pytest.fixture(scope="module")
def persona_store(profiled_demo, tmp_path_factory, engines):
    """The profiled demo store with personas built."""
    target = copy_store(profiled_demo, tmp_path_factory.mktemp("personas") / "demo.sqlite")
    store = open_store(target, create=True)
    report = build_personas(store)
    store.close()
    return target, report


@pytest.fixture
def store(persona_store, tmp_path):
    s = open_store(copy_store(persona_store[0], tmp_path / "demo.sqlite"))
    yield s
    s.close()


def test_personas_partition_the_profiled_shoppers_with_the_best_silhouette(persona_store, store):
    _, report = persona_store
    personas = PersonaService(store).personas()
    assert report.k == len(personas) == max(report.silhouettes, key=report.silhouettes.get)
    assert set(report.silhouettes) == set(range(2, 9))
    assert sum(p.size for p in personas) == report.shoppers >= 250
    names = [p.name for p in personas]
    assert len(set(names)) == len(names) and all(" · " in n for n in names)
    members = {m.id for p in personas for m in PersonaService(store).members(p.id, None)}
    assert len(members) == report.shoppers  # every profiled shopper in exactly one
    overall = sum(p.size * np.array(p.style_blend) for p in personas) / report.shoppers
    for p in personas:
        assert abs(sum(p.style_blend) - 1) < 1e-3 and p.categories
        # named by the style it has most above the average shopper
        assert p.styles[0] == int(np.argmax(np.array(p.style_blend) - overall))


def test_the_number_of_personas_can_be_set_and_a_persona_renamed(store):
    report = build_personas(store, k=3)
    service = PersonaService(store)
    assert report.k == 3 and len(service.personas()) == 3
    first = service.personas()[0]
    renamed = service.rename(first.id, "Weekend florals")
    assert renamed.renamed and service.persona("weekend florals").id == first.id
    with pytest.raises(StyleRecError, match="already named"):
        service.rename(service.personas()[1].id, "Weekend florals")
    with pytest.raises(StyleRecError, match="2–"):
        build_personas(store, k=1)


def test_recommendations_for_a_persona_suit_its_members(store):
    models.train_and_save(store, "pop")  # the model files live beside the store: per copy
    persona = PersonaService(store).personas()[0]
    picks = RecommendationService(store).recommend_persona(persona.name, Query("", 8, "pop"))
    assert len(picks) == 8
    assert all(r.reason.code == "reason.persona" and r.reason.args["count"] >= 1 for r in picks)
    assert [r.score for r in picks] == sorted((r.score for r in picks), reverse=True)
    with pytest.raises(StyleRecError, match="No persona"):
        RecommendationService(store).recommend_persona("nobody", Query("", 8, "pop"))


def _collection_with_personas(store):
    personas = PersonaService(store).personas()[:2]
    service = CollectionService(store)
    service.create("Autumn drop")
    with pytest.raises(StyleRecError, match="which personas"):
        service.add_products("Autumn drop", ["D0001"])
    added = service.add_search("Autumn drop", CatalogFilter(limit=3), [p.name for p in personas])
    assert added == 6
    assert service.add_search("Autumn drop", CatalogFilter(limit=3),
                              [p.name for p in personas]) == 0  # nothing twice
    return service, personas


def test_a_collection_is_reviewed_exported_and_its_manifest_checksums_match(store, engines,
                                                                             tmp_path):
    service, personas = _collection_with_personas(store)
    items = service.collection("Autumn drop").items
    service.review("Autumn drop", [i.id for i in items[:4]], "approved", "ok for the shop")
    service.review("Autumn drop", [items[4].id], "rejected", "sleeve looks off")
    view = service.collection("Autumn drop")
    assert view.counts == {"approved": 4, "rejected": 1, "pending": 1}
    assert view.personas.keys() == {p.name for p in personas}
    report = service.export("Autumn drop", tmp_path / "out", engines.stylizer)
    assert report.files == 4 and not report.skipped
    rows = list(csv.DictReader(open(report.manifest_csv, encoding="utf-8")))
    data = json.loads(report.manifest_json.read_text(encoding="utf-8"))
    assert data["items"] == [{**r, "strength": float(r["strength"])} for r in rows]
    for row in rows:
        for file, digest in ((row["file"], row["checksum"]),
                             (row["original"], row["original_checksum"])):
            assert hashlib.sha256((tmp_path / "out" / file).read_bytes()).hexdigest() == digest
        assert row["mask"] == "background" and row["persona"] in view.personas
        assert row["note"] == "ok for the shop"
        # true to the product: inside the product mask the pixels are the original's
        original = np.asarray(Image.open(tmp_path / "out" / row["original"]).convert("RGB"))
        restyled = np.asarray(Image.open(tmp_path / "out" / row["file"]).convert("RGB"))
        assert original.shape == restyled.shape
        inside = product_mask(Image.fromarray(original))
        diff = np.abs(original.astype(int) - restyled.astype(int))[inside]
        assert inside.mean() > 0.1 and diff.max() <= 1
    with pytest.raises(StyleRecError, match="not empty"):
        service.export("Autumn drop", tmp_path / "out", engines.stylizer)


def test_a_cancelled_export_leaves_nothing_and_the_collection_survives_a_reopen(
        store, engines, tmp_path):
    service, _ = _collection_with_personas(store)
    items = service.collection("Autumn drop").items
    service.review("Autumn drop", [i.id for i in items], "approved")
    token = CancelToken()

    def cancel_after_two(p):
        if p.done >= 2:
            token.cancel()

    with pytest.raises(Cancelled):
        service.export("Autumn drop", tmp_path / "out", engines.stylizer,
                       progress=cancel_after_two, cancel=token)
    assert list(tmp_path.iterdir()) == [tmp_path / "demo.sqlite"] or not any(
        p.name.startswith(".out") or p.name == "out" for p in tmp_path.iterdir())
    path = store.path
    store.close()
    again = CollectionService(open_store(path))
    assert again.collection("autumn drop").counts["approved"] == 6
    again.set_style("Autumn drop", CollectionStyle("Floral print", 0.5))
    assert again.collection("Autumn drop").style.style == "Floral print"
    again.store.close()


def test_the_command_line_builds_personas_and_exports_a_collection(store, tmp_path):
    from tests.services.test_cli import run, run_here

    db = store.label
    store.close()
    built = run("persona", "build", "-k", "3", "--db", db, "-q")
    assert built.returncode == 0, built.stderr
    assert "3 personas from" in built.stdout and "k=3:" in built.stdout
    first = built.stdout.splitlines()[1].strip().split("  ", 1)[1]
    shown = run_here("persona", "show", first, "--db", db)
    assert "most typical:" in shown.stdout, shown.stderr
    assert run_here("train", "--model", "pop", "--db", db, "-q").returncode == 0
    recs = run_here("recommend", "--persona", first, "--model", "pop", "-k", "3", "--db", db)
    assert f"Top 3 for persona {first}" in recs.stdout, recs.stderr
    steps = [("create", "Window", "--style", "Floral print"),
             ("add", "Window", "--products", "D0001", "D0002"),
             ("add", "Window", "--persona", first, "--top", "2", "--model", "pop"),
             ("review", "Window", "all", "--approve", "--note", "hero"),
             ("review", "Window", "D0002", "--reject")]
    for step in steps:
        done = run_here("collection", *step, "--db", db)
        assert done.returncode == 0, (step, done.stderr)
    shown = run_here("collection", "show", "Window", "--json", "--db", db)
    items = json.loads(shown.stdout)
    assert len(items) == 4 and sum(i["status"] == "approved" for i in items) == 3
    exported = run_here("collection", "export", "Window", str(tmp_path / "shop"), "--db", db, "-q")
    assert "Exported 3 image(s)" in exported.stdout, exported.stderr
    rows = list(csv.DictReader(open(tmp_path / "shop" / "manifest.csv", encoding="utf-8")))
    assert {r["style"] for r in rows} == {"Floral print"} and len(rows) == 3
    assert {r["persona"] for r in rows} == {"", first}


def test_a_catalog_is_restyled_once_per_persona_true_to_the_product(store, engines, tmp_path):
    import csv

    from stylerec_app.services.catalog_restyle import plan_looks, restyle_catalog

    personas = PersonaService(store).personas()
    looks = plan_looks(store, engines.stylizer, personas=["all"], strength=0.7)
    assert [look.name for look in looks] == [p.name for p in personas]
    report = restyle_catalog(store, engines.stylizer, looks, tmp_path / "season",
                             products=["D0001", "D0002"], max_side=128)
    assert report.files == 2 * len(personas) and not report.skipped
    with open(tmp_path / "season" / "manifest.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["kind"] for r in rows} == {"persona"} and {r["mask"] for r in rows} == {"background"}
    assert {r["look"] for r in rows} == {p.name for p in personas}
    meta = json.loads((tmp_path / "season" / "manifest.json").read_text(encoding="utf-8"))
    assert meta["files"] == report.files and len(meta["looks"]) == len(personas)
    first = [r for r in rows if r["product_id"] == "D0001"]
    images = [np.asarray(Image.open(tmp_path / "season" / r["file"]), np.int16) for r in first]
    assert any(np.abs(a - images[0]).mean() > 1 for a in images[1:])  # each persona its own look
