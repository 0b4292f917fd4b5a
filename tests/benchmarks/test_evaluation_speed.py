"""Evaluation of every model on MovieLens-100K must finish in under a minute on this CPU.

Reference in the same run: Cornac 3 evaluating its own BPR on the same split (its
Experiment: fit + ranking of every test user), to show what the harness costs.
Run: .venv/bin/python -m pytest tests/benchmarks/test_evaluation_speed.py -s
"""

import time

import pytest

from tests.helpers import SHARED_DATA

ML = SHARED_DATA / "ml-100k"


@pytest.mark.skipif(not (ML / "ml-100k.inter").is_file(), reason="needs ../shared/data/ml-100k")
def test_all_models_on_movielens_under_a_minute(benchmark, tmp_path, monkeypatch):
    from stylerec_app.evaluation.ranking import RankingOptions
    from stylerec_app.evaluation.splits import Protocol
    from stylerec_app.services.evaluation_runs.runner import EvalConfig, evaluate_to_report
    from stylerec_app.services.recommendation.registry import REGISTRY

    monkeypatch.chdir(tmp_path)  # Cornac's Experiment writes a log file into the working folder
    config = EvalConfig(f"ml-100k:{ML}", Protocol("random", test=0.2, valid=0.1, seed=123),
                        RankingOptions(ks=(10, 20)), tuple(REGISTRY.names()))
    report = benchmark.pedantic(lambda: evaluate_to_report(config, cache_dir=tmp_path),
                                rounds=1, iterations=1)
    seconds = benchmark.stats.stats.max
    ran = [m.name for m in report.models]

    cornac = pytest.importorskip("cornac")
    from cornac.eval_methods import RatioSplit
    from cornac.metrics import NDCG, Recall

    rows = [line.split("\t") for line in
            (ML / "ml-100k.inter").read_text().splitlines()[1:]]
    split = RatioSplit([(u, i, float(r)) for u, i, r, _ in rows], test_size=0.2, val_size=0.1,
                       seed=123, exclude_unknowns=True, verbose=False)
    start = time.perf_counter()
    cornac.Experiment(split, [cornac.models.BPR(k=64, max_iter=50, learning_rate=0.05)],
                      [Recall(k=10), NDCG(k=10)], verbose=False).run()
    reference = time.perf_counter() - start
    per_model = {m.name: round(m.fit_seconds + m.eval_seconds, 1) for m in report.models}
    print(f"\nall models on ML-100K ({', '.join(ran)}; tuning included): {seconds:.1f} s; "
          f"Cornac BPR alone (fit + eval, no tuning): {reference:.1f} s; "
          f"ratio {seconds / reference:.1f}; final fit+rank per model {per_model}")
    assert seconds < 60
