"""Recommendations for one shopper: filters, diversity, and a reason a merchandiser reads."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from stylerec_app.domain.catalog import ProductSummary
from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.messages import Message
from stylerec_app.engine.recommenders.selection import Filters, allowed, mmr, per_family
from stylerec_app.services.engines import Engines
from stylerec_app.services.personas import PersonaService
from stylerec_app.services.recommendation import models
from stylerec_app.services.recommendation.reasons import reasons_for
from stylerec_app.storage import profiles_repo
from stylerec_app.storage.database import Store


@dataclass(frozen=True)
class Recommendation:
    product: ProductSummary
    score: float
    reason: Message  # a code with arguments: the CLI words it in English, the app in its own


@dataclass(frozen=True)
class Query:
    shopper: str
    k: int = 12
    model: str = "hybrid"
    category: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    in_stock_only: bool = False
    exclude_seen: bool = True
    diversity: float = 0.0
    per_family: int = 2  # at most this many colours of one product (0: no limit)


class RecommendationService:
    """Loads trained models once per file version; safe to call from worker threads."""

    def __init__(self, store: Store, engines: Engines | None = None) -> None:
        self.store = store
        self.engines = engines  # for models that rank with restyled images
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[float, models.TrainedModel]] = {}

    def model(self, name: str) -> models.TrainedModel:
        path = models.model_files.paths(models.models_dir(self.store), name)[0]
        stamp = path.stat().st_mtime_ns if path.exists() else -1
        with self._lock:
            cached = self._cache.get(name)
            if cached is None or cached[0] != stamp:
                self._cache[name] = (stamp, models.load(self.store, name, self.engines))
            return self._cache[name][1]

    def recommend(self, query: Query) -> list[Recommendation]:
        return recommend_with(self.store, self.model(query.model), query)

    def recommend_persona(self, persona: str, query: Query) -> list[Recommendation]:
        """A persona's list (query.shopper is ignored): its typical members' lists fused."""
        members = [m.external_id for m in
                   PersonaService(self.store).members(persona, PERSONA_MEMBERS * 4)]
        return recommend_for_members(self.store, self.model(query.model), members, query)


def _in_stock(store: Store, ds) -> np.ndarray:
    """True unless the catalog says out of stock (unknown counts as in stock); kept on the
    dataset until the next import, so a request costs one small query."""
    with store.read() as session:
        stamp = profiles_repo.catalog_stamp(session)
        cached = getattr(ds, "_stock", None)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        out = profiles_repo.out_of_stock_ids(session)
    flags = np.ones(len(ds.item_ids), bool)
    flags[ds.item_positions(out)] = False
    ds._stock = (stamp, flags)
    return flags


def recommend_with(store: Store, trained: models.TrainedModel, query: Query
                   ) -> list[Recommendation]:
    """Top-k for one shopper from a fitted model, filtered, diversified and explained."""
    user = trained.dataset.user_position(query.shopper)
    if user is None:
        raise StyleRecError(f"No shopper {query.shopper!r} in the model's data (new "
                            "shoppers appear after retraining).")
    # In the model's own precision: float32 scores rank exactly as their float64 copies
    # would, and a million of them are half the memory to mask and select.
    scores = trained.model.scores(user)
    seen = trained.data.seen(user) if query.exclude_seen else np.zeros(0, int)
    return _serve(store, trained, scores, seen, query,
                  lambda picks: reasons_for(store, trained, user, picks))


# A persona's list: its most typical members' top lists fused by reciprocal rank (each
# member's top FUSED_DEPTH), so it is what suits many of them, not one member's whim.
PERSONA_MEMBERS = 50
FUSED_DEPTH = 200
_RRF_K = 60


def recommend_for_members(store: Store, trained: models.TrainedModel, members: list[str],
                          query: Query) -> list[Recommendation]:
    """Top-k for a group of shoppers (a persona), most typical members first."""
    ds = trained.dataset
    users = [u for u in (ds.user_position(m) for m in members) if u is not None]
    users = users[:PERSONA_MEMBERS]
    if not users:
        raise StyleRecError("None of this persona's shoppers are in the model's data: train "
                            "the model again after building personas.")
    fused = np.zeros(trained.data.n_items, np.float64)
    hits = np.zeros(trained.data.n_items, np.int64)
    depth = min(FUSED_DEPTH, trained.data.n_items)
    for user in users:
        scores = trained.model.scores(user)
        top = np.argpartition(-scores, depth - 1)[:depth]
        top = top[np.argsort(-scores[top], kind="stable")]
        fused[top] += 1.0 / (_RRF_K + np.arange(1, depth + 1))
        hits[top] += 1
    fused[hits == 0] = -np.inf

    def reasons(picks):
        return [Message("reason.persona", {"count": int(hits[i]), "total": len(users)})
                for i in picks]

    return _serve(store, trained, fused, np.zeros(0, int), query, reasons)


def _serve(store: Store, trained: models.TrainedModel, scores: np.ndarray, seen: np.ndarray,
           query: Query, reasons) -> list[Recommendation]:
    """The shared tail: filters, diversity, the family cap, summaries and reasons."""
    ds, data = trained.dataset, trained.data
    category = None
    if query.category:
        if query.category not in data.category_names:
            raise StyleRecError(f"Unknown category {query.category!r}.")
        category = data.category_names.index(query.category)
    mask = allowed(scores, Filters(query.exclude_seen, category, query.min_price,
                                   query.max_price, query.in_stock_only),
                   seen, data.category, data.price,
                   _in_stock(store, ds) if query.in_stock_only else None)
    vectors = data.image
    if vectors is None and query.diversity > 0:
        vectors = np.eye(data.n_items, 1)
    family = getattr(data, "family", None)
    capped = query.per_family and family is not None and (family >= 0).any()
    ranked = mmr(scores, vectors, 4 * query.k + 50 if capped else query.k,
                 query.diversity, mask)
    picks = per_family(ranked, family if capped else None, query.per_family, query.k)
    with store.read() as session:
        found = profiles_repo.summaries(session, [ds.item_ids[i] for i in picks])
    picks = [int(i) for i in picks if ds.item_ids[i] in found]
    return [Recommendation(found[ds.item_ids[i]], float(scores[i]), reason)
            for i, reason in zip(picks, reasons(picks), strict=True)]
