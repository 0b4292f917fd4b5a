"""Ground truth rules and the per-user ranking evaluation on hand-made scores."""

import numpy as np
import pytest
import scipy.sparse as sp

from stylerec_app.evaluation import stats
from stylerec_app.evaluation.ranking import RankingOptions, evaluate, ground_truth


def _m(pairs, shape=(3, 6)):
    rows, cols = zip(*pairs, strict=True) if pairs else ((), ())
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)


# user 0 trained on items 0 (relevant) and 1 (not relevant); test: 2 and 0 (a repeat)
# user 1 has a test item but no training; user 2 has only a non-relevant test event
TRAIN = _m([(0, 0), (0, 1), (2, 3)])
TRAIN_REL = _m([(0, 0), (2, 3)])
TEST_REL = _m([(0, 2), (0, 0), (1, 4)])
TEST_ANY = np.array([True, True, True])


def test_ground_truth_rules_per_candidate_mode():
    unseen = ground_truth(TRAIN, TRAIN_REL, TEST_REL, TEST_ANY, RankingOptions())
    assert list(unseen.users) == [0]
    assert list(unseen.relevant[0]) == [2]  # the repeat of item 0 cannot be ranked
    assert set(unseen.excluded[0]) == {0, 1}
    assert unseen.dropped["already seen"] == 1
    assert unseen.skipped == {"no relevant test item": 1, "no training history": 1,
                              "only already-seen test items": 0}
    relevant_only = ground_truth(TRAIN, TRAIN_REL, TEST_REL, TEST_ANY,
                                 RankingOptions(candidates="unseen-relevant"))
    assert set(relevant_only.excluded[0]) == {0}
    keep = ground_truth(TRAIN, TRAIN_REL, TEST_REL, TEST_ANY, RankingOptions(candidates="all"))
    assert list(keep.relevant[0]) == [0, 2] and len(keep.excluded[0]) == 0
    known = ground_truth(TRAIN, TRAIN_REL, _m([(0, 2), (0, 5), (0, 3)]), TEST_ANY,
                         RankingOptions(exclude_unknowns=True))
    assert list(known.relevant[0]) == [3]  # items 2 and 5 never trained anyone
    assert known.dropped["unknown item"] == 2


def test_evaluate_computes_metrics_on_the_allowed_candidates():
    truth = ground_truth(TRAIN, TRAIN_REL, _m([(0, 2), (0, 4)]), TEST_ANY,
                         RankingOptions(ks=(1, 3)))
    scores = np.array([[9.0, 8.0, 1.0, 3.0, 2.0, 0.0]])  # seen 0, 1 excluded → 3, 4, 2, 5
    result = evaluate(lambda users: scores[[0] * len(users)], truth, RankingOptions(ks=(1, 3)),
                      popularity=np.array([1, 1, 0, 1, 0, 0]), n_train_users=2)
    assert list(result.top[0]) == [3, 4, 2]
    assert result.per_user["Recall@1"][0] == 0.0
    assert result.per_user["Recall@3"][0] == pytest.approx(1.0)
    assert result.per_user["Precision@3"][0] == pytest.approx(2 / 3)
    assert result.per_user["MRR@3"][0] == pytest.approx(0.5)
    assert result.per_user["MAP"][0] == pytest.approx((1 / 2 + 2 / 3) / 2)
    # AUC: positives 4 (2.0) and 2 (1.0) vs negatives 3 (3.0) and 5 (0.0): 2 of 4 pairs
    assert result.per_user["AUC"][0] == pytest.approx(0.5)
    assert list(result.recall_curve) == pytest.approx([0.0, 0.5, 1.0])
    assert result.beyond["Coverage@1"] == pytest.approx(1 / 6)


def test_training_items_in_the_ranking_cost_precision_but_not_auc():
    truth = ground_truth(TRAIN, TRAIN_REL, _m([(0, 2)]), TEST_ANY, RankingOptions(candidates="all"))
    scores = np.array([[9.0, 8.0, 5.0, 3.0, 2.0, 0.0]])
    options = RankingOptions(ks=(1,), candidates="all")
    result = evaluate(lambda users: scores[[0] * len(users)], truth, options,
                      np.zeros(6), 2)
    assert result.per_user["HitRate@1"][0] == 0.0  # item 0, already had, is ranked first
    # AUC leaves out the relevant item 0 but keeps item 1 (had, not relevant) as a negative
    assert result.per_user["AUC"][0] == pytest.approx(3 / 4)


