"""Import the H&M Kaggle layout: articles.csv, customers.csv, transactions_train.csv, images/."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from stylerec_app.domain.catalog import InteractionKind
from stylerec_app.domain.errors import ImportFormatError
from stylerec_app.domain.imports import ImportReport
from stylerec_app.domain.progress import CancelToken, ProgressSink, ignore_progress
from stylerec_app.services.importing.events import EventBatchParser
from stylerec_app.services.importing.generic import _photos_unchanged
from stylerec_app.services.importing.images import PhotoFolder, folder_signature
from stylerec_app.services.importing.parsing import (
    RowError,
    limit_length,
    parse_number,
    require_id,
)
from stylerec_app.services.importing.pipeline import EVENT_BATCH, ImportPipeline, Stage
from stylerec_app.services.importing.reading import Reading
from stylerec_app.services.importing.sources import (
    DEFAULT_MAX_ROW_BYTES,
    CsvRows,
    csv_header,
    list_field,
    read_csv,
    require_file,
    scan_file,
)
from stylerec_app.services.importing.writers import (
    EventBulk,
    EventWriter,
    ProductImages,
    ProductWriter,
    write_shoppers,
)
from stylerec_app.storage import import_writer
from stylerec_app.storage.database import BULK_LOCK, Store

ARTICLES = "articles.csv"
CUSTOMERS = "customers.csv"
TRANSACTIONS = "transactions_train.csv"

_ARTICLE_CORE = {"article_id", "prod_name", "detail_desc", "product_type_name",
                 "colour_group_name", "product_code"}
# H&M's sales_channel_id: 1 = physical store, 2 = online (as the competition describes it).
_CHANNELS = {"1": "store", "2": "online"}


def looks_like_hm(folder: Path) -> bool:
    return (folder / ARTICLES).is_file()


def _article(images: Path):
    photos = PhotoFolder(images)

    def parse(raw: dict) -> dict:
        article_id = require_id(raw.get("article_id"), "article_id")
        if not (article_id.isascii() and article_id.isdigit()):
            raise RowError("field.invalid", field="article_id", value=article_id)
        attributes = {k: v.strip() for k, v in raw.items()
                      if k not in _ARTICLE_CORE and v and v.strip()}
        group = (raw.get("product_code") or "").strip()
        return {
            "group_id": limit_length(group, "product_code", 128) or None,
            "in_stock": None,
            "external_id": article_id,
            "title": (raw.get("prod_name") or "").strip() or f"Article {article_id}",
            "description": (raw.get("detail_desc") or "").strip(),
            "category": limit_length((raw.get("product_type_name") or "").strip(),
                                     "product_type_name", 128),
            "colour": limit_length((raw.get("colour_group_name") or "").strip(),
                                   "colour_group_name", 64),
            "price": None,
            "attributes": attributes,
            "image_candidate": photos.named(f"{article_id[:3]}/{article_id}.jpg"),
        }

    return parse


def _customer(raw: dict) -> dict:
    customer_id = require_id(raw.get("customer_id"), "customer_id")
    attributes: dict = {}
    for key, value in raw.items():
        value = (value or "").strip()
        if key == "customer_id" or not value:
            continue
        if key == "age":
            attributes[key] = parse_number(value, "age")
        else:
            attributes[key] = value
    return {"external_id": customer_id, "attributes": attributes}


_TRANSACTION_COLUMNS = {"shopper": "customer_id", "product": "article_id", "kind": "",
                        "value": "price", "timestamp": "t_dat", "channel": "sales_channel_id"}


def _transaction_field(raw: dict, name: str) -> str:
    """A transactions_train.csv column by its role (every row is a purchase)."""
    column = _TRANSACTION_COLUMNS[name]
    return (raw.get(column) or "") if column else ""


def _customers():
    return _customer


def _open_csv(path: Path, max_row_bytes: int, make_parser, *args) -> Reading:
    return Reading(read_csv(path, "utf-8-sig", max_row_bytes=max_row_bytes),
                   parse=make_parser(*args))


def _open_transactions(path: Path, max_row_bytes: int) -> Reading:
    rows = CsvRows(path, "utf-8-sig", max_row_bytes=max_row_bytes)
    field = list_field(rows.header or [], {role: column or None
                                           for role, column in _TRANSACTION_COLUMNS.items()})
    return Reading(rows, parse_batch=EventBatchParser(
        field, path.name, default_kind=InteractionKind.PURCHASE, channel_names=_CHANNELS,
        value_field="price", require_value=True, value_min=0.0,
        id_names=("customer_id", "article_id")))


def check_hm_folder(folder: Path) -> Path:
    """The folder, resolved, if it has an H&M articles.csv; else a clear error."""
    folder = Path(folder).expanduser().resolve()
    articles = require_file(folder / ARTICLES, "articles.csv")
    if "article_id" not in csv_header(articles):
        raise ImportFormatError(code="file.not_hm", path=str(articles))
    return folder


def import_hm(
    store: Store,
    folder: str | Path,
    *,
    progress: ProgressSink = ignore_progress,
    cancel: CancelToken | None = None,
    batch_size: int | None = None,
    max_row_bytes: int = DEFAULT_MAX_ROW_BYTES,
) -> ImportReport:
    """Import (or re-import, or resume) an H&M-layout folder into `store`."""
    folder = check_hm_folder(Path(folder))
    articles = folder / ARTICLES
    customers = folder / CUSTOMERS
    transactions = folder / TRANSACTIONS
    files = [p for p in (articles, customers, transactions) if p.is_file()]
    scans = {p: scan_file(p) for p in files}
    pipeline = ImportPipeline(store, "hm", str(folder),
                              total_rows=sum(s.lines for s in scans.values()),
                              progress=progress, cancel=cancel or CancelToken(),
                              batch_size=batch_size)
    options = f"hm|{max_row_bytes}"
    images = folder / "images"
    with pipeline:
        report = pipeline.report
        writer = ProductWriter()
        pipeline.run(Stage(
            "products", articles, partial(_open_csv, articles, max_row_bytes, _article, images),
            writer, prepare=ProductImages(store, articles.name),
            scan=scans[articles], options=f"{options}|{folder_signature(images)}",
            reusable=lambda: _photos_unchanged(store), begin=writer.begin,
            finish=writer.finish, exclusive=BULK_LOCK))
        if customers.is_file():
            pipeline.run(Stage("shoppers", customers,
                               partial(_open_csv, customers, max_row_bytes, _customers),
                               write_shoppers, scan=scans[customers], options=options))
        if transactions.is_file():
            with store.read() as session:
                products_known = import_writer.product_count(session)
            events = EventWriter(report, transactions.name)
            bulk = EventBulk(events)
            pipeline.run(Stage("events", transactions,
                               partial(_open_transactions, transactions, max_row_bytes),
                               events, unique_key=None, batch_size=EVENT_BATCH,
                               scan=scans[transactions],
                               options=f"{options}|products<={products_known}",
                               begin=bulk.begin, finish=bulk.finish,
                               check_references=False, exclusive=BULK_LOCK,
                               resolver=events.resolver))
        # H&M articles carry no price: show the mean price paid, where anyone bought it.
        pipeline.finish_step(import_writer.derive_prices_from_purchases)
    return report
