"""Serving at scale and training times.

Run: .venv/bin/python -m pytest tests/benchmarks/test_recommenders_bench.py -s
"""

import time

import numpy as np

from stylerec_app.engine.recommenders.selection import top_k


def test_top100_over_a_million_products(benchmark):
    rng = np.random.default_rng(0)
    items = rng.standard_normal((1_000_000, 64), dtype=np.float32)
    user = rng.standard_normal(64, dtype=np.float32)
    seen = rng.choice(1_000_000, 50, replace=False)

    def serve():
        scores = items @ user
        scores[seen] = -np.inf
        return top_k(scores, 100)

    start = time.perf_counter()
    reference = np.argsort(-(items @ user))[:100]  # full sort: the naive way
    naive = time.perf_counter() - start
    picks = benchmark.pedantic(serve, rounds=30, iterations=1, warmup_rounds=2)
    assert len(picks) == 100 and set(picks) <= set(np.argsort(-(items @ user))[:150])
    stats = benchmark.stats.stats
    print(f"\ntop-100 of 1,000,000 × 64-d: p50 {stats.median * 1000:.1f} ms "
          f"(max {stats.max * 1000:.1f} ms); full argsort reference {naive * 1000:.0f} ms; "
          f"first 5 agree: {list(reference[:5]) == list(picks[:5])}")


def test_training_time_per_model_on_hm(shared_hm, tmp_path):
    from stylerec_app.services.importing import import_hm
    from stylerec_app.services.interactions import load_store, train_data
    from stylerec_app.services.recommendation import models
    from stylerec_app.storage.database import open_store

    store = open_store(tmp_path / "hm.sqlite", create=True)
    import_hm(store, shared_hm)
    ds = load_store(store)
    data = train_data(ds)
    store.close()
    lines = []
    for name in ("pop", "itemknn", "als", "bpr"):
        model = models.make_model(name)
        start = time.perf_counter()
        model.fit(data)
        lines.append(f"{name} {time.perf_counter() - start:.2f} s")
    print(f"\nTraining on the H&M sample ({data.n_users} shoppers × {data.n_items} products, "
          f"{data.interactions.nnz} pairs): " + ", ".join(lines)
          + " (VBPR, content and hybrid need the sample's image profiles)")


def test_training_time_of_profile_based_models_on_hm():
    """Needs an H&M store with image profiles: STYLEREC_HM_PROFILED=path/to/hm.sqlite
    (make it with `stylerec import hm …` then `stylerec profile …`, ~25 min on 2 cores)."""
    import os

    import pytest

    from stylerec_app.services.interactions import attach_features, load_store, train_data
    from stylerec_app.services.recommendation import models
    from stylerec_app.storage.database import open_store

    path = os.environ.get("STYLEREC_HM_PROFILED")
    if not path:
        pytest.skip("set STYLEREC_HM_PROFILED to a profiled H&M store")
    store = open_store(path, create=True)
    ds = load_store(store)
    data = attach_features(store, ds, train_data(ds))
    lines = []
    for name in ("vbpr", "content", "hybrid-no-style"):
        model = models.make_model(name)
        start = time.perf_counter()
        model.fit(data)
        lines.append(f"{name} {time.perf_counter() - start:.1f} s")
    store.close()
    print("\nTraining on the profiled H&M sample: " + ", ".join(lines))


def test_bpr_epoch_against_cornac_on_movielens(shared_ml100k):
    """Our textbook BPR (numba kernel) against Cornac's Cython BPR, same data and epochs."""
    import cornac
    import scipy.sparse as sp

    from stylerec_app.engine.recommenders.bpr_sgd import fit_uniform_bpr

    rows = (shared_ml100k / "ml-100k.inter").read_text(encoding="utf-8").splitlines()[1:]
    users, items = (np.array([int(r.split("\t")[c]) for r in rows]) for c in (0, 1))
    _, u = np.unique(users, return_inverse=True)
    _, i = np.unique(items, return_inverse=True)
    positives = sp.csr_matrix((np.ones(len(u), np.float32), (u, i)))
    epochs = 20
    fit_uniform_bpr(positives, 10, 0.001, 0.01, 1, 0, lambda p: None, None)  # compile
    start = time.perf_counter()
    fit_uniform_bpr(positives, 10, 0.001, 0.01, epochs, 0, lambda p: None, None)
    ours = (time.perf_counter() - start) / epochs
    train = cornac.data.Dataset.from_uir([(str(a), str(b), 1.0) for a, b in zip(users, items, strict=True)],
                                         seed=0)
    model = cornac.models.BPR(k=10, max_iter=epochs, learning_rate=0.001, lambda_reg=0.01,
                              seed=0, verbose=False)
    start = time.perf_counter()
    model.fit(train)
    cornac_epoch = (time.perf_counter() - start) / epochs
    print(f"\nBPR epoch on ML-100K: ours {ours * 1000:.1f} ms, Cornac {cornac_epoch * 1000:.1f} ms "
          f"(ratio {ours / cornac_epoch:.2f})")
