"""Why a product was picked for a shopper, as a message code the front end words.

Reasons for a whole list are worked out together: the ranker explains every pick in one
pass and the titles of the products a reason names come from one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from stylerec_app.domain.messages import Message
from stylerec_app.engine.recommenders.candidates import CoPurchase, Generator
from stylerec_app.engine.recommenders.hybrid import Hybrid
from stylerec_app.engine.recommenders.ranker import Ranker
from stylerec_app.storage import profiles_repo
from stylerec_app.storage.database import Store


@dataclass(frozen=True)
class _Draft:
    code: str
    args: dict = field(default_factory=dict)
    seed: int | None = None  # item position whose title the reason names


def reasons_for(store: Store, trained, user: int, items) -> list[Message]:
    items = [int(i) for i in items]
    history = trained.data.seen(user)
    model = trained.model
    if isinstance(model, Ranker):
        led = model.explain_many(user, items)
    elif isinstance(model, Generator):  # served alone: what it stands for
        led = [model.name] * len(items)
    else:
        led = [None] * len(items)
    drafts = [_ranker_draft(trained, user, item, source, history)
              or _draft(trained, user, item, history)
              for item, source in zip(items, led, strict=True)]
    ids = trained.dataset.item_ids
    seeds = {ids[d.seed] for d in drafts if d.seed is not None}
    titles = {}
    if seeds:
        with store.read() as session:
            titles = {pid: s.title for pid, s in
                      profiles_repo.summaries(session, seeds, families=False).items()}
    return [Message(d.code, {**d.args, "title": titles.get(ids[d.seed], "an item")}
                    if d.seed is not None else d.args) for d in drafts]


def reason_for(store: Store, trained, user: int, item: int) -> Message:
    return reasons_for(store, trained, user, [item])[0]


def _draft(trained, user: int, item: int, history: np.ndarray) -> _Draft:
    """The first rule that holds: style led the score, another colour (same family) of
    something they engaged with, it looks like something they liked, their colour, their
    category, popular in its category, popular."""
    data = trained.data
    contributions = (trained.model.explain(user, item)
                     if isinstance(trained.model, Hybrid) else {})
    if contributions and max(contributions, key=contributions.get) == "style" \
            and contributions["style"] > 0:
        return _Draft("reason.style")
    family = getattr(data, "family", None)
    if family is not None and family[item] >= 0 and len(history):
        same = history[family[history] == family[item]]
        if len(same):
            return _Draft("reason.family", seed=int(same[0]))
    if data.image is not None and len(history):
        sims = data.image[history] @ data.image[item]
        best = int(np.argmax(sims))
        if sims[best] > 0.8:
            return _Draft("reason.similar", seed=int(history[best]))
    if data.colour is not None and data.colour[item] >= 0 and len(history):
        colour = data.colour[item]
        if np.mean(data.colour[history] == colour) >= 0.25:
            return _Draft("reason.colour", {"colour": data.colour_names[colour]})
    if data.category is not None and data.category[item] >= 0:
        cat = data.category_names[data.category[item]]
        if len(history) and np.mean(data.category[history] == data.category[item]) >= 0.25:
            return _Draft("reason.category", {"category": cat})
        return _Draft("reason.popular_in", {"category": cat})
    return _Draft("reason.popular")


def _ranker_draft(trained, user: int, item: int, led: str | None, history: np.ndarray
                  ) -> _Draft | None:
    """The ranker's reason, from what contributed most to the pick's score; None: the
    general rules decide (family, look-alike, colour, category)."""
    model, data = trained.model, trained.data
    if led == "style":
        return _Draft("reason.style")
    if led == "co-purchase" and len(history):
        source = model if isinstance(model, CoPurchase) else model.sources["co-purchase"]
        row = np.asarray(source.similarity[item, history].todense()).ravel()
        if row.max(initial=0) > 0:
            return _Draft("reason.bought_with", seed=int(history[int(np.argmax(row))]))
    if led == "segment-trending" and data.category is not None and data.category[item] >= 0:
        return _Draft("reason.trending_in", {"category": data.category_names[data.category[item]]})
    if led == "trending":
        return _Draft("reason.trending")
    if led == "age-trending" and data.segment is not None and data.segment[user] >= 0:
        return _Draft("reason.trending_age", {"band": data.segment_names[data.segment[user]]})
    if led == "als":
        return _Draft("reason.shoppers_like")
    if led == "repeat":
        return _Draft("reason.again")
    return None
