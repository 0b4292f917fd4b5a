"""Each recommender must recover a planted pattern; VBPR must rank a never-bought item by look."""

import numpy as np
import pytest
import scipy.sparse as sp

from stylerec_app.engine.recommenders.base import ItemKNN, Popularity
from stylerec_app.engine.recommenders.content import ContentNN
from stylerec_app.engine.recommenders.data import TrainData, from_triples
from stylerec_app.engine.recommenders.factor import ALS, BPR, VBPR
from stylerec_app.engine.recommenders.hybrid import Hybrid
from stylerec_app.engine.recommenders.selection import Filters, allowed, mmr, top_k

USERS, ITEMS, COLD = 60, 80, 79  # items 0–39 red, 40–79 blue; item 79 is never bought


def planted() -> TrainData:
    rng = np.random.default_rng(0)
    users, items, weights, days = [], [], [], []
    for u in range(USERS):
        red_lover = u < USERS // 2
        favourites = rng.choice(np.arange(0, 40) if red_lover else np.arange(40, 79), 10,
                                replace=False)
        other = rng.choice(np.arange(40, 79) if red_lover else np.arange(0, 40), 1)
        for i in [*favourites, *other]:
            users.append(u)
            items.append(int(i))
            weights.append(8.0 if i in favourites else 1.0)
            days.append(float(rng.uniform(0, 100)))
    data = from_triples(users, items, weights, USERS, ITEMS, days)
    red, blue = rng.normal(size=64), rng.normal(size=64)
    image = np.stack([(red if i < 40 else blue) + 0.3 * rng.normal(size=64) for i in range(ITEMS)])
    data.image = (image / np.linalg.norm(image, axis=1, keepdims=True)).astype(np.float32)
    data.text = data.image.copy()
    data.colour = np.array([0 if i < 40 else 1 for i in range(ITEMS)])
    data.colour_names = ["Red", "Blue"]
    data.category = np.zeros(ITEMS, int)
    data.category_names = ["Shirts"]
    data.price = np.linspace(10, 50, ITEMS)
    return data


@pytest.fixture(scope="module")
def data():
    return planted()


def red_share(model, data, users) -> float:
    shares = []
    for u in users:
        scores = model.scores(u).astype(float)
        scores[data.seen(u)] = -np.inf
        shares.append(np.mean(top_k(scores, 5) < 40))
    return float(np.mean(shares))


# Few factors for 60 shoppers: 64 would overfit this tiny planted data set.
MODELS = [lambda: ItemKNN(), lambda: ALS(factors=16, iterations=20), lambda: BPR(iterations=200),
          lambda: VBPR(epochs=40), lambda: ContentNN(), lambda: Hybrid(use_style=False)]


@pytest.mark.parametrize("make", MODELS, ids=["itemknn", "als", "bpr", "vbpr", "content",
                                             "hybrid"])
def test_shoppers_who_buy_red_get_red_first(data, make):
    model = make().fit(data)
    assert red_share(model, data, range(0, 30)) >= 0.8
    assert red_share(model, data, range(30, 60)) <= 0.2


def test_same_seed_same_scores(data):
    a = VBPR(epochs=5, seed=3).fit(data).scores(0)
    b = VBPR(epochs=5, seed=3).fit(data).scores(0)
    assert np.allclose(a, b)


def test_popularity_ranks_the_most_bought_first(data):
    pop = Popularity().fit(data)
    counts = np.asarray(data.binary().sum(0)).ravel()
    assert int(np.argmax(pop.scores(0))) == int(np.argmax(counts))
    recent = Popularity(half_life_days=5).fit(data)
    assert not np.allclose(recent.scores(0) / recent.scores(0).max(),
                           pop.scores(0) / pop.scores(0).max())


def test_vbpr_ranks_a_never_bought_product_by_its_image(data):
    assert data.binary()[:, COLD].sum() == 0
    model = VBPR(epochs=40).fit(data)

    def rank(u):
        scores = model.scores(u).astype(float)
        scores[data.seen(u)] = -np.inf
        return int(np.where(np.argsort(-scores) == COLD)[0][0])

    blue = np.mean([rank(u) for u in range(30, 60)])
    red = np.mean([rank(u) for u in range(0, 30)])
    # Blue lovers have ~29 unseen blue and ~39 unseen red items: the cold blue item ranks
    # within the blue block for them, and near the bottom for red lovers.
    assert blue < 29 and red > 40, (blue, red)
    bpr = BPR(iterations=200).fit(data)  # without images the cold item is just noise
    assert abs(bpr.scores(40)[COLD]) < 0.05


def test_top_k_keeps_catalog_order_among_equal_scores_and_never_picks_a_non_score():
    scores = np.array([1, 5, 3, 5, 5, 2, np.nan, 5, -np.inf, 4], float)
    assert list(top_k(scores, 3)) == [1, 3, 4]  # four items share 5: the first three
    assert list(top_k(scores, 6)) == [1, 3, 4, 7, 9, 2]
    assert list(top_k(scores, 20)) == [1, 3, 4, 7, 9, 2, 5, 0]  # no NaN, no −inf
    assert list(top_k(scores, 4, scores < 5)) == [9, 2, 5, 0]
    assert list(top_k(scores.astype(np.float32), 2)) == [1, 3]


