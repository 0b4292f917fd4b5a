"""Import a generic catalog: products CSV/JSON Lines, optional images, shoppers, events, reviews.

Columns are found by name (any of the aliases below, case-insensitive, English or
Chinese); `mapping` overrides them, e.g. {"products.title": "Name"}. Any other
product column is kept as an attribute. See README "Generic import layout".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from stylerec_app.domain.catalog import InteractionKind
from stylerec_app.domain.errors import ImportFormatError
from stylerec_app.domain.imports import ImportReport
from stylerec_app.domain.progress import CancelToken, ProgressSink, ignore_progress
from stylerec_app.services.importing.events import EventBatchParser
from stylerec_app.services.importing.images import PhotoFolder, folder_signature
from stylerec_app.services.importing.parsing import (
    check_decimal,
    content_hash,
    limit_length,
    parse_float,
    parse_price,
    parse_stock,
    parse_timestamp,
    require_id,
)
from stylerec_app.services.importing.pipeline import EVENT_BATCH, ImportPipeline, Stage
from stylerec_app.services.importing.reading import Reading
from stylerec_app.services.importing.sources import (
    DEFAULT_MAX_ROW_BYTES,
    CsvRows,
    list_field,
    read_rows,
    require_file,
    resolve_encoding,
    scan_file,
)
from stylerec_app.services.importing.writers import (
    EventBulk,
    EventWriter,
    ProductImages,
    ProductWriter,
    ReviewWriter,
    write_shoppers,
)
from stylerec_app.storage import import_writer
from stylerec_app.storage.database import BULK_LOCK, Store

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "products": {
        "id": ("id", "sku", "external_id", "product_id", "article_id", "item_id",
               "商品编号", "商品id", "货号"),
        "title": ("title", "name", "prod_name", "product_name", "标题", "商品名称", "名称"),
        "description": ("description", "desc", "detail_desc", "描述", "商品描述"),
        "category": ("category", "product_type_name", "type", "类别", "品类", "分类"),
        "colour": ("colour", "color", "colour_group_name", "颜色"),
        "price": ("price", "价格", "售价"),
        "image": ("image", "image_path", "image_file", "photo", "图片"),
        # the product family: Merchant Center's item_group_id, Shopify-style parents, H&M
        "group": ("item_group_id", "group_id", "group", "parent_sku", "product_code",
                  "family", "款号", "款式编号"),
        "in_stock": ("in_stock", "stock", "availability", "库存", "有货"),
    },
    "shoppers": {
        "id": ("id", "shopper_id", "user_id", "customer_id", "用户id", "用户"),
    },
    "events": {
        "shopper": ("shopper_id", "user_id", "customer_id", "shopper", "user", "用户id", "用户"),
        "product": ("product_id", "item_id", "sku", "article_id", "product", "商品编号", "商品id"),
        "kind": ("kind", "event", "event_type", "type", "action", "行为", "事件"),
        "value": ("value", "rating", "price", "评分", "金额"),
        "timestamp": ("timestamp", "time", "ts", "date", "datetime", "t_dat", "时间", "日期"),
        "channel": ("channel", "sales_channel_id", "渠道"),
    },
    "reviews": {
        "id": ("id", "review_id"),
        "product": ("product_id", "item_id", "sku", "article_id", "product", "商品编号", "商品id"),
        "shopper": ("shopper_id", "user_id", "customer_id", "用户id", "用户"),
        "rating": ("rating", "stars", "score", "评分"),
        "text": ("text", "review", "body", "comment", "content", "评价", "评论"),
        "timestamp": ("timestamp", "time", "date", "created_at", "时间", "日期"),
    },
}

REQUIRED = {"products": ("id",), "shoppers": ("id",), "events": ("shopper", "product"),
            "reviews": ("product",)}


@dataclass
class GenericSource:
    products: Path
    images: Path | None = None
    shoppers: Path | None = None
    events: Path | None = None
    reviews: Path | None = None
    encoding: str | None = None  # None: detect UTF-8 / UTF-8-SIG / GBK per file
    mapping: dict[str, str] = field(default_factory=dict)  # "events.kind" -> "Action"
    decimal: str = "point"  # the files' decimal mark: "point" (12.50) or "comma" (12,50)
    max_row_bytes: int = DEFAULT_MAX_ROW_BYTES


class ColumnMap:
    """Finds each field's column in a row's keys, once per file."""

    def __init__(self, entity: str, overrides: dict[str, str], path: Path) -> None:
        self.entity = entity
        self.path = path
        self.overrides = {k.split(".", 1)[1]: v for k, v in overrides.items()
                          if k.startswith(entity + ".")}
        self.columns: dict[str, str | None] | None = None

    def resolve(self, keys) -> dict[str, str | None]:
        if self.columns is None:
            lower = {k.lower().strip(): k for k in keys}
            columns: dict[str, str | None] = {}
            for name, aliases in ALIASES[self.entity].items():
                chosen = self.overrides.get(name)
                if chosen is not None:
                    columns[name] = lower.get(chosen.lower())
                else:
                    columns[name] = next((lower[a] for a in aliases if a in lower), None)
            missing = [n for n in REQUIRED[self.entity] if columns[n] is None]
            if missing:
                raise ImportFormatError(
                    code="file.no_column", file=self.path.name, fields=", ".join(missing),
                    accepted=", ".join(ALIASES[self.entity][missing[0]][:6]))
            self.columns = columns
        return self.columns

    def get(self, raw: dict, name: str) -> str:
        columns = self.columns if self.columns is not None else self.resolve(raw.keys())
        column = columns[name]
        if column is None:
            return ""
        value = raw.get(column)
        if value is None:
            return ""
        return value if isinstance(value, str) else str(value)


def _product_parser(cols: ColumnMap, images: Path, decimal: str):
    photos = PhotoFolder(images)

    used: set[str] = set()  # the mapped columns (found on the first row)

    def parse(raw: dict) -> dict:
        ext = require_id(cols.get(raw, "id"), "product id")
        if not used:
            used.update(c for c in cols.resolve(raw.keys()).values() if c)
            used.add("attributes")
        attributes = {k: v for k, v in raw.items() if k not in used and v not in ("", None)}
        if isinstance(raw.get("attributes"), dict):
            attributes.update(raw["attributes"])
        image_value = cols.get(raw, "image")
        image = photos.named(image_value) if image_value else photos.for_id(ext)
        group = cols.get(raw, "group").strip()
        stock_text = cols.get(raw, "in_stock")
        stock = parse_stock(stock_text)
        if stock is None and stock_text.strip():
            attributes.setdefault(cols.resolve(raw.keys())["in_stock"], stock_text)
        return {
            "group_id": limit_length(group, "product family", 128) or None,
            "in_stock": stock,
            "external_id": ext,
            "title": cols.get(raw, "title").strip() or ext,
            "description": cols.get(raw, "description").strip(),
            "category": limit_length(cols.get(raw, "category").strip(), "category", 128),
            "colour": limit_length(cols.get(raw, "colour").strip(), "colour", 64),
            "price": parse_price(cols.get(raw, "price"), decimal=decimal),
            "attributes": attributes,
            "image_candidate": image,
        }

    return parse


def _shopper_parser(cols: ColumnMap):
    def parse(raw: dict) -> dict:
        ext = require_id(cols.get(raw, "id"), "shopper id")
        id_column = cols.resolve(raw.keys())["id"]
        return {"external_id": ext,
                "attributes": {k: v for k, v in raw.items() if k != id_column and v}}

    return parse


def _review_parser(cols: ColumnMap, decimal: str):
    def parse(raw: dict) -> dict:
        product = require_id(cols.get(raw, "product"), "product id")
        shopper_text = cols.get(raw, "shopper").strip()
        shopper = require_id(shopper_text, "shopper id") if shopper_text else None
        rating = parse_float(cols.get(raw, "rating"), "rating", decimal)
        text = cols.get(raw, "text").strip()
        stamp_text = cols.get(raw, "timestamp").strip()
        stamp = parse_timestamp(stamp_text) if stamp_text else None
        given = cols.get(raw, "id").strip()
        ext = require_id(given, "review id") if given else "auto:" + content_hash(
            [product, shopper, rating, text, stamp_text])[:32]
        return {"external_id": ext, "product": product, "shopper": shopper, "rating": rating,
                "text": text, "created_at": stamp}

    return parse


def _open_rows(path: Path, encoding: str | None, max_row_bytes: int, make_parser,
               cols: ColumnMap, *args) -> Reading:
    return Reading(read_rows(path, encoding, max_row_bytes=max_row_bytes),
                   parse=make_parser(cols, *args))


def _open_events(path: Path, encoding: str | None, max_row_bytes: int, cols: ColumnMap,
                 decimal: str) -> Reading:
    if path.suffix.lower() == ".csv":  # lists, not a dict per row
        rows = CsvRows(path, encoding, max_row_bytes=max_row_bytes)
        field = list_field(rows.header or [], cols.resolve(rows.header or []))
    else:
        rows, field = read_rows(path, encoding, max_row_bytes=max_row_bytes), cols.get
    return Reading(rows, parse_batch=EventBatchParser(field, path.name, decimal=decimal,
                                                      default_kind=InteractionKind.PURCHASE))


def _photos_unchanged(store: Store) -> bool:
    with store.read() as session:
        return import_writer.photos_unchanged(session)


def check_generic_source(source: GenericSource) -> tuple[dict[str, Path], Path | None]:
    """The files to read and the images folder, or a clear error before anything is opened."""
    if source.encoding:
        resolve_encoding(source.encoding)
    check_decimal(source.decimal)
    files = {"products": require_file(Path(source.products), "products file")}
    for entity in ("shoppers", "events", "reviews"):
        path = getattr(source, entity)
        if path is not None:
            files[entity] = require_file(Path(path), f"{entity} file")
    images = Path(source.images) if source.images else None
    if images is not None and not images.is_dir():
        raise ImportFormatError(code="folder.not_found", path=str(images))
    return files, images


def import_generic(
    store: Store,
    source: GenericSource,
    *,
    progress: ProgressSink = ignore_progress,
    cancel: CancelToken | None = None,
    batch_size: int | None = None,
) -> ImportReport:
    files, images = check_generic_source(source)
    encoding = resolve_encoding(source.encoding) if source.encoding else None
    decimal = source.decimal
    products = files["products"]
    scans = {entity: scan_file(path) for entity, path in files.items()}
    pipeline = ImportPipeline(store, "generic", str(products.parent),
                              total_rows=sum(s.lines for s in scans.values()),
                              progress=progress, cancel=cancel or CancelToken(),
                              batch_size=batch_size)
    photo_root = images or products.parent
    parse_options = (f"generic|{encoding}|{decimal}|{source.max_row_bytes}|"
                     f"{sorted(source.mapping.items())}")

    def opener(entity: str, make_parser, *args):
        return partial(_open_rows, files[entity], encoding, source.max_row_bytes, make_parser,
                       ColumnMap(entity, source.mapping, files[entity]), *args)

    def known_products() -> str:  # events and reviews are checked against the products
        with store.read() as session:
            return f"products<={import_writer.product_count(session)}"

    with pipeline:
        report = pipeline.report
        writer = ProductWriter()
        pipeline.run(Stage(
            "products", products, opener("products", _product_parser, photo_root, decimal),
            writer, prepare=ProductImages(store, products.name), scan=scans["products"],
            options=f"{parse_options}|{photo_root.resolve()}|{folder_signature(photo_root)}",
            reusable=lambda: _photos_unchanged(store), begin=writer.begin,
            finish=writer.finish, exclusive=BULK_LOCK))
        if "shoppers" in files:
            pipeline.run(Stage("shoppers", files["shoppers"],
                               opener("shoppers", _shopper_parser), write_shoppers,
                               scan=scans["shoppers"], options=parse_options))
        if "events" in files:
            path = files["events"]
            events = EventWriter(report, path.name)
            bulk = EventBulk(events)
            pipeline.run(Stage("events", path,
                               partial(_open_events, path, encoding, source.max_row_bytes,
                                       ColumnMap("events", source.mapping, path), decimal),
                               events, unique_key=None, batch_size=EVENT_BATCH,
                               scan=scans["events"],
                               options=f"{parse_options}|{known_products()}",
                               begin=bulk.begin, finish=bulk.finish,
                               check_references=False, exclusive=BULK_LOCK,
                               resolver=events.resolver))
        if "reviews" in files:
            pipeline.run(Stage("reviews", files["reviews"],
                               opener("reviews", _review_parser, decimal),
                               ReviewWriter(report, files["reviews"].name),
                               scan=scans["reviews"],
                               options=f"{parse_options}|{known_products()}"))
    return report
