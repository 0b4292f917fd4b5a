"""Turn the store into a TrainData: event weights, item features, id maps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import select

from stylerec_app.engine.recommenders.data import TrainData, from_triples
from stylerec_app.services.profiles.shoppers import KIND_WEIGHTS
from stylerec_app.storage import orm, profiles_repo
from stylerec_app.storage.database import Store

EPOCH = datetime(2000, 1, 1)


@dataclass
class Events:
    """All events as parallel arrays (positions into the dataset's user/item lists)."""

    user: np.ndarray
    item: np.ndarray
    kind: np.ndarray  # strings
    value: np.ndarray
    day: np.ndarray  # days since 2000-01-01 (float)
    event_id: np.ndarray


@dataclass
class StoreDataset:
    user_ids: list[int]  # store ids, by position
    user_names: list[str]
    item_ids: list[int]
    item_names: list[str]
    events: Events
    snapshot: dict  # what the data was: counts and the last event id

    def user_index(self) -> dict[int, int]:
        return {u: i for i, u in enumerate(self.user_ids)}

    def item_index(self) -> dict[int, int]:
        return {p: i for i, p in enumerate(self.item_ids)}


def event_weight(kind: str, value) -> float:
    if kind == "rating":
        return 2.0 * ((value if value == value and value is not None else 3.0) - 3.0)
    return KIND_WEIGHTS.get(kind, 1.0)


def load_store(store: Store, *, user_ids=None, item_ids=None) -> StoreDataset:
    """Every shopper, product and event; with `user_ids`/`item_ids` (a saved model's order),
    exactly those, in that order, and only the events between them."""
    with store.read() as session:
        users = session.execute(select(orm.Shopper.id, orm.Shopper.external_id)
                                .order_by(orm.Shopper.id)).all()
        items = session.execute(select(orm.Product.id, orm.Product.external_id)
                                .order_by(orm.Product.id)).all()
        rows = session.execute(select(orm.Interaction.id, orm.Interaction.shopper_id,
                                      orm.Interaction.product_id, orm.Interaction.kind,
                                      orm.Interaction.value, orm.Interaction.timestamp)
                               .order_by(orm.Interaction.id)).all()
    users, items = _ordered(users, user_ids), _ordered(items, item_ids)
    uidx = {u: i for i, (u, _) in enumerate(users)}
    iidx = {p: i for i, (p, _) in enumerate(items)}
    rows = [r for r in rows if r[1] in uidx and r[2] in iidx]
    events = Events(
        user=np.array([uidx[r[1]] for r in rows], np.int64),
        item=np.array([iidx[r[2]] for r in rows], np.int64),
        kind=np.array([r[3] for r in rows], dtype=object),
        value=np.array([np.nan if r[4] is None else r[4] for r in rows], np.float64),
        day=np.array([(r[5] - EPOCH).total_seconds() / 86400.0 for r in rows], np.float64),
        event_id=np.array([r[0] for r in rows], np.int64),
    )
    snapshot = {"users": len(users), "items": len(items), "events": len(rows),
                "last_event_id": int(events.event_id.max()) if len(rows) else 0}
    return StoreDataset([u for u, _ in users], [n for _, n in users], [p for p, _ in items],
                        [n for _, n in items], events, snapshot)


def _ordered(rows, ids):
    """`rows` (id, name) in the order of `ids`; ids gone from the store keep a blank name."""
    if ids is None:
        return rows
    names = dict(rows)
    return [(int(i), names.get(int(i), "")) for i in ids]


def train_data(ds: StoreDataset, mask: np.ndarray | None = None) -> TrainData:
    """TrainData from the events selected by `mask` (all when None), without item features."""
    ev = ds.events
    sel = np.ones(len(ev.user), bool) if mask is None else mask
    weights = np.array([event_weight(k, v) for k, v in zip(ev.kind[sel], ev.value[sel],
                                                           strict=True)], np.float32)
    return from_triples(ev.user[sel], ev.item[sel], weights, len(ds.user_ids),
                        len(ds.item_ids), ev.day[sel])


def attach_features(store: Store, ds: StoreDataset, data: TrainData) -> TrainData:
    """Image/text vectors, category, colour, price and style weights of every item."""
    n = len(ds.item_ids)
    index = ds.item_index()
    with store.read() as session:
        for kind in ("image", "text"):
            ids, matrix = profiles_repo.load_matrix(session, "product", kind)
            if len(ids):
                full = np.zeros((n, matrix.shape[1]), np.float32)
                rows = [index[int(i)] for i in ids if int(i) in index]
                full[rows] = matrix[[k for k, i in enumerate(ids) if int(i) in index]]
                setattr(data, kind, full)
        facts = session.execute(select(orm.Product.id, orm.Product.category, orm.Product.colour,
                                       orm.Product.price)).all()
        profiles = profiles_repo.product_profiles(session, ds.item_ids)
    cats = sorted({c for _, c, _, _ in facts if c})
    cols = sorted({c for _, _, c, _ in facts if c})
    cat_code, col_code = {c: i for i, c in enumerate(cats)}, {c: i for i, c in enumerate(cols)}
    data.category = np.full(n, -1, np.int64)
    data.colour = np.full(n, -1, np.int64)
    data.price = np.full(n, np.nan)
    for pid, cat, col, price in facts:
        i = index[pid]
        data.category[i] = cat_code.get(cat, -1)
        data.colour[i] = col_code.get(col, -1)
        data.price[i] = np.nan if price is None else price
    data.category_names, data.colour_names = cats, cols
    if profiles:
        data.style = np.zeros((n, 26), np.float32)
        for pid, prof in profiles.items():
            if prof.style_weights:
                data.style[index[pid]] = prof.style_weights
    return data
