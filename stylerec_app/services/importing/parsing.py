"""Field parsers for imported rows: each raises RowError with a code a person can act on."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime, timedelta

from stylerec_app.domain.catalog import InteractionKind
from stylerec_app.domain.errors import UsageError
from stylerec_app.domain.messages import english


class RowError(ValueError):
    """The row cannot be imported; code + arguments become the report's reason."""

    def __init__(self, code: str, **args) -> None:
        self.code, self.args_ = code, args
        super().__init__(english(code, args))


DECIMALS = ("point", "comma")
MAX_ID_LENGTH = 128
EARLIEST = datetime(1970, 1, 2)  # before this, a date is almost surely a default or a typo
FUTURE_SLACK = timedelta(days=2)  # clocks and time zones: a little ahead of now is fine

_CURRENCY = re.compile(r"[¥$€£￥]|RMB|CNY|USD|EUR|元", re.IGNORECASE)
_GROUP_SPACE = re.compile(r"[\s\u00a0\u202f']+")  # 1 299,50 · 1'299.50
_PLAIN = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
_GROUPED = {  # thousands grouped by the other mark, then an optional decimal part
    "point": re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?"),
    "comma": re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d*)?"),
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

_KIND_SYNONYMS = {
    "view": InteractionKind.VIEW, "views": InteractionKind.VIEW, "pageview": InteractionKind.VIEW,
    "impression": InteractionKind.VIEW, "浏览": InteractionKind.VIEW,
    "click": InteractionKind.CLICK, "clicks": InteractionKind.CLICK, "点击": InteractionKind.CLICK,
    "cart": InteractionKind.CART, "add_to_cart": InteractionKind.CART,
    "addtocart": InteractionKind.CART, "basket": InteractionKind.CART,
    "加购": InteractionKind.CART, "加入购物车": InteractionKind.CART,
    "purchase": InteractionKind.PURCHASE, "buy": InteractionKind.PURCHASE,
    "order": InteractionKind.PURCHASE, "transaction": InteractionKind.PURCHASE,
    "购买": InteractionKind.PURCHASE, "下单": InteractionKind.PURCHASE,
    "rating": InteractionKind.RATING, "rate": InteractionKind.RATING,
    "评分": InteractionKind.RATING,
}


def check_decimal(decimal: str) -> str:
    if decimal not in DECIMALS:
        raise UsageError(code="usage.decimal", value=decimal)
    return decimal


def require(value: str | None, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise RowError("field.missing", field=what)
    return value


def require_id(value: str | None, what: str) -> str:
    """An id as given, but never empty, with control characters, or longer than a key may be."""
    text = require(value, what)
    if _CONTROL.search(text):
        raise RowError("field.control", field=what, value=text)
    if len(text) > MAX_ID_LENGTH:
        raise RowError("field.too_long", field=what, length=len(text), limit=MAX_ID_LENGTH)
    return text


def limit_length(value: str, what: str, limit: int) -> str:
    if len(value) > limit:
        raise RowError("field.too_long", field=what, length=len(value), limit=limit)
    return value


def parse_number(raw: str | None, what: str, decimal: str = "point") -> float | None:
    """'12.50', '1,299.00', '¥ 3' → float; '12,50' only with decimal='comma', never rescaled.

    A comma (or point) that could be either the decimal or the thousands mark is refused
    unless the file's decimal mark was declared, so 12,50 never silently becomes 1250.
    """
    text = (raw or "").strip()
    if not text:
        return None
    other = "," if decimal == "point" else "."
    body = _GROUP_SPACE.sub(other, _CURRENCY.sub("", text).strip())
    if _GROUPED[decimal].fullmatch(body):
        body = body.replace(other, "")
    elif _PLAIN.fullmatch(body) and other not in body:
        pass
    elif _PLAIN.fullmatch(body) or _GROUPED["comma" if decimal == "point" else "point"
                                            ].fullmatch(body):
        # "12,50" in a point file (or "1.234,5"): decimal or thousands? Never guess.
        raise RowError("number.ambiguous", field=what, value=text)
    else:
        raise RowError("number.unparsable", field=what, value=text)
    value = float(body.replace(",", "."))
    if value != value or value in (float("inf"), float("-inf")):
        raise RowError("number.invalid", field=what, value=text)
    return value


def parse_price(raw: str | None, *, required: bool = False, decimal: str = "point"
                ) -> float | None:
    text = (raw or "").strip()
    if not text:
        if required:
            raise RowError("field.missing", field="price")
        return None
    value = parse_number(text, "price", decimal)
    if value is None or value < 0:
        raise RowError("number.invalid", field="price", value=text)
    return value


def parse_float(raw: str | None, what: str, decimal: str = "point") -> float | None:
    return parse_number(raw, what, decimal)


def parse_timestamp(raw: str | None, *, now: datetime | None = None) -> datetime:
    """ISO 8601 date/datetime (offsets converted to UTC), '2020/09/22', or Unix seconds/ms,
    within 1970 … a couple of days from now (naive UTC)."""
    text = (raw or "").strip()
    if not text:
        raise RowError("field.missing", field="timestamp")
    try:
        if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
            seconds = float(text)
            if seconds > 1e11:  # milliseconds
                seconds /= 1000.0
            stamp = datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
        else:
            candidate = text.replace("/", "-").replace("Z", "+00:00")
            stamp = datetime.fromisoformat(candidate)
            if stamp.tzinfo is not None:
                stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    except (OverflowError, OSError):  # 0001-01-01 with an offset, year 10^7 as seconds…
        raise RowError("date.out_of_range", value=text, low=f"{EARLIEST:%Y-%m-%d}",
                       high="today") from None
    except ValueError:
        raise RowError("date.unparsable", value=text) from None
    latest = (now or datetime.now(UTC).replace(tzinfo=None)) + FUTURE_SLACK
    if not EARLIEST <= stamp <= latest:
        raise RowError("date.out_of_range", value=text, low=f"{EARLIEST:%Y-%m-%d}",
                       high=f"{latest:%Y-%m-%d}")
    return stamp


def parse_kind(raw: str | None, default: InteractionKind | None = None) -> InteractionKind:
    text = (raw or "").strip().lower().replace("-", "_").replace(" ", "_")
    if not text:
        if default is None:
            raise RowError("field.missing", field="event kind")
        return default
    kind = _KIND_SYNONYMS.get(text)
    if kind is None:
        raise RowError("kind.unknown", value=raw)
    return kind


def content_hash(fields: dict) -> str:
    """Stable hash of the imported fields: equal hashes mean the row is unchanged
    (128 bits: plenty to tell a change, half the bytes of a sha256 per stored row)."""
    blob = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(blob.encode("utf-8"), digest_size=16).hexdigest()


_STOCK = {"yes": True, "y": True, "true": True, "1": True, "in stock": True, "in_stock": True,
          "available": True, "有货": True, "有": True, "是": True,
          "no": False, "n": False, "false": False, "0": False, "out of stock": False,
          "out_of_stock": False, "sold out": False, "unavailable": False, "无货": False,
          "缺货": False, "否": False}


def parse_stock(raw) -> bool | None:
    """Whether a product can be sold now; None when the value says nothing we know
    (Merchant Center's preorder/backorder included): it stays an attribute."""
    if isinstance(raw, bool):
        return raw
    return _STOCK.get(str(raw or "").strip().lower())
