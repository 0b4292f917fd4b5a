"""Style personas: build them from the shopper profiles, read them, restyle and recommend
for one as for a shopper (its representative blend; its most typical members' tastes)."""

from __future__ import annotations

from collections import Counter

import numpy as np

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.profiles import PersonaReport, PersonaView, ShopperSummary
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.engine import personas as clustering
from stylerec_app.engine.style_spec import STYLES
from stylerec_app.services.styling import builtin_name
from stylerec_app.storage import personas_repo
from stylerec_app.storage.database import Store

CATEGORY_FEATURES = 24  # the store's most shopped categories; the rest do not shape personas


def _view(row) -> PersonaView:
    meta = row.meta or {}
    return PersonaView(row.id, row.name, row.size, tuple(row.style_blend or ()),
                       tuple((c, float(s)) for c, s in row.categories or ()),
                       tuple(meta.get("styles", ())), bool(meta.get("renamed")),
                       float(meta.get("silhouette", 0.0)))


def _matrix(tastes, vocabulary: list[str]) -> tuple[np.ndarray, np.ndarray]:
    blends = np.zeros((len(tastes), STYLES), np.float32)
    cats = np.zeros((len(tastes), len(vocabulary)), np.float32)
    column = {c: i for i, c in enumerate(vocabulary)}
    for row, (_sid, blend, categories) in enumerate(tastes):
        given = np.asarray(blend[:STYLES], np.float32)
        blends[row, : len(given)] = given
        for name, share in categories:
            if name in column:
                cats[row, column[name]] = share
    return blends, cats


def _names(blends: np.ndarray, cats: np.ndarray, vocabulary: list[str],
           overall: np.ndarray) -> list[dict]:
    """Each persona's name from the two styles it has most above the shoppers' average (in
    a store where everyone leans to one style, that style names no one) and its two
    strongest categories, distinct."""
    out, taken = [], set()
    for blend, share in zip(blends, cats, strict=True):
        styles = [int(i) for i in np.argsort(-(blend - overall), kind="stable")[:2]]
        categories = [vocabulary[int(i)] for i in np.argsort(-share)[:2] if share[i] > 0]
        candidates = [(styles[:1], categories[:1]), (styles[:1], categories[:2]),
                      (styles[:2], categories[:1]), (styles[:2], categories[:2])]
        for s, c in candidates:
            name = " · ".join([" & ".join(builtin_name(i) for i in s)] + [" & ".join(c)] * bool(c))
            if name.lower() not in taken:
                break
        else:
            name = f"{name} {sum(n.startswith(name.lower()) for n in taken) + 1}"
        taken.add(name.lower())
        out.append({"name": name, "styles": s, "categories": c})
    return out


def build_personas(store: Store, k: int | None = None, *, progress: ProgressSink = ignore_progress,
                   cancel: CancelToken | None = None, seed: int = 0) -> PersonaReport:
    """Cluster every profiled shopper and replace the store's personas in one write."""
    cancel = cancel or CancelToken()
    progress(Progress(0, None, "personas"))
    with store.read() as session:
        tastes = personas_repo.shopper_tastes(session)
    tastes = [t for t in tastes if t[1]]
    if len(tastes) < 4:
        raise StyleRecError("Personas need at least 4 shoppers profiled from their own history "
                            f"(this store has {len(tastes)}): build profiles first.")
    if k is not None and not 2 <= k <= min(50, len(tastes) - 1):
        raise StyleRecError(f"The number of personas must be 2–{min(50, len(tastes) - 1)}.")
    weight = Counter()
    for _sid, _blend, categories in tastes:
        for name, share in categories:
            weight[name] += share
    vocabulary = [c for c, _ in weight.most_common(CATEGORY_FEATURES)]
    blends, cats = _matrix(tastes, vocabulary)
    x = clustering.features(blends, cats)
    result = clustering.cluster(x, k, range(2, min(9, len(tastes))), seed,
                                cancel.raise_if_cancelled)
    cancel.raise_if_cancelled()
    ids = np.array([t[0] for t in tastes])
    rows, members = [], []
    groups = [np.flatnonzero(result.labels == c) for c in range(result.k)]
    groups = [g for g in groups if len(g)]
    mean_blends = np.array([blends[g].mean(0) for g in groups])
    cat_total = np.array([cats[g].sum(0) for g in groups])
    cat_shares = cat_total / np.maximum(cat_total.sum(1, keepdims=True), 1e-9)
    for g, blend, shares, named in zip(groups, mean_blends, cat_shares,
                                       _names(mean_blends, cat_shares, vocabulary,
                                              blends.mean(0)), strict=True):
        top = np.argsort(-shares)[:6]
        rows.append({
            "name": named["name"], "size": len(g),
            "style_blend": [round(float(v), 5) for v in blend / max(blend.sum(), 1e-9)],
            "categories": [[vocabulary[i], round(float(shares[i]), 4)] for i in top
                           if shares[i] > 0],
            "meta": {"styles": named["styles"], "categories": named["categories"],
                     "k": result.k, "silhouette": round(result.silhouettes[result.k], 4),
                     "silhouettes": {str(c): round(s, 4) for c, s in result.silhouettes.items()},
                     "chosen": "given" if k else "silhouette", "renamed": False}})
        order = np.argsort(result.distances[g], kind="stable")
        members.append([(int(ids[g[i]]), float(result.distances[g[i]])) for i in order])
    with store.write() as session:
        personas_repo.replace_personas(session, rows, members)
    progress(Progress(1, 1, "personas"))
    return PersonaReport(len(rows), len(tastes), result.k, dict(result.silhouettes))


class PersonaService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def personas(self) -> list[PersonaView]:
        with self.store.read() as session:
            return [_view(p) for p in personas_repo.list_personas(session)]

    def persona(self, key: int | str) -> PersonaView:
        with self.store.read() as session:
            row = personas_repo.persona(session, key)
            if row is None:
                raise StyleRecError(f"No persona {key!r} in this store (stylerec persona build "
                                    "/ Shoppers → Personas → Build personas).")
            return _view(row)

    def members(self, key: int | str, limit: int | None = 200) -> list[ShopperSummary]:
        persona = self.persona(key)
        with self.store.read() as session:
            return [ShopperSummary(sid, ext, 0, True) for sid, ext, _d
                    in personas_repo.members(session, persona.id, limit)]

    def blend(self, key: int | str) -> list[float]:
        return list(self.persona(key).style_blend)

    def rename(self, key: int | str, name: str) -> PersonaView:
        name = name.strip()
        if not name:
            raise StyleRecError("A persona needs a name.")
        persona = self.persona(key)
        with self.store.write() as session:
            clash = personas_repo.persona(session, name)
            if clash is not None and clash.id != persona.id:
                raise StyleRecError(f"Another persona is already named {name!r}.")
            personas_repo.rename_persona(session, persona.id, name)
        return self.persona(persona.id)
