"""Catalog use cases for the browser: filtered listings, facets, details, stats."""

from __future__ import annotations

from pathlib import Path

from stylerec_app.domain.catalog import (
    CatalogFacets,
    CatalogFilter,
    ProductDetail,
    ProductSummary,
    StoreStats,
)
from stylerec_app.storage import catalog_repo
from stylerec_app.storage.database import Store, open_store

__all__ = ["CatalogService", "open_store"]


class CatalogService:
    """Read-only queries over one store; safe to call from worker threads."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def path(self) -> Path:
        return self.store.path

    def products(self, flt: CatalogFilter, after_id: int | None = None) -> list[ProductSummary]:
        """All matches, or one page of `flt.limit` after `after_id` (ids ascending)."""
        with self.store.read() as session:
            return catalog_repo.list_products(session, flt, after_id)

    def count(self, flt: CatalogFilter) -> int:
        with self.store.read() as session:
            return catalog_repo.count_products(session, flt)

    def facets(self) -> CatalogFacets:
        with self.store.read() as session:
            return catalog_repo.facets(session)

    def detail(self, product_id: int) -> ProductDetail | None:
        with self.store.read() as session:
            return catalog_repo.product_detail(session, product_id)

    def stats(self) -> StoreStats:
        with self.store.read() as session:
            return catalog_repo.store_stats(session)

    def is_demo(self) -> bool:
        with self.store.read() as session:
            return catalog_repo.get_meta(session, "demo_seed") is not None
