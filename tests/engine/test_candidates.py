"""Each candidate generator recovers its planted pattern; the ranker learns a planted signal."""

import numpy as np
import pytest

from stylerec_app.engine.recommenders.candidates import (
    AgeTrending,
    CoPurchase,
    ImageNeighbours,
    Repeat,
    SameFamily,
    SegmentTrending,
    Trending,
)
from stylerec_app.engine.recommenders.data import from_triples
from stylerec_app.engine.recommenders.ranker import Ranker, _label_window


def _top(model, user, n, exclude=()):
    scores = model.scores(user).astype(float)
    scores[list(exclude)] = -np.inf
    return list(np.argsort(-scores, kind="stable")[:n])


def test_same_family_offers_the_other_colours_first():
    # items 0..29, families of three; shopper 0 bought item 4 (family 1: items 3, 4, 5)
    data = from_triples([0, 1, 1, 2], [4, 20, 21, 22], [8, 8, 8, 8], 3, 30, [5, 5, 5, 5])
    data.family = np.arange(30) // 3
    model = SameFamily().fit(data)
    assert set(_top(model, 0, 2, exclude=[4])) == {3, 5}
    data.family = None  # no families: nothing proposed, popularity only as a tie-break
    assert SameFamily().fit(data).raw(np.array([0])).max() == 0


def test_co_purchase_follows_the_recent_purchase():
    # items 1 and 2 are always bought together, as are 5 and 6; shopper 9 bought 1 long ago
    # and 5 yesterday: 6 (with the recent one) ranks before 2
    users, items, days = [], [], []
    for u in range(8):
        users += [u, u]
        items += [1, 2] if u % 2 else [5, 6]
        days += [10.0, 10.0]
    users += [9, 9]
    items += [1, 5]
    days += [0.0, 99.0]
    data = from_triples(users, items, np.full(len(users), 8.0), 10, 12, days)
    model = CoPurchase().fit(data)
    assert _top(model, 9, 2, exclude=[1, 5]) == [6, 2]


def test_trending_prefers_what_sells_now_over_what_sold_once():
    # item 0 sold to five shoppers on day 0; item 1 to three shoppers on day 60
    data = from_triples([0, 1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 0, 1, 1, 1],
                        np.full(8, 8.0), 9, 3, [0, 0, 0, 0, 0, 60, 60, 60])
    assert _top(Trending(half_life_days=7.0).fit(data), 8, 1) == [1]


def test_segment_trending_keeps_to_the_shoppers_categories():
    # items 0-4 trousers, 5-9 dresses; dresses sell more, shopper 0 buys trousers
    users = [0] + [1 + u for u in range(6) for _ in range(1)] + [7, 8]
    items = [0] + [5, 6, 7, 5, 6, 7] + [3, 3]
    data = from_triples(users, items, np.full(len(users), 8.0), 9, 10, np.zeros(len(users)))
    data.category = np.array([0] * 5 + [1] * 5)
    top = _top(SegmentTrending().fit(data), 0, 1, exclude=[0])
    assert top == [3]


def test_age_trending_ranks_what_their_age_band_buys():
    # shoppers 0-5 are young and buy item 1, 6-8 older and buy item 2; 9 young, 10 older
    users = list(range(9))
    items = [1] * 6 + [2] * 3
    data = from_triples(users, items, np.full(9, 8.0), 11, 5, np.zeros(9))
    data.segment = np.array([0] * 6 + [3] * 3 + [0, 3])
    model = AgeTrending().fit(data)
    assert _top(model, 9, 1) == [1] and _top(model, 10, 1) == [2]
    assert _top(Trending().fit(data), 10, 1) == [1]  # everyone's best seller is item 1


def test_repeat_ranks_the_latest_purchase_first():
    data = from_triples([0, 0, 0], [2, 7, 4], np.full(3, 8.0), 1, 10, [1.0, 50.0, 20.0])
    assert _top(Repeat().fit(data), 0, 3) == [7, 4, 2]


def test_image_neighbours_find_a_product_nobody_bought():
    rng = np.random.default_rng(0)
    image = rng.normal(size=(20, 16)).astype(np.float32)
    image[19] = image[3] + 0.05 * rng.normal(size=16)  # item 19: never bought, looks like 3
    data = from_triples([0, 1, 1], [3, 8, 9], np.full(3, 8.0), 2, 20, [1.0, 1.0, 1.0])
    data.image = image / np.linalg.norm(image, axis=1, keepdims=True)
    assert _top(ImageNeighbours().fit(data), 0, 1, exclude=[3]) == [19]


def planted_families(seed=0):
    """200 shoppers, 300 items in families of six; on each visit (every ten days) a
    shopper buys another colour of their first purchase and one of the hot items 270-299
    (popular noise). The last day is day 60."""
    rng = np.random.default_rng(seed)
    family = np.arange(300) // 6
    users, items, days = [], [], []
    for u in range(200):
        first = int(rng.integers(0, 270))
        colours = rng.permutation(np.flatnonzero(family == family[first]))
        for visit, colour in enumerate(colours):
            day = 10.0 * (visit + 1)
            users += [u, u]
            items += [int(colour), int(rng.integers(270, 300))]
            days += [day, day]
    data = from_triples(users, items, np.full(len(users), 8.0), 200, 300, days)
    data.family = family
    return data


@pytest.fixture(scope="module")
def fitted_ranker():
    data = planted_families()
    history, labels = _label_window(data, 0.0)
    return Ranker(rounds=60, seed=0).fit(history), history, labels


def test_label_window_hides_each_shoppers_last_day():
    data = planted_families()
    history, labels = _label_window(data, 0.0)
    assert labels.nnz >= 200 and history.interactions.nnz + labels.nnz == data.interactions.nnz
    assert np.nanmax(history.last_seen.data) <= 51.0  # day 60 (+1) is hidden everywhere


def test_ranker_learns_the_planted_family_signal(fitted_ranker):
    ranker, history, labels = fitted_ranker
    hits = trending_hits = 0
    trending = Trending().fit(history)
    for u in range(200):
        wanted = set(labels[u].indices)
        seen = history.seen(u)
        hits += bool(wanted & set(_top(ranker, u, 3, exclude=seen)))
        trending_hits += bool(wanted & set(_top(trending, u, 3, exclude=seen)))
    assert hits >= 150 and hits > 1.5 * trending_hits
    family_gain = sum(v for k, v in ranker.importance.items() if k.startswith("same_family"))
    assert family_gain > 0.2
    sibling = int(labels[0].indices[labels[0].indices < 270][0])
    assert ranker.explain(0, sibling) == "same-family"


def test_ranker_state_round_trips_without_pickle(fitted_ranker):
    ranker, history, _ = fitted_ranker
    again = Ranker(rounds=60, seed=0).load_state(ranker.state(), history)
    users = np.arange(20)
    assert np.allclose(again.scores_many(users), ranker.scores_many(users))


def test_candidate_recall_counts_what_the_union_holds(fitted_ranker):
    ranker, history, labels = fitted_ranker
    users = np.arange(200)
    # the planted sibling purchases (the noise purchases are hot items 270-299)
    relevant = [labels[u].indices[labels[u].indices < 270] for u in users]
    table = ranker.candidate_recall(users, relevant, cutoffs=(5, 50))
    assert table["union"]["50"] >= table["same-family"]["50"] >= 0.9
    assert all(row["5"] <= row["50"] for row in table.values())
