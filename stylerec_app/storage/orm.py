"""SQLAlchemy 2.x ORM models. Alembic migrations in db/ must match these (tested)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

_UNIX = datetime(1970, 1, 1)


def utcnow() -> datetime:
    """Naive UTC, as SQLite stores it."""
    return datetime.now(UTC).replace(tzinfo=None)

class EpochSeconds(TypeDecorator):
    """A naive-UTC datetime stored as whole seconds since 1970 (an 8-byte integer).

    Ten million events keep their times in a tenth of the space of ISO text, and bulk
    readers get numbers straight from SQL; ORM code still sees datetimes."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None or isinstance(value, int):
            return value
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return int((value - _UNIX) // timedelta(seconds=1))

    def process_result_value(self, value, dialect):
        return None if value is None else _UNIX + timedelta(seconds=int(value))


# Event kinds as stored (one byte each instead of a word per event); domain names in code.
KIND_CODES = {"view": 0, "click": 1, "cart": 2, "purchase": 3, "rating": 4}
KIND_NAMES = {code: name for name, code in KIND_CODES.items()}


class KindCode(TypeDecorator):
    """An event kind ("purchase") stored as a small integer code."""

    impl = SmallInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None or isinstance(value, int):
            return value
        return KIND_CODES[str(value)]

    def process_result_value(self, value, dialect):
        return None if value is None else KIND_NAMES.get(int(value), str(value))


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
    price: Mapped[float | None] = mapped_column(Float, nullable=True, index=True)
    # The product family (H&M product_code, Merchant Center item_group_id): colour and size
    # variants of one product share it.
    group_id: Mapped[str | None] = mapped_column(String(128), nullable=True, index=True)
    # Whether it can be sold now (None: the catalog does not say); a column so filtering
    # a million products never reads their attributes.
    in_stock: Mapped[bool | None] = mapped_column(Boolean, nullable=True, index=True)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)
    image_path: Mapped[str | None] = mapped_column(String(1024), nullable=True)
    image_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # "size:mtime_ns" of the image file, so a re-import skips decoding unchanged files.
    image_stat: Mapped[str | None] = mapped_column(String(64), nullable=True)
    image_status: Mapped[str] = mapped_column(String(16), default="none", index=True)
    # Hash of the imported fields: tells "unchanged" from "updated" on re-import.
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(EpochSeconds, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(EpochSeconds, default=utcnow)


class Shopper(Base):
    __tablename__ = "shoppers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(128), unique=True)
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(EpochSeconds, default=utcnow)


class Interaction(Base):
    __tablename__ = "interactions"
    # One index: the unique event key, shopper-major, so it is the shopper-history index
    # too (storage/event_keys.py; query with shopper_events()). No per-product index:
    # product-level counts live in product_stats. A first bulk load builds it once, sorted.
    __table_args__ = (Index("ux_interactions_event_key", "event_key", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Deterministic key from the event's content (and its occurrence number among
    # identical events in the file), so re-importing never duplicates an event
    # (storage/event_keys.py).
    event_key: Mapped[int] = mapped_column(BigInteger)
    shopper_id: Mapped[int] = mapped_column(ForeignKey("shoppers.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(KindCode)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    timestamp: Mapped[datetime] = mapped_column(EpochSeconds)
    channel: Mapped[str] = mapped_column(String(32), default="")


def shopper_events(shopper_id):
    """WHERE clause for one shopper's events that reads only their range of the key index."""
    from stylerec_app.storage.event_keys import shopper_range

    low, high = shopper_range(shopper_id)
    return (Interaction.event_key.between(low, high)) & (Interaction.shopper_id == shopper_id)


class ProductStats(Base):
    """Events per product and kind, kept by the importer in the same transaction as the
    events themselves (what the detail pane and popularity read without scanning events)."""

    __tablename__ = "product_stats"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    views: Mapped[int] = mapped_column(Integer, default=0)
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    carts: Mapped[int] = mapped_column(Integer, default=0)
    purchases: Mapped[int] = mapped_column(Integer, default=0)
    ratings: Mapped[int] = mapped_column(Integer, default=0)
    last_event: Mapped[datetime | None] = mapped_column(EpochSeconds, nullable=True)


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


class ImportFile(Base):
    """A file an import read to its end: what it was (size, mtime, digest, the options that
    change how it parses) and what came of it, so an unchanged file is not read again."""

    __tablename__ = "import_files"
    __table_args__ = (Index("ix_import_files_path_digest", "path", "digest"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id", ondelete="CASCADE"))
    entity: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(String(1024))
    size: Mapped[int] = mapped_column(BigInteger)
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    digest: Mapped[str] = mapped_column(String(64))
    options: Mapped[str] = mapped_column(Text)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)


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


class Persona(Base):
    """A group of shoppers with a similar style blend and taste (k-means on their profiles),
    with a representative blend the Studio and the recommenders use as for one shopper."""

    __tablename__ = "personas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    style_blend: Mapped[list] = mapped_column(JSON, default=list)  # 26 floats: the members' mean
    categories: Mapped[list] = mapped_column(JSON, default=list)  # [[name, share], …]
    # How it was made: k, silhouette, the dominant styles and categories the name is made of
    # (so the app can word it in the user's language) and whether the user renamed it.
    meta: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PersonaMember(Base):
    __tablename__ = "persona_members"
    __table_args__ = (Index("ix_persona_members_shopper", "shopper_id"),)

    persona_id: Mapped[int] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), primary_key=True)
    shopper_id: Mapped[int] = mapped_column(
        ForeignKey("shoppers.id", ondelete="CASCADE"), primary_key=True)
    distance: Mapped[float] = mapped_column(Float, default=0.0)  # to the centre: 0 = most typical


class Collection(Base):
    """A curated styled catalog: products (per persona or for everyone) in a chosen style,
    each restyled image approved or rejected before it is exported for a shop."""

    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    # {"style": name or "persona", "strength": 0.7, "mask": "background", "keep_colours": …}
    style: Mapped[dict] = mapped_column(JSON, default=dict)
    # Persona blends as they were when added ({name: [26 floats]}): rebuilding the personas
    # later never changes an approved image.
    personas: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CollectionItem(Base):
    __tablename__ = "collection_items"
    __table_args__ = (Index("uq_collection_items_entry", "collection_id", "product_id",
                            "persona", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    collection_id: Mapped[int] = mapped_column(
        ForeignKey("collections.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    persona: Mapped[str] = mapped_column(String(128), default="")  # "" = for every shopper
    status: Mapped[str] = mapped_column(String(16), default="pending")  # approved, rejected
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
