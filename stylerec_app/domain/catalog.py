"""Catalog records as they cross layers and threads (frozen, ORM-free)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class InteractionKind(enum.StrEnum):
    VIEW = "view"
    CLICK = "click"
    CART = "cart"
    PURCHASE = "purchase"
    RATING = "rating"


class ImageStatus(enum.StrEnum):
    OK = "ok"
    NONE = "none"  # the catalog names no image for this product
    MISSING = "missing"  # named, but the file is not there
    CORRUPT = "corrupt"  # the file is there but does not decode
    REJECTED = "rejected"  # refused unread: not a regular file, outside the folder, too big


# Statuses the catalog counts as "photos that need attention".
FLAGGED_IMAGE_STATUSES = (ImageStatus.MISSING, ImageStatus.CORRUPT, ImageStatus.REJECTED)


@dataclass(frozen=True)
class ProductSummary:
    id: int
    external_id: str
    title: str
    category: str
    colour: str
    price: float | None
    image_path: str | None
    image_hash: str | None
    image_status: str
    group_id: str | None = None  # the product family (other colours / variants)
    family_size: int = 1  # products in that family, this one included


@dataclass(frozen=True)
class Review:
    rating: float | None
    text: str
    created_at: datetime | None
    shopper_external_id: str | None


@dataclass(frozen=True)
class ProductDetail:
    summary: ProductSummary
    description: str
    attributes: dict
    reviews: tuple[Review, ...]
    event_counts: dict[str, int]
    family: tuple[ProductSummary, ...] = ()  # the other members of its family


@dataclass(frozen=True)
class CatalogFilter:
    """What the catalog browser asks for; empty fields mean "any"."""

    text: str = ""
    category: str = ""
    colour: str = ""
    min_price: float | None = None
    max_price: float | None = None
    limit: int | None = None


@dataclass(frozen=True)
class CatalogFacets:
    """Values offered in the browser's filter boxes."""

    categories: tuple[str, ...] = ()
    colours: tuple[str, ...] = ()
    min_price: float | None = None
    max_price: float | None = None


@dataclass(frozen=True)
class StoreStats:
    products: int = 0
    shoppers: int = 0
    interactions: int = 0
    reviews: int = 0
    flagged_images: int = 0
    profiled: int = 0  # products with a usable profile (image and text vectors)
    extra: dict = field(default_factory=dict)
