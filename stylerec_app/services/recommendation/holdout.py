"""An evaluation split for looking at rankings by hand: train on the past, show what came next.

Models are fitted in memory on the events before the cut (the last `days` days are
held out) and never saved over the store's own models. The Recommendations area
uses this for its "what they did next" view; the evaluation harness does the
numbers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from stylerec_app.domain.catalog import ProductSummary
from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.progress import CancelToken, ProgressSink, ignore_progress
from stylerec_app.evaluation.splits import Protocol, split
from stylerec_app.services.engines import Engines
from stylerec_app.services.interactions import (
    EPOCH,
    attach_features,
    load_store,
    train_data,
)
from stylerec_app.services.recommendation import models
from stylerec_app.services.recommendation.service import Query, Recommendation, recommend_with
from stylerec_app.storage import profiles_repo
from stylerec_app.storage.database import Store


@dataclass(frozen=True)
class HeldOutEvent:
    product: ProductSummary
    kind: str
    day: str
    hit: bool  # the product is in the recommendations shown


class HoldoutSplit:
    def __init__(self, store: Store, days: float = 20.0, engines: Engines | None = None) -> None:
        self.store = store
        self.engines = engines
        self.days = days
        self.ds = load_store(store)
        ev = self.ds.events
        if not len(ev.day):
            raise StyleRecError("The store has no activity to split.")
        self.cut = float(ev.day.max()) - days
        parts = split(ev.user, ev.day, np.ones(len(ev.day), bool),
                      Protocol("temporal", cut_day=self.cut, valid_days=0.0))
        self.train_mask = parts.train
        self.data = attach_features(store, self.ds, train_data(self.ds, self.train_mask))
        self._models: dict[str, models.TrainedModel] = {}
        self._lock = threading.Lock()

    def fit(self, name: str, progress: ProgressSink = ignore_progress,
            cancel: CancelToken | None = None) -> models.TrainedModel:
        with self._lock:
            if name not in self._models:
                model = models.make_model(name, engines=self.engines)
                models.prepare(self.store, self.ds, self.data, model, self.engines)
                model.fit(self.data, progress=progress, cancel=cancel)
                self._models[name] = models.TrainedModel(name, model, self.ds, self.data, 0.0)
            return self._models[name]

    def recommend(self, query: Query) -> list[Recommendation]:
        return recommend_with(self.store, self.fit(query.model), query)

    def next_events(self, shopper: str, shown: set[int]) -> list[HeldOutEvent]:
        names = {n: i for i, n in enumerate(self.ds.user_names)}
        if shopper not in names:
            return []
        ev = self.ds.events
        sel = (~self.train_mask) & (ev.user == names[shopper])
        order = np.argsort(ev.day[sel])
        items = ev.item[sel][order]
        kinds = ev.kind_names(np.flatnonzero(sel)[order])
        days = ev.day[sel][order]
        ids = [self.ds.item_ids[i] for i in items]
        with self.store.read() as session:
            found = profiles_repo.summaries(session, ids)
        out, seen = [], set()
        for pid, kind, day in zip(ids, kinds, days, strict=True):
            if (pid, kind) in seen or pid not in found:
                continue
            seen.add((pid, kind))
            when = (EPOCH + timedelta(days=float(day))).strftime("%Y-%m-%d")
            out.append(HeldOutEvent(found[pid], str(kind), when, pid in shown))
        return out