def test_filters_and_diversity(data):
    scores = np.arange(ITEMS, dtype=float)
    mask = allowed(scores, Filters(min_price=20, max_price=30), np.array([50]),
                   data.category, data.price)
    picks = top_k(scores, 100, mask)
    assert all(20 <= data.price[i] <= 30 for i in picks) and 50 not in picks
    assert list(top_k(scores, 3)) == [79, 78, 77]
    plain = mmr(scores, data.image, 6, 0.0)
    diverse = mmr(scores, data.image, 6, 0.7)
    assert all(i >= 40 for i in plain)  # the best scores are all blue
    assert any(i < 40 for i in diverse)  # diversity brings a red one in


def _zipf_data(seed=0, n=20000, users=500, items=800):
    rng = np.random.default_rng(seed)
    return from_triples(rng.integers(0, users, n), rng.zipf(1.3, n) % items, np.ones(n),
                        users, items)


def _scipy_neighbours(x, k, shrink):
    """The definition: the whole co-occurrence product, shrunk cosines, each row's k best by
    numpy's argpartition over its entries in column order."""
    co = (x.T.tocsr() @ x).tocsr()
    co.setdiag(0)
    co.eliminate_zeros()
    co.sort_indices()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(0)).ravel())
    coo = co.tocoo()
    co.data = coo.data / (norms[coo.row] * norms[coo.col] + shrink + 1e-9)
    rows, cols, vals = [], [], []
    for i in range(co.shape[0]):
        part = slice(co.indptr[i], co.indptr[i + 1])
        data, idx = co.data[part], co.indices[part]
        if len(data) > k:
            top = np.argpartition(-data, k - 1)[:k]
            data, idx = data[top], idx[top]
        rows.append(np.full(len(data), i)), cols.append(idx), vals.append(data)
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                         shape=co.shape, dtype=np.float32)


@pytest.mark.parametrize("k", [5, 20])
def test_compiled_neighbours_equal_the_scipy_product_ties_included(k):
    data = _zipf_data(seed=3)  # integer co-occurrences and repeated norms: many tied cosines
    x = data.binary().astype(np.float32)
    got = ItemKNN(k=k, shrink=10.0).fit(data).similarity
    want = _scipy_neighbours(x, k, 10.0)
    assert (got != want).nnz == 0 and np.array_equal(got.indices, want.indices)
    assert np.array_equal(got.data, want.data)  # bit for bit: the same float32 arithmetic


def test_item_knn_neighbours_do_not_depend_on_the_block_size(monkeypatch):
    from stylerec_app.engine.recommenders import neighbours

    data = _zipf_data()
    whole = ItemKNN(k=20, shrink=10.0).fit(data).similarity
    monkeypatch.setattr(neighbours, "BLOCK_ENTRIES", 5000)  # dozens of blocks
    steps = []
    blocked = ItemKNN(k=20, shrink=10.0).fit(data, progress=steps.append).similarity
    assert len(steps) > 10
    assert (whole != blocked).nnz == 0 and np.array_equal(whole.indices, blocked.indices)
    assert np.diff(blocked.indptr).max() == 20 and blocked.diagonal().max() == 0
    # the neighbours are the most similar items: cosine with shrinkage, checked for one item
    x = data.binary().toarray()
    item = int(np.argmax(x.sum(0)))
    co = x.T @ x[:, item]
    norms = np.sqrt(x.sum(0))
    cosine = co / (norms * norms[item] + 10.0 + 1e-9)
    cosine[item] = -1
    row = blocked.getrow(item)
    assert np.isclose(row.data.min(), np.sort(cosine)[-20], rtol=1e-5)


def test_uniform_bpr_learns_and_repeats_itself():
    data = _zipf_data(seed=1)
    first = BPR(factors=8, negatives="uniform", iterations=30, learning_rate=0.05).fit(data)
    again = BPR(factors=8, negatives="uniform", iterations=30, learning_rate=0.05).fit(data)
    assert np.array_equal(first.item_factors, again.item_factors)
    # popular items rise: the bias (last column) correlates with popularity
    popularity = np.asarray(data.binary().sum(0)).ravel()
    assert np.corrcoef(first.item_factors[:, -1], popularity)[0, 1] > 0.5


def test_family_rule_offers_the_other_colours_of_what_they_bought():
    """Planted: each shopper bought one colour of a family; the rule puts that family's other
    colours first, then items bought together with theirs, then recent best sellers."""
    from stylerec_app.engine.recommenders.family import FamilyRule

    rng = np.random.default_rng(4)
    n_items, n_users = 300, 200
    family = np.arange(n_items) // 3  # three colours per family
    bought = rng.integers(0, n_items, n_users)
    days = rng.uniform(0, 100, n_users)
    users = np.r_[np.arange(n_users), np.arange(n_users)]
    items = np.r_[bought, (bought + 150) % n_items]  # and one product from far away
    data = from_triples(users, items, np.ones(len(users)), n_users, n_items, np.r_[days, days])
    data.family = family
    model = FamilyRule().fit(data)
    scores = model.scores_many(np.arange(n_users))
    for u in range(0, n_users, 17):
        siblings = set(np.flatnonzero(family == family[bought[u]])) - {bought[u]}
        siblings |= set(np.flatnonzero(family == family[(bought[u] + 150) % n_items])) - {
            (bought[u] + 150) % n_items}
        unseen = np.setdiff1d(np.arange(n_items), data.seen(u))
        top = unseen[np.argsort(-scores[u, unseen], kind="stable")][: len(siblings)]
        assert set(top) == siblings, u
    # without families it is co-purchase then popularity: no error, same shape
    data.family = None
    assert FamilyRule().fit(data).scores_many([0, 1]).shape == (2, n_items)
