"""SQLAlchemy 2.x ORM models. Alembic migrations in db/ must match these (tested)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """Naive UTC, as SQLite stores it."""
    return datetime.now(UTC).replace(tzinfo=None)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(128), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(128), default="", index=True)
    colour: Mapped[str] = mapped_column(String(64), default="", index=True)
    price: Mapped[float | None] = mapped_column(Float, nullable=True)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)
    image_path: Mapped[str | None] = mapped_column(String(1024), nullable=True)
    image_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # "size:mtime_ns" of the image file, so a re-import skips decoding unchanged files.
    image_stat: Mapped[str | None] = mapped_column(String(64), nullable=True)
    image_status: Mapped[str] = mapped_column(String(16), default="none")
    # Hash of the imported fields: tells "unchanged" from "updated" on re-import.
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Shopper(Base):
    __tablename__ = "shoppers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(128), unique=True)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Interaction(Base):
    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_shopper_time", "shopper_id", "timestamp"),
        Index("ix_interactions_product", "product_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Deterministic key from the event's content (and its occurrence number among
    # identical events in the file), so re-importing never duplicates an event.
    event_key: Mapped[str] = mapped_column(String(64), unique=True)
    shopper_id: Mapped[int] = mapped_column(ForeignKey("shoppers.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    timestamp: Mapped[datetime] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(32), default="")


class Review(Base):
    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_product", "product_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(128), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    shopper_id: Mapped[int | None] = mapped_column(
        ForeignKey("shoppers.id", ondelete="SET NULL"), nullable=True
    )
    rating: Mapped[float | None] = mapped_column(Float, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64), default="")


class ImportRun(Base):
    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(32))
    location: Mapped[str] = mapped_column(String(1024))
    status: Mapped[str] = mapped_column(String(16), default="running")
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    # "host:pid" of the process running it, so a crashed run is told from a live one.
    worker: Mapped[str] = mapped_column(String(128), default="")


class ImportIssue(Base):
    """A rejected row (severity error) or a flagged one (warning) of an import run."""

    __tablename__ = "import_issues"
    __table_args__ = (Index("ix_import_issues_run", "run_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id", ondelete="CASCADE"))
    severity: Mapped[str] = mapped_column(String(16))
    file: Mapped[str] = mapped_column(String(1024))
    line: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)  # English, for the CLI and old readers
    code: Mapped[str] = mapped_column(String(64), default="")
    args: Mapped[dict] = mapped_column(JSON, default=dict)


class StoreMeta(Base):
    """Key/value facts about the store (e.g. that it is a generated demo)."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Embedding(Base):
    """A model's vector for a product or a shopper, with what it was computed from."""

    __tablename__ = "embeddings"
    __table_args__ = (
        Index("uq_embeddings_owner_kind", "owner", "owner_id", "kind", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = mapped_column(String(16))  # "product" or "shopper"
    owner_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # "image", "text", "style"
    model: Mapped[str] = mapped_column(String(96))
    # Hash of the input (image hash, text hash): equal model + source means up to date.
    source_hash: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ProductProfile(Base):
    __tablename__ = "product_profiles"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))  # "ok", "no_image", "bad_image"
    palette: Mapped[list] = mapped_column(JSON, default=list)  # [[r, g, b, share], …]
    style_weights: Mapped[list] = mapped_column(JSON, default=list)  # 26 floats
    image_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    models: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ShopperProfile(Base):
    __tablename__ = "shopper_profiles"

    shopper_id: Mapped[int] = mapped_column(
        ForeignKey("shoppers.id", ondelete="CASCADE"), primary_key=True)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    events_used: Mapped[int] = mapped_column(Integer, default=0)
    last_event_id: Mapped[int] = mapped_column(Integer, default=0)
    categories: Mapped[list] = mapped_column(JSON, default=list)  # [[name, share], …]
    colours: Mapped[list] = mapped_column(JSON, default=list)  # [[r, g, b, share], …]
    price_band: Mapped[dict] = mapped_column(JSON, default=dict)  # low / typical / high
    style_blend: Mapped[list] = mapped_column(JSON, default=list)  # 26 floats
    models: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Style(Base):
    """A style the merchandiser added: a picture's style vector or a trained generator row."""

    __tablename__ = "styles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # "arbitrary" or "trained"
    payload: Mapped[bytes] = mapped_column(LargeBinary)  # .npz of arrays
    meta: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
