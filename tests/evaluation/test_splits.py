"""Protocols on hand-made event tables."""

import numpy as np

from stylerec_app.evaluation.splits import Protocol, split


def test_random_split_is_cornacs_ratio_split():
    n = 1000
    s = split(np.zeros(n, int), np.zeros(n), np.ones(n, bool),
              Protocol("random", test=0.2, valid=0.1, seed=123))
    assert s.counts() == {"train": 700, "valid": 100, "test": 200}
    order = np.random.RandomState(123).permutation(n)  # what cornac.RatioSplit does
    assert set(np.flatnonzero(s.test)) == set(order[-200:])
    assert set(np.flatnonzero(s.train)) == set(order[:700])
    assert not (s.train & s.test).any() and not (s.valid & s.test).any()


def test_user_random_cuts_every_user_by_ratio():
    user = np.repeat([0, 1, 2], [20, 10, 3])
    s = split(user, np.zeros(len(user)), np.ones(len(user), bool),
              Protocol("user-random", test=0.1, valid=0.1, seed=1))
    for u, (tr, va, te) in {0: (16, 2, 2), 1: (8, 1, 1), 2: (1, 1, 1)}.items():
        mine = user == u
        assert (s.train[mine].sum(), s.valid[mine].sum(), s.test[mine].sum()) == (tr, va, te)


def test_leave_last_day_holds_out_each_users_last_relevant_day():
    # user 0 bought on days 1, 3, 5 (two items on day 5) and viewed on day 6;
    # user 1 bought on one day only: trains, never tested.
    user = np.array([0, 0, 0, 0, 0, 1, 1])
    day = np.array([1.0, 3.2, 5.1, 5.7, 6.0, 2.0, 2.5])
    relevant = np.array([1, 1, 1, 1, 0, 1, 1], bool)
    s = split(user, day, relevant, Protocol("leave-last", last_n=1, unit="day"))
    assert list(np.flatnonzero(s.test)) == [2, 3, 4]
    assert list(np.flatnonzero(s.valid)) == [1]
    assert list(np.flatnonzero(s.train)) == [0, 5, 6]
    by_event = split(user, day, relevant, Protocol("leave-last", last_n=1, unit="event"))
    assert list(np.flatnonzero(by_event.test)) == [3, 4, 6]  # user 1: two events, one day
    assert list(np.flatnonzero(by_event.valid)) == [2]


def test_temporal_split_by_date():
    day = np.array([1.0, 5.0, 8.0, 9.5, 10.0, 12.0])
    s = split(np.zeros(6, int), day, np.ones(6, bool),
              Protocol("temporal", cut_day=10.0, valid_days=3.0))
    assert list(np.flatnonzero(s.test)) == [4, 5]
    assert list(np.flatnonzero(s.valid)) == [2, 3]
    assert list(np.flatnonzero(s.train)) == [0, 1]


def _per_user_reference(user, day, relevant, p):
    """The protocols written one user at a time (the definition the vectorised code keeps)."""
    n = len(user)
    valid, test = np.zeros(n, bool), np.zeros(n, bool)
    if p.kind == "user-random":
        shuffled = np.random.RandomState(p.seed).permutation(n)
        order = shuffled[np.argsort(user[shuffled], kind="stable")]
    else:
        order = np.lexsort((np.arange(n), day, user))
    for u in np.unique(user):
        rows = order[user[order] == u]
        if p.kind == "user-random":
            total = len(rows)
            v, t = int(p.valid * total), int(p.test * total)
            tr = total - v - t
            if p.test > 0 and t == 0 and tr > 1:
                t, tr = 1, tr - 1
            if p.valid > 0 and v == 0 and tr > 1:
                v, tr = 1, tr - 1
            valid[rows[tr : tr + v]] = True
            test[rows[tr + v :]] = True
            continue
        rel_rows = rows[relevant[rows]]
        if p.unit == "day":
            when, marks = np.floor(day[rows]), np.unique(np.floor(day[rel_rows]))
        else:
            when = np.arange(len(rows))
            marks = np.flatnonzero(relevant[rows])
        if len(marks) < p.last_n + 1:
            continue
        test[rows[when >= marks[-p.last_n]]] = True
        if len(marks) >= 2 * p.last_n + 1:
            valid[rows[(when >= marks[-2 * p.last_n]) & (when < marks[-p.last_n])]] = True
    return valid, test


def test_vectorised_protocols_match_the_per_user_definition():
    rng = np.random.default_rng(3)
    n = 5000
    user = rng.integers(0, 400, n) * 7  # sparse, unsorted user codes
    day = np.round(rng.random(n) * 60, 1)
    relevant = rng.random(n) < 0.4
    for protocol in (Protocol("user-random", test=0.2, valid=0.1, seed=5),
                     Protocol("user-random", test=0.3, valid=0.0, seed=1),
                     Protocol("leave-last", last_n=1), Protocol("leave-last", last_n=2),
                     Protocol("leave-last", last_n=1, unit="event"),
                     Protocol("leave-last", last_n=3, unit="event")):
        got = split(user, day, relevant, protocol)
        valid, test = _per_user_reference(user, day, relevant, protocol)
        assert np.array_equal(got.valid, valid) and np.array_equal(got.test, test), protocol
        assert got.test.sum() > 0
