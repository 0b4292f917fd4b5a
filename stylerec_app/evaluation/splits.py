"""Evaluation protocols: which events train, tune (validation) and test a model.

Every protocol works on parallel event arrays (user, item, day, relevant) and returns
three boolean masks. The validation part is for choosing hyperparameters; the final
model is refitted on train + validation before it meets the test part.

- random      — one global shuffle of all events (Cornac's RatioSplit: numpy RandomState
                with the seed, train first, test last).
- user-random — each user's events shuffled and cut by ratio (RecBole's RS with
                group_by user: the validation and test counts are int(ratio · n)).
- leave-last  — per user, by time: the last n relevant *days* (or events) are the test,
                the n before them the validation; users with too little history train only.
- temporal    — one global date: test from the cut on, validation the days before it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PROTOCOLS = ("random", "user-random", "leave-last", "temporal")


@dataclass(frozen=True)
class Protocol:
    kind: str = "random"
    test: float = 0.2  # random / user-random: share of events
    valid: float = 0.1
    seed: int = 123
    last_n: int = 1  # leave-last: how many days (or events) per user
    unit: str = "day"  # leave-last: "day" or "event"
    cut_day: float | None = None  # temporal: first test day (days on the data's clock)
    valid_days: float = 7.0  # temporal: validation window before the cut

    def describe(self, day_label=None) -> str:
        if self.kind == "random":
            return (f"random split of all events: test {self.test:g}, validation "
                    f"{self.valid:g}, seed {self.seed}")
        if self.kind == "user-random":
            return (f"per-user random split: test {self.test:g}, validation {self.valid:g}, "
                    f"seed {self.seed}")
        if self.kind == "leave-last":
            unit = "purchase day" if self.unit == "day" else "event"
            return (f"per-user leave-last-{self.last_n}-{unit}-out (validation: the "
                    f"{self.last_n} before)")
        cut = day_label(self.cut_day) if day_label else f"day {self.cut_day:g}"
        return f"global temporal split: test from {cut}, validation {self.valid_days:g} days before"


@dataclass
class Split:
    train: np.ndarray
    valid: np.ndarray
    test: np.ndarray

    def counts(self) -> dict[str, int]:
        return {"train": int(self.train.sum()), "valid": int(self.valid.sum()),
                "test": int(self.test.sum())}


def split(user: np.ndarray, day: np.ndarray, relevant: np.ndarray, protocol: Protocol) -> Split:
    n = len(user)
    if protocol.kind == "random":
        return _random(n, protocol)
    if protocol.kind == "user-random":
        return _user_random(user, protocol)
    if protocol.kind == "leave-last":
        return _leave_last(user, day, relevant, protocol)
    if protocol.kind == "temporal":
        if protocol.cut_day is None:
            raise ValueError("the temporal protocol needs a cut date")
        test = day >= protocol.cut_day
        valid = (day >= protocol.cut_day - protocol.valid_days) & ~test
        return Split(~(test | valid), valid, test)
    raise ValueError(f"unknown protocol {protocol.kind!r}; choose one of {', '.join(PROTOCOLS)}")


def _masks(n: int, valid_idx, test_idx) -> Split:
    valid, test = np.zeros(n, bool), np.zeros(n, bool)
    valid[valid_idx] = True
    test[test_idx] = True
    return Split(~(valid | test), valid, test)


def _random(n: int, p: Protocol) -> Split:
    test_size, valid_size = int(p.test * n), int(p.valid * n)
    order = np.random.RandomState(p.seed).permutation(n)
    train_size = n - test_size - valid_size
    return _masks(n, order[train_size : train_size + valid_size], order[n - test_size :])


def _ratio_counts(total: int, p: Protocol) -> tuple[int, int]:
    """RecBole's _calcu_split_ids: int(ratio · n) each, at least one while train keeps two."""
    valid, test = int(p.valid * total), int(p.test * total)
    train = total - valid - test
    if p.test > 0 and test == 0 and train > 1:
        test, train = 1, train - 1
    if p.valid > 0 and valid == 0 and train > 1:
        valid, train = 1, train - 1
    return valid, test


def _groups(sorted_user: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For events sorted by user: each event's group number and each group's first index."""
    change = np.r_[True, sorted_user[1:] != sorted_user[:-1]] if len(sorted_user) else np.zeros(
        0, bool)
    return np.cumsum(change) - 1, np.flatnonzero(change)


def _user_random(user: np.ndarray, p: Protocol) -> Split:
    n = len(user)
    shuffled = np.random.RandomState(p.seed).permutation(n)
    order = shuffled[np.argsort(user[shuffled], kind="stable")]
    group, first = _groups(user[order])
    total = np.diff(np.r_[first, n])
    valid, test = np.floor(p.valid * total).astype(np.int64), np.floor(p.test * total).astype(
        np.int64)
    train = total - valid - test
    # RecBole's _calcu_split_ids: at least one each while train keeps two
    bump = (p.test > 0) & (test == 0) & (train > 1)
    test, train = test + bump, train - bump
    bump = (p.valid > 0) & (valid == 0) & (train > 1)
    valid, train = valid + bump, train - bump
    k = np.arange(n) - first[group]  # position within the user's shuffled events
    in_valid = (k >= train[group]) & (k < (train + valid)[group])
    in_test = k >= (train + valid)[group]
    return _masks(n, order[in_valid], order[in_test])


def _leave_last(user, day, relevant, p: Protocol) -> Split:
    """Test: everything from the user's n-th last relevant day (or event) on; validation the
    n before. Needs at least one earlier relevant day (or event) left to train on."""
    n = len(user)
    order = np.lexsort((np.arange(n), day, user))
    group, _ = _groups(user[order])
    n_groups = int(group[-1]) + 1 if n else 0
    rel = relevant[order]
    if p.unit == "day":
        when = np.floor(day[order])
        # each user's distinct relevant days, in order (events are sorted by user, day)
        rel_group, rel_when = group[rel], when[rel]
        new = np.r_[True, (rel_group[1:] != rel_group[:-1]) | (rel_when[1:] != rel_when[:-1])]
        mark_group, mark = rel_group[new], rel_when[new]
    else:
        when = np.arange(n, dtype=np.float64)  # position in the sorted events
        mark_group, mark = group[rel], when[rel]
    count = np.bincount(mark_group, minlength=n_groups)
    from_end = _from_end(mark_group, count)
    test_from = _pick(mark_group, mark, from_end == p.last_n - 1, n_groups)
    valid_from = _pick(mark_group, mark, from_end == 2 * p.last_n - 1, n_groups)
    has_test = count >= p.last_n + 1
    has_valid = count >= 2 * p.last_n + 1
    in_test = has_test[group] & (when >= test_from[group])
    in_valid = has_valid[group] & (when >= valid_from[group]) & (when < test_from[group])
    return _masks(n, order[in_valid], order[in_test])


def _from_end(mark_group: np.ndarray, count: np.ndarray) -> np.ndarray:
    """0 for each group's last mark, 1 for the one before, …"""
    first = np.cumsum(count) - count
    return count[mark_group] - 1 - (np.arange(len(mark_group)) - first[mark_group])


def _pick(mark_group, mark, chosen, n_groups) -> np.ndarray:
    out = np.full(n_groups, np.inf)
    out[mark_group[chosen]] = mark[chosen]
    return out
