"""Profiles with the real models on a handful of tiny products: incremental, robust, meaningful."""

import numpy as np
import pytest
from sqlalchemy import select

from stylerec_app.domain.errors import Cancelled
from stylerec_app.domain.progress import CancelToken
from stylerec_app.services.demo import load_tastes
from stylerec_app.services.demo.generate import media_dir_for
from stylerec_app.services.importing import GenericSource, import_generic
from stylerec_app.services.profiles import build_profiles
from stylerec_app.services.profiles.queries import ProfileService
from stylerec_app.storage import orm, profiles_repo, vector_files
from stylerec_app.storage.database import open_store
from tests.helpers import tiny_photo, write_csv

COLOURS = {"Red": (200, 30, 30), "Blue": (30, 60, 200), "Green": (40, 150, 60),
           "Black": (25, 25, 25)}


def _shop(folder, n_products=8, extra_events=()):
    images = folder / "images"
    rows = []
    for i in range(n_products):
        name = list(COLOURS)[i % 4]
        if not (images / f"P{i}.png").exists():  # keep photos a test replaced
            tiny_photo(images / f"P{i}.png", COLOURS[name], size=(64, 96))
        rows.append([f"P{i}", f"{name} shirt {i}", name, "Shirts" if i % 2 else "Mugs",
                     f"{10 + i}.00"])
    write_csv(folder / "products.csv", ["id", "title", "colour", "category", "price"], rows)
    events = [["u1", "P0", "purchase", "", "2024-01-01"], ["u1", "P2", "view", "", "2024-01-02"],
              ["u2", "P1", "cart", "", "2024-01-03"], *extra_events]
    write_csv(folder / "events.csv", ["shopper_id", "product_id", "kind", "value", "timestamp"],
              events)
    write_csv(folder / "shoppers.csv", ["id"], [["u1"], ["u2"], ["newcomer"]])
    return GenericSource(products=folder / "products.csv", images=images,
                         events=folder / "events.csv", shoppers=folder / "shoppers.csv")


def test_profiles_are_computed_once_and_then_only_for_what_changed(store, tmp_path, engines):
    import_generic(store, _shop(tmp_path))
    first = build_profiles(store, engines)
    assert (first.images_computed, first.texts_computed, first.shoppers_computed) == (8, 8, 3)
    assert first.default_shoppers == 1

    again = build_profiles(store, engines)
    assert (again.images_computed, again.texts_computed, again.shoppers_computed) == (0, 0, 0)
    assert again.products_skipped == 8 and again.shoppers_skipped == 3

    import_generic(store, _shop(tmp_path, n_products=10))  # two new products
    added = build_profiles(store, engines)
    assert (added.images_computed, added.texts_computed) == (2, 2)
    assert added.shoppers_computed == 0

    tiny_photo(tmp_path / "images" / "P0.png", (240, 200, 20), size=(64, 96))  # new photo
    import_generic(store, _shop(tmp_path, n_products=10))
    changed = build_profiles(store, engines)
    assert (changed.images_computed, changed.texts_computed) == (1, 0)
    assert changed.shoppers_computed == 1  # u1 bought P0; u2 and the newcomer are unaffected

    import_generic(store, _shop(tmp_path, n_products=10,
                                extra_events=[["u2", "P3", "purchase", "", "2024-02-01"]]))
    new_events = build_profiles(store, engines)
    assert new_events.images_computed == 0 and new_events.shoppers_computed == 1


def test_a_catalog_without_photos_gets_each_products_own_text_vector(store, tmp_path, engines):
    """Text-only batches are split across two threads: every vector still lands on its
    own product."""
    titles = [f"{colour} {kind} number {i}" for i, (colour, kind) in enumerate(
        (c, k) for c in ("red", "navy", "olive") for k in ("wool coat", "ceramic mug", "sandal"))]
    write_csv(tmp_path / "products.csv", ["id", "title"],
              [[f"T{i}", t] for i, t in enumerate(titles)])
    import_generic(store, GenericSource(products=tmp_path / "products.csv"))
    report = build_profiles(store, engines, batch_size=5)
    assert (report.images_computed, report.texts_computed) == (0, 9)
    with store.read() as s:
        found = vector_files.load(s, store.path, "product", "text")
        ext = dict(s.execute(select(orm.Product.id, orm.Product.external_id)).all())
        texts = {p.external_id: p.text for p in profiles_repo.product_inputs(s)}
    for n, i in enumerate(found.ids):
        alone = engines.text.embed([texts[ext[int(i)]]])[0]
        assert np.abs(found.matrix[n] - alone).max() < 1e-5, ext[int(i)]


