"""The stored identity of an event: a 64-bit key from what the event says.

Events carry no id of their own, so re-importing a file must recognise the events it
already holds. The key hashes the parsed event (the shopper's and the product's row ids in
this store — they never change — kind, time in whole seconds, value, channel) with pandas'
deterministic array hash, and mixes in
the event's occurrence number among identical events of the same file (the same shopper
buying two of an item on a day), so nothing is merged and nothing duplicated. Occurrences
are counted with two sorted numpy arrays (12 bytes per distinct event), not a dict of
every key. Importer and migrations share this module: a key never changes meaning.

The key is shopper-major: the shopper's row id fills the top 27 bits and the hash the low
36, so the one unique index on keys is also the shopper-history index (a shopper's events
are one key range, `shopper_range`) — a second ten-million-entry index saved. Two distinct
events of one shopper share a key with odds n²/2^37 for a shopper with n events (about
one in 140,000 for a thousand events).
"""

from __future__ import annotations

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
HASH_BITS = 36
SHOPPER_BITS = 27  # ids above 2^27 wrap: their ranges are shared, and filtered by shopper_id
_LOW = np.uint64((1 << HASH_BITS) - 1)
_SHOPPER_MASK = (1 << SHOPPER_BITS) - 1


def shopper_range(shopper_id: int) -> tuple[int, int]:
    """The first and last key a shopper's events can have (both inclusive)."""
    low = (int(shopper_id) & _SHOPPER_MASK) << HASH_BITS
    return low, low | int(_LOW)


SHOPPER_RANGE_SQL = (f"((CAST({{id}} AS BIGINT) & {_SHOPPER_MASK}) << {HASH_BITS}) AND "
                     f"(((CAST({{id}} AS BIGINT) & {_SHOPPER_MASK}) << {HASH_BITS}) | {int(_LOW)})")
"""`event_key BETWEEN` this, with {id} an SQL expression for the shopper's row id."""


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit reaches every output bit."""
    with np.errstate(over="ignore"):
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return h ^ (h >> np.uint64(31))


def _hash_text(values) -> np.ndarray:
    from pandas.util import hash_array

    return hash_array(np.asarray(values, dtype=object), categorize=True)


def _hash_factor(values) -> np.ndarray:
    """Text as (codes, distinct values) — hashed once per distinct value — or a plain list."""
    if isinstance(values, tuple):
        codes, uniques = values
        return _hash_text(list(uniques))[np.asarray(codes)] if len(uniques) else \
            np.zeros(len(codes), np.uint64)
    return _hash_text(values)


def base_keys(shopper_id, product_id, kind_code, seconds, value, channel) -> np.ndarray:
    """uint64 per event, from parallel arrays (kind as its stored code, value NaN where the
    event has none, channel as text or (codes, distinct texts))."""
    from pandas.util import hash_array

    value = np.asarray(value, np.float64)
    value = np.where(np.isnan(value), np.nan, value)  # one NaN bit pattern
    parts = [hash_array(np.asarray(shopper_id, np.int64)),
             hash_array(np.asarray(product_id, np.int64)),
             hash_array(np.asarray(kind_code, np.int64)),
             hash_array(np.asarray(seconds, np.int64)), hash_array(value),
             _hash_factor(channel)]
    h = np.zeros(len(value), np.uint64)
    with np.errstate(over="ignore"):
        for part in parts:
            h = _mix(h * _GOLDEN + part)
    high = (np.asarray(shopper_id, np.int64) & _SHOPPER_MASK).astype(np.uint64) \
        << np.uint64(HASH_BITS)
    return high | (h & _LOW)


def with_occurrence(base: np.ndarray, occurrence: np.ndarray) -> np.ndarray:
    """The stored key (int64, SQLite's integer): the base for a first occurrence, else a
    mix of base and occurrence number."""
    base = np.asarray(base).view(np.uint64)
    occurrence = np.asarray(occurrence, np.uint64)
    with np.errstate(over="ignore"):
        mixed = (base & ~_LOW) | (_mix(base ^ (occurrence * _GOLDEN)) & _LOW)
    return np.where(occurrence == 0, base, mixed).view(np.int64)


class OccurrenceCounter:
    """How many identical events came earlier in this file, batch after batch.

    Distinct keys live in sorted runs (key and count arrays, 16 bytes a distinct event),
    merged geometrically like a log-structured tree: adding a batch costs a search in each
    run plus amortised O(log n) sorting per key, never a pass over everything seen.
    """

    def __init__(self) -> None:
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, counts)

    def assign(self, base: np.ndarray) -> np.ndarray:
        base = np.asarray(base, np.uint64)
        if not len(base):
            return np.zeros(0, np.int64)
        uniq, inverse, per_batch = np.unique(base, return_inverse=True, return_counts=True)
        earlier = np.zeros(len(uniq), np.int64)
        found = np.zeros(len(uniq), bool)
        for keys, counts in self.runs:  # a key lives in exactly one run
            pos = np.searchsorted(keys, uniq).clip(max=len(keys) - 1)
            hit = (keys[pos] == uniq) & ~found
            earlier[hit] = counts[pos[hit]]
            counts[pos[hit]] += per_batch[hit]
            found |= hit
        # occurrence = earlier batches' count + rank among this batch's equal keys
        order = np.argsort(inverse, kind="stable")
        ranks = np.empty(len(base), np.int64)
        starts = np.r_[0, np.cumsum(per_batch)[:-1]]
        ranks[order] = np.arange(len(base)) - np.repeat(starts, per_batch)
        if (~found).any():
            self.runs.append((uniq[~found], per_batch[~found].astype(np.int64)))
            self._merge()
        return earlier[inverse] + ranks

    def _merge(self) -> None:
        while len(self.runs) > 1 and len(self.runs[-2][0]) <= 2 * len(self.runs[-1][0]):
            (k1, c1), (k2, c2) = self.runs[-2], self.runs[-1]
            keys, counts = np.concatenate([k1, k2]), np.concatenate([c1, c2])
            order = np.argsort(keys, kind="stable")
            self.runs[-2:] = [(keys[order], counts[order])]


def keys_for(counter: OccurrenceCounter, shopper_id, product_id, kind_code, seconds, value,
             channel) -> np.ndarray:
    base = base_keys(shopper_id, product_id, kind_code, seconds, value, channel)
    return with_occurrence(base, counter.assign(base))
