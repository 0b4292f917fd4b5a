"""The one interactions loader: training, serving, evaluation and the holdout view all read
the event history through `load_store` (or, for MovieLens files, `load_movielens`).

Events are columns (storage/interactions_repo.py): positions into the user and item
lists, kind codes, values, days. Weights and relevance are computed on whole columns.
Splits of these events live in evaluation/splits.py only.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from stylerec_app.domain.days import EPOCH
from stylerec_app.domain.errors import StyleRecError
from stylerec_app.engine.recommenders.data import TrainData, from_triples
from stylerec_app.services.profiles.shoppers import KIND_WEIGHTS
from stylerec_app.storage import interactions_repo, orm, profiles_repo, vector_files
from stylerec_app.storage.database import Store

_EPOCH_SECONDS = int((EPOCH - datetime(1970, 1, 1)).total_seconds())
RATING = orm.KIND_CODES["rating"]
PURCHASE, CART = orm.KIND_CODES["purchase"], orm.KIND_CODES["cart"]
# training weight per kind code (ratings: 2·(value − 3), below)
_KIND_WEIGHT = np.array([KIND_WEIGHTS.get(orm.KIND_NAMES[c], 1.0) for c in
                         range(len(orm.KIND_CODES))], np.float64)


@dataclass
class Events:
    """Events as parallel columns; user and item are positions into the dataset's lists."""

    user: np.ndarray  # int64
    item: np.ndarray  # int64
    kind: np.ndarray  # int8 codes (orm.KIND_CODES)
    value: np.ndarray  # float64, NaN where none
    day: np.ndarray  # float64 days since 2000-01-01
    event_id: np.ndarray  # int64 store ids (positions for files)

    def kind_names(self, rows=None) -> list[str]:
        codes = self.kind if rows is None else self.kind[rows]
        return [orm.KIND_NAMES.get(int(c), "view") for c in codes]


@dataclass
class StoreDataset:
    user_ids: list[int]  # store ids, by position
    user_names: list[str]
    item_ids: list[int]
    item_names: list[str]
    events: Events
    snapshot: dict  # what the data was: counts and the last event id
    _names: dict | None = field(default=None, repr=False, compare=False)
    _sorted_items: tuple | None = field(default=None, repr=False, compare=False)
    _stock: tuple | None = field(default=None, repr=False, compare=False)  # (stamp, flags)

    def user_index(self) -> dict[int, int]:
        return {u: i for i, u in enumerate(self.user_ids)}

    def item_index(self) -> dict[int, int]:
        return {p: i for i, p in enumerate(self.item_ids)}

    def user_position(self, name: str) -> int | None:
        """A shopper's position by name (the look-up table is built once, then kept)."""
        if self._names is None:
            self._names = {n: i for i, n in enumerate(self.user_names)}
        return self._names.get(name)

    def item_positions(self, ids) -> np.ndarray:
        """Positions of the given product ids that are in the data (others dropped)."""
        if self._sorted_items is None:
            order = np.argsort(np.asarray(self.item_ids, np.int64), kind="stable")
            self._sorted_items = (np.asarray(self.item_ids, np.int64)[order], order)
        keys, order = self._sorted_items
        ids = np.asarray(ids, np.int64)
        at = np.searchsorted(keys, ids).clip(max=max(len(keys) - 1, 0))
        found = (keys[at] == ids) if len(keys) else np.zeros(len(ids), bool)
        return order[at[found]]


