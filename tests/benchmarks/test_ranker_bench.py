"""The learned ranker: training time on the H&M sample and serving p50 for one shopper.

Run: .venv/bin/python -m pytest tests/benchmarks/test_ranker_bench.py -s
Each figure is printed next to a reference measured in the same run (training: the
family rule and ALS; serving: the same shopper served by popularity, whose cost is the
serving path itself).
"""

import statistics
import time

import pytest


def _fit_seconds(name, data, prepare=None):
    from stylerec_app.services.recommendation import models

    model = models.make_model(name)
    if prepare is not None:
        prepare(model)  # the restyled style-affinity provider
    start = time.perf_counter()
    model.fit(data)
    return model, time.perf_counter() - start


def _serving_p50(store, trained, shoppers, rounds=3) -> float:
    from stylerec_app.services.recommendation.service import Query, recommend_with

    times = []
    for _ in range(rounds):
        for shopper in shoppers:
            start = time.perf_counter()
            recommend_with(store, trained, Query(shopper, 12, trained.name))
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def _compare_serving(store, label: str, engines=None) -> None:
    from stylerec_app.services.interactions import attach_features, load_store, train_data
    from stylerec_app.services.recommendation.models import TrainedModel

    ds = load_store(store)
    data = attach_features(store, ds, train_data(ds))
    shoppers = [ds.user_names[u] for u in range(0, len(ds.user_names), max(1,
                                                                       len(ds.user_names) // 30))]
    lines, p50 = [], {}
    from stylerec_app.services.recommendation import models

    def prepare(model):
        if engines is not None:
            models.prepare(store, ds, data, model, engines)

    for name in ("pop", "family-rule", "ranker"):
        model, seconds = _fit_seconds(name, data, prepare)
        trained = TrainedModel(name, model, ds, data, seconds)
        _serving_p50(store, trained, shoppers[:2], rounds=1)  # warm: first-call imports
        p50[name] = _serving_p50(store, trained, shoppers)
        lines.append(f"{name}: fit {seconds:.1f} s, serve p50 {p50[name] * 1000:.1f} ms")
    print(f"\n{label} ({data.n_users} shoppers × {data.n_items} products): " + "; ".join(lines)
          + f". Ranker serving / pop serving = {p50['ranker'] / p50['pop']:.2f}×"
          " (target: ranker p50 ≤ 50 ms)")


def test_ranker_training_and_serving_on_the_demo_store(demo_master):
    from stylerec_app.storage.database import open_store

    store = open_store(demo_master, create=False)
    try:
        _compare_serving(store, "Demo store")
    finally:
        store.close()


def test_ranker_training_and_serving_on_hm(shared_hm, tmp_path):
    from stylerec_app.services.importing import import_hm
    from stylerec_app.services.interactions import load_store, train_data
    from stylerec_app.storage.database import open_store

    store = open_store(tmp_path / "hm.sqlite", create=True)
    try:
        import_hm(store, shared_hm)
        data = train_data(load_store(store))
        _, rule = _fit_seconds("family-rule", data)
        _, als = _fit_seconds("als", data)
        ranker, seconds = _fit_seconds("ranker", data)
        print(f"\nRanker training on the H&M sample: {seconds:.1f} s "
              f"({ranker.trained_on}); family-rule {rule:.1f} s, ALS {als:.1f} s: "
              f"ratio to family-rule {seconds / rule:.1f}×, to ALS {seconds / als:.1f}×")
        _compare_serving(store, "H&M sample")
    finally:
        store.close()


@pytest.mark.skipif("not __import__('os').environ.get('STYLEREC_HM_PROFILED')",
                    reason="set STYLEREC_HM_PROFILED to a profiled H&M store")
def test_ranker_with_images_and_style_on_profiled_hm():
    import os
    import tempfile
    from pathlib import Path

    from stylerec_app.services.engines import Engines
    from stylerec_app.storage.database import open_store

    engines = Engines("cpu", Path(tempfile.mkdtemp()))
    store = open_store(os.environ["STYLEREC_HM_PROFILED"], create=False)
    try:
        _compare_serving(store, "Profiled H&M sample (image neighbours, style features and "
                                "the restyled style affinity, its cache as the store has it)",
                         engines)
    finally:
        store.close()