def test_same_image_same_vector_and_profile_contents(store, tmp_path, engines):
    import_generic(store, _shop(tmp_path))
    build_profiles(store, engines)
    service = ProfileService(store)
    with store.read() as s:
        found = vector_files.load(s, store.path, "product", "image")
        ids, matrix = found.ids, found.matrix
        ext = dict(s.execute(select(orm.Product.id, orm.Product.external_id)).all())
    by_ext = {ext[int(i)]: matrix[n] for n, i in enumerate(ids)}
    assert np.allclose(by_ext["P0"], by_ext["P4"], atol=1e-5)  # identical red photos
    assert float(by_ext["P0"] @ by_ext["P1"]) < 0.999

    red = service.product_profile(service.product_id("P0"))
    assert red.status == "ok" and red.palette[0].name == "Red"
    assert len(red.style_weights) == 26 and abs(sum(red.style_weights) - 1) < 1e-3

    u1 = service.shopper_profile(service.shopper_id("u1"))
    assert not u1.is_default and u1.events_used == 2
    assert u1.categories[0][0] == "Mugs" and u1.colours[0].name in ("Red", "Green")
    assert u1.price_band["typical"] == 10.0
    assert len(u1.style_blend) == 26
    assert [h.product.external_id for h in u1.history] == ["P2", "P0"]
    newcomer = service.shopper_profile(service.shopper_id("newcomer"))
    assert newcomer.is_default and newcomer.events_used == 0 and newcomer.categories

    similar = service.similar_to_product(service.product_id("P0"), k=3)
    assert [h.product.external_id for h in similar][0] == "P4"


def test_a_corrupt_photo_is_flagged_and_the_run_continues(store, tmp_path, engines):
    source = _shop(tmp_path)
    import_generic(store, source)
    (tmp_path / "images" / "P3.png").write_bytes(b"\x89PNG broken")  # damaged after import
    report = build_profiles(store, engines)
    assert report.images_computed == 7
    assert [ext for ext, _ in report.flagged] == ["P3"]
    service = ProfileService(store)
    assert service.product_profile(service.product_id("P3")).status == "bad_image"
    assert service.similar_to_product(service.product_id("P3")) == []


def test_cancel_keeps_finished_batches_and_a_rerun_finishes(store, tmp_path, engines):
    import_generic(store, _shop(tmp_path, n_products=9))
    token = CancelToken()

    def progress(p):
        if p.message == "profiles-products" and p.done >= 3:
            token.cancel()

    with pytest.raises(Cancelled):
        build_profiles(store, engines, progress=progress, cancel=token, batch_size=3)
    with store.read() as s:
        assert len(profiles_repo.product_profile_state(s)) == 3
    rest = build_profiles(store, engines, batch_size=3)
    assert rest.images_computed == 6 and rest.products_skipped == 3


def test_on_the_demo_store_nearest_products_share_the_hidden_taste(profiled_demo_at,
                                                                   demo_master):
    """The shopper's visual vector finds their favourite product types far above chance."""
    tastes = load_tastes(media_dir_for(demo_master))
    store = open_store(profiled_demo_at, create=True)
    with store.read() as s:
        found = vector_files.load(s, store.path, "product", "image")
        product_ids, products = found.ids, found.matrix
        mine = vector_files.load(s, store.path, "shopper", "image")
        shopper_ids, shoppers = mine.ids, mine.matrix
        info = {p.id: p for p in s.scalars(select(orm.Product))}
        names = dict(s.execute(select(orm.Shopper.id, orm.Shopper.external_id)).all())
    store.close()
    rng = np.random.default_rng(0)
    near, rand = [], []
    for row, sid in enumerate(shopper_ids):
        taste = tastes[names[int(sid)]]
        top = np.argsort(-(products @ shoppers[row]))[:10]
        pick = rng.choice(len(product_ids), 10, replace=False)
        for bucket, idx in ((near, top), (rand, pick)):
            bucket += [(info[int(product_ids[j])].category in taste.types,
                        info[int(product_ids[j])].attributes["pattern"] == taste.pattern)
                       for j in idx]
    near, rand = np.mean(near, 0), np.mean(rand, 0)
    assert near[0] > rand[0] + 0.4, (near, rand)  # product type (measured: 0.92 vs 0.14)
    assert near[1] > rand[1] + 0.1, (near, rand)  # pattern (measured: 0.46 vs 0.20)


def test_event_weights_and_price_quantiles_follow_the_documented_rules():
    from stylerec_app.services.profiles.shoppers import _quantiles, event_weights
    from stylerec_app.storage.orm import KIND_CODES

    kinds = np.array([KIND_CODES[k] for k in ("view", "purchase", "rating", "rating", "cart")],
                     np.int8)
    value = np.array([np.nan, np.nan, 1.0, np.nan, np.nan])
    day = 86400
    seconds = np.array([60, 60, 60, 60, 0]) * day  # the cart is 60 days (two half-lives) older
    w = event_weights(kinds, value, seconds)
    assert list(w) == [1.0, 8.0, -4.0, 0.0, 1.0]  # a missing rating counts as 3 → weight 0
    # weighted quantiles: first value whose cumulative weight reaches q of the total
    assert _quantiles(np.array([30.0, 10.0, 20.0]), np.array([1.0, 1.0, 2.0])) == [10.0, 20.0,
                                                                                  20.0]