def test_sampled_ranking_ranks_among_a_few_negatives():
    truth = ground_truth(TRAIN, TRAIN_REL, _m([(0, 5)]), TEST_ANY, RankingOptions())
    scores = np.array([[0.0, 0.0, 4.0, 3.0, 2.0, 1.0]])
    full = evaluate(lambda u: scores, truth, RankingOptions(ks=(1,)), np.zeros(6), 2)
    sampled_opts = RankingOptions(ks=(1,), sampled=1, seed=3)
    sampled = evaluate(lambda u: scores, truth, sampled_opts, np.zeros(6), 2)
    assert full.per_user["Recall@1"][0] == 0.0
    assert sampled.per_user["AUC"][0] in (0.0, 1.0)
    assert "sampled ranking (1 random negatives" in sampled_opts.describe()


def test_bootstrap_and_paired_tests():
    rng = np.random.default_rng(0)
    a = rng.normal(0.5, 0.1, 400)
    low, high = stats.bootstrap_ci(a)
    assert low < a.mean() < high and high - low < 0.03
    same = stats.paired(a, a)
    assert same.diff == 0.0 and same.p_ttest == 1.0
    better = stats.paired(a + 0.02 + rng.normal(0, 0.01, 400), a)
    assert better.low > 0 and better.p_ttest < 1e-6 and better.p_wilcoxon < 1e-6
    noise = stats.paired(a + rng.normal(0, 0.1, 400), a)
    assert noise.low < 0 < noise.high and noise.p_ttest > 0.01


def _reference_evaluate(scores, truth, options):
    """The definition, spelled out: sort every candidate (stable), score each user."""
    from stylerec_app.evaluation import metrics
    from stylerec_app.evaluation.ranking import AT_K

    out = {}
    for n, u in enumerate(truth.users):
        s = np.nan_to_num(np.asarray(scores[u], np.float64), nan=-np.inf)
        rel = truth.relevant[n]
        allowed = truth.known.copy()
        allowed[truth.excluded[n]] = False
        allowed[rel] = True
        candidates = np.flatnonzero(allowed)
        order = candidates[np.argsort(-s[candidates], kind="stable")]
        for k in options.ks:
            for metric, fn in AT_K.items():
                out.setdefault(f"{metric}@{k}", []).append(fn(order, rel, k))
        auc_candidates = candidates
        if options.candidates == "all":
            auc_candidates = candidates[~np.isin(candidates, truth.seen_relevant[n])]
        out.setdefault("AUC", []).append(metrics.auc(s, rel, auc_candidates))
        out.setdefault("MAP", []).append(metrics.average_precision(order, rel))
        out.setdefault("top", []).append(order[: max(options.ks)])
    return out


@pytest.mark.parametrize("candidates", ["unseen", "unseen-relevant", "all"])
@pytest.mark.parametrize("exclude_unknowns", [False, True])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("few", [0, 64])  # one binary-search pass / a pass per relevant score
def test_compiled_ranking_equals_sorting_every_candidate(candidates, exclude_unknowns, dtype,
                                                         few, monkeypatch):
    from stylerec_app.evaluation import rank_kernel

    monkeypatch.setattr(rank_kernel, "FEW_SCORES", few)
    rng = np.random.default_rng(7)
    n_users, n_items = 60, 300

    def pairs(density):
        m = sp.random(n_users, n_items, density, format="csr", random_state=rng)
        m.data[:] = 1
        return m

    train = pairs(0.05)
    train_rel = train.multiply(rng.random(train.shape) < 0.7).tocsr()
    test_rel = pairs(0.03)
    # scores with heavy ties (rounded), zeros, NaN and ±inf, in float32 like the models
    scores = np.round(rng.standard_normal((n_users, n_items)), 1).astype(np.float32)
    scores[rng.random(scores.shape) < 0.3] = 0
    scores[rng.random(scores.shape) < 0.02] = np.nan
    scores[rng.random(scores.shape) < 0.01] = np.inf
    scores[rng.random(scores.shape) < 0.01] = -np.inf
    scores = scores.astype(dtype)
    options = RankingOptions(ks=(5, 20), candidates=candidates, exclude_unknowns=exclude_unknowns)
    truth = ground_truth(train, train_rel, test_rel, np.ones(n_users, bool), options)
    assert len(truth.users) > 20
    got = evaluate(lambda users: scores[users], truth, options, np.ones(n_items), n_users,
                   batch=16, workers=2)  # blocks of 16 users ranked on two threads
    want = _reference_evaluate(scores, truth, options)
    for name, values in got.per_user.items():
        np.testing.assert_allclose(values, want[name], rtol=0, atol=1e-12, err_msg=name)
    assert np.array_equal(got.top, np.stack(want["top"]))
    serial = evaluate(lambda users: scores[users], truth, options, np.ones(n_items), n_users)
    np.testing.assert_allclose(got.recall_curve, serial.recall_curve, rtol=1e-12)
