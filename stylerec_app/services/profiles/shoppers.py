"""Shopper profiles: taste learned from history, weighted by event kind and recency.

Weights: view 1, click 2, cart 4, purchase 8; a rating r counts 2·(r − 3), so a
1-star rating pushes the taste away from that product. Recency halves an event's
weight every HALF_LIFE_DAYS, measured back from the shopper's latest event (a
shared "now" would only rescale all of a shopper's weights, which normalisation
removes — so a profile changes only when the shopper's own history does).
Shoppers with no history get the store's default taste and are marked default.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import numpy as np

from stylerec_app.domain.profiles import ProfileReport
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink
from stylerec_app.engine.text_embedding import MODEL_VERSION as TEXT_VERSION
from stylerec_app.engine.versions import IMAGE_MODEL as IMAGE_VERSION
from stylerec_app.storage import profiles_repo, vector_files
from stylerec_app.storage.database import Store
from stylerec_app.storage.profiles_repo import EventRow

KIND_WEIGHTS = {"view": 1.0, "click": 2.0, "cart": 4.0, "purchase": 8.0}
HALF_LIFE_DAYS = 30.0
BATCH = 200
_EPOCH = datetime(2000, 1, 1)


def event_weight(event: EventRow, latest) -> float:
    if event.kind == "rating":
        base = 2.0 * ((event.value or 3.0) - 3.0)
    else:
        base = KIND_WEIGHTS.get(event.kind, 1.0)
    age_days = max(0.0, (latest - event.timestamp).total_seconds() / 86400.0)
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
        self.image_row = {int(p): i for i, p in enumerate(self.image_ids)}
        self.text_row = {int(p): i for i, p in enumerate(self.text_ids)}
        self.palette = {pid: p.palette for pid, p in profiles.items()}
        self.style = {pid: np.array(p.style_weights, dtype=np.float32)
                      for pid, p in profiles.items() if p.style_weights}


def _weighted_vector(weights: dict[int, float], rows: dict[int, int], matrix) -> np.ndarray | None:
    idx = [(rows[p], w) for p, w in weights.items() if p in rows]
    if not idx:
        return None
    vec = sum(matrix[i] * w for i, w in idx)
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm > 1e-9 else None


def _quantiles(values: list[tuple[float, float]], qs=(0.25, 0.5, 0.75)) -> list[float]:
    values = sorted(values)
    total = sum(w for _, w in values)
    out, acc, i = [], 0.0, 0
    for q in qs:
        while i < len(values) - 1 and acc + values[i][1] < q * total:
            acc += values[i][1]
            i += 1
        out.append(round(values[i][0], 4))
    return out


def _profile(shopper_id: int, events: list[EventRow], data: _ProductData) -> tuple[dict, list]:
    latest = max(e.timestamp for e in events)
    per_product: dict[int, float] = defaultdict(float)
    categories: dict[str, float] = defaultdict(float)
    prices: list[tuple[float, float]] = []
    for e in events:
        w = event_weight(e, latest)
        per_product[e.product_id] += w
        if w > 0 and e.category:
            categories[e.category] += w
        if w > 0 and e.price is not None and e.kind in ("cart", "purchase"):
            prices.append((e.price, w))
    if not prices:
        prices = [(e.price, 1.0) for e in events if e.price is not None]
    positive = {p: w for p, w in per_product.items() if w > 0}
    colours: dict[str, list[float]] = {}
    for pid, w in positive.items():
        for name, r, g, b, share in data.palette.get(pid, []):
            slot = colours.setdefault(name, [0.0, 0.0, 0.0, 0.0])
            slot[0] += w * share * r
            slot[1] += w * share * g
            slot[2] += w * share * b
            slot[3] += w * share
    colour_total = sum(s[3] for s in colours.values()) or 1.0
    top_colours = sorted(colours.items(), key=lambda kv: -kv[1][3])[:6]
    styles = [data.style[p] * w for p, w in positive.items() if p in data.style]
    blend = np.sum(styles, axis=0) if styles else np.zeros(0)
    if blend.size:
        blend = blend**2  # sharpen: a blend of a few clear styles, not a grey average
        blend = blend / blend.sum()
    cat_total = sum(categories.values()) or 1.0
    row = {
        "shopper_id": shopper_id, "is_default": False, "events_used": len(events),
        "last_event_id": max(e.id for e in events),
        "categories": [[c, round(w / cat_total, 4)] for c, w in
                       sorted(categories.items(), key=lambda kv: -kv[1])[:6]],
        "colours": [[n, round(s[0] / s[3]), round(s[1] / s[3]), round(s[2] / s[3]),
                     round(s[3] / colour_total, 4)] for n, s in top_colours if s[3] > 0],
        "price_band": dict(zip(("low", "typical", "high"), _quantiles(prices), strict=True))
        if prices else {},
        "style_blend": [round(float(x), 5) for x in blend],
        "models": {"image": IMAGE_VERSION, "text": TEXT_VERSION, "half_life_days": HALF_LIFE_DAYS},
    }
    vectors = []
    for kind, rows, matrix in (("image", data.image_row, data.image),
                               ("text", data.text_row, data.text)):
        vec = _weighted_vector(per_product, rows, matrix)
        if vec is not None:
            vectors.append((shopper_id, kind, row["models"][kind], str(row["last_event_id"]),
                            vec))
    return row, vectors


def _default_profile(shopper_id: int, data: _ProductData):
    """No history: the store's best sellers stand in for a taste, marked as a default."""
    fake = [EventRow(0, shopper_id, p, "purchase", None, _EPOCH, *data.facts.get(p, ("", None)))
            for p in data.popular]
    if not fake:
        return {"shopper_id": shopper_id, "is_default": True, "events_used": 0,
                "last_event_id": 0, "categories": [], "colours": [], "price_band": {},
                "style_blend": [], "models": {}}, []
    row, vectors = _profile(shopper_id, fake, data)
    row.update(shopper_id=shopper_id, is_default=True, events_used=0, last_event_id=0,
               price_band={})
    vectors = [(sid, kind, model, "default", vec) for sid, kind, model, _, vec in vectors]
    return row, vectors


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
            events = profiles_repo.events_of(session, ids)
        by_shopper: dict[int, list[EventRow]] = defaultdict(list)
        for e in events:
            by_shopper[e.shopper_id].append(e)
        rows, vectors = [], []
        for sid in ids:
            if by_shopper.get(sid):
                row, vecs = _profile(sid, by_shopper[sid], data)
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
