"""Profile storage: vectors as float32 blobs, product and shopper profile rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from stylerec_app.storage import orm
from stylerec_app.storage.catalog_repo import (
    _SUMMARY_COLUMNS,
    _summary,
    escape_like,
    with_family_sizes,
)
from stylerec_app.storage.event_keys import SHOPPER_RANGE_SQL
from stylerec_app.storage.orm import utcnow
from stylerec_app.storage.sql import insert


@dataclass(frozen=True)
class ProductInput:
    id: int
    external_id: str
    image_path: str | None
    image_hash: str | None
    image_status: str
    text: str


def product_inputs(session: Session, max_reviews: int = 5) -> list[ProductInput]:
    reviews: dict[int, list[str]] = {}
    for pid, body in session.execute(
        select(orm.Review.product_id, orm.Review.text).where(orm.Review.text != "")
        .order_by(orm.Review.product_id, orm.Review.id)
    ):
        bucket = reviews.setdefault(pid, [])
        if len(bucket) < max_reviews:
            bucket.append(body)
    out = []
    for p in session.scalars(select(orm.Product).order_by(orm.Product.id)):
        attrs = " ".join(f"{k}: {v}" for k, v in sorted((p.attributes or {}).items())
                         if isinstance(v, str))
        parts = [p.title, p.description, p.category, p.colour, attrs, *reviews.get(p.id, [])]
        out.append(ProductInput(p.id, p.external_id, p.image_path, p.image_hash, p.image_status,
                                ". ".join(x for x in parts if x)))
    return out


def embedding_state(session: Session, owner: str) -> dict[tuple[int, str], tuple[str, str]]:
    """{(owner_id, kind): (model, source_hash)} for every stored vector of `owner`."""
    rows = session.execute(select(orm.Embedding.owner_id, orm.Embedding.kind, orm.Embedding.model,
                                  orm.Embedding.source_hash).where(orm.Embedding.owner == owner))
    return {(oid, kind): (model, src) for oid, kind, model, src in rows}


def product_profile_state(session: Session) -> dict[int, tuple[str, str | None, dict]]:
    rows = session.execute(select(orm.ProductProfile.product_id, orm.ProductProfile.status,
                                  orm.ProductProfile.image_hash, orm.ProductProfile.models))
    return {pid: (status, h, models) for pid, status, h, models in rows}


def save_embeddings(session: Session, owner: str, rows: list[tuple[int, str, str, str, np.ndarray]]
                    ) -> None:
    """rows: (owner_id, kind, model, source_hash, vector)."""
    if not rows:
        return
    stmt = insert(session, orm.Embedding)
    now = utcnow()
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["owner", "owner_id", "kind"],
            set_={c: stmt.excluded[c] for c in ("model", "source_hash", "dim", "vector",
                                                 "updated_at")}),
        [{"owner": owner, "owner_id": oid, "kind": kind, "model": model, "source_hash": src,
          "dim": int(vec.shape[0]), "vector": np.asarray(vec, dtype="<f4").tobytes(),
          "updated_at": now}
         for oid, kind, model, src, vec in rows],
    )
    touch_vectors(session, owner)


def touch_vectors(session: Session, owner: str) -> None:
    """A new stamp for `owner`'s vectors: matrices and indexes built from them are stale."""
    import uuid

    session.merge(orm.StoreMeta(key=f"vectors:{owner}", value=uuid.uuid4().hex))


def delete_embeddings(session: Session, owner: str, owner_id: int, kinds: list[str]) -> None:
    session.execute(orm.Embedding.__table__.delete().where(
        orm.Embedding.owner == owner, orm.Embedding.owner_id == owner_id,
        orm.Embedding.kind.in_(kinds)))
    touch_vectors(session, owner)


def load_vector(session: Session, owner: str, owner_id: int, kind: str) -> np.ndarray | None:
    blob = session.scalar(select(orm.Embedding.vector).where(
        orm.Embedding.owner == owner, orm.Embedding.owner_id == owner_id,
        orm.Embedding.kind == kind))
    return None if blob is None else np.frombuffer(blob, dtype="<f4").copy()


def _upsert(session: Session, model, key: str, rows: list[dict]) -> None:
    """Insert or replace whole profile rows, stamping updated_at on both paths."""
    now = utcnow()
    records = [{**r, "updated_at": now} for r in rows]
    stmt = insert(session, model)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=[key], set_={c: stmt.excluded[c] for c in records[0] if c != key}),
        records,
    )


def save_product_profiles(session: Session, rows: list[dict]) -> None:
    if not rows:
        return
    _upsert(session, orm.ProductProfile, "product_id", rows)


