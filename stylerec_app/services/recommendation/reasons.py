"""Why a product was picked for a shopper, as a message code the front end words."""

from __future__ import annotations

import numpy as np

from stylerec_app.domain.messages import Message
from stylerec_app.engine.recommenders.hybrid import Hybrid
from stylerec_app.storage import profiles_repo
from stylerec_app.storage.database import Store


def reason_for(store: Store, trained, user: int, item: int) -> Message:
    """The first rule that holds: style led the score, another colour (same family) of
    something they engaged with, it looks like something they liked, their colour, their
    category, popular in its category, popular."""
    data, ds = trained.data, trained.dataset
    history = data.seen(user)
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


def _title(store: Store, product_id: int) -> str:
    with store.read() as session:
        found = profiles_repo.summaries(session, [product_id])
    return next(iter(found.values())).title if found else "an item"
