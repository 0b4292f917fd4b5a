"""Batch preparers and writers shared by the H&M and generic importers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from stylerec_app.domain.catalog import FLAGGED_IMAGE_STATUSES
from stylerec_app.domain.imports import ERROR, WARNING, EntityCounts, ImportIssue, ImportReport
from stylerec_app.services.importing.events import IdTable, StoreIds
from stylerec_app.services.importing.images import check_images
from stylerec_app.services.importing.parsing import content_hash
from stylerec_app.storage import import_writer, orm
from stylerec_app.storage.database import Store
from stylerec_app.storage.event_keys import OccurrenceCounter, base_keys, keys_for
from stylerec_app.storage.orm import KIND_CODES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

PRODUCT_FIELDS = ("title", "description", "category", "colour", "price", "attributes",
                  "group_id", "in_stock")


class ProductImages:
    """Preparer: checks each batch's photos (in parallel, outside the write transaction)."""

    def __init__(self, store: Store, file_name: str) -> None:
        self.store = store
        self.file_name = file_name
        self.empty_at_start: bool | None = None

    def __call__(self, batch, issues: list[ImportIssue]):
        ext_ids = [row["external_id"] for _, row in batch]
        if self.empty_at_start is None:
            with self.store.read() as session:
                self.empty_at_start = import_writer.product_count(session) == 0
        known = {}
        if not self.empty_at_start:  # photos checked before are not decoded again
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


# Files at least this long load in bulk (indexes dropped, built once at the end).
BULK_PRODUCTS = 20_000
BULK_EVENTS = 200_000


