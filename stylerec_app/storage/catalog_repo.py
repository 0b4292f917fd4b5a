"""Read-side catalog queries; every result is a frozen dataclass, never an ORM object."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, literal_column, or_, select, table
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from stylerec_app.domain.catalog import (
    FLAGGED_IMAGE_STATUSES,
    CatalogFacets,
    CatalogFilter,
    ImageStatus,
    ProductDetail,
    ProductSummary,
    Review,
    StoreStats,
)
from stylerec_app.storage import orm

_SUMMARY_COLUMNS = (
    orm.Product.id,
    orm.Product.external_id,
    orm.Product.title,
    orm.Product.category,
    orm.Product.colour,
    orm.Product.price,
    orm.Product.image_path,
    orm.Product.image_hash,
    orm.Product.image_status,
    orm.Product.group_id,
)
FAMILY_SHOWN = 30  # members listed in a product's detail


def _summary(row) -> ProductSummary:
    return ProductSummary(*row)


def with_family_sizes(session: Session, products: list[ProductSummary]
                      ) -> list[ProductSummary]:
    """Each product with the size of its family (one indexed GROUP BY per page)."""
    groups = {p.group_id for p in products if p.group_id}
    if not groups:
        return products
    sizes = dict(session.execute(
        select(orm.Product.group_id, func.count()).where(orm.Product.group_id.in_(groups))
        .group_by(orm.Product.group_id)).all())
    return [replace(p, family_size=sizes.get(p.group_id, 1)) if p.group_id else p
            for p in products]


def list_products(session: Session, flt: CatalogFilter, after_id: int | None = None
                  ) -> list[ProductSummary]:
    """Products matching the filter in id order; a page of `flt.limit` after `after_id`
    (keyset paging: each page costs the same however deep the listing goes)."""
    query = _filtered(select(*_SUMMARY_COLUMNS), session, flt).order_by(orm.Product.id)
    if after_id is not None:
        query = query.where(orm.Product.id > after_id)
    if flt.limit:
        query = query.limit(flt.limit)
    return with_family_sizes(session, [_summary(r) for r in session.execute(query)])


def count_products(session: Session, flt: CatalogFilter) -> int:
    query = _filtered(select(func.count()).select_from(orm.Product), session, flt)
    return session.scalar(query) or 0


def _filtered(query, session: Session, flt: CatalogFilter):
    text = flt.text.strip()
    if text:
        query = query.where(_text_match(session, text))
    if flt.category:
        query = query.where(orm.Product.category == flt.category)
    if flt.colour:
        query = query.where(orm.Product.colour == flt.colour)
    if flt.min_price is not None:
        query = query.where(orm.Product.price >= flt.min_price)
    if flt.max_price is not None:
        query = query.where(orm.Product.price <= flt.max_price)
    return query


def _text_match(session: Session, text: str):
    """Substring search over title, description, category and id.

    With the trigram index (SQLite FTS5, any script) and three characters or more, the index
    finds the rows holding every trigram of the text and LIKE confirms the substring on
    those few; shorter text (or a store without the index) scans with LIKE.
    """
    pattern = "%" + escape_like(text) + "%"
    like = or_(*(column.ilike(pattern, escape="\\") for column in (
        orm.Product.title, orm.Product.external_id, orm.Product.description,
        orm.Product.category)))
    trigrams = {text[i : i + 3].lower() for i in range(len(text) - 2)}
    if not trigrams or not _has_search_index(session):
        return like
    match = " AND ".join('"' + t.replace('"', '""') + '"' for t in sorted(trigrams))
    found = select(literal_column("rowid")).select_from(table("products_fts")).where(
        literal_column("products_fts").op("MATCH")(match))
    return orm.Product.id.in_(found) & like


def escape_like(value: str) -> str:
    """Literal text inside a LIKE pattern (with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _has_search_index(session: Session) -> bool:
    if session.bind.dialect.name != "sqlite":
        return False
    return session.execute(sql_text(
        "SELECT 1 FROM sqlite_master WHERE name = 'products_fts'")).first() is not None


def facets(session: Session) -> CatalogFacets:
    def distinct(column) -> tuple[str, ...]:
        return tuple(
            v for v in session.scalars(select(column).distinct().order_by(column)) if v
        )

    low, high = session.execute(
        select(func.min(orm.Product.price), func.max(orm.Product.price))
    ).one()
    return CatalogFacets(distinct(orm.Product.category), distinct(orm.Product.colour), low, high)


def product_detail(session: Session, product_id: int) -> ProductDetail | None:
    product = session.get(orm.Product, product_id)
    if product is None:
        return None
    summary = _summary(tuple(getattr(product, c.key) for c in _SUMMARY_COLUMNS))
    family: tuple[ProductSummary, ...] = ()
    if product.group_id:
        family = tuple(_summary(r) for r in session.execute(
            select(*_SUMMARY_COLUMNS).where(orm.Product.group_id == product.group_id,
                                            orm.Product.id != product.id)
            .order_by(orm.Product.external_id).limit(FAMILY_SHOWN)))
        summary = with_family_sizes(session, [summary])[0]
    reviews = tuple(
        Review(rating, text, created, shopper)
        for rating, text, created, shopper in session.execute(
            select(orm.Review.rating, orm.Review.text, orm.Review.created_at,
                   orm.Shopper.external_id)
            .outerjoin(orm.Shopper, orm.Review.shopper_id == orm.Shopper.id)
            .where(orm.Review.product_id == product_id)
            .order_by(orm.Review.created_at.desc())
            .limit(50)
        )
    )
    counts = {
        kind: n
        for kind, n in session.execute(
            select(orm.Interaction.kind, func.count())
            .where(orm.Interaction.product_id == product_id)
            .group_by(orm.Interaction.kind)
        )
    }
    return ProductDetail(summary, product.description, dict(product.attributes or {}), reviews,
                         counts, family)


def store_stats(session: Session) -> StoreStats:
    def count(model, *where) -> int:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    return StoreStats(
        products=count(orm.Product),
        shoppers=count(orm.Shopper),
        interactions=count(orm.Interaction),
        reviews=count(orm.Review),
        flagged_images=count(
            orm.Product,
            orm.Product.image_status.in_(list(FLAGGED_IMAGE_STATUSES)),
        ),
        profiled=count(orm.ProductProfile, orm.ProductProfile.status == "ok"),
    )


def get_meta(session: Session, key: str) -> str | None:
    row = session.get(orm.StoreMeta, key)
    return row.value if row else None


def set_meta(session: Session, key: str, value: str) -> None:
    session.merge(orm.StoreMeta(key=key, value=value))


def usable_photo_paths(session: Session) -> list[str]:
    """Paths of every product photo that imported sound, in product order."""
    return list(session.scalars(select(orm.Product.image_path)
                                .where(orm.Product.image_status == ImageStatus.OK)
                                .order_by(orm.Product.id)))


def recent_runs(session: Session, limit: int = 5) -> list:
    """The latest import runs (id, source, status, started_at, location), newest first."""
    return session.execute(
        select(orm.ImportRun.id, orm.ImportRun.source, orm.ImportRun.status,
               orm.ImportRun.started_at, orm.ImportRun.location)
        .order_by(orm.ImportRun.id.desc()).limit(limit)).all()
