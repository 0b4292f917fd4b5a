"""Shopper profiles: taste learned from history, weighted by event kind and recency.

Weights: view 1, click 2, cart 4, purchase 8; a rating r counts 2·(r − 3), so a
1-star rating pushes the taste away from that product. Recency halves an event's
weight every HALF_LIFE_DAYS, measured back from the shopper's latest event (a
shared "now" would only rescale all of a shopper's weights, which normalisation
removes — so a profile changes only when the shopper's own history does).
Shoppers with no history get the store's default taste and are marked default.
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np

from stylerec_app.domain.profiles import ProfileReport
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink
from stylerec_app.engine.text_embedding import MODEL_VERSION as TEXT_VERSION
from stylerec_app.engine.versions import IMAGE_MODEL as IMAGE_VERSION
from stylerec_app.storage import orm, profiles_repo, vector_files
from stylerec_app.storage.database import Store

KIND_WEIGHTS = {"view": 1.0, "click": 2.0, "cart": 4.0, "purchase": 8.0}
HALF_LIFE_DAYS = 30.0
BATCH = 200


_KIND_BASE = np.array([KIND_WEIGHTS.get(name, 1.0) for _, name in sorted(
    orm.KIND_NAMES.items())])
_RATING = orm.KIND_CODES["rating"]
_CART_OR_PURCHASE = (orm.KIND_CODES["cart"], orm.KIND_CODES["purchase"])


def event_weights(kind: np.ndarray, value: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """Each event's weight: its kind (a rating r: 2·(r − 3), a missing or zero rating
    counting as 3), halved every HALF_LIFE_DAYS back from the shopper's latest event."""
    base = _KIND_BASE[kind.astype(np.int64)]
    rating = kind == _RATING
    if rating.any():
        r = value[rating]
        base[rating] = 2.0 * (np.where(np.isnan(r) | (r == 0), 3.0, r) - 3.0)
    age_days = np.maximum(0.0, (seconds.max() - seconds) / 86400.0)
    return base * 0.5 ** (age_days / HALF_LIFE_DAYS)


class _ProductData:
    """Product vectors and profile facts, loaded once per run."""

    def __init__(self, store: Store) -> None:
        with store.read() as session:
            image = vector_files.load(session, store.path, "product", "image")
            text = vector_files.load(session, store.path, "product", "text")
            self.image_ids, self.image = image.ids, image.matrix
            self.text_ids, self.text = text.ids, text.matrix
            profiles = profiles_repo.product_profiles(session, self.image_ids.tolist())
            self.popular = profiles_repo.popular_products(session)
            self.facts = profiles_repo.product_facts(session, self.popular)
        self.palette = {pid: p.palette for pid, p in profiles.items()}
        self.style = {pid: np.array(p.style_weights, dtype=np.float32)
                      for pid, p in profiles.items() if p.style_weights}


def _weighted_vector(products: np.ndarray, weights: np.ndarray, ids: np.ndarray, matrix
                     ) -> np.ndarray | None:
    at = np.searchsorted(ids, products).clip(max=max(len(ids) - 1, 0))
    found = (ids[at] == products) if len(ids) else np.zeros(len(products), bool)
    if not found.any():
        return None
    vec = (np.asarray(matrix[at[found]], np.float32) * weights[found, None]).sum(0)
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm > 1e-9 else None


def _quantiles(values: np.ndarray, weights: np.ndarray, qs=(0.25, 0.5, 0.75)) -> list[float]:
    """Weighted quantiles: the first value whose cumulative weight reaches q of the total."""
    order = np.lexsort((weights, values))
    values, cum = values[order], np.cumsum(weights[order])
    at = [min(int(np.searchsorted(cum, q * cum[-1], side="left")), len(values) - 1) for q in qs]
    return [round(float(values[i]), 4) for i in at]