class ProductWriter:
    """Upserts products and keeps the search index in step: row by row for a few changes,
    one rebuild at the end of a bulk load (far cheaper than a million index updates)."""

    def __init__(self) -> None:
        self.bulk = False
        self.changed = False
        self.fts: bool | None = None

    def begin(self, session: Session, scan) -> None:
        import_writer.repair_after_bulk(session)  # after a load stopped in this process
        stored = import_writer.product_count(session)
        self.bulk = (scan is not None and scan.lines >= BULK_PRODUCTS
                     and scan.lines > stored // 5)
        if self.bulk and stored == 0:  # a first load: secondary indexes built once, after
            import_writer.drop_bulk_indexes(session, tuple(import_writer.PRODUCT_INDEXES))

    def __call__(self, session: Session, batch, counts: EntityCounts, issues) -> None:
        rows = [row for _, row in batch]
        if self.fts is None:
            self.fts = import_writer.has_search_index(session)
        incremental = self.fts and not self.bulk
        old = (import_writer.search_text(session, [r["external_id"] for r in rows])
               if incremental else {})
        written = import_writer.upsert_rows(session, orm.Product, rows, counts)
        if written:
            self.changed = True
            if incremental:
                import_writer.reindex_products(
                    session, {e: old[e] for e in written if e in old}, written)

    def finish(self, session: Session) -> None:
        import_writer.restore_indexes(session)
        if self.fts and self.bulk and self.changed:
            import_writer.rebuild_search_index(session)


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


class EventWriter:
    """Writes batches of parsed event columns: known products only, shoppers created,
    keys from storage/event_keys.py, one executemany per batch. Store ids arrive with each
    batch (`resolver`, applied where the file is read)."""

    def __init__(self, report: ImportReport, file_name: str) -> None:
        self.report = report
        self.file_name = file_name
        self.created: dict[str, int] = {}  # shoppers this stage created: external → store id
        self.counter = OccurrenceCounter()
        self.keys_indexed = True  # False during a first bulk load (EventBulk)
        self.tally = StatsTally()

    @staticmethod
    def resolver(session: Session) -> StoreIds:
        """The id maps, read once at the start of the stage (ids never change)."""
        return StoreIds(IdTable(import_writer.all_ids(session, orm.Product)),
                        IdTable(import_writer.all_ids(session, orm.Shopper)))

    def __call__(self, session: Session, batch, counts: EntityCounts, issues) -> None:
        pids = np.append(batch.product_ids, -1)[batch.product.codes]
        for n in np.flatnonzero(pids < 0):
            issues.append(ImportIssue(self.file_name, int(batch.lines[n]), "product.unknown",
                                      {"id": batch.product.uniques[batch.product.codes[n]]},
                                      ERROR))
        pick = np.flatnonzero(pids >= 0)
        pids = pids[pick]
        sids = self._shopper_ids(session, batch.shopper_ids, batch.shopper.take(pick))
        kind_codes = np.array([KIND_CODES.get(k, 0) for k in batch.kind.uniques] + [0],
                              np.int64)[batch.kind.codes[pick]]
        channel = batch.channel.take(pick)
        value, seconds = batch.value[pick], batch.seconds[pick]
        if self.keys_indexed:
            keys = keys_for(self.counter, sids, pids, kind_codes, seconds, value,
                            (channel.codes, channel.uniques))
        else:  # repeats get their occurrence numbers when the key index is built
            keys = base_keys(sids, pids, kind_codes, seconds, value,
                             (channel.codes, channel.uniques)).view(np.int64)
        rows = list(zip(keys.tolist(), sids.tolist(), pids.tolist(), kind_codes.tolist(),
                        _nullable(value), seconds.tolist(), channel.values(), strict=True))
        new = import_writer.insert_event_rows(session, rows, keys_indexed=self.keys_indexed)
        if not self.keys_indexed:  # a first bulk load: every row is new, count them here
            self.tally.add(pids, kind_codes, seconds)
        counts.new += new
        counts.unchanged += len(rows) - new

    def _shopper_ids(self, session: Session, known: np.ndarray, shopper) -> np.ndarray:
        """Store ids per event; shoppers the file names for the first time are created."""
        ids = np.append(known, -1)
        unknown = np.flatnonzero(ids[:-1] < 0)
        if len(unknown):
            used = np.zeros(len(ids), bool)
            used[shopper.codes] = True
            unknown = unknown[used[unknown]]
            missing = sorted({shopper.uniques[c] for c in unknown} - self.created.keys())
            if missing:
                import_writer.create_shoppers(session, missing, content_hash({}))
                self.created.update(import_writer.ids_for(session, orm.Shopper, missing))
                self.report.count("shoppers").new += len(missing)
            ids[unknown] = [self.created.get(shopper.uniques[c], -1) for c in unknown]
        return ids[shopper.codes]


def _nullable(value: np.ndarray) -> list:
    """float64 values as SQL parameters: NaN is NULL."""
    missing = np.isnan(value)
    if missing.all():
        return [None] * len(value)
    values = value.tolist()
    if missing.any():
        for n in np.flatnonzero(missing).tolist():
            values[n] = None
    return values


class StatsTally:
    """Events per product and kind, counted in arrays while a bulk load inserts them."""

    def __init__(self) -> None:
        self.counts = np.zeros((0, 5), np.int64)
        self.last = np.zeros(0, np.int64)

    def add(self, product_ids: np.ndarray, kinds: np.ndarray, seconds: np.ndarray) -> None:
        top = int(product_ids.max(initial=0)) + 1
        if top > len(self.last):
            grow = max(top, 2 * len(self.last))
            self.counts = np.vstack([self.counts, np.zeros((grow - len(self.last), 5),
                                                           np.int64)])
            self.last = np.r_[self.last, np.zeros(grow - len(self.last), np.int64)]
        np.add.at(self.counts.reshape(-1), product_ids * 5 + kinds, 1)
        np.maximum.at(self.last, product_ids, seconds)

    def rows(self) -> list[tuple]:
        ids = np.flatnonzero(self.counts.sum(1))
        return [(int(i), *map(int, self.counts[i]), int(self.last[i])) for i in ids]


class EventBulk:
    """Events stage hooks. A first load of a large file into an empty table drops the
    unique key index, inserts without conflict checks and builds the index once at the end
    (a sort instead of ten million B-tree updates); repeated identical events get their
    occurrence numbers then. A killed import's store gets the index back, its repeats
    numbered and its product counts recomputed, when it is next opened, before any import
    can resume."""

    def __init__(self, writer: EventWriter) -> None:
        self.writer = writer

    def begin(self, session: Session, scan) -> None:
        import_writer.repair_after_bulk(session)  # after a load stopped in this process
        if scan is not None and scan.lines >= BULK_EVENTS and \
                import_writer.event_count(session) == 0:
            import_writer.drop_bulk_indexes(session, ("ux_interactions_event_key",))
            self.writer.keys_indexed = False

    def finish(self, session: Session) -> None:
        import_writer.restore_indexes(session)
        if not self.writer.keys_indexed:
            import_writer.write_product_stats(session, self.writer.tally.rows())
        self.writer.keys_indexed = True


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
