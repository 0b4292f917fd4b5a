"""Training on a store, saving with the data snapshot, serving with filters and reasons."""

import json
import shutil

import numpy as np
import pytest

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.services.interactions import PURCHASE, load_store, train_data
from stylerec_app.services.recommendation import models
from stylerec_app.services.recommendation.registry import REGISTRY
from stylerec_app.services.recommendation.service import Query, RecommendationService
from stylerec_app.storage.database import open_store
from tests.conftest import copy_to
from tests.services.test_cli import run, run_here


@pytest.fixture(scope="session")
def trained_master(profiled_demo, tmp_path_factory, engines):
    """A copy of the profiled demo store with every model trained (about half a minute).
    Session-scoped: pytest runs a module's tests grouped by the session's `backend`
    parameter, so a module-scoped fixture would be trained again for the second backend."""
    target = copy_to(profiled_demo, "sqlite", None, tmp_path_factory.mktemp("rec-master"))
    store = open_store(target, create=True)
    for name in TRAINED:
        models.train_and_save(store, name, SMALL.get(name), engines=engines)
    store.close()
    return target


@pytest.fixture(scope="module")
def trained_demo(trained_master, backend, request, tmp_path_factory):
    """The trained store on each backend, a copy per backend so that no test sees another's
    writes. A team store gets it as `stylerec team push` does: every row and the models."""
    target = copy_to(trained_master, backend, request, tmp_path_factory.mktemp("rec"))
    if backend == "sqlite":
        source, copied = (open_store(p) for p in (trained_master, target))
        shutil.copytree(source.media_dir / "models", copied.media_dir / "models")
        source.close()
        copied.close()
    return target


# Every model but the ranker's two ablations (same class; evaluated in test_families_and_ranker);
# the ranker and the hybrid restyle for a few shoppers only (the hybrid's default of 100 took
# half a minute), so that the fixture stays well within a minute.
TRAINED = [n for n in REGISTRY.names() if n not in ("ranker-no-images", "ranker-no-style")]
SMALL = {"ranker": {"style_users": 10, "style_shortlist": 3}, "hybrid": {"style_users": 12}}


def test_models_are_saved_with_params_and_data_snapshot(trained_demo):
    store = open_store(trained_demo, create=True)
    assert models.trained_models(store) == sorted(TRAINED)
    saved = json.loads((models.models_dir(store) / "als.json").read_text(encoding="utf-8"))
    assert saved["params"]["factors"] == 64 and saved["snapshot"]["events"] > 10000
    assert saved["snapshot"]["last_event_id"] > 0
    assert saved["format"] == "stylerec-model" and "dataset" not in saved  # the data stays out
    with np.load(models.models_dir(store) / "als.npz", allow_pickle=False) as arrays:
        assert arrays["state/model/item_factors"].shape[1] == 64
    store.close()


def test_recommendations_respect_filters_and_explain_themselves(trained_demo, engines):
    store = open_store(trained_demo, create=True)
    service = RecommendationService(store, engines)
    ds = load_store(store)
    data = train_data(ds)
    user = ds.user_names.index("S0010")
    seen = {ds.item_ids[i] for i in data.seen(user)}
    for name in TRAINED:
        picks = service.recommend(Query("S0010", k=12, model=name))
        assert len(picks) == 12, name
        assert not {p.product.id for p in picks} & seen, name
        assert all(p.reason for p in picks)
        assert [p.score for p in picks] == sorted((p.score for p in picks), reverse=True), name
    mugs = service.recommend(Query("S0010", k=5, model="als", category="Mug", max_price=20))
    assert mugs and all(p.product.category == "Mug" and p.product.price <= 20 for p in mugs)
    # the demo catalog marks about one product in twelve out of stock
    from sqlalchemy import select

    from stylerec_app.storage import orm

    with store.read() as session:
        marked = set(session.scalars(select(orm.Product.id).where(orm.Product.in_stock.is_(False))))
    sold_out = {p.product.id for p in service.recommend(Query("S0010", k=150, model="pop"))
                } & marked
    assert sold_out
    stocked = service.recommend(Query("S0010", k=150, model="pop", in_stock_only=True))
    assert len(stocked) == 150 and not {p.product.id for p in stocked} & sold_out
    with pytest.raises(StyleRecError, match="No shopper"):
        service.recommend(Query("nobody"))
    store.close()


def test_every_trained_model_beats_popularity_on_later_purchases(profiled_demo_at, tmp_path):
    """A simple temporal split on the demo store (the evaluation harness does this properly)."""
    from stylerec_app.services.interactions import attach_features

    store = open_store(profiled_demo_at, create=True)
    ds = load_store(store)
    ev = ds.events
    cut = ev.day.max() - 20
    train = attach_features(store, ds, train_data(ds, ev.day < cut))
    store.close()
    truth: dict[int, set] = {}
    for u, i in zip(ev.user[(ev.day >= cut) & (ev.kind == PURCHASE)],
                    ev.item[(ev.day >= cut) & (ev.kind == PURCHASE)], strict=True):
        truth.setdefault(int(u), set()).add(int(i))

    def recall(model) -> float:
        values = []
        for u, items in truth.items():
            scores = model.scores(u).astype(float)
            scores[train.seen(u)] = -np.inf
            top = set(np.argsort(-scores)[:10].tolist())
            values.append(len(top & items) / len(items))
        return float(np.mean(values))

    results = {name: recall(models.make_model(name).fit(train))
               for name in ("pop", "itemknn", "als", "bpr", "vbpr", "content",
                            "hybrid-no-style")}
    (tmp_path / "recall.json").write_text(json.dumps(results))
    for name, value in results.items():
        if name != "pop":
            assert value > results["pop"] + 0.03, results


def test_cli_recommend_json(trained_demo):
    result = run("recommend", "--db", str(trained_demo), "--shopper", "S0010", "-k", "3",
                 "--model", "itemknn", "--json")
    assert result.returncode == 0, result.stderr
    picks = json.loads(result.stdout)
    assert [p["rank"] for p in picks] == [1, 2, 3] and all(p["reason"] for p in picks)
    missing = run_here("recommend", "--db", trained_demo, "--shopper", "S0010", "--model", "x")
    assert missing.returncode == 1 and "No trained x model" in missing.stderr


def test_holdout_split_trains_on_the_past_and_lists_the_future(profiled_demo, profiled_demo_at):
    from stylerec_app.services.recommendation.holdout import HoldoutSplit

    store = open_store(profiled_demo_at, create=True)
    split = HoldoutSplit(store, days=20)
    assert split.train_mask.sum() < len(split.train_mask)
    assert split.data.interactions.nnz < train_data(split.ds).interactions.nnz
    from tests.ui.test_recommendations_ui import _busiest_after_split

    shopper = _busiest_after_split(profiled_demo)
    picks = split.recommend(Query(shopper, k=12, model="itemknn"))
    shown = {p.product.id for p in picks}
    held = split.next_events(shopper, shown)
    assert held and all(h.hit == (h.product.id in shown) for h in held)
    store.close()
