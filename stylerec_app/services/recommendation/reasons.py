"""Why a product was picked for a shopper, as a message code the front end words."""

from __future__ import annotations

import numpy as np

from stylerec_app.domain.messages import Message
from stylerec_app.engine.recommenders.hybrid import Hybrid
from stylerec_app.engine.recommenders.ranker import Ranker
from stylerec_app.storage import profiles_repo
from stylerec_app.storage.database import Store


def reason_for(store: Store, trained, user: int, item: int) -> Message:
    """The first rule that holds: style led the score, another colour (same family) of
    something they engaged with, it looks like something they liked, their colour, their
    category, popular in its category, popular."""
    data, ds = trained.data, trained.dataset
    history = data.seen(user)
    if isinstance(trained.model, Ranker):
        found = _ranker_reason(store, trained, user, item, history)
        if found is not None:
            return found
    contributions = (trained.model.explain(user, item)
                     if isinstance(trained.model, Hybrid) else {})
    if contributions and max(contributions, key=contributions.get) == "style" \
            and contributions["style"] > 0:
        return Message("reason.style")
    family = getattr(data, "family", None)
    if family is not None and family[item] >= 0 and len(history):
        same = history[family[history] == family[item]]
        if len(same):
            return Message("reason.family", {"title": _title(store, ds.item_ids[same[0]])})
    if data.image is not None and len(history):
        sims = data.image[history] @ data.image[item]
        best = int(np.argmax(sims))
        if sims[best] > 0.8:
            return Message("reason.similar", {"title": _title(store, ds.item_ids[history[best]])})
    if data.colour is not None and data.colour[item] >= 0 and len(history):
        colour = data.colour[item]
        if np.mean(data.colour[history] == colour) >= 0.25:
            name = data.colour_names[colour]
            return Message("reason.colour", {"colour": name})
    if data.category is not None and data.category[item] >= 0:
        cat = data.category_names[data.category[item]]
        if len(history) and np.mean(data.category[history] == data.category[item]) >= 0.25:
            return Message("reason.category", {"category": cat})
        return Message("reason.popular_in", {"category": cat})
    return Message("reason.popular")


def _ranker_reason(store: Store, trained, user: int, item: int, history: np.ndarray
                   ) -> Message | None:
    """The ranker's reason, from what contributed most to the pick's score; None: the
    general rules below decide."""
    model, data, ds = trained.model, trained.data, trained.dataset
    led = model.explain(user, item)
    if led == "style":
        return Message("reason.style")
    if led == "co-purchase" and len(history):
        similarity = model.sources["co-purchase"].similarity
        row = np.asarray(similarity[item, history].todense()).ravel()
        if row.max(initial=0) > 0:
            seed = history[int(np.argmax(row))]
            return Message("reason.bought_with", {"title": _title(store, ds.item_ids[seed])})
    if led == "segment-trending" and data.category is not None and data.category[item] >= 0:
        return Message("reason.trending_in",
                       {"category": data.category_names[data.category[item]]})
    if led == "trending":
        return Message("reason.trending")
    if led == "als":
        return Message("reason.shoppers_like")
    if led == "repeat":
        return Message("reason.again")
    return None  # family, look-alike, colour, category: worded by the general rules


def _title(store: Store, product_id: int) -> str:
    with store.read() as session:
        found = profiles_repo.summaries(session, [product_id], families=False)
    return next(iter(found.values())).title if found else "an item"
