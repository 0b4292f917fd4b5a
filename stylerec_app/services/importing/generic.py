"""Import a generic catalog: products CSV/JSON Lines, optional images, shoppers, events, reviews.

Columns are found by name (any of the aliases below, case-insensitive, English or
Chinese); `mapping` overrides them, e.g. {"products.title": "Name"}. Any other
product column is kept as an attribute. See README "Generic import layout".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from stylerec_app.domain.errors import ImportFormatError
from stylerec_app.domain.imports import ImportReport
from stylerec_app.domain.progress import CancelToken, ProgressSink, ignore_progress
from stylerec_app.services.importing.images import find_image
from stylerec_app.services.importing.parsing import (
    EventKeys,
    RowError,
    check_decimal,
    content_hash,
    limit_length,
    parse_float,
    parse_kind,
    parse_price,
    parse_timestamp,
    require_id,
)
from stylerec_app.services.importing.pipeline import DEFAULT_BATCH, ImportPipeline, Stage
from stylerec_app.services.importing.sources import (
    DEFAULT_MAX_ROW_BYTES,
    count_lines,
    read_rows,
    require_file,
    resolve_encoding,
)
from stylerec_app.services.importing.writers import (
    EventWriter,
    ProductImages,
    ReviewWriter,
    image_under,
    write_products,
    write_shoppers,
)
from stylerec_app.storage.database import Store

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
        column = self.resolve(raw.keys())[name]
        value = raw.get(column) if column else None
        return "" if value is None else str(value)


def _product_parser(cols: ColumnMap, images: Path, decimal: str):
    def parse(raw: dict) -> dict:
        ext = require_id(cols.get(raw, "id"), "product id")
        used = {c for c in cols.resolve(raw.keys()).values() if c}
        attributes = {k: v for k, v in raw.items()
                      if k not in used and k != "attributes" and v not in ("", None)}
        if isinstance(raw.get("attributes"), dict):
            attributes.update(raw["attributes"])
        image_value = cols.get(raw, "image")
        image = image_under(images, image_value) if image_value else find_image(images, ext)
        return {
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


def _event_parser(cols: ColumnMap, keys: EventKeys, decimal: str):
    def parse(raw: dict) -> dict:
        shopper = require_id(cols.get(raw, "shopper"), "shopper id")
        product = require_id(cols.get(raw, "product"), "product id")
        kind = parse_kind(cols.get(raw, "kind"), default=parse_kind("purchase"))
        value = parse_float(cols.get(raw, "value"), "value", decimal)
        if kind == "rating" and value is None:
            raise RowError("rating.missing")
        stamp = parse_timestamp(cols.get(raw, "timestamp"))
        channel = limit_length(cols.get(raw, "channel").strip(), "channel", 32)
        return {"shopper": shopper, "product": product, "kind": kind, "value": value,
                "timestamp": stamp, "channel": channel,
                "event_key": keys.key(shopper, product, kind, stamp.isoformat(), value, channel)}

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
    batch_size: int = DEFAULT_BATCH,
) -> ImportReport:
    files, images = check_generic_source(source)
    encoding = resolve_encoding(source.encoding) if source.encoding else None
    decimal = source.decimal
    products = files["products"]
    total = sum(count_lines(p) for p in files.values())
    pipeline = ImportPipeline(store, "generic", str(products.parent), total_rows=total,
                              progress=progress, cancel=cancel or CancelToken(),
                              batch_size=batch_size)

    def rows(entity: str):
        return read_rows(files[entity], encoding, max_row_bytes=source.max_row_bytes)

    def cols(entity: str) -> ColumnMap:
        return ColumnMap(entity, source.mapping, files[entity])

    with pipeline:
        report = pipeline.report
        pipeline.run(Stage("products", products, rows("products"),
                           _product_parser(cols("products"), images or products.parent,
                                           decimal),
                           write_products, prepare=ProductImages(store, products.name)))
        if "shoppers" in files:
            pipeline.run(Stage("shoppers", files["shoppers"], rows("shoppers"),
                               _shopper_parser(cols("shoppers")), write_shoppers))
        if "events" in files:
            pipeline.run(Stage("events", files["events"], rows("events"),
                               _event_parser(cols("events"), EventKeys(), decimal),
                               EventWriter(report, files["events"].name), unique_key=None))
        if "reviews" in files:
            pipeline.run(Stage("reviews", files["reviews"], rows("reviews"),
                               _review_parser(cols("reviews"), decimal),
                               ReviewWriter(report, files["reviews"].name)))
    return report
