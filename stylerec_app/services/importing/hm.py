"""Import the H&M Kaggle layout: articles.csv, customers.csv, transactions_train.csv, images/."""

from __future__ import annotations

from pathlib import Path

from stylerec_app.domain.catalog import InteractionKind
from stylerec_app.domain.errors import ImportFormatError
from stylerec_app.domain.imports import ImportReport
from stylerec_app.domain.progress import CancelToken, ProgressSink, ignore_progress
from stylerec_app.services.importing.images import confine
from stylerec_app.services.importing.parsing import (
    EventKeys,
    RowError,
    limit_length,
    parse_number,
    parse_price,
    parse_timestamp,
    require_id,
)
from stylerec_app.services.importing.pipeline import DEFAULT_BATCH, ImportPipeline, Stage
from stylerec_app.services.importing.sources import (
    DEFAULT_MAX_ROW_BYTES,
    count_lines,
    csv_header,
    read_csv,
    require_file,
)
from stylerec_app.services.importing.writers import (
    EventWriter,
    ProductImages,
    write_products,
    write_shoppers,
)
from stylerec_app.storage import import_writer
from stylerec_app.storage.database import Store

ARTICLES = "articles.csv"
CUSTOMERS = "customers.csv"
TRANSACTIONS = "transactions_train.csv"

_ARTICLE_CORE = {"article_id", "prod_name", "detail_desc", "product_type_name",
                 "colour_group_name"}
# H&M's sales_channel_id: 1 = physical store, 2 = online (as the competition describes it).
_CHANNELS = {"1": "store", "2": "online"}


def looks_like_hm(folder: Path) -> bool:
    return (folder / ARTICLES).is_file()


def _article(images: Path):
    def parse(raw: dict) -> dict:
        article_id = require_id(raw.get("article_id"), "article_id")
        if not (article_id.isascii() and article_id.isdigit()):
            raise RowError("field.invalid", field="article_id", value=article_id)
        attributes = {k: v.strip() for k, v in raw.items()
                      if k not in _ARTICLE_CORE and v and v.strip()}
        return {
            "external_id": article_id,
            "title": (raw.get("prod_name") or "").strip() or f"Article {article_id}",
            "description": (raw.get("detail_desc") or "").strip(),
            "category": limit_length((raw.get("product_type_name") or "").strip(),
                                     "product_type_name", 128),
            "colour": limit_length((raw.get("colour_group_name") or "").strip(),
                                   "colour_group_name", 64),
            "price": None,
            "attributes": attributes,
            "image_candidate": confine(images, Path(article_id[:3]) / f"{article_id}.jpg"),
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


def _transaction(keys: EventKeys):
    def parse(raw: dict) -> dict:
        stamp = parse_timestamp(raw.get("t_dat"))
        shopper = require_id(raw.get("customer_id"), "customer_id")
        product = require_id(raw.get("article_id"), "article_id")
        price = parse_price(raw.get("price"), required=True)
        channel = _CHANNELS.get((raw.get("sales_channel_id") or "").strip(),
                                (raw.get("sales_channel_id") or "").strip())
        kind = InteractionKind.PURCHASE
        return {
            "shopper": shopper, "product": product, "kind": kind, "value": price,
            "timestamp": stamp, "channel": channel,
            "event_key": keys.key(shopper, product, kind, stamp.isoformat(), price, channel),
        }

    return parse


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
    batch_size: int = DEFAULT_BATCH,
    max_row_bytes: int = DEFAULT_MAX_ROW_BYTES,
) -> ImportReport:
    """Import (or re-import, or resume) an H&M-layout folder into `store`."""
    folder = check_hm_folder(Path(folder))
    articles = folder / ARTICLES
    customers = folder / CUSTOMERS
    transactions = folder / TRANSACTIONS
    files = [p for p in (articles, customers, transactions) if p.is_file()]
    total = sum(count_lines(p) for p in files)
    pipeline = ImportPipeline(store, "hm", str(folder), total_rows=total, progress=progress,
                              cancel=cancel or CancelToken(), batch_size=batch_size)
    with pipeline:
        report = pipeline.report
        pipeline.run(Stage("products", articles, read_csv(articles, "utf-8-sig", max_row_bytes=max_row_bytes),
                           _article(folder / "images"), write_products,
                           prepare=ProductImages(store, articles.name)))
        if customers.is_file():
            pipeline.run(Stage("shoppers", customers, read_csv(customers, "utf-8-sig", max_row_bytes=max_row_bytes),
                               _customer, write_shoppers))
        if transactions.is_file():
            pipeline.run(Stage("events", transactions, read_csv(transactions, "utf-8-sig",
                                                            max_row_bytes=max_row_bytes),
                               _transaction(EventKeys()),
                               EventWriter(report, transactions.name), unique_key=None))
        # H&M articles carry no price: show the mean price paid, where anyone bought it.
        pipeline.finish_step(import_writer.derive_prices_from_purchases)
    return report
