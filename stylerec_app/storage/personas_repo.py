"""Personas (groups of shoppers) and curated collections, as rows."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from stylerec_app.storage import orm


def shopper_tastes(session: Session) -> list[tuple[int, list, list]]:
    """(shopper id, style blend, [[category, share], …]) of every shopper profiled from
    their own history (store defaults would form a persona of their own)."""
    rows = session.execute(
        select(orm.ShopperProfile.shopper_id, orm.ShopperProfile.style_blend,
               orm.ShopperProfile.categories)
        .where(orm.ShopperProfile.is_default.is_(False)).order_by(orm.ShopperProfile.shopper_id))
    return [(sid, blend or [], cats or []) for sid, blend, cats in rows]


def replace_personas(session: Session, personas: list[dict], members: list[list[tuple]]
                     ) -> None:
    """All personas at once (one transaction): the previous set goes."""
    session.execute(delete(orm.PersonaMember))
    session.execute(delete(orm.Persona))
    for row, people in zip(personas, members, strict=True):
        persona = orm.Persona(**row)
        session.add(persona)
        session.flush()
        if people:
            session.execute(insert(orm.PersonaMember), [
                {"persona_id": persona.id, "shopper_id": sid, "distance": dist}
                for sid, dist in people])


def list_personas(session: Session) -> list[orm.Persona]:
    return list(session.scalars(select(orm.Persona).order_by(orm.Persona.size.desc(),
                                                             orm.Persona.id)))


def persona(session: Session, key: int | str) -> orm.Persona | None:
    if isinstance(key, int):
        return session.get(orm.Persona, key)
    return session.scalar(select(orm.Persona).where(func.lower(orm.Persona.name)
                                                    == key.strip().lower()))


def members(session: Session, persona_id: int, limit: int | None = None
            ) -> list[tuple[int, str, float]]:
    """(shopper id, external id, distance) — the most typical first."""
    query = (select(orm.PersonaMember.shopper_id, orm.Shopper.external_id,
                    orm.PersonaMember.distance)
             .join(orm.Shopper, orm.Shopper.id == orm.PersonaMember.shopper_id)
             .where(orm.PersonaMember.persona_id == persona_id)
             .order_by(orm.PersonaMember.distance, orm.PersonaMember.shopper_id))
    if limit:
        query = query.limit(limit)
    return [tuple(r) for r in session.execute(query)]


def rename_persona(session: Session, persona_id: int, name: str) -> None:
    row = session.get(orm.Persona, persona_id)
    row.name = name
    row.meta = {**(row.meta or {}), "renamed": True}


# -- collections ------------------------------------------------------------------------------

def collection(session: Session, name: str) -> orm.Collection | None:
    return session.scalar(select(orm.Collection).where(func.lower(orm.Collection.name)
                                                       == name.strip().lower()))


def list_collections(session: Session) -> list[tuple[orm.Collection, dict]]:
    """Each collection with its item counts by status."""
    counts: dict[int, dict] = {}
    for cid, status, n in session.execute(
            select(orm.CollectionItem.collection_id, orm.CollectionItem.status, func.count())
            .group_by(orm.CollectionItem.collection_id, orm.CollectionItem.status)):
        counts.setdefault(cid, {})[status] = n
    return [(c, counts.get(c.id, {})) for c in
            session.scalars(select(orm.Collection).order_by(orm.Collection.name))]


def collection_items(session: Session, collection_id: int) -> list[orm.CollectionItem]:
    return list(session.scalars(
        select(orm.CollectionItem).where(orm.CollectionItem.collection_id == collection_id)
        .order_by(orm.CollectionItem.position, orm.CollectionItem.id)))


def add_items(session: Session, collection_id: int, entries: list[tuple[int, str]]) -> int:
    """Append (product id, persona) entries not already in the collection; how many were new."""
    existing = set(session.execute(
        select(orm.CollectionItem.product_id, orm.CollectionItem.persona)
        .where(orm.CollectionItem.collection_id == collection_id)).all())
    start = session.scalar(select(func.coalesce(func.max(orm.CollectionItem.position), -1))
                           .where(orm.CollectionItem.collection_id == collection_id)) + 1
    new = [e for e in dict.fromkeys(entries) if e not in existing]
    if new:
        session.execute(insert(orm.CollectionItem), [
            {"collection_id": collection_id, "product_id": pid, "persona": persona,
             "status": "pending", "note": "", "position": start + i}
            for i, (pid, persona) in enumerate(new)])
    touch_collection(session, collection_id)
    return len(new)


def touch_collection(session: Session, collection_id: int) -> None:
    session.execute(update(orm.Collection).where(orm.Collection.id == collection_id)
                    .values(updated_at=orm.utcnow()))
