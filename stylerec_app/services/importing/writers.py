"""Batch preparers and writers shared by the H&M and generic importers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from stylerec_app.domain.catalog import FLAGGED_IMAGE_STATUSES
from stylerec_app.domain.imports import ERROR, WARNING, EntityCounts, ImportIssue, ImportReport
from stylerec_app.services.importing.images import Refused, check_images, confine
from stylerec_app.services.importing.parsing import content_hash
from stylerec_app.storage import import_writer, orm
from stylerec_app.storage.database import Store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

PRODUCT_FIELDS = ("title", "description", "category", "colour", "price", "attributes")


class ProductImages:
    """Preparer: checks each batch's photos (in parallel, outside the write transaction)."""

    def __init__(self, store: Store, file_name: str) -> None:
        self.store = store
        self.file_name = file_name

    def __call__(self, batch, issues: list[ImportIssue]):
        ext_ids = [row["external_id"] for _, row in batch]
        with self.store.read() as session:
            known = import_writer.image_state(session, ext_ids)
        checks = check_images(
            [row.pop("image_candidate", None) for _, row in batch],
            [known.get(ext) for ext in ext_ids],
        )
        for (line, row), check in zip(batch, checks, strict=True):
            row.update(image_path=check.path, image_hash=check.sha256, image_stat=check.stat,
                       image_status=check.status)
            if check.status in FLAGGED_IMAGE_STATUSES:
                issues.append(ImportIssue(self.file_name, line, check.code, check.args, WARNING))
            row["content_hash"] = content_hash(
                {k: row[k] for k in (*PRODUCT_FIELDS, "image_path", "image_hash", "image_status")}
            )
        return batch


def write_products(session: Session, batch, counts: EntityCounts, issues) -> None:
    import_writer.upsert_rows(session, orm.Product, [row for _, row in batch], counts)


def write_shoppers(session: Session, batch, counts: EntityCounts, issues) -> None:
    rows = []
    for _, row in batch:
        rows.append({**row, "content_hash": content_hash(row["attributes"])})
    import_writer.upsert_rows(session, orm.Shopper, rows, counts)


class IdCache:
    """external id → row id, filled lazily per batch (bounded by the batch's ids)."""

    def __init__(self, model) -> None:
        self.model = model
        self.ids: dict[str, int] = {}

    def resolve(self, session: Session, ext_ids) -> None:
        missing = [e for e in set(ext_ids) if e not in self.ids]
        if missing:
            self.ids.update(import_writer.ids_for(session, self.model, missing))


class ShopperEnsurer:
    """Creates shoppers that events or reviews name but no shopper file listed."""

    def __init__(self, report: ImportReport) -> None:
        self.cache = IdCache(orm.Shopper)
        self.report = report

    def ensure(self, session: Session, ext_ids) -> dict[str, int]:
        self.cache.resolve(session, ext_ids)
        missing = sorted({e for e in ext_ids if e not in self.cache.ids})
        if missing:
            import_writer.create_shoppers(session, missing, content_hash({}))
            self.report.count("shoppers").new += len(missing)
            self.cache.resolve(session, missing)
        return self.cache.ids


class _ActivityWriter:
    """Shared by events and reviews: rows must name a known product; shoppers are created."""

    def __init__(self, report: ImportReport, file_name: str) -> None:
        self.products = IdCache(orm.Product)
        self.shoppers = ShopperEnsurer(report)
        self.file_name = file_name

    def known_products(self, session: Session, batch, issues) -> list[dict]:
        self.products.resolve(session, [row["product"] for _, row in batch])
        known = []
        for line, row in batch:
            if row["product"] not in self.products.ids:
                issues.append(ImportIssue(self.file_name, line, "product.unknown",
                                          {"id": row["product"]}, ERROR))
            else:
                known.append(row)
        return known


class EventWriter(_ActivityWriter):
    def __call__(self, session: Session, batch, counts: EntityCounts, issues) -> None:
        known = self.known_products(session, batch, issues)
        shopper_ids = self.shoppers.ensure(session, [row["shopper"] for row in known])
        import_writer.insert_events(
            session,
            [
                {"event_key": r["event_key"], "shopper_id": shopper_ids[r["shopper"]],
                 "product_id": self.products.ids[r["product"]], "kind": str(r["kind"]),
                 "value": r["value"], "timestamp": r["timestamp"], "channel": r["channel"]}
                for r in known
            ],
            counts,
        )


class ReviewWriter(_ActivityWriter):
    def __call__(self, session: Session, batch, counts: EntityCounts, issues) -> None:
        rows = self.known_products(session, batch, issues)
        shopper_ids = self.shoppers.ensure(session, [r["shopper"] for r in rows if r["shopper"]])
        records = []
        for r in rows:
            fields = {"rating": r["rating"], "text": r["text"], "created_at": r["created_at"]}
            records.append({
                "external_id": r["external_id"],
                "product_id": self.products.ids[r["product"]],
                "shopper_id": shopper_ids.get(r["shopper"]) if r["shopper"] else None,
                **fields,
                "content_hash": content_hash({**fields, "p": r["product"], "s": r["shopper"]}),
            })
        import_writer.upsert_rows(session, orm.Review, records, counts)


def image_under(root: Path, value: str) -> Path | Refused | None:
    """An image column's value: relative to the images folder (or absolute), and only
    if it resolves, links followed, to a file inside that folder."""
    value = value.strip()
    return confine(root, value) if value else None
