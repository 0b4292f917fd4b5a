"""Our metric code against Cornac's independent implementation, on the same rankings."""

import numpy as np
import pytest

from stylerec_app.evaluation import metrics as ours

cornac_metrics = pytest.importorskip("cornac.metrics", reason="cornac is a test-only extra")


def _cases(n=200, n_items=60, seed=0):
    rng = np.random.default_rng(seed)
    for _ in range(n):
        scores = rng.normal(size=n_items)
        relevant = rng.choice(n_items, rng.integers(1, 8), replace=False)
        yield scores, relevant, np.argsort(-scores)


@pytest.mark.parametrize("k", [1, 5, 10, 20])
def test_at_k_metrics_match_cornac(k):
    pairs = [(ours.recall, cornac_metrics.Recall(k=k)), (ours.precision, cornac_metrics.Precision(k=k)),
             (ours.ndcg, cornac_metrics.NDCG(k=k))]
    for _scores, relevant, ranked in _cases():
        for mine, theirs in pairs:
            assert mine(ranked, relevant, k) == pytest.approx(
                theirs.compute(gt_pos=relevant, pd_rank=ranked), abs=1e-6)


def test_full_ranking_metrics_match_cornac():
    items = np.arange(60)
    for scores, relevant, ranked in _cases():
        assert ours.average_precision(ranked, relevant) == pytest.approx(
            cornac_metrics.MAP().compute(item_indices=items, pd_scores=scores, gt_pos=relevant),
            abs=1e-6)
        assert ours.auc(scores, relevant, items) == pytest.approx(
            cornac_metrics.AUC().compute(item_indices=items, pd_scores=scores, gt_pos=relevant),
            abs=1e-6)
        if np.isin(ranked, relevant).any():  # Cornac's MRR is over the whole ranking
            assert ours.mrr(ranked, relevant, len(ranked)) == pytest.approx(
                cornac_metrics.MRR().compute(gt_pos=relevant, pd_rank=ranked), abs=1e-6)
