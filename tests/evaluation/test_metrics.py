"""Each metric against cases worked out by hand."""

import math

import numpy as np
import pytest

from stylerec_app.evaluation import metrics as m

RANKED = [7, 3, 9, 1, 5]  # hits at ranks 2 and 4 for relevant {3, 1, 8}
RELEVANT = {3, 1, 8}


def test_recall_precision_hit():
    assert m.recall(RANKED, RELEVANT, 5) == pytest.approx(2 / 3)
    assert m.recall(RANKED, RELEVANT, 2) == pytest.approx(1 / 3)
    assert m.precision(RANKED, RELEVANT, 5) == pytest.approx(2 / 5)
    assert m.precision(RANKED, RELEVANT, 1) == 0.0
    assert m.hit_rate(RANKED, RELEVANT, 1) == 0.0 and m.hit_rate(RANKED, RELEVANT, 2) == 1.0


def test_mrr_and_ndcg():
    assert m.mrr(RANKED, RELEVANT, 5) == pytest.approx(1 / 2)
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    idcg = 1 + 1 / math.log2(3) + 1 / math.log2(4)
    assert m.ndcg(RANKED, RELEVANT, 5) == pytest.approx(dcg / idcg)
    assert m.ndcg([3, 1, 8], RELEVANT, 3) == pytest.approx(1.0)


def test_map_definitions():
    # precision at the hits: 1/2 and 2/4; divided by min(k, R) = 3
    assert m.map_at_k(RANKED, RELEVANT, 5) == pytest.approx((1 / 2 + 2 / 4) / 3)
    # full-ranking AP divides by R = 3 as well here (8 never ranked)
    assert m.average_precision(RANKED, RELEVANT) == pytest.approx((1 / 2 + 2 / 4) / 3)
    assert m.map_at_k([3], {3}, 10) == 1.0


def test_auc_counts_ordered_pairs_and_ties():
    scores = np.array([0.9, 0.1, 0.8, 0.3, 0.5])
    candidates = np.arange(5)
    # positives {0, 3}: 0 beats all 3 negatives, 3 beats only item 1 → 4 of 6 pairs
    assert m.auc(scores, {0, 3}, candidates) == pytest.approx(4 / 6)
    tied = np.array([0.5, 0.5, 0.1])
    assert m.auc(tied, {0}, np.arange(3)) == pytest.approx((0.5 + 1) / 2)


def test_beyond_accuracy():
    lists = [[0, 1], [1, 2]]
    assert m.coverage(lists, 10) == pytest.approx(0.3)
    popularity = np.array([4.0, 2.0, 1.0, 0.0])
    assert m.novelty([[0]], popularity, 4) == pytest.approx(0.0)
    assert m.novelty([[2]], popularity, 4) == pytest.approx(2.0)
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    assert m.intra_list_diversity([0, 1], vectors) == pytest.approx(1.0)
    assert m.intra_list_diversity([0, 2], vectors) == pytest.approx(0.0)
    assert m.popularity_bias([[0]], popularity) == pytest.approx(1.0)
    assert m.popularity_bias([[3]], popularity) == pytest.approx(0.0)