def item_facts(session: Session) -> tuple[np.ndarray, list[str], list[str], np.ndarray,
                                          list[str]]:
    """(ids, categories, colours, prices with NaN for none, family ids) of every product."""
    rows = session.execute(select(orm.Product.id, orm.Product.category, orm.Product.colour,
                                  orm.Product.price, orm.Product.group_id)
                           .order_by(orm.Product.id)).all()
    return (np.fromiter((r[0] for r in rows), np.int64, count=len(rows)),
            [r[1] or "" for r in rows], [r[2] or "" for r in rows],
            np.fromiter((np.nan if r[3] is None else r[3] for r in rows), np.float64,
                        count=len(rows)), [r[4] or "" for r in rows])


def shopper_ages(session: Session) -> tuple[np.ndarray, np.ndarray]:
    """(shopper ids, age from their attributes, NaN where none or not a number)."""
    rows = session.execute(select(orm.Shopper.id, orm.Shopper.attributes["age"].as_string())
                           .order_by(orm.Shopper.id)).all()

    def number(text):
        try:
            value = float(text)
        except (TypeError, ValueError):
            return np.nan
        return value if 0 < value < 130 else np.nan

    return (np.fromiter((r[0] for r in rows), np.int64, count=len(rows)),
            np.fromiter((number(r[1]) for r in rows), np.float64, count=len(rows)))


def style_weights(session: Session) -> tuple[np.ndarray, np.ndarray] | None:
    """(product ids, N×26 style weights, zeros where none) of the profiled products; None
    when nothing is profiled."""
    rows = session.execute(select(orm.ProductProfile.product_id,
                                  orm.ProductProfile.style_weights)).all()
    if not rows:
        return None
    weights = np.zeros((len(rows), 26), np.float32)
    for n, (_, w) in enumerate(rows):
        if w:
            weights[n] = w
    return np.array([r[0] for r in rows], np.int64), weights


def product_profiles(session: Session, ids) -> dict[int, orm.ProductProfile]:
    return {p.product_id: p for p in session.scalars(
        select(orm.ProductProfile).where(orm.ProductProfile.product_id.in_(list(ids))))}


# -- shoppers --------------------------------------------------------------------------------------

_STALE_SHOPPERS = text("""
    SELECT s.id FROM shoppers s
    LEFT JOIN shopper_profiles sp ON sp.shopper_id = s.id
    WHERE sp.shopper_id IS NULL
       OR sp.last_event_id != COALESCE((SELECT max(i.id) FROM interactions i
                                        WHERE {of_shopper}), 0)
       OR EXISTS (SELECT 1 FROM interactions i JOIN embeddings e
                    ON e.owner = 'product' AND e.owner_id = i.product_id
                  WHERE {of_shopper} AND e.updated_at > sp.updated_at)
""".format(of_shopper="i.event_key BETWEEN " + SHOPPER_RANGE_SQL.format(id="s.id")
           + " AND i.shopper_id = s.id"))


def stale_shoppers(session: Session) -> list[int]:
    """Shoppers without a profile, with new events, or whose products were re-profiled."""
    return [r[0] for r in session.execute(_STALE_SHOPPERS)]


def shopper_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(orm.Shopper)) or 0


@dataclass
class EventColumns:
    """A batch of shoppers' events as arrays (sorted by shopper, then event id)."""

    event_id: np.ndarray  # int64
    shopper_id: np.ndarray  # int64
    product_id: np.ndarray  # int64
    kind: np.ndarray  # int8 codes (orm.KIND_CODES)
    value: np.ndarray  # float64, NaN where none
    seconds: np.ndarray  # int64 since 1970
    category: np.ndarray  # object (str) per event: the product's category
    price: np.ndarray  # float64, NaN where none


def event_columns_of(session: Session, shopper_ids: list[int]) -> EventColumns:
    rows: list[tuple] = []
    for start in range(0, len(shopper_ids), 100):  # 100 key ranges OR'd: SQLite's depth cap
        chunk = shopper_ids[start : start + 100]
        ranges = " OR ".join(f"i.event_key BETWEEN {SHOPPER_RANGE_SQL.format(id=int(sid))}"
                             for sid in chunk)
        rows += session.execute(text(
            "SELECT i.id, i.shopper_id, i.product_id, i.kind, i.value, i.timestamp, "
            "p.category, p.price FROM interactions i JOIN products p ON p.id = i.product_id "
            f"WHERE {ranges} ORDER BY i.shopper_id, i.id")).all()
    cols = list(zip(*rows, strict=True)) if rows else [()] * 8

    def ints(c, dtype=np.int64):
        return np.asarray(c, dtype)

    def floats(c):
        return np.array([np.nan if v is None else v for v in c], np.float64)

    return EventColumns(ints(cols[0]), ints(cols[1]), ints(cols[2]), ints(cols[3], np.int8),
                        floats(cols[4]), ints(cols[5]),
                        np.array([c or "" for c in cols[6]], dtype=object), floats(cols[7]))


