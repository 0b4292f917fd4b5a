from collections import Counter

import pytest
from PIL import Image
from sqlalchemy import select

from stylerec_app.services.demo import create_demo_store, load_tastes
from stylerec_app.services.demo.generate import DEPARTMENTS, media_dir_for
from stylerec_app.storage import catalog_repo, orm
from stylerec_app.storage.database import open_store


def test_demo_store_is_rich_enough_to_browse_and_learn_from(demo_master):
    store = open_store(demo_master, create=True)
    with store.read() as s:
        stats = catalog_repo.store_stats(s)
        products = list(s.scalars(select(orm.Product)))
        assert catalog_repo.get_meta(s, "demo_seed") == "7"
    store.close()
    assert stats.products >= 300 and stats.shoppers >= 300
    assert stats.interactions > 10000 and stats.reviews > 100 and stats.flagged_images == 0
    departments = Counter(p.attributes["department"] for p in products)
    assert set(departments) == {"Clothing", "Shoes", "Bags", "Homeware"}
    assert len({p.colour for p in products}) >= 10
    assert len({p.attributes["pattern"] for p in products}) == 5
    with Image.open(products[0].image_path) as img:
        assert min(img.size) >= 256


def test_demo_events_follow_the_hidden_tastes(demo_master):
    """Purchases land on the shopper's favourite types far above chance."""
    tastes = load_tastes(media_dir_for(demo_master))
    store = open_store(demo_master, create=True)
    with store.read() as s:
        rows = s.execute(
            select(orm.Shopper.external_id, orm.Product.category, orm.Product.colour)
            .join(orm.Interaction, orm.Interaction.shopper_id == orm.Shopper.id)
            .join(orm.Product, orm.Interaction.product_id == orm.Product.id)
            .where(orm.Interaction.kind == "purchase")
        ).all()
    store.close()
    type_hits = sum(cat in tastes[sid].types for sid, cat, _ in rows) / len(rows)
    colour_hits = sum(col in tastes[sid].colours for sid, _, col in rows) / len(rows)
    chance_types = 2 / len(DEPARTMENTS)
    assert type_hits > 3 * chance_types
    assert colour_hits > 0.35  # chance is at most 2/14


def test_same_seed_gives_the_same_store(tmp_path):
    def build(name):
        store = open_store(tmp_path / name / "d.sqlite", create=True)
        create_demo_store(store, seed=3, products=28, shoppers=20)
        with store.read() as s:
            products = sorted(s.execute(select(
                orm.Product.external_id, orm.Product.title, orm.Product.price,
                orm.Product.description, orm.Product.image_hash)).all())
            events = s.execute(select(orm.Interaction.event_key)
                               .order_by(orm.Interaction.event_key)).scalars().all()
        store.close()
        return products, events

    assert build("a") == build("b")


def test_a_cancelled_demo_leaves_only_whole_photos_and_a_rerun_finishes(tmp_path):
    from stylerec_app.domain.errors import Cancelled
    from stylerec_app.domain.progress import CancelToken

    store = open_store(tmp_path / "d.sqlite", create=True)
    token = CancelToken()

    def stop_after_some(progress):
        if progress.done >= 16:
            token.cancel()

    with pytest.raises(Cancelled):
        create_demo_store(store, seed=3, products=60, shoppers=10, progress=stop_after_some,
                          cancel=token)
    images = media_dir_for(store.path) / "images"
    drawn = sorted(images.iterdir())
    assert 16 <= len(drawn) < 60 and all(p.suffix == ".png" for p in drawn)
    for path in drawn:  # every file there is a whole photo
        with Image.open(path) as img:
            img.load()
    with store.read() as s:
        assert catalog_repo.store_stats(s).products == 0
    create_demo_store(store, seed=3, products=60, shoppers=10)
    assert len(list(images.iterdir())) == 60
    store.close()