def event_weights(kind: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Training weight of each event (float32): view 1, click 2, cart 4, purchase 8, a
    rating r 2·(r − 3) (a missing rating counts as 3)."""
    weights = _KIND_WEIGHT[kind.astype(np.int64)]
    rating = kind == RATING
    if rating.any():
        weights[rating] = 2.0 * (np.nan_to_num(value[rating], nan=3.0) - 3.0)
    return weights.astype(np.float32)


def relevance(kind: np.ndarray, value: np.ndarray, threshold: float | None
              ) -> tuple[np.ndarray, str]:
    """What counts as ground truth in a test part: ratings at or above a threshold when
    one is given, else purchases, else carts, else every event."""
    if threshold is not None and (kind == RATING).any():
        return ((kind == RATING) & (np.nan_to_num(value, nan=-np.inf) >= threshold),
                f"ratings ≥ {threshold:g}")
    if (kind == PURCHASE).any():
        return kind == PURCHASE, "purchases"
    if (kind == CART).any():
        return kind == CART, "add-to-carts"
    return np.ones(len(kind), bool), "every event"


def _positions(store_ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Position in `wanted` of each store id (-1 where it is not there)."""
    order = np.argsort(wanted, kind="stable")
    at = np.searchsorted(wanted[order], store_ids).clip(max=max(len(wanted) - 1, 0))
    if not len(wanted):
        return np.full(len(store_ids), -1, np.int64)
    found = wanted[order][at] == store_ids
    return np.where(found, order[at], -1).astype(np.int64)


def _ordered(ids: np.ndarray, names: list[str], wanted) -> tuple[np.ndarray, list[str]]:
    """(ids, names) in the order of `wanted` (a saved model's); ids gone keep a blank name."""
    if wanted is None:
        return ids, names
    wanted = np.asarray(wanted, np.int64)
    at = _positions(wanted, ids)
    return wanted, [names[i] if i >= 0 else "" for i in at.tolist()]


def load_store(store: Store, *, user_ids=None, item_ids=None) -> StoreDataset:
    """Every shopper, product and event; with `user_ids`/`item_ids` (a saved model's order),
    exactly those, in that order, and only the events between them."""
    with store.read() as session:
        users, user_names = interactions_repo.ids_and_names(session, "shoppers")
        items, item_names = interactions_repo.ids_and_names(session, "products")
        cols = interactions_repo.event_columns(session)
    users, user_names = _ordered(users, user_names, user_ids)
    items, item_names = _ordered(items, item_names, item_ids)
    user = _positions(cols["shopper_id"], users)
    item = _positions(cols["product_id"], items)
    keep = (user >= 0) & (item >= 0)
    if not keep.all():
        user, item = user[keep], item[keep]
        cols = {k: v[keep] for k, v in cols.items()}
    events = Events(user=user, item=item, kind=cols["kind"], value=cols["value"],
                    day=(cols["timestamp"] - _EPOCH_SECONDS) / 86400.0,
                    event_id=cols["id"])
    snapshot = {"users": len(users), "items": len(items), "events": int(len(user)),
                "last_event_id": int(events.event_id.max()) if len(user) else 0}
    return StoreDataset(users.tolist(), user_names, items.tolist(), item_names, events,
                        snapshot)


def train_data(ds: StoreDataset, mask: np.ndarray | None = None) -> TrainData:
    """TrainData from the events selected by `mask` (all when None), without item features."""
    ev = ds.events
    sel = slice(None) if mask is None else mask
    return from_triples(ev.user[sel], ev.item[sel], event_weights(ev.kind[sel], ev.value[sel]),
                        len(ds.user_ids), len(ds.item_ids), ev.day[sel])


AGE_BANDS = (25, 35, 45, 55)  # shopper segments by age: under 25, 25-34, …, 55 and over
AGE_BAND_NAMES = ["<25", "25-34", "35-44", "45-54", "55+"]  # language-neutral


def attach_features(store: Store, ds: StoreDataset, data: TrainData) -> TrainData:
    """Image/text vectors, category, colour, price and style weights of every item, and
    each shopper's age band (their segment) where the store knows their age."""
    n = len(ds.item_ids)
    item_ids = np.asarray(ds.item_ids, np.int64)
    with store.read() as session:
        for kind in ("image", "text"):
            found = vector_files.load(session, store.path, "product", kind)
            ids, matrix = found.ids, found.matrix
            if len(ids):
                at = _positions(ids, item_ids)
                full = np.zeros((n, matrix.shape[1]), np.float32)
                full[at[at >= 0]] = matrix[at >= 0]
                setattr(data, kind, full)
        facts = profiles_repo.item_facts(session)
        styles = profiles_repo.style_weights(session)
        shopper_ids, ages = profiles_repo.shopper_ages(session)
    pids, cats, cols, prices, families = facts
    at = _positions(pids, item_ids)
    ok = at >= 0
    cat_names = sorted({c for c in cats if c})
    col_names = sorted({c for c in cols if c})
    cat_code = {c: i for i, c in enumerate(cat_names)}
    col_code = {c: i for i, c in enumerate(col_names)}
    data.category = np.full(n, -1, np.int64)
    data.colour = np.full(n, -1, np.int64)
    data.price = np.full(n, np.nan)
    data.category[at[ok]] = np.array([cat_code.get(c, -1) for c in cats], np.int64)[ok]
    data.colour[at[ok]] = np.array([col_code.get(c, -1) for c in cols], np.int64)[ok]
    data.price[at[ok]] = prices[ok]
    data.category_names, data.colour_names = cat_names, col_names
    family_code: dict[str, int] = {}
    codes = np.array([family_code.setdefault(f, len(family_code)) if f else -1
                      for f in families], np.int64)
    data.family = np.full(n, -1, np.int64)
    data.family[at[ok]] = codes[ok]
    at_user = _positions(shopper_ids, np.asarray(ds.user_ids, np.int64))
    age = np.full(len(ds.user_ids), np.nan)
    age[at_user[at_user >= 0]] = ages[at_user >= 0]
    if not np.isnan(age).all():
        data.segment = np.digitize(age, AGE_BANDS).astype(np.int64)
        data.segment[np.isnan(age)] = -1
        data.segment_names = AGE_BAND_NAMES
    if styles is not None:
        sids, weights = styles
        at = _positions(sids, item_ids)
        data.style = np.zeros((n, 26), np.float32)
        data.style[at[at >= 0]] = weights[at >= 0]
    return data


# -- MovieLens atomic files -------------------------------------------------------------------

@dataclass
class FileDataset:
    """Events read from files (no store): names by position, one weight per event."""

    user_names: list[str]
    item_names: list[str]
    events: Events
    weight: np.ndarray
    source: str  # the file read


def load_movielens(folder: Path) -> FileDataset:
    """RecBole atomic files: ml-100k.inter (user_id, item_id, rating, timestamp), and the
    titles from ml-100k.item when it is there. Every rating trains with weight 1."""
    inter = next(iter(sorted(folder.glob("*.inter"))), None)
    if inter is None:
        raise StyleRecError(f"No .inter file in {folder}.")
    with open(inter, encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = [h.split(":")[0] for h in next(reader)]
        rows = list(reader)
    try:
        cols = {name: header.index(name) for name in ("user_id", "item_id", "rating",
                                                      "timestamp")}
    except ValueError as exc:
        raise StyleRecError(f"{inter.name}: missing column ({exc})") from None
    user_names, user_idx = np.unique([r[cols["user_id"]] for r in rows], return_inverse=True)
    item_names, item_idx = np.unique([r[cols["item_id"]] for r in rows], return_inverse=True)
    rating = np.array([float(r[cols["rating"]]) for r in rows])
    seconds = np.array([float(r[cols["timestamp"]]) for r in rows])
    titles = _movie_titles(folder)
    events = Events(user=user_idx.astype(np.int64), item=item_idx.astype(np.int64),
                    kind=np.full(len(rows), RATING, np.int8), value=rating,
                    day=(seconds - _EPOCH_SECONDS) / 86400.0,
                    event_id=np.arange(len(rows), dtype=np.int64))
    return FileDataset([str(u) for u in user_names],
                       [titles.get(str(i), str(i)) for i in item_names], events,
                       np.ones(len(rows), np.float32), inter.name)


def _movie_titles(folder: Path) -> dict[str, str]:
    item_file = next(iter(sorted(folder.glob("*.item"))), None)
    if item_file is None:
        return {}
    with open(item_file, encoding="utf-8", errors="replace") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = [h.split(":")[0] for h in next(reader)]
        if "item_id" not in header or "movie_title" not in header:
            return {}
        i, t = header.index("item_id"), header.index("movie_title")
        return {r[i]: r[t] for r in reader if len(r) > max(i, t)}