def popular_products(session: Session, limit: int = 50) -> list[int]:
    return [r[0] for r in session.execute(
        select(orm.Interaction.product_id, func.count().label("n"))
        .where(orm.Interaction.kind.in_(["purchase", "cart"]))
        .group_by(orm.Interaction.product_id).order_by(text("n DESC")).limit(limit))]


def product_facts(session: Session, ids) -> dict[int, tuple[str, float | None]]:
    ids = list(ids)
    return {pid: (cat, price) for pid, cat, price in session.execute(
        select(orm.Product.id, orm.Product.category, orm.Product.price)
        .where(orm.Product.id.in_(ids)))} if ids else {}


def save_shopper_profiles(session: Session, rows: list[dict]) -> None:
    if not rows:
        return
    _upsert(session, orm.ShopperProfile, "shopper_id", rows)


def list_shoppers(session: Session, text_filter: str = "", limit: int = 200,
                  after: str | None = None) -> list[tuple]:
    """(id, external id, events, profiled) by external id, a page of `limit` after `after`.

    Each shopper's event count is a range count on the event-key index (keys are
    shopper-major), so a page costs the same however many events the store holds.
    """
    count = SHOPPER_RANGE_SQL.format(id="s.id")
    sql = ("SELECT s.id, s.external_id, (SELECT count(*) FROM interactions "
           f"WHERE event_key BETWEEN {count}), p.shopper_id IS NOT NULL FROM shoppers s "
           "LEFT JOIN shopper_profiles p ON p.shopper_id = s.id WHERE s.external_id > :after")
    params = {"after": after or "", "limit": limit}
    if text_filter.strip():
        sql += " AND s.external_id LIKE :pattern ESCAPE '\\'"
        params["pattern"] = "%" + escape_like(text_filter.strip()) + "%"
    sql += " ORDER BY s.external_id LIMIT :limit"
    return list(session.execute(text(sql), params))


def count_shoppers(session: Session, text_filter: str = "") -> int:
    query = select(func.count()).select_from(orm.Shopper)
    if text_filter.strip():
        query = query.where(orm.Shopper.external_id.ilike(
            "%" + escape_like(text_filter.strip()) + "%", escape="\\"))
    return session.scalar(query) or 0


def shopper_row(session: Session, shopper_id: int):
    return session.get(orm.Shopper, shopper_id), session.get(orm.ShopperProfile, shopper_id)


def shopper_id_for(session: Session, external_id: str) -> int | None:
    return session.scalar(select(orm.Shopper.id).where(orm.Shopper.external_id == external_id))


def product_id_for(session: Session, external_id: str) -> int | None:
    return session.scalar(select(orm.Product.id).where(orm.Product.external_id == external_id))


def recent_history(session: Session, shopper_id: int, limit: int = 12):
    """The shopper's latest distinct products with the strongest event kind per product."""
    rows = session.execute(
        select(*_SUMMARY_COLUMNS, orm.Interaction.kind, orm.Interaction.timestamp)
        .join(orm.Interaction, orm.Interaction.product_id == orm.Product.id)
        .where(orm.shopper_events(shopper_id))
        .order_by(orm.Interaction.timestamp.desc(), orm.Interaction.id.desc()).limit(400))
    seen, out = set(), []
    for row in rows:
        summary = _summary(tuple(row)[: len(_SUMMARY_COLUMNS)])
        if summary.id in seen:
            continue
        seen.add(summary.id)
        out.append((summary, row.kind, row.timestamp))
        if len(out) >= limit:
            break
    return out


def summaries(session: Session, ids, families: bool = True) -> dict:
    """Products by id; `families`: with their family sizes (the "N colours" badge)."""
    ids = list(ids)
    if not ids:
        return {}
    found = [_summary(r) for r in session.execute(
        select(*_SUMMARY_COLUMNS).where(orm.Product.id.in_(ids)))]
    return {s.id: s for s in (with_family_sizes(session, found) if families else found)}


def catalog_stamp(session: Session) -> tuple:
    """Changes whenever an import may have changed products (runs are few: cheap to read)."""
    return tuple(session.execute(select(func.count(), func.max(orm.ImportRun.id),
                                        func.max(orm.ImportRun.finished_at))
                                 .select_from(orm.ImportRun)).one())


def out_of_stock_ids(session: Session) -> list[int]:
    """Products the catalog marks out of stock (the indexed column, not the attributes)."""
    return list(session.scalars(select(orm.Product.id).where(orm.Product.in_stock.is_(False))))
