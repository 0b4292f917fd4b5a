"""Event keys: reproducible, distinct for repeated events, and grouped by shopper."""

import numpy as np

from stylerec_app.storage.event_keys import (
    OccurrenceCounter,
    base_keys,
    keys_for,
    shopper_range,
    with_occurrence,
)


def _events(n, seed):
    rng = np.random.default_rng(seed)
    return (rng.integers(1, 40, n), rng.integers(1, 30, n), rng.integers(0, 3, n),
            rng.integers(1_600_000_000, 1_600_000_050, n), np.full(n, np.nan),
            (np.zeros(n, np.int64), ["web"]))


def test_repeated_events_get_distinct_keys_that_a_second_reading_reproduces():
    cols = _events(6000, 1)  # few shoppers, products and seconds: many identical events
    first = np.concatenate([keys_for(OccurrenceCounter(), *cols)])
    counter = OccurrenceCounter()  # the same file read again, in batches of another size
    again = np.concatenate([
        keys_for(counter, *(c[i:i + 700] if not isinstance(c, tuple) else (c[0][i:i + 700],
                                                                          c[1]) for c in cols))
        for i in range(0, 6000, 700)])
    assert len(np.unique(first)) == 6000
    assert np.array_equal(first, again)


def test_every_key_of_a_shopper_lies_in_that_shoppers_range():
    cols = _events(3000, 2)
    keys = keys_for(OccurrenceCounter(), *cols)
    for sid, key in zip(cols[0], keys, strict=True):
        low, high = shopper_range(sid)
        assert low <= key <= high
    assert (keys >= 0).all()  # SQLite integers are signed


def test_occurrence_numbers_change_the_key_but_not_its_shopper():
    base = base_keys(*_events(5, 3))
    once, twice = with_occurrence(base, np.zeros(5)), with_occurrence(base, np.ones(5))
    assert np.array_equal(once, base.view(np.int64)) and not np.any(once == twice)
    assert np.array_equal(once >> 36, twice >> 36)