def _profile(shopper_id: int, ev: profiles_repo.EventColumns, data: _ProductData
             ) -> tuple[dict, list]:
    w = event_weights(ev.kind, ev.value, ev.seconds)
    products, where = np.unique(ev.product_id, return_inverse=True)
    per_product = np.bincount(where, weights=w, minlength=len(products))
    positive = per_product > 0
    liked, liked_w = products[positive], per_product[positive]
    named = (w > 0) & (ev.category != "")
    cats, cat_at = np.unique(ev.category[named], return_inverse=True)
    cat_w = np.bincount(cat_at, weights=w[named], minlength=len(cats))
    priced = ~np.isnan(ev.price)
    paid = priced & (w > 0) & np.isin(ev.kind, _CART_OR_PURCHASE)
    prices = (ev.price[paid], w[paid]) if paid.any() else (ev.price[priced],
                                                          np.ones(int(priced.sum())))
    colours: dict[str, list[float]] = {}
    for pid, weight in zip(liked.tolist(), liked_w.tolist(), strict=True):  # per product
        for name, r, g, b, share in data.palette.get(pid, []):
            slot = colours.setdefault(name, [0.0, 0.0, 0.0, 0.0])
            slot[0] += weight * share * r
            slot[1] += weight * share * g
            slot[2] += weight * share * b
            slot[3] += weight * share
    colour_total = sum(c[3] for c in colours.values()) or 1.0
    top_colours = sorted(colours.items(), key=lambda kv: -kv[1][3])[:6]
    styles = [data.style[p] * wt for p, wt in zip(liked.tolist(), liked_w.tolist(), strict=True)
              if p in data.style]
    blend = np.sum(styles, axis=0) if styles else np.zeros(0)
    if blend.size:
        blend = blend**2  # sharpen: a blend of a few clear styles, not a grey average
        blend = blend / blend.sum()
    cat_total = float(cat_w.sum()) or 1.0
    top_cats = np.argsort(-cat_w, kind="stable")[:6]
    row = {
        "shopper_id": shopper_id, "is_default": False, "events_used": len(w),
        "last_event_id": int(ev.event_id.max()),
        "categories": [[str(cats[c]), round(float(cat_w[c]) / cat_total, 4)] for c in top_cats],
        "colours": [[n, round(c[0] / c[3]), round(c[1] / c[3]), round(c[2] / c[3]),
                     round(c[3] / colour_total, 4)] for n, c in top_colours if c[3] > 0],
        "price_band": dict(zip(("low", "typical", "high"), _quantiles(*prices), strict=True))
        if len(prices[0]) else {},
        "style_blend": [round(float(x), 5) for x in blend],
        "models": {"image": IMAGE_VERSION, "text": TEXT_VERSION, "half_life_days": HALF_LIFE_DAYS},
    }
    vectors = []
    for kind, ids, matrix in (("image", data.image_ids, data.image),
                              ("text", data.text_ids, data.text)):
        vec = _weighted_vector(products, per_product, ids, matrix)
        if vec is not None:
            vectors.append((shopper_id, kind, row["models"][kind], str(row["last_event_id"]),
                            vec))
    return row, vectors


def _default_profile(shopper_id: int, data: _ProductData):
    """No history: the store's best sellers stand in for a taste, marked as a default."""
    if not data.popular:
        return {"shopper_id": shopper_id, "is_default": True, "events_used": 0,
                "last_event_id": 0, "categories": [], "colours": [], "price_band": {},
                "style_blend": [], "models": {}}, []
    n = len(data.popular)
    facts = [data.facts.get(p, ("", None)) for p in data.popular]
    fake = profiles_repo.EventColumns(
        np.zeros(n, np.int64), np.full(n, shopper_id), np.asarray(data.popular, np.int64),
        np.full(n, orm.KIND_CODES["purchase"], np.int8), np.full(n, np.nan), np.zeros(n, np.int64),
        np.array([c or "" for c, _ in facts], dtype=object),
        np.array([np.nan if p is None else p for _, p in facts], np.float64))
    row, vectors = _profile(shopper_id, fake, data)
    row.update(shopper_id=shopper_id, is_default=True, events_used=0, last_event_id=0,
               price_band={})
    vectors = [(sid, kind, model, "default", vec) for sid, kind, model, _, vec in vectors]
    return row, vectors


def _slice(ev: profiles_repo.EventColumns, lo: int, hi: int) -> profiles_repo.EventColumns:
    return profiles_repo.EventColumns(*(getattr(ev, f.name)[lo:hi] for f in fields(ev)))


def build_shopper_profiles(store: Store, report: ProfileReport, *, progress: ProgressSink,
                           cancel: CancelToken) -> None:
    with store.read() as session:
        stale = profiles_repo.stale_shoppers(session)
        total = profiles_repo.shopper_count(session)
    report.shoppers_skipped = total - len(stale)
    if not stale:
        return
    data = _ProductData(store)
    progress(Progress(0, len(stale), "profiles-shoppers"))
    for start in range(0, len(stale), BATCH):
        cancel.raise_if_cancelled()
        ids = stale[start : start + BATCH]
        with store.read() as session:
            events = profiles_repo.event_columns_of(session, ids)
        starts = np.searchsorted(events.shopper_id, ids, side="left")
        ends = np.searchsorted(events.shopper_id, ids, side="right")
        rows, vectors = [], []
        for sid, lo, hi in zip(ids, starts.tolist(), ends.tolist(), strict=True):
            if hi > lo:
                row, vecs = _profile(sid, _slice(events, lo, hi), data)
            else:
                row, vecs = _default_profile(sid, data)
                report.default_shoppers += 1
            rows.append(row)
            vectors += vecs
        with store.write() as session:
            profiles_repo.save_embeddings(session, "shopper", vectors)
            profiles_repo.save_shopper_profiles(session, rows)
        report.shoppers_computed += len(ids)
        progress(Progress(min(start + BATCH, len(stale)), len(stale), "profiles-shoppers"))
