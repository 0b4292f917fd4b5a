"""Read-side catalog queries; every result is a frozen dataclass, never an ORM object."""

from __future__ import annotations

from sqlalchemy import func, or_, select
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
)


def _summary(row) -> ProductSummary:
    return ProductSummary(*row)


def list_products(session: Session, flt: CatalogFilter) -> list[ProductSummary]:
    query = select(*_SUMMARY_COLUMNS).order_by(orm.Product.id)
    text = flt.text.strip()
    if text:
        pattern = f"%{text}%"
        query = query.where(
            or_(
                orm.Product.title.ilike(pattern),
                orm.Product.external_id.ilike(pattern),
                orm.Product.description.ilike(pattern),
                orm.Product.category.ilike(pattern),
            )
        )
    if flt.category:
        query = query.where(orm.Product.category == flt.category)
    if flt.colour:
        query = query.where(orm.Product.colour == flt.colour)
    if flt.min_price is not None:
        query = query.where(orm.Product.price >= flt.min_price)
    if flt.max_price is not None:
        query = query.where(orm.Product.price <= flt.max_price)
    if flt.limit:
        query = query.limit(flt.limit)
    return [_summary(r) for r in session.execute(query)]


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
                         counts)


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
