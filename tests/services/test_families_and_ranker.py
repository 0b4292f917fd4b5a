"""Product families in the catalog and in served lists; the ranker trained, saved, served
and evaluated through the app's own paths (its candidate recall, importances, buy-again)."""

from collections import Counter

import numpy as np
import pytest

from stylerec_app.domain.catalog import CatalogFilter
from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.messages import Message
from stylerec_app.evaluation.ranking import RankingOptions
from stylerec_app.evaluation.report import render_html
from stylerec_app.evaluation.splits import Protocol
from stylerec_app.services.catalog import CatalogService
from stylerec_app.services.evaluation_runs.datasets import EvalDataset
from stylerec_app.services.evaluation_runs.runner import (
    EvalConfig,
    build_report,
    run_evaluation,
)
from stylerec_app.services.recommendation import models
from stylerec_app.services.recommendation.service import Query, recommend_with
from stylerec_app.storage.database import open_store


@pytest.fixture
def demo(demo_copy):
    store = open_store(demo_copy, create=True)
    yield store
    store.close()


def test_the_demo_catalog_lists_families_with_their_other_colours(demo):
    catalog = CatalogService(demo)
    page = catalog.products(CatalogFilter(limit=50))
    trousers = next(p for p in page if p.external_id == "D0003")
    assert trousers.group_id == "G-Trousers-Floral" and trousers.family_size == 5
    detail = catalog.detail(trousers.id)
    assert {p.colour for p in detail.family} == {"Grey", "Teal", "Beige", "Blue"}
    assert all(p.group_id == trousers.group_id and p.id != trousers.id for p in detail.family)


def test_served_lists_hold_at_most_two_colours_of_one_product(demo):
    trained = models.fit_on_store(demo, "same-family")
    crowded = 0
    for shopper in ("S0010", "S0042", "S0100", "S0150", "S0201"):
        picks = recommend_with(demo, trained, Query(shopper, 12, "same-family"))
        assert len(picks) == 12
        families = Counter(p.product.group_id for p in picks if p.product.group_id)
        assert max(families.values()) <= 2, families
        free = recommend_with(demo, trained, Query(shopper, 12, "same-family", per_family=0))
        crowded += max(Counter(p.product.group_id for p in free).values()) > 2
    assert crowded >= 3  # without the cap, one product's colours crowd the list


def test_the_ranker_is_saved_loaded_and_serves_with_reasons(demo):
    trained = models.train_and_save(demo, "ranker")
    assert trained.model.booster is not None and trained.model.trained_on["lists"] >= 20
    again = models.load(demo, "ranker")
    users = np.arange(10)
    assert np.allclose(again.model.scores_many(users), trained.model.scores_many(users))
    picks = recommend_with(demo, again, Query("S0010", 12, "ranker"))
    assert len(picks) == 12
    codes = {p.reason.code for p in picks}
    assert codes <= {"reason.family", "reason.bought_with", "reason.trending",
                     "reason.trending_in", "reason.shoppers_like", "reason.style",
                     "reason.trending_age",
                     "reason.similar", "reason.colour", "reason.category", "reason.popular_in",
                     "reason.popular"}, codes
    for p in picks:
        text = p.reason.english()
        assert text and "{" not in text, p.reason


def _families_dataset() -> EvalDataset:
    """The planted-family shoppers of tests/engine/test_candidates.py as an evaluation
    dataset: every visit, another colour of their first purchase and a hot item."""
    from stylerec_app.engine.recommenders.data import TrainData
    from tests.engine.test_candidates import planted_families

    data = planted_families()
    coo = data.interactions.tocoo()
    last = data.last_seen.tocsr()
    days = np.asarray(last[coo.row, coo.col]).ravel() - 1.0
    features = TrainData(interactions=None)  # type: ignore[arg-type]
    features.family = data.family
    n = len(coo.row)
    return EvalDataset("planted", "planted families", coo.row.astype(np.int64),
                       coo.col.astype(np.int64), np.full(n, 8.0, np.float32),
                       np.ones(n, bool), days.astype(np.float32),
                       [f"S{u}" for u in range(data.n_users)],
                       [f"P{i}" for i in range(data.n_items)], "purchases", features)


def test_evaluating_the_ranker_reports_recall_importances_and_beats_the_rule():
    config = EvalConfig("planted", Protocol("leave-last", last_n=1, unit="day"),
                        RankingOptions(ks=(12,)), models=("trending", "family-rule", "ranker"),
                        tune=False, params={"ranker": {"rounds": 60}})
    report = build_report(run_evaluation(_families_dataset(), config))
    assert "ranker-no-images" in report.skipped_models  # nothing to take away here
    ranker = report.model("ranker")
    assert ranker.metrics["NDCG@12"].mean > report.model("trending").metrics["NDCG@12"].mean
    recall = ranker.extra["candidate_recall"]
    assert recall["union"]["200"] >= recall["same-family"]["50"] >= 0.45
    assert max(ranker.extra["feature_importance"], key=ranker.extra["feature_importance"].get
               ).startswith("same_family")
    page = render_html(report.to_json())
    assert "Candidate recall of ranker" in page and "Feature importance of ranker" in page


def test_buy_again_keeps_repeat_purchases_in_the_ranking():
    # 40 shoppers buy items a and b on day 1 and buy a again on day 10
    rng = np.random.default_rng(3)
    users, items, days = [], [], []
    for u in range(40):
        a, b = rng.choice(30, 2, replace=False)
        users += [u, u, u]
        items += [int(a), int(b), int(a)]
        days += [1.0, 1.0, 10.0]
    n = len(users)
    ds = EvalDataset("again", "buy again", np.array(users), np.array(items),
                     np.full(n, 8.0, np.float32), np.ones(n, bool), np.array(days, np.float32),
                     [f"S{u}" for u in range(40)], [f"P{i}" for i in range(30)], "purchases")
    protocol = Protocol("leave-last", last_n=1, unit="day")
    config = EvalConfig("again", protocol, RankingOptions(ks=(2,), candidates="buy-again"),
                        models=("repeat", "trending"), tune=False)
    report = build_report(run_evaluation(ds, config))
    assert report.model("repeat").metrics["HitRate@2"].mean == 1.0
    assert "buy-again" in report.ranking["description"]
    with pytest.raises(StyleRecError):  # unseen candidates: every test purchase is a repeat
        run_evaluation(ds, EvalConfig("again", protocol, RankingOptions(ks=(2,)),
                                      models=("repeat",), tune=False))


def test_every_new_reason_is_worded():
    for code in ("reason.bought_with", "reason.trending", "reason.trending_in",
                 "reason.shoppers_like", "reason.again", "reason.trending_age"):
        text = Message(code, {"title": "Blue floral trousers", "category": "Trousers",
                              "band": "25-34"}).english()
        assert text and "{" not in text and not text.startswith("reason."), code
